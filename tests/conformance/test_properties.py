"""Property tests: any input either renders or raises TemplateError.

Random bytes and small edits of the golden templates go through `parse`,
`Template.execute` and `render` in both modes. Any other exception, including
RecursionError from deep nesting, fails the test.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from distr_secrets import template

from .golden import load_golden

# Short templates keep each example fast; the long ones are covered by the
# conformance cases.
SEED_ENTRIES = [entry for entry in load_golden() if len(entry["template"]) <= 400]
SEED_TEMPLATES = [entry["template"] for entry in SEED_ENTRIES]
SECRETS = {"K1": "v1", "A": "alpha", "EMPTY": "", "MULTI": "a\nb", "DB": "{{ x }}"}

# Fragments that sit near the edges of the grammar: delimiters, trim markers,
# quotes, keywords, deep nesting, and bytes the lexer rejects.
FRAGMENTS = [
    "{{", "}}", "{{-", "-}}", "{{- ", " -}}", "/*", "*/", "(", ")", "|", ":=",
    "=", "$", "$x", ".", ".Secrets", ".Secrets.K1", ".Secrets.NOPE", '"', "'",
    "`", "\\", "\n", "\r\n", "\x00", "\udcff", "é", " ", "if", "else", "end",
    "range", "with", "define", "template", "block", "break", "continue", "nil",
    "0x", "1e", "1_", "'a'", "printf", "index", "slice", "call", "%d", "(" * 200,
    ")" * 200, "{{ if 1 }}" * 50, "{{ end }}" * 50,
]  # fmt: skip

PROPERTY_SETTINGS = settings(
    max_examples=800,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def check_render(source: str) -> None:
    """Run every entry point once; only TemplateError may escape as a failure."""
    try:
        parsed = template.parse(source, name="fuzz.env")
    except template.TemplateError:
        return
    for strict in (True, False):
        try:
            output = parsed.execute(SECRETS, strict=strict)
        except template.TemplateError:
            continue
        assert isinstance(output, str)
    try:
        template.render(source, SECRETS, name="fuzz.env", strict=False)
    except template.TemplateError:
        pass


@st.composite
def mutated_templates(draw: st.DrawFn) -> str:
    source = draw(st.sampled_from(SEED_TEMPLATES))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        position = draw(st.integers(min_value=0, max_value=len(source)))
        operation = draw(st.sampled_from(["insert", "delete", "copy", "truncate"]))
        if operation == "insert":
            fragment = draw(st.sampled_from(FRAGMENTS))
            source = source[:position] + fragment + source[position:]
        elif operation == "delete":
            length = draw(st.integers(min_value=1, max_value=4))
            source = source[:position] + source[position + length :]
        elif operation == "copy":
            other = draw(st.sampled_from(SEED_TEMPLATES))
            source = source[:position] + other + source[position:]
        else:
            source = source[:position]
    return source


@PROPERTY_SETTINGS
@given(st.binary(max_size=300))
def test_random_bytes_render_or_raise(data: bytes) -> None:
    check_render(data.decode("utf-8", "surrogateescape"))


@PROPERTY_SETTINGS
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join))
def test_fragment_soup_render_or_raise(source: str) -> None:
    check_render(source)


@PROPERTY_SETTINGS
@given(mutated_templates())
def test_mutated_templates_render_or_raise(source: str) -> None:
    check_render(source)


# Openers and closers of nested structures; the parser must report a
# TemplateError at any depth instead of running out of Python stack.
NESTINGS = [
    ("{{ ", "(", "1", ")", " }}"),
    ("{{ ", "(print ", "1", ")", " }}"),
    ("", "{{ if 1 }}", "x", "{{ end }}", ""),
    ("", "{{ range 1 }}", "x", "{{ end }}", ""),
    ("", "{{ with 1 }}", "x", "{{ end }}", ""),
    ("", "{{ if 0 }}{{ else if 1 }}", "x", "{{ end }}", ""),
]


# Deep examples take seconds each on a loaded machine, so few run here. The
# golden cases pin the exact depths around Go's limits (10,000 and more).
@settings(max_examples=8, deadline=None)
@given(st.integers(min_value=1, max_value=6000), st.sampled_from(NESTINGS))
def test_deep_nesting_render_or_raise(depth: int, nesting: tuple) -> None:
    prefix, opener, middle, closer, suffix = nesting
    check_render(prefix + opener * depth + middle + closer * depth + suffix)
    check_render(prefix + opener * depth + middle)
