"""render_document, check_document and detect_format on real templates."""

from __future__ import annotations

import pytest
import yaml

from distr_secrets.errors import DistrError
from distr_secrets.formats.compose_env import resolve_env
from distr_secrets.formats.roundtrip import Substitution, find_problems
from distr_secrets.formats.yaml_check import YamlReader
from distr_secrets.rendering import (
    CheckReport,
    FormatCheckError,
    check_document,
    detect_format,
    render_document,
)
from distr_secrets.secret import SecretValue
from distr_secrets.template import ExecError, Reference

FORMATS = [
    ("deploy/.env", None, "env"),
    ("prod.env", None, "env"),
    (".env.production", None, "env"),
    ("values.yaml", None, "yaml"),
    ("chart/values.yml", None, "yaml"),
    ("notes.txt", None, "text"),
    ("environment", None, "text"),
    (None, None, "text"),
    ("values.yaml", "text", "text"),
    ("notes.txt", "env", "env"),
    (None, "yaml", "yaml"),
]


@pytest.mark.parametrize(("path", "explicit", "expected"), FORMATS)
def test_detect_format(path: str | None, explicit: str | None, expected: str) -> None:
    assert detect_format(path, explicit) == expected


def test_detect_format_unknown_explicit() -> None:
    with pytest.raises(DistrError) as raised:
        detect_format("values.yaml", "toml")

    assert str(raised.value) == "unknown format 'toml': expected one of env, yaml, text"


def test_text_format_is_not_checked() -> None:
    output = render_document(
        "key: {{ .Secrets.K }}\n", {"K": "yes\nx"}, name="notes.txt", format="text"
    )

    assert output == "key: yes\nx\n"


def test_no_verify_writes_changed_value() -> None:
    output = render_document(
        "K={{ .Secrets.K }}\n", {"K": "a$b"}, name=".env", format="env", verify=False
    )

    assert output == "K=a$b\n"


def test_secret_value_objects_are_revealed() -> None:
    output = render_document(
        'key: {{ printf "%q" .Secrets.K }}\n',
        {"K": SecretValue('say "yes"')},
        name="values.yaml",
        format="yaml",
    )

    assert yaml.safe_load(output) == {"key": 'say "yes"'}


def test_values_used_only_in_conditions_are_not_checked() -> None:
    source = (
        '{{ if eq .Secrets.MODE "on" }}mode: enabled{{ end }}\n'
        "{{ if .Secrets.FLAG }}flag: set{{ end }}\n"
    )

    output = render_document(
        source, {"MODE": "on", "FLAG": "*alias"}, name="values.yaml", format="yaml"
    )

    assert output == "mode: enabled\nflag: set\n"


def test_several_keys_in_one_action() -> None:
    source = 'url: {{ printf "%s:%s" .Secrets.USER .Secrets.PASS }}\n'

    with pytest.raises(FormatCheckError) as raised:
        render_document(
            source, {"USER": "admin", "PASS": "x #y"}, name="values.yaml", format="yaml"
        )

    assert str(raised.value) == (
        "values.yaml:1:8: secrets PASS, USER would not be read back as written: "
        "Helm reads the value cut at ` #`, where a comment starts; "
        'write {{ printf "%q" (PIPELINE) }} around the action\'s pipeline, '
        "which YAML reads as a double-quoted string"
    )


def test_several_keys_printf_q_is_intact() -> None:
    source = 'url: {{ printf "%q" (printf "%s:%s" .Secrets.USER .Secrets.PASS) }}\n'

    output = render_document(
        source, {"USER": "admin", "PASS": "x #y"}, name="values.yaml", format="yaml"
    )

    assert yaml.safe_load(output) == {"url": "admin:x #y"}


def test_adjacent_actions_fail_together() -> None:
    source = "flag: {{ .Secrets.A }}{{ .Secrets.B }}\n"

    with pytest.raises(FormatCheckError) as raised:
        render_document(source, {"A": "o", "B": "n"}, name="values.yaml", format="yaml")

    assert raised.value.problems == [
        (
            "values.yaml:1:9: secret A would not be read back as written: "
            "Helm reads a different value, made of this and the substitutions next to it; "
            'build the whole value in one printf "%q", as in '
            '{{ printf "%q" (printf "text-%s" .Secrets.KEY) }}'
        ),
        (
            "values.yaml:1:25: secret B would not be read back as written: "
            "Helm reads a different value, made of this and the substitutions next to it; "
            'build the whole value in one printf "%q", as in '
            '{{ printf "%q" (printf "text-%s" .Secrets.KEY) }}'
        ),
    ]


