"""execute_traced spans and references() on the template source."""

from __future__ import annotations

import pytest

from distr_secrets.template import OutputSpan, Reference, parse

SECRETS = {"A": "alpha", "B": "", "C": "multi\nline", "HTML": "<b>"}


def spans_of(source: str) -> tuple[str, list[tuple[str, set[str]]]]:
    """Render traced; return the output and (spanned text, keys) per span."""
    output, spans = parse(source, "t").execute_traced(SECRETS)
    return output, [(output[s.start : s.end], set(s.keys)) for s in spans]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("x {{ .Secrets.A }} y", [("alpha", {"A"})]),
        ("{{ $.Secrets.A }}", [("alpha", {"A"})]),
        ('{{ index .Secrets "A" }}', [("alpha", {"A"})]),
        (
            '{{ printf "%s-%s" .Secrets.A .Secrets.C }}',
            [("alpha-multi\nline", {"A", "C"})],
        ),
        ('{{ .Secrets.A | printf "<%s>" }}', [("<alpha>", {"A"})]),
        ("{{ html .Secrets.HTML }}", [("&lt;b&gt;", {"HTML"})]),
        ("{{ slice .Secrets.A 1 3 }}", [("lp", {"A"})]),
        ("{{ index .Secrets.A 0 }}", [("97", {"A"})]),
        ("{{ with .Secrets.A }}[{{ . }}]{{ end }}", [("alpha", {"A"})]),
        ("{{ $x := .Secrets.A }}{{ $x }}", [("alpha", {"A"})]),
        ("{{ or .Secrets.B .Secrets.A }}", [("alpha", {"A"})]),
        (
            '{{ define "d" }}<{{ . }}>{{ end }}{{ template "d" .Secrets.A }}',
            [("alpha", {"A"})],
        ),
        (
            "{{ range $k, $v := .Secrets }}{{ $k }}={{ $v }};{{ end }}",
            [
                ("alpha", {"A"}),
                ("", {"B"}),
                ("multi\nline", {"C"}),
                ("<b>", {"HTML"}),
            ],
        ),
        (
            "{{ .Secrets }}",
            [("map[A:alpha B: C:multi\nline HTML:<b>]", {"A", "B", "C", "HTML"})],
        ),
    ],
)
def test_traced_span_covers_secret_output(
    source: str, expected: list[tuple[str, set[str]]]
) -> None:
    _, spans = spans_of(source)
    assert spans == expected


@pytest.mark.parametrize(
    "source",
    [
        "plain text",
        '{{ "literal" }}',
        "{{ len .Secrets.A }}",
        '{{ eq .Secrets.A "alpha" }}',
        "{{ range $k, $v := .Secrets }}{{ $k }}{{ end }}",
    ],
)
def test_traced_no_span_without_secret_output(source: str) -> None:
    _, spans = spans_of(source)
    assert spans == []


def test_traced_output_equals_execute() -> None:
    source = "a {{ .Secrets.A }}\nb {{ .Secrets.C }} {{ 1 }}\n"
    template = parse(source, "t")
    output, _ = template.execute_traced(SECRETS)
    assert output == template.execute(SECRETS)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{ .Secrets.B }}", [OutputSpan(0, 0, frozenset({"B"}), 1, 3)]),
        ("k: {{ .Secrets.B }}!", [OutputSpan(3, 3, frozenset({"B"}), 1, 6)]),
        (
            '{{ printf "%s" .Secrets.B }}',
            [OutputSpan(0, 0, frozenset({"B"}), 1, 3)],
        ),
    ],
)
def test_traced_empty_value_has_empty_span(
    source: str, expected: list[OutputSpan]
) -> None:
    _, spans = parse(source, "t").execute_traced(SECRETS)
    assert spans == expected


def test_traced_span_positions() -> None:
    source = 'é: {{ .Secrets.A }}\n  k: {{ printf "%s" .Secrets.C }}'
    output, spans = parse(source, "t").execute_traced(SECRETS)
    assert output == "é: alpha\n  k: multi\nline"
    assert spans == [
        OutputSpan(start=3, end=8, keys=frozenset({"A"}), line=1, col=7),
        OutputSpan(start=14, end=24, keys=frozenset({"C"}), line=2, col=8),
    ]


def test_references_lists_keys_in_source_order() -> None:
    source = (
        "{{ .Secrets.A }}\n"
        '{{ index .Secrets "B" }} {{ index $.Secrets "C" }}\n'
        "{{ $.Secrets.D }} {{ .Secrets.E.Field }}\n"
    )
    references = parse(source, "t").references()
    assert [r.key for r in references] == ["A", "B", "C", "D", "E"]
    assert [r.line for r in references] == [1, 2, 2, 3, 3]
    assert all(not r.lenient for r in references)


def test_references_position_matches_exec_error() -> None:
    source = "x\n  {{ .Secrets.NOPE }}"
    template = parse(source, "t")
    assert template.references() == [Reference("NOPE", 2, 13, False)]
    with pytest.raises(Exception) as caught:
        template.execute({}, strict=True)
    assert str(caught.value).startswith("template: t:2:13: ")


@pytest.mark.parametrize(
    ("source", "lenient"),
    [
        ("{{ if .Secrets.K }}{{ end }}", True),
        ("{{ if $.Secrets.K }}{{ end }}", True),
        ("{{ with .Secrets.K }}{{ end }}", True),
        ("{{ if 1 }}{{ else if .Secrets.K }}{{ end }}", True),
        ("{{ with 1 }}{{ else with .Secrets.K }}{{ end }}", True),
        ('{{ or .Secrets.K "d" }}', True),
        ("{{ and 1 .Secrets.K }}", True),
        ("{{ not .Secrets.K }}", True),
        ("{{ .Secrets.K | not }}", True),
        ('{{ printf "%s" (or .Secrets.K "d") }}', True),
        ("{{ .Secrets.K }}", False),
        ("{{ range .Secrets.K }}{{ end }}", False),
        ("{{ if $x := .Secrets.K }}{{ end }}", False),
        ("{{ if (.Secrets.K) }}{{ end }}", False),
        ('{{ if eq .Secrets.K "x" }}{{ end }}', False),
        ("{{ if .Secrets.K.Field }}{{ end }}", False),
        ('{{ if index .Secrets "K" }}{{ end }}', False),
        ('{{ .Secrets.K | printf "%s" | not }}', False),
    ],
)
def test_references_mark_lenient_positions(source: str, lenient: bool) -> None:
    references = parse(source, "t").references()
    assert [r.key for r in references] == ["K"]
    assert references[0].lenient is lenient


def test_references_inside_define_and_block() -> None:
    source = (
        '{{ define "a" }}{{ .Secrets.X }}{{ end }}'
        '{{ block "b" . }}{{ if .Secrets.Y }}{{ end }}{{ end }}'
    )
    references = parse(source, "t").references()
    assert [(r.key, r.lenient) for r in references] == [("X", False), ("Y", True)]
