"""Unit and property tests for gofmt and escape beyond the Go golden data."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from distr_secrets.template import ExecError, escape, gofmt, render
from distr_secrets.template.unicode_print import PRINTABLE_RANGES, UNICODE_VERSION
from distr_secrets.template.values import GoMap, Uint8

MAP_POINTER_MESSAGE = (
    "printf verb %p is not supported for maps, because Go prints the map's "
    "memory address, which changes from run to run"
)


@pytest.mark.parametrize(
    ("format", "args", "message"),
    [
        ("%p", [{"a": "x"}], MAP_POINTER_MESSAGE),
        ("%-8p", [{}], MAP_POINTER_MESSAGE),
        ("%T %[2]p", [1, {"a": 1}], MAP_POINTER_MESSAGE),
        ("%p", [GoMap({"A": "x"}, "map[string]string")], MAP_POINTER_MESSAGE),
        ("%v", [[1, 2]], "printing a value of Python type list is not supported"),
        ("%v", [b"x"], "printing a value of Python type bytes is not supported"),
        ("%d", [1 << 63], "printing an integer outside the int64 range"),
        ("%d", [-(1 << 63) - 1], "printing an integer outside the int64 range"),
        ("%v", [{1: "x"}], "printing a map with int keys is not supported"),
        ("%s", [object()], "printing a value of Python type object is not supported"),
    ],
)
def test_sprintf_unsupported(format: str, args: list[object], message: str) -> None:
    with pytest.raises(gofmt.UnsupportedVerb) as caught:
        gofmt.sprintf(format, args)
    assert str(caught.value) == message


def test_unsupported_verb_is_value_error() -> None:
    assert issubclass(gofmt.UnsupportedVerb, ValueError)


def test_unsupported_message_omits_value() -> None:
    with pytest.raises(gofmt.UnsupportedVerb) as caught:
        gofmt.sprintf("%p", [{"KEY": "s3cr3t-value"}])
    assert "s3cr3t" not in str(caught.value)
    assert "KEY" not in str(caught.value)


@pytest.mark.parametrize(
    ("format", "args", "expected"),
    [
        ("%T", [Uint8(97)], "uint8"),
        ("%T", [GoMap({}, "map[string]string")], "map[string]string"),
        (
            "%T",
            [GoMap({"A": "x"}, "map[string]interface {}")],
            "map[string]interface {}",
        ),
        ("%T", [{"a": "x"}], "map[string]string"),
        ("%T", [{"a": 1}], "map[string]interface {}"),
        ("%-8T|%8T|", [None, None], "<nil>   |   <nil>|"),
        ("%p|%-4p|", [None, None], "%!p(<nil>)|%!p(<nil>)|"),
        ("%p", [Uint8(97)], "%!p(uint8=97)"),
    ],
)
def test_sprintf_type_and_pointer(
    format: str, args: list[object], expected: str
) -> None:
    # The Go golden data has no GoMap of map[string]string, and no %p of a map.
    assert gofmt.sprintf(format, args) == expected


def test_bad_verb_of_unsupported_type_raises() -> None:
    # %!d(TYPE=...) needs a Go type name, which a Python list does not have.
    with pytest.raises(gofmt.UnsupportedVerb):
        gofmt.sprintf("%s", [1, [2]])


def test_sprint_rejects_unknown_type() -> None:
    with pytest.raises(gofmt.UnsupportedVerb):
        gofmt.sprint([1.5, {"a"}])


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], ""),
        (["only"], "only"),
        (["a", "b"], "ab"),
        ([1, 2], "1 2"),
        (["a", 1, 2, "b"], "a1 2b"),
        ([None, 1], "<nil> 1"),
        ([1.0, 1e21, 1e6, 100000.0], "1 1e+21 1e+06 100000"),
        ([-0.0, float("nan"), float("-inf")], "-0 NaN -Inf"),
        ([True, 2 + 0.5j], "true (2+0.5i)"),
        ([{"b": "2", "a": "1"}], "map[a:1 b:2]"),
    ],
)
def test_sprint_table(args: list[object], expected: str) -> None:
    assert gofmt.sprint(args) == expected


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], "\n"),
        (["a", "b"], "a b\n"),
        ([1, "x", None], "1 x <nil>\n"),
    ],
)
def test_sprintln_table(args: list[object], expected: str) -> None:
    assert gofmt.sprintln(args) == expected


def test_sprint_accepts_tuple() -> None:
    assert gofmt.sprint(("a", 1, 2)) == "a1 2"


def test_map_keys_sort_by_bytes() -> None:
    # U+00E9 encodes as C3 A9, which sorts before the raw byte FF.
    mapping = {"\udcff": "1", "é": "2", "z": "3"}
    assert gofmt.sprint([mapping]) == "map[z:3 é:2 \udcff:1]"


def test_mapping_subclass_prints_as_map() -> None:
    mapping = OrderedDict([("b", "2"), ("a", "1")])
    assert gofmt.sprintf("%#v", [mapping]) == 'map[string]string{"a":"1", "b":"2"}'


def test_escaped_utf8_counts_as_one_rune() -> None:
    # Two escaped bytes C3 A9 are the UTF-8 of U+00E9, one rune for Go.
    joined = "\udcc3\udca9"
    assert gofmt.sprintf("%3s|", [joined]) == "  " + joined + "|"
    assert gofmt.sprintf("%q", [joined]) == '"é"'


def test_escaper_argument_joining() -> None:
    assert escape.eval_args(["x"]) == "x"
    assert escape.eval_args([]) == ""
    assert escape.eval_args([None]) == "<no value>"
    assert escape.eval_args([1, 2]) == "1 2"
    assert escape.eval_args(["a", None, 1]) == "a<no value>1"


@pytest.mark.parametrize(
    ("function", "args", "expected"),
    [
        (
            escape.html_escape,
            ["<a href=\"x\">'&'</a>\0"],
            "&lt;a href=&#34;x&#34;&gt;&#39;&amp;&#39;&lt;/a&gt;\ufffd",
        ),
        (
            escape.js_escape,
            ["a'b\"c\\d<e>f&g=h\n\x7f"],
            "a\\'b\\\"c\\\\d\\u003Ce\\u003Ef\\u0026g\\u003Dh\\u000A\x7f",
        ),
        (escape.js_escape, ["\u2028\U000e0001\udcff"], "\\u2028\\uE0001\udcff"),
        (escape.urlquery_escape, ["a b&c=d/é~"], "a+b%26c%3Dd%2F%C3%A9~"),
        (escape.urlquery_escape, ["\udcff"], "%FF"),
    ],
)
def test_escaper_table(
    function: Callable[[Sequence[object]], str], args: list[object], expected: str
) -> None:
    assert function(args) == expected


def test_printable_table_is_sorted_pairs() -> None:
    assert len(PRINTABLE_RANGES) % 2 == 0
    assert list(PRINTABLE_RANGES) == sorted(PRINTABLE_RANGES)
    for first, last in zip(PRINTABLE_RANGES[::2], PRINTABLE_RANGES[1::2]):
        assert first <= last


def test_printable_table_unicode_version() -> None:
    assert UNICODE_VERSION == "17.0.0"


def test_is_print_range_edges() -> None:
    for first, last in zip(PRINTABLE_RANGES[::2], PRINTABLE_RANGES[1::2]):
        assert gofmt.is_print(first)
        assert gofmt.is_print(last)
        assert not gofmt.is_print(first - 1)
        assert not gofmt.is_print(last + 1)


@pytest.mark.parametrize(
    ("code", "printable"),
    [
        (0x20, True),
        (0x7E, True),
        (0x7F, False),
        (0xA0, False),
        (0xAD, False),
        (0x200B, False),
        (0xFEFF, False),
        (0xFFFD, True),
        (0x1F600, True),
        (0x1FAF7, True),
        (0xDCFF, False),
        (0x10FFFF, False),
    ],
)
def test_is_print_known_points(code: int, printable: bool) -> None:
    assert gofmt.is_print(code) is printable


formats = st.text(
    alphabet=st.sampled_from(list("%-+# 0123456789.*[]vdsqxXobcUeEfFgGtzT!é\udcff")),
    max_size=24,
)
operands = st.lists(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(1 << 63), max_value=(1 << 63) - 1),
        st.floats(allow_nan=True, allow_infinity=True),
        st.complex_numbers(),
        st.text(max_size=8),
        st.dictionaries(st.text(max_size=3), st.text(max_size=3), max_size=3),
        st.builds(Uint8, st.integers(min_value=0, max_value=255)),
        st.builds(
            GoMap,
            st.dictionaries(st.text(max_size=3), st.none(), max_size=2),
            st.just("map[string]interface {}"),
        ),
    ),
    max_size=4,
)


@settings(max_examples=300, deadline=None)
@given(format=formats, args=operands)
def test_sprintf_never_fails_on_supported_values(
    format: str, args: list[object]
) -> None:
    # Widths come from operands too, so very large ones are not expected here:
    # ints are capped by fmt's own limit of 1e6 and strings are short.
    output = gofmt.sprintf(format, args)
    assert isinstance(output, str)


@pytest.mark.parametrize(
    ("format", "expected"),
    [
        ("%v", "97"),
        ("%#v", "0x61"),
        ("%#08v", "0x00000061"),
        ("%s", "%!s(uint8=97)"),
        ("%c", "a"),
        ("%q", "'a'"),
    ],
)
def test_sprintf_uint8(format: str, expected: str) -> None:
    assert gofmt.sprintf(format, [Uint8(97)]) == expected


def test_uint8_out_of_range_raises() -> None:
    with pytest.raises(gofmt.UnsupportedVerb) as caught:
        gofmt.sprint([Uint8(256)])
    assert str(caught.value) == "printing a uint8 outside the range 0 to 255"


def test_go_map_keeps_its_type_name() -> None:
    data = GoMap({"a": "x"}, "map[string]interface {}")
    assert gofmt.sprintf("%#v", [data]) == 'map[string]interface {}{"a":"x"}'
    assert (
        gofmt.sprintf("%d", ["x", data])
        == "%!d(string=x)%!(EXTRA map[string]interface {}=map[a:x])"
    )


@pytest.mark.parametrize(
    ("source", "expression"),
    [
        ('{{ printf "%p" .Secrets }}', 'printf "%p" .Secrets'),
        ('{{ printf "%-8p" . }}', 'printf "%-8p" .'),
        ('{{ printf "%T %[1]p" .Secrets }}', 'printf "%T %[1]p" .Secrets'),
    ],
)
def test_template_pointer_of_map_fails(source: str, expression: str) -> None:
    # Go prints an address here, so no golden data can cover these cases.
    with pytest.raises(ExecError) as caught:
        render(source, {"A": "s3cr3t"}, name="deploy.env", strict=True)
    assert str(caught.value) == (
        f'template: deploy.env:1:3: executing "deploy.env" at <{expression}>: '
        f"error calling printf: {MAP_POINTER_MESSAGE}"
    )


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=20))
def test_quote_ascii_matches_rune_loop(text: str) -> None:
    # An ASCII string takes a fast path. Appending "é" sends the same text
    # through the loop over runes, which must quote it the same way.
    quoted = gofmt.quote_string(text, ascii_only=False)
    quoted_ascii = gofmt.quote_string(text, ascii_only=True)
    assert gofmt.quote_string(text + "é", ascii_only=False) == quoted[:-1] + 'é"'
    assert (
        gofmt.quote_string(text + "é", ascii_only=True)
        == quoted_ascii[:-1] + '\\u00e9"'
    )
    assert quoted_ascii == quoted


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", '""'),
        ("p@ss w0rd~", '"p@ss w0rd~"'),
        ('a"b\\c', '"a\\"b\\\\c"'),
        ("back\\slash", '"back\\\\slash"'),
        ("\x00\x07\t\n\x1b\x7f", '"\\x00\\a\\t\\n\\x1b\\x7f"'),
        ("'`", '"\'`"'),
    ],
)
def test_quote_ascii_table(text: str, expected: str) -> None:
    assert gofmt.quote_string(text, ascii_only=False) == expected