def test_each_failing_line_is_reported() -> None:
    source = "A={{ .Secrets.A }}\nB='{{ .Secrets.B }}'\nC={{ .Secrets.C }}\n"

    with pytest.raises(FormatCheckError) as raised:
        render_document(
            source,
            {"A": "$x", "B": "fine", "C": "it's #1"},
            name="app.env",
            format="env",
        )

    assert raised.value.problems == [
        (
            "app.env:1:5: secret A would not be read back as written: docker compose "
            "reads the value changed at `$`, which starts a variable reference; "
            "put the value in single quotes: A='{{ .Secrets.A }}'"
        ),
        (
            "app.env:3:5: secret C would not be read back as written: docker compose "
            "reads the value cut at ` #`, where a comment starts; "
            'put the value in double quotes: C="{{ .Secrets.C }}"'
        ),
    ]


def test_secret_in_variable_name() -> None:
    with pytest.raises(FormatCheckError) as raised:
        render_document("{{ .Secrets.K }}=1\n", {"K": "A B"}, name=".env", format="env")

    assert str(raised.value) == (
        ".env:1:3: secret K would not be read back as written: docker compose reads "
        "a different file structure; use the secret only inside a variable's value"
    )


def test_env_fix_names_variable_with_more_text() -> None:
    with pytest.raises(FormatCheckError) as raised:
        render_document(
            "URL=db://{{ .Secrets.K }}\n", {"K": "a$b"}, name=".env", format="env"
        )

    assert str(raised.value) == (
        ".env:1:12: secret K would not be read back as written: docker compose reads "
        "the value changed at `$`, which starts a variable reference; "
        "put the value in single quotes (URL)"
    )


def test_secret_inside_interpolation() -> None:
    with pytest.raises(FormatCheckError) as raised:
        render_document(
            "A=${{ .Secrets.K }}\n", {"K": "abc"}, name=".env", format="env"
        )

    assert str(raised.value) == (
        ".env:1:6: secret K would not be read back as written: docker compose reads "
        "it as part of a `$` variable reference; "
        "move the action out of the `$` variable reference"
    )


def test_no_quoting_keeps_value() -> None:
    with pytest.raises(FormatCheckError) as raised:
        render_document(
            'K="{{ .Secrets.K }}"\n', {"K": "it's $5\nnow"}, name=".env", format="env"
        )

    assert str(raised.value) == (
        ".env:1:6: secret K would not be read back as written: docker compose reads "
        "the value changed at `$`, which starts a variable reference; "
        "no quoting in a compose .env file keeps this value intact; "
        "store it in another form, such as base64"
    )


def test_invalid_output_apart_from_secrets() -> None:
    with pytest.raises(FormatCheckError) as raised:
        render_document(
            "a: 1\nb: [{{ .Secrets.K }}\n",
            {"K": "v"},
            name="values.yaml",
            format="yaml",
        )

    assert str(raised.value) == (
        "values.yaml:3: the rendered output is not valid YAML: "
        "expected ',' or ']', but got '<stream end>'"
    )


def test_invalid_env_apart_from_secrets() -> None:
    with pytest.raises(FormatCheckError) as raised:
        render_document(
            "A=1\nB C={{ .Secrets.K }}\n", {"K": "v"}, name=".env", format="env"
        )

    assert str(raised.value) == (
        ".env:2: the rendered output is not valid compose .env syntax: "
        "variable name contains a space"
    )


def test_template_errors_propagate() -> None:
    with pytest.raises(ExecError) as raised:
        render_document("K={{ .Secrets.NOPE }}\n", {}, name=".env", format="env")

    assert str(raised.value) == (
        'template: .env:1:13: executing ".env" at <.Secrets.NOPE>: '
        'map has no entry for key "NOPE"'
    )


def test_env_bom_and_crlf_template() -> None:
    source = "\ufeffFIRST={{ .Secrets.A }}\r\nSECOND='{{ .Secrets.B }}'\r\n"

    output = render_document(
        source, {"A": "one", "B": "two"}, name=".env", format="env"
    )

    assert output == "\ufeffFIRST=one\r\nSECOND='two'\r\n"
    assert resolve_env(output) == {"FIRST": "one", "SECOND": "two"}


def test_env_crlf_inside_double_quoted_lines() -> None:
    """A quoted value spanning CRLF lines keeps the carriage return, as in compose."""
    source = 'K="{{ .Secrets.A }}\r\nrest"\r\n'

    output = render_document(source, {"A": "one"}, name=".env", format="env")

    assert resolve_env(output) == {"K": "one\r\nrest"}


def test_yaml_bom_and_crlf_template() -> None:
    source = "\ufeffdb:\r\n  password: {{ .Secrets.A }}\r\n  user: admin\r\n"

    output = render_document(source, {"A": "s3cret"}, name="values.yaml", format="yaml")

    assert output == "\ufeffdb:\r\n  password: s3cret\r\n  user: admin\r\n"
    assert yaml.safe_load(output) == {"db": {"password": "s3cret", "user": "admin"}}


def test_yaml_crlf_still_rejects_trailing_space() -> None:
    source = "password: {{ .Secrets.A }}\r\n"

    with pytest.raises(FormatCheckError) as raised:
        render_document(source, {"A": "pad "}, name="values.yaml", format="yaml")

    assert str(raised.value) == (
        "values.yaml:1:13: secret A would not be read back as written: "
        "Helm reads the value without its leading or trailing spaces; "
        'write {{ printf "%q" .Secrets.A }}, which YAML reads as a double-quoted string'
    )


