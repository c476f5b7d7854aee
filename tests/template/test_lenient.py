"""The lenient rule: a missing `.Secrets.KEY` is false where a condition is
expected, and fails everywhere else with Go's message.

The strict messages were produced by Go 1.27's text/template with
missingkey=error, template name "t".
"""

from __future__ import annotations

import pytest

from distr_secrets.template import ExecError, parse

SECRETS = {"A": "x", "B": "", "C": "multi\nline", "N": "42"}

# (template, output with the lenient rule, Go's error without it)
LENIENT_CASES = [
    (
        "{{ if .Secrets.NOPE }}a{{ else }}b{{ end }}",
        "b",
        'template: t:1:14: executing "t" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        "{{ if $.Secrets.NOPE }}a{{ else }}b{{ end }}",
        "b",
        'template: t:1:7: executing "t" at <$.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        "{{ with .Secrets.NOPE }}a{{ else }}b{{ end }}",
        "b",
        'template: t:1:16: executing "t" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        "{{ if .Secrets.B }}x{{ else if .Secrets.NOPE }}y{{ else }}z{{ end }}",
        "z",
        'template: t:1:39: executing "t" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        "{{ with .Secrets.B }}x{{ else with .Secrets.NOPE }}y{{ else }}z{{ end }}",
        "z",
        'template: t:1:43: executing "t" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        '{{ or .Secrets.NOPE "default" }}',
        "default",
        'template: t:1:14: executing "t" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        '{{ or $.Secrets.NOPE "default" }}',
        "default",
        'template: t:1:7: executing "t" at <$.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        "{{ if and .Secrets.A .Secrets.NOPE }}y{{ else }}n{{ end }}",
        "n",
        'template: t:1:29: executing "t" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        "{{ if or .Secrets.NOPE .Secrets.OTHER }}y{{ else }}n{{ end }}",
        "n",
        'template: t:1:17: executing "t" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        "{{ not .Secrets.NOPE }}",
        "true",
        'template: t:1:15: executing "t" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        "{{ .Secrets.NOPE | not }}",
        "true",
        'template: t:1:11: executing "t" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        '{{ .Secrets.NOPE | or "default" }}',
        "default",
        'template: t:1:11: executing "t" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        "{{ if not .Secrets.NOPE }}unset{{ end }}",
        "unset",
        'template: t:1:18: executing "t" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        '{{ if (or .Secrets.NOPE "") }}y{{ else }}n{{ end }}',
        "n",
        'template: t:1:18: executing "t" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        '{{ if or (and .Secrets.NOPE "x") "fallback" }}y{{ end }}',
        "y",
        'template: t:1:22: executing "t" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        "{{ range 2 }}{{ if $.Secrets.NOPE }}y{{ else }}n{{ end }}{{ end }}",
        "nn",
        'template: t:1:20: executing "t" at <$.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        '{{ define "opt" }}{{ if .Secrets.NOPE }}y{{ else }}n{{ end }}{{ end }}{{ template "opt" . }}',
        "n",
        'template: t:1:32: executing "opt" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
]

STILL_FAILING = [
    (
        "{{ .Secrets.NOPE }}",
        'template: t:1:11: executing "t" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        '{{ printf "%s" .Secrets.NOPE }}',
        'template: t:1:23: executing "t" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        '{{ eq .Secrets.NOPE "x" }}',
        'template: t:1:14: executing "t" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        '{{ if eq .Secrets.NOPE "" }}y{{ end }}',
        'template: t:1:17: executing "t" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        "{{ if (.Secrets.NOPE) }}y{{ end }}",
        'template: t:1:15: executing "t" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        "{{ $x := .Secrets.NOPE }}",
        'template: t:1:17: executing "t" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        "{{ if $x := .Secrets.NOPE }}y{{ end }}",
        'template: t:1:20: executing "t" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        "{{ range .Secrets.NOPE }}y{{ end }}",
        'template: t:1:17: executing "t" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        '{{ define "x" }}{{ . }}{{ end }}{{ template "x" .Secrets.NOPE }}',
        'template: t:1:56: executing "t" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        '{{ printf "%s" (or .Secrets.NOPE .Secrets.OTHER) }}',
        'template: t:1:27: executing "t" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        "{{ or .Secrets.NOPE .Secrets.OTHER }}",
        'template: t:1:14: executing "t" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        '{{ and .Secrets.NOPE "x" }}',
        'template: t:1:15: executing "t" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        "{{ len (and .Secrets.NOPE 1) }}",
        'template: t:1:20: executing "t" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        '{{ .Secrets.NOPE | printf "%s" }}',
        'template: t:1:11: executing "t" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        "{{ if .Secrets.NOPE.X }}y{{ end }}",
        'template: t:1:14: executing "t" at <.Secrets.NOPE.X>: map has no entry for key "NOPE"',
    ),
    (
        "{{ if .Secret.A }}y{{ end }}",
        'template: t:1:13: executing "t" at <.Secret.A>: map has no entry for key "Secret"',
    ),
    (
        "{{ .Secrets.NOPE | html }}",
        'template: t:1:11: executing "t" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        '{{ with .Secrets.NOPE | printf "%s" }}y{{ end }}',
        'template: t:1:16: executing "t" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        "{{ if index .Secrets.NOPE 0 }}y{{ end }}",
        'template: t:1:20: executing "t" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
    (
        '{{ if not (printf "%s" .Secrets.NOPE) }}y{{ end }}',
        'template: t:1:31: executing "t" at <.Secrets.NOPE>: map has no entry for key "NOPE"',
    ),
]


@pytest.mark.parametrize(("source", "output", "go_error"), LENIENT_CASES)
def test_lenient_position_reads_missing_as_false(
    source: str, output: str, go_error: str
) -> None:
    assert parse(source, "t").execute(SECRETS) == output


@pytest.mark.parametrize(("source", "output", "go_error"), LENIENT_CASES)
def test_strict_mode_gives_go_error(source: str, output: str, go_error: str) -> None:
    template = parse(source, "t")
    with pytest.raises(ExecError) as caught:
        template.execute(SECRETS, strict=True)
    assert str(caught.value) == go_error


@pytest.mark.parametrize(("source", "go_error"), STILL_FAILING)
@pytest.mark.parametrize("strict", [False, True])
def test_other_uses_of_missing_key_fail(
    source: str, go_error: str, strict: bool
) -> None:
    template = parse(source, "t")
    with pytest.raises(ExecError) as caught:
        template.execute(SECRETS, strict=strict)
    assert str(caught.value) == go_error


def test_or_result_assigned_to_variable_is_value() -> None:
    # "or" returns its last argument, a real empty string, so nothing fails.
    template = parse('{{ $y := or .Secrets.NOPE "" }}[{{ $y }}]', "t")
    assert template.execute(SECRETS) == "[]"


def test_present_key_in_lenient_position_prints() -> None:
    source = "{{ if .Secrets.A }}{{ .Secrets.A }}{{ else }}default{{ end }}"
    assert parse(source, "t").execute(SECRETS) == "x"


def test_empty_value_is_false_in_both_modes() -> None:
    source = '{{ or .Secrets.B "fallback" }}'
    template = parse(source, "t")
    assert template.execute(SECRETS) == "fallback"
    assert template.execute(SECRETS, strict=True) == "fallback"
