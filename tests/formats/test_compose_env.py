"""The compose .env dialect, checked against compose's documented examples."""

from __future__ import annotations

import pytest

from distr_secrets.formats.compose_env import (
    EnvSyntaxError,
    Piece,
    parse_env,
    resolve_env,
)

# Examples from "Syntax for environment files" (docs.docker.com/compose/env-file/)
# and "Interpolation" (docs.docker.com/reference/compose-file/interpolation/).
DOCUMENTED = [
    ("VAR=VAL", "VAL"),
    ('VAR="VAL"', "VAL"),
    ("VAR='VAL'", "VAL"),
    ("VAR=VAL # comment", "VAL"),
    ("VAR=VAL# not a comment", "VAL# not a comment"),
    ('VAR="VAL # not a comment"', "VAL # not a comment"),
    ('VAR="VAL" # comment', "VAL"),
    ("VAR='$OTHER'", "$OTHER"),
    ("VAR='${OTHER}'", "${OTHER}"),
    ("VAR='Let\\'s go!'", "Let's go!"),
    ('VAR="{\\"hello\\": \\"json\\"}"', '{"hello": "json"}'),
    ('VAR="some\\tvalue"', "some\tvalue"),
    ("VAR='some\\tvalue'", "some\\tvalue"),
    ("VAR=some\\tvalue", "some\\tvalue"),
    ("VAR=$$literal", "$literal"),
    ("VAR=${UNSET:-default}", "default"),
    ("VAR=${UNSET-default}", "default"),
    ("VAR=${UNSET:+replacement}", ""),
    ("VAR=${UNSET:-${ALSO_UNSET:-nested}}", "nested"),
]


@pytest.mark.parametrize(("line", "value"), DOCUMENTED)
def test_documented_examples(line: str, value: str) -> None:
    assert resolve_env(line + "\n") == {"VAR": value}


INTERPOLATION = [
    ("A=1\nB=$A", {"A": "1", "B": "1"}),
    ("A=1\nB=${A}x", {"A": "1", "B": "1x"}),
    ('A=1\nB="quote $A"', {"A": "1", "B": "quote 1"}),
    ("A=1\nB='quote $A'", {"A": "1", "B": "quote $A"}),
    ('B="foo\\$A"', {"B": "foo$A"}),
    ('B="foo\\${A}"', {"B": "foo${A}"}),
    ("A=\nB=${A:-empty}", {"A": "", "B": "empty"}),
    ("A=\nB=${A-empty}", {"A": "", "B": ""}),
    ("A=x\nB=${A:+set}", {"A": "x", "B": "set"}),
    ("B=$UNSET", {"B": ""}),
]


@pytest.mark.parametrize(("text", "values"), INTERPOLATION)
def test_interpolation(text: str, values: dict[str, str]) -> None:
    assert resolve_env(text) == values


def test_environment_wins_over_file() -> None:
    assert resolve_env("A=file\nB=$A", {"A": "env"}) == {"A": "file", "B": "env"}


def test_required_variable_missing() -> None:
    with pytest.raises(EnvSyntaxError) as raised:
        resolve_env("A=ok\nB=${NOPE:?set it}\n")

    assert str(raised.value) == "line 2: required variable NOPE is missing a value"


def test_lone_dollar_is_invalid_when_resolved() -> None:
    with pytest.raises(EnvSyntaxError) as raised:
        resolve_env("A=price$\n")

    assert str(raised.value) == (
        "line 1: invalid interpolation: `$` not followed by a name"
    )


DIALECT = [
    ("export VAR=2", "2"),
    ("  export VAR=2", "2"),
    ("VAR: 1", "1"),
    ("VAR = spaced", "spaced"),
    ("VAR=a=b", "a=b"),
    ("VAR=", ""),
    ('VAR=""', ""),
    ('VAR="a\\nb"', "a\nb"),
    ('VAR="a\\\\nb"', "a\\nb"),
    ('VAR="\\0123"', "S"),
    ('VAR="\\q"', "\\q"),
    ("VAR='a\\b'", "a\\b"),
    ('VAR="first\nsecond"', "first\nsecond"),
    ("VAR=trailing   ", "trailing"),
    ("VAR=x\r", "x"),
    ("\ufeffVAR=bom", "bom"),
]


@pytest.mark.parametrize(("text", "value"), DIALECT)
def test_dialect_rules(text: str, value: str) -> None:
    assert resolve_env(text) == {"VAR": value}


def test_comments_and_blank_lines_skipped() -> None:
    text = "# heading\n\n   \t\n  # indented\nA=1\r\n\r\nB=2\r\n"

    assert resolve_env(text) == {"A": "1", "B": "2"}


def test_text_after_closing_quote_is_next_statement() -> None:
    assert resolve_env('A="x" B=y\n') == {"A": "x", "B": "y"}


def test_inherited_name_uses_environment() -> None:
    assert resolve_env("FROM_ENV\nA=1\n", {"FROM_ENV": "e"}) == {
        "FROM_ENV": "e",
        "A": "1",
    }


ERRORS = [
    ('A="open\n', "line 1: unterminated quoted value"),
    ("A=1\nB='open\n", "line 2: unterminated quoted value"),
    ("A=1\nB$=2\n", "line 2: unexpected character in variable name"),
    ("A B=1\n", "line 1: variable name contains a space"),
]


@pytest.mark.parametrize(("text", "message"), ERRORS)
def test_syntax_errors(text: str, message: str) -> None:
    with pytest.raises(EnvSyntaxError) as raised:
        parse_env(text)

    assert str(raised.value) == message


def test_pieces_keep_source_ranges() -> None:
    text = 'A="x\\ty$B"\n'

    (variable,) = parse_env(text)

    assert variable.quote == '"'
    assert variable.pieces == (
        Piece("x", 3, 4),
        Piece("\t", 4, 6),
        Piece("y", 6, 7),
        Piece("$B", 7, 9, interpolated=True),
    )


def test_double_dollar_piece_spans_both() -> None:
    (variable,) = parse_env("A=a$$b\n")

    assert variable.pieces == (Piece("a", 2, 3), Piece("$", 3, 5), Piece("b", 5, 6))