def test_check_document_reports_without_values() -> None:
    source = (
        "password: {{ .Secrets.DB }}\n"
        "{{ if .Secrets.OPTIONAL }}extra: x{{ end }}\n"
        "token: {{ .Secrets.TOKEN }}\n"
    )

    report = check_document(
        source, {"DB": "Sentinel: on", "TOKEN": "ok"}, name="values.yaml", format="yaml"
    )

    assert report == CheckReport(
        keys=["DB", "OPTIONAL", "TOKEN"],
        missing=["OPTIONAL"],
        lenient_uses=[Reference("OPTIONAL", 2, 14, True)],
        format_problems=[
            (
                "values.yaml:1:13: secret DB would not be read back as written: "
                "Helm reads a mapping, because the value contains `:` before a space "
                'or the end; write {{ printf "%q" .Secrets.DB }}, which YAML reads as '
                "a double-quoted string"
            )
        ],
        error=None,
    )
    assert not report.ok
    assert "Sentinel" not in repr(report)


def test_check_document_ok() -> None:
    report = check_document(
        "K='{{ .Secrets.K }}'\n", {"K": "a$b"}, name=".env", format="env"
    )

    assert report.ok
    assert report.format_problems == []


def test_check_document_template_error() -> None:
    report = check_document(
        "K={{ .Secrets.NOPE }}\n", {"K": "v"}, name=".env", format="env", strict=True
    )

    assert report.error == (
        'template: .env:1:13: executing ".env" at <.Secrets.NOPE>: '
        'map has no entry for key "NOPE"'
    )
    assert report.missing == ["NOPE"]
    assert not report.ok


@pytest.mark.parametrize(
    ("source", "strict", "optional", "ok"),
    [
        ('K={{ index .Secrets "NOPE" }}\n', False, [], False),
        ("{{ if .Secrets.NOPE }}K=1{{ end }}\n", False, ["NOPE"], True),
        ("{{ if .Secrets.NOPE }}K=1{{ end }}\n", True, [], False),
        ("{{ if .Secrets.NOPE }}K={{ .Secrets.NOPE }}{{ end }}\n", False, [], False),
        ("K={{ or .Secrets.NOPE .Secrets.NOPE }}\n", False, ["NOPE"], False),
    ],
    ids=["index", "lenient", "lenient-strict", "lenient-and-printed", "or-returns"],
)
def test_check_document_missing_key(
    source: str, strict: bool, optional: list[str], ok: bool
) -> None:
    report = check_document(source, {}, name=".env", format="env", strict=strict)

    assert report.missing == ["NOPE"]
    assert report.optional == optional
    assert report.required_missing == ([] if optional else ["NOPE"])
    assert report.ok is ok


@pytest.mark.parametrize(
    "source",
    ["K={{ .Secrets.K }}\n", "K='{{ .Secrets.K }}'\n", 'K="a {{ .Secrets.K }}"\n'],
    ids=["unquoted", "single-quoted", "double-quoted"],
)
def test_env_rejects_nul_byte(source: str) -> None:
    col = source.index(".Secrets")

    with pytest.raises(FormatCheckError) as caught:
        render_document(source, {"K": "a\0b"}, name=".env", format="env")
    report = check_document(source, {"K": "a\0b"}, name=".env", format="env")

    message = (
        f".env:1:{col}: secret K would not be read back as written: the value "
        "contains a NUL byte, which environment variables cannot contain; store "
        "the value without NUL bytes, for example base64-encoded"
    )
    assert caught.value.problems == [message]
    assert report.format_problems == [message]
    assert not report.ok


def test_check_document_parse_error() -> None:
    report = check_document("K={{ .Secrets.K\n", {"K": "v"}, name=".env", format="env")

    assert report.error == "template: .env:2: unclosed action started at .env:1"
    assert report.keys == []
    assert not report.ok


# An empty secret prints nothing, so these depend on execute_traced marking a
# zero-length span for it.
def test_empty_value_in_yaml_is_rejected() -> None:
    with pytest.raises(FormatCheckError):
        render_document(
            "key: {{ .Secrets.K }}\n", {"K": ""}, name="values.yaml", format="yaml"
        )


def test_empty_value_before_env_comment_is_rejected() -> None:
    with pytest.raises(FormatCheckError):
        render_document(
            "K={{ .Secrets.K }} # note\n", {"K": ""}, name=".env", format="env"
        )


def test_empty_value_found_with_hand_made_span() -> None:
    """The check itself rejects an empty value that YAML reads as null."""
    findings = find_problems(
        "key: \n", [Substitution(5, 5, "", ("",), ("K",))], YamlReader()
    )

    assert [finding.reason for finding in findings] == ["YAML null"]
