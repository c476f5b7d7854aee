"""Hostile input: only output or a TemplateError, never another exception."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from distr_secrets.template import (
    ExecError,
    LimitError,
    ParseError,
    TemplateError,
    parse,
    parser,
    render,
    stack,
)
from distr_secrets.template import exec as exec_module
from distr_secrets.template.parser import MAX_EXPRESSION_DEPTH

SECRETS = {"A": "x", "B": "", "PASSWORD": "S3NTINEL-VALUE"}

# Fragments that make random text close to a real template.
FRAGMENTS = [
    "{{",
    "}}",
    "{{-",
    "-}}",
    " ",
    "\n",
    ".",
    "$",
    "$x",
    ":=",
    "=",
    "|",
    "(",
    ")",
    ",",
    '"',
    "`",
    "'",
    "/*",
    "*/",
    ".Secrets",
    ".A",
    ".PASSWORD",
    ".NOPE",
    "if",
    "else",
    "end",
    "range",
    "with",
    "define",
    "template",
    "block",
    "break",
    "continue",
    "nil",
    "true",
    "1",
    "-1",
    "0x1F",
    "1.5",
    "1e3",
    "2i",
    "'a'",
    '"s"',
    "`r`",
    "and",
    "or",
    "not",
    "eq",
    "lt",
    "len",
    "index",
    "slice",
    "print",
    "printf",
    '"%d"',
    '"%s"',
    "html",
    "js",
    "urlquery",
    "call",
    "\x00",
    "\udcff",
    "é",
    "\\",
]


def run(source: str, strict: bool) -> None:
    try:
        output = render(source, SECRETS, name="t", strict=strict)
    except TemplateError as error:
        assert "S3NTINEL" not in str(error)
    else:
        assert isinstance(output, str)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=200), st.booleans())
def test_random_bytes_give_output_or_template_error(data: bytes, strict: bool) -> None:
    run(data.decode("utf-8", "surrogateescape"), strict)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40), st.booleans())
def test_near_valid_templates_give_output_or_template_error(
    fragments: list[str], strict: bool
) -> None:
    run("".join(fragments), strict)


@pytest.mark.parametrize(
    "source",
    [
        "{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}",
        "{{ if 1 }}" * 5000 + "1" + "{{ end }}" * 5000,
        "{{ range 1 }}" * 2000 + "1" + "{{ end }}" * 2000,
        "{{ if 0 }}" + "{{ else if 0 }}" * 3000 + "{{ else }}1{{ end }}",
        '{{ define "r" }}{{ if . }}{{ template "r" (slice . 1) }}{{ end }}{{ end }}'
        + '{{ template "r" "'
        + "x" * 3000
        + '" }}1',
    ],
)
def test_deep_nesting_renders_as_go(source: str) -> None:
    # Deeper than Python's default recursion limit, so this runs on the
    # deep-stack thread.
    assert render(source, {}) == "1"


def test_parenthesis_depth_limit_is_go_limit() -> None:
    depth = MAX_EXPRESSION_DEPTH + 1
    with pytest.raises(ParseError) as caught:
        parse("{{ " + "(" * depth + "1" + ")" * depth + " }}", "t")
    assert str(caught.value) == "template: t:1: max expression depth exceeded"


def test_control_depth_limit_raises_limit_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(parser, "MAX_CONTROL_DEPTH", 50)
    assert render("{{ if 1 }}" * 50 + "x" + "{{ end }}" * 50, {}) == "x"
    with pytest.raises(LimitError) as caught:
        parse("{{ with 1 }}" * 51 + "{{ end }}" * 51, "t")
    assert str(caught.value) == (
        "template: t:1: control structures nested deeper than 50 levels "
        "are not supported"
    )


def test_template_depth_limit_is_go_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(exec_module, "MAX_TEMPLATE_DEPTH", 50)
    source = '{{ define "r" }}{{ template "r" . }}{{ end }}{{ template "r" . }}'
    with pytest.raises(ExecError) as caught:
        render(source, {}, name="t")
    assert str(caught.value) == (
        'template: t:1:28: executing "r" at <{{template "r" .}}>: '
        "exceeded maximum template depth (50)"
    )


def test_recursion_beyond_deep_stack_raises_limit_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(stack, "DEEP_RECURSION_LIMIT", 20_000)
    body = "{{ if 1 }}" * 100 + '{{ template "r" . }}' + "{{ end }}" * 100
    source = '{{ define "r" }}' + body + '{{ end }}{{ template "r" . }}'
    with pytest.raises(LimitError) as caught:
        render(source, {}, name="t")
    assert str(caught.value) == (
        "template: t: template nested too deeply for this implementation"
    )


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ('{{ "abc', "template: t:1: unterminated quoted string"),
        ("{{ `abc", "template: t:1: unterminated raw quoted string"),
        ("{{ 'a", "template: t:1: unterminated character constant"),
        ("{{/* abc", "template: t:1: unclosed comment"),
        ("{{ \x00 }}", "template: t:1: unrecognized character in action: U+0000"),
        (
            "{{ \udcff }}",
            "template: t:1: unrecognized character in action: U+FFFD '\ufffd'",
        ),
    ],
)
def test_unterminated_and_invalid_input(source: str, message: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse(source, "t")
    assert str(caught.value) == message


def test_invalid_utf8_text_survives() -> None:
    source = 'a\udcffb{{ `\udcfe` }}{{ "\udcfd" }}\x00'
    # Go keeps raw bytes in text and raw strings, and turns an invalid byte
    # in an interpreted string into U+FFFD.
    assert render(source, {}) == "a\udcffb\udcfe\ufffd\x00"


def test_large_template_renders() -> None:
    source = "key: {{ .Secrets.A }}\n" * 50_000
    assert render(source, SECRETS) == "key: x\n" * 50_000


@pytest.mark.parametrize(
    "source",
    [
        "{{ range .Secrets.PASSWORD }}{{ end }}",
        "{{ .Secrets.PASSWORD | call }}",
        "{{ eq .Secrets .Secrets }}",
        "{{ eq . . }}",
    ],
)
def test_error_messages_mask_secret_values(source: str) -> None:
    with pytest.raises(TemplateError) as caught:
        render(source, SECRETS, name="t", strict=True)
    assert "S3NTINEL" not in str(caught.value)
    assert "********" in str(caught.value)
