"""The one-pass paths for simple actions must build the general parser's tree."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from distr_secrets.template import TemplateError, parse
from distr_secrets.template import nodes as n
from distr_secrets.template.lexer import Lexer

PIECES = [
    " ",
    "  ",
    "\n",
    "|",
    " | ",
    ".",
    ".Secrets",
    ".A",
    ".Secrets.A",
    "$",
    "$x",
    "$.Secrets.A",
    "print",
    "printf",
    "len",
    "and",
    "not",
    "foo",
    "if",
    "end",
    "else",
    "range",
    "true",
    "nil",
    '"s"',
    '"%q"',
    '"\\q"',
    "1",
    "08",
    "0x1",
    "-",
    " -",
    "- ",
    "x",
    "}",
    "{",
]


def dump(node: object) -> object:
    """Return a comparable structure of a node and everything under it."""
    if isinstance(node, list):
        return [dump(item) for item in node]
    if not isinstance(node, n.Node):
        return node
    fields = {}
    for cls in type(node).__mro__:
        for slot in getattr(cls, "__slots__", ()):
            fields[slot] = dump(getattr(node, slot))
    return (type(node).__name__, fields)


def parse_result(source: str) -> object:
    try:
        template = parse(source, "t")
    except TemplateError as error:
        return ("error", type(error).__name__, str(error))
    return {name: dump(tree.root) for name, tree in template.trees.items()}


def general_parse_result(source: str, monkeypatch: pytest.MonkeyPatch) -> object:
    with monkeypatch.context() as patch:
        patch.setattr(Lexer, "take_simple_action", lambda self: None)
        patch.setattr(Lexer, "lex_simple_action", lambda self: False)
        patch.setattr(Lexer, "action_bounds", lambda self: None)
        return parse_result(source)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(PIECES), max_size=8),
    st.sampled_from(["{{", "{{- ", "a {{"]),
    st.sampled_from(["}}", " -}}", "}} b", "-}}"]),
    st.sampled_from(
        [
            "",
            "{{ $x := 1 }}",
            "{{ if 1 }}",
            "{{ range 1 }}",
            "{{ if .A }}",
            "{{- with $.Secrets.A -}}\n",
            "{{ range .Secrets }}",
        ]
    ),
    st.sampled_from(["", "{{ else }}", " {{- else -}} e", "{{ else if .B }}"]),
)
def test_fast_path_builds_same_tree(
    pieces: list[str], left: str, right: str, prefix: str, middle: str
) -> None:
    opens_block = prefix.startswith(("{{ if", "{{ range", "{{- with"))
    source = prefix + left + "".join(pieces) + right
    if opens_block:
        source += middle + " {{ end }}"
    monkeypatch = pytest.MonkeyPatch()
    try:
        assert parse_result(source) == general_parse_result(source, monkeypatch)
    finally:
        monkeypatch.undo()


@pytest.mark.parametrize(
    "source",
    [
        "{{ .Secrets.A }}",
        'x {{- .Secrets.A | printf "%q" -}} y',
        "{{ $.Secrets.A }}{{ . }}{{ $ }}",
        "{{ if .Secrets.A }}\n  {{ len.x }}\n{{ end }}",
        '{{ print "a" 1 true nil | len }}',
        "{{ .Secrets.A\n-}}\n\n{{ 1 }}",
        "{{ if .A }}a{{ else }}b{{ end }}{{ end }}",
        "{{ range .Secrets }}{{ . }}{{ end }}\n{{ else }}",
        "{{- with .Secrets.A\n-}}\n{{ . }}{{- else\n-}}{{ end -}}",
        '{{ if .A | printf "%q" }}{{ .Secrets.A\n| len }}{{ end }}',
        "{{ if .A }}{{ end x }}{{ end }}",
        "{{ if .A }}{{ end.x }}{{ end }}",
        "{{ if .A }}\n{{/* c */}}{{ else }}{{ end",
        "{{ end }}",
        '{{ urlquery .Secrets.A }}{{ .A|len }}{{ print\n.A\n|\nprintf\n"x" }}',
        '{{ .A.B | printf "é" }}{{ .A | len "x" }}',
        '{{ .A }}\n{{ .A | foo "x" }}',
        "{{ .A }}\n{{ foo .A }}",
        '{{ .A | printf "%q" | print }}{{ len .A.B.C -}} x',
    ],
)
def test_fast_path_examples(source: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert parse_result(source) == general_parse_result(source, monkeypatch)
