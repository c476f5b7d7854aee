"""Docker compose's `.env` dialect: a parser that keeps the source range of every value.

python-dotenv 1.2.4 does not read this dialect the way compose does: it leaves
`$NAME`, `$$`, `\\$` and `\\0123` unchanged where compose interpolates or unescapes
them. These rules are written here once, from:

- the compose documentation, "Syntax for environment files"
  (https://docs.docker.com/compose/env-file/) and "Interpolation"
  (https://docs.docker.com/reference/compose-file/interpolation/);
- compose-go's `dotenv/parser.go` (as of v2.13.0), `dotenv/godotenv.go` and
  `template/template.go` (github.com/compose-spec/compose-go), which docker
  compose uses to read `.env` files.

The rules, in the order compose applies them:

- A UTF-8 byte-order mark at the start of the file is skipped.
- Blank space (Go's `unicode.IsSpace`) before a statement is skipped. A statement
  starting with `#` is a comment up to the next `\\n`.
- `export` followed by white space before the name is dropped.
- The name ends at `=` or `:` and may contain letters, digits and `_ . - [ ]`.
  A line with only a name inherits the variable from the environment.
- Blank space after `=` is skipped. A value that starts with `'` or `"` is quoted
  and ends at the next quote not preceded by a backslash. `\\'` or `\\"` is the
  quote itself, and any other backslash is kept. A quoted value may span lines,
  and text after the closing quote is read as the next statement.
- An unquoted value ends at the line end, is cut at the first ` #` (space, hash)
  and loses trailing blank space, including a `\\r` from CRLF.
- In double quotes, `\\a \\b \\f \\n \\r \\t \\v \\" \\\\` are escapes, `\\$` is a
  literal `$`, and `\\0` followed by three octal digits is a character.
- Unquoted and double-quoted values are interpolated: `$$` is a literal `$`,
  `$NAME` and `${NAME}` are replaced, `${NAME:-default}`, `${NAME-default}`,
  `${NAME:?error}`, `${NAME?error}`, `${NAME:+other}` and `${NAME+other}` work
  as in the shell. Single-quoted values are literal.

compose-go rejects a `$` followed by anything else as an invalid template, while
the documentation says the `$` is kept. This parser keeps it but marks it as
interpolation, so a secret containing it never counts as read back intact.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass

BOM = "\ufeff"

# Go's unicode.IsSpace: used where compose skips blank space, trims unquoted
# values and trims names.
GO_SPACE = frozenset(
    "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
# The parser's own isSpace: blank space that is not a line break, skipped around
# `=` and inside names.
INLINE_SPACE = frozenset("\t\v\f\r \x85\xa0")

_EXPORT = re.compile(r"export[\t\n\f\r ]+")
_DOUBLE_QUOTE_ESCAPE = re.compile(r"""\\(?:[abcfnrtv$"\\]|0[0-9]{0,3})""")
_SIMPLE_ESCAPES = {
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "v": "\v",
    '"': '"',
    "\\": "\\",
}
_NAME = re.compile(r"[_A-Za-z][_A-Za-z0-9]*")
_BRACED = re.compile(r"([_A-Za-z][_A-Za-z0-9]*)(?::?[-?+](.*))?\Z", re.DOTALL)


class EnvSyntaxError(ValueError):
    """Text that compose refuses to load as a `.env` file.

    The message names the line and the rule, never text from the file, because
    the file may contain secret values.
    """

    def __init__(self, line: int, problem: str) -> None:
        super().__init__(f"line {line}: {problem}")
        self.line = line
        self.problem = problem


@dataclass(frozen=True)
class Piece:
    """Part of a value as compose reads it, with the source range it comes from.

    `interpolated` marks a `$` expression; `text` is then the expression itself
    (after double-quote escapes), because its value depends on the environment.
    """

    text: str
    start: int
    end: int
    interpolated: bool = False


@dataclass(frozen=True)
class EnvVariable:
    """One statement of a `.env` file.

    `quote` is `'`, `"` or empty for an unquoted value. `inherited` is true for a
    line with only a name, which has no value in the file.
    """

    key: str
    start: int
    quote: str
    pieces: tuple[Piece, ...]
    inherited: bool = False

    @property
    def literal_value(self) -> str:
        """The value with each `$` expression left as written."""
        return "".join(piece.text for piece in self.pieces)


# A character of a value between two stages of reading, with its source range.
_Char = tuple[str, int, int]


def parse_env(text: str) -> list[EnvVariable]:
    """Parse `text` as compose reads a `.env` file, keeping source ranges.

    Raises EnvSyntaxError where compose-go would fail to load the file.
    Interpolation is recorded but not evaluated (see `resolve_env`).
    """
    pos = 1 if text.startswith(BOM) else 0
    variables: list[EnvVariable] = []
    while True:
        pos = _statement_start(text, pos)
        if pos < 0:
            return variables
        variable, pos = _parse_statement(text, pos)
        variables.append(variable)


def _line_at(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _statement_start(text: str, pos: int) -> int:
    """Return the offset of the next statement, or -1 at the end of the text."""
    while True:
        while pos < len(text) and text[pos] in GO_SPACE:
            pos += 1
        if pos == len(text):
            return -1
        if text[pos] != "#":
            return pos
        pos = text.find("\n", pos)
        if pos < 0:
            return -1


def _is_key_char(ch: str) -> bool:
    return ch in "_.-[]" or unicodedata.category(ch)[0] in "LN"


def _parse_statement(text: str, pos: int) -> tuple[EnvVariable, int]:
    start = pos
    if _EXPORT.match(text, pos):
        pos += len("export")
        while pos < len(text) and text[pos] in INLINE_SPACE:
            pos += 1
    if pos == len(text):
        raise EnvSyntaxError(_line_at(text, start), "missing variable name")

    key_end, value_pos, inherited = _scan_key(text, pos)
    key = text[pos:key_end].rstrip("".join(GO_SPACE))
    if " " in key:
        raise EnvSyntaxError(_line_at(text, start), "variable name contains a space")
    if inherited:
        return EnvVariable(key, start, "", (), inherited=True), value_pos

    while value_pos < len(text) and text[value_pos] in INLINE_SPACE:
        value_pos += 1
    if value_pos < len(text) and text[value_pos] in "'\"":
        quote, pieces, rest = _read_quoted(text, value_pos)
    else:
        quote, pieces, rest = "", *_read_unquoted(text, value_pos)
    return EnvVariable(key, start, quote, pieces), rest


def _scan_key(text: str, pos: int) -> tuple[int, int, bool]:
    """Return where the name ends, where the value starts and whether it is inherited.

    Like compose-go, a name that runs to the end of the text without `=` yields
    an empty name whose value is the text itself.
    """
    for index in range(pos, len(text)):
        ch = text[index]
        if ch in INLINE_SPACE:
            continue
        if ch in "=:\n":
            return index, index + 1, ch == "\n"
        if not _is_key_char(ch):
            raise EnvSyntaxError(
                _line_at(text, index), "unexpected character in variable name"
            )
    return pos, pos, False


def _read_unquoted(text: str, pos: int) -> tuple[tuple[Piece, ...], int]:
    newline = text.find("\n", pos)
    line_end = len(text) if newline < 0 else newline
    rest = len(text) if newline < 0 else newline + 1

    end = text.find(" #", pos, line_end)
    if end < 0:
        end = line_end
    while end > pos and text[end - 1] in GO_SPACE:
        end -= 1

    chars = [(text[index], index, index + 1) for index in range(pos, end)]
    return tuple(_interpolate(chars)), rest


def _read_quoted(text: str, pos: int) -> tuple[str, tuple[Piece, ...], int]:
    """Read a quoted value starting at the quote; return quote, pieces and rest."""
    quote = text[pos]
    chars: list[_Char] = []
    escaped = False
    for index in range(pos + 1, len(text)):
        ch = text[index]
        if escaped:
            escaped = False
            if ch != quote:
                chars.append(("\\", index - 1, index))
                chars.append((ch, index, index + 1))
            else:
                chars.append((ch, index - 1, index + 1))
        elif ch == "\\":
            escaped = True
        elif ch == quote:
            break
        else:
            chars.append((ch, index, index + 1))
    else:
        raise EnvSyntaxError(_line_at(text, pos), "unterminated quoted value")

    if quote == "'":
        pieces = [Piece(ch, start, end) for ch, start, end in chars]
    else:
        pieces = _interpolate(_expand_escapes(chars))
    return quote, tuple(pieces), index + 1


def _expand_escapes(chars: list[_Char]) -> list[_Char]:
    """Apply compose's double-quote escapes; each result spans its escape's source."""
    joined = "".join(ch for ch, _, _ in chars)
    result: list[_Char] = []
    done = 0
    for match in _DOUBLE_QUOTE_ESCAPE.finditer(joined):
        result.extend(chars[done : match.start()])
        start = chars[match.start()][1]
        end = chars[match.end() - 1][2]
        for ch in _unescape(match.group()):
            result.append((ch, start, end))
        done = match.end()
    result.extend(chars[done:])
    return result


def _unescape(escape: str) -> str:
    """Return what compose-go writes for one matched double-quote escape."""
    letter = escape[1]
    if letter == "$":
        # Compose turns `\$` into `$$`, which interpolation reads as a literal `$`.
        return "$$"
    if letter == "0":
        # `\0` is dropped, then Go's UnquoteChar must read `\` + 3 octal digits;
        # when it cannot, compose keeps the shortened text.
        shortened = "\\" + escape[2:]
        digits = escape[2:]
        if len(digits) == 3 and all(d in "01234567" for d in digits):
            code = int(digits, 8)
            if code <= 0xFF:
                return chr(code)
        return shortened
    return _SIMPLE_ESCAPES.get(letter, escape)


def _interpolate(chars: list[_Char]) -> list[Piece]:
    """Split characters into literal pieces and `$` expressions, as compose reads them."""
    joined = "".join(ch for ch, _, _ in chars)
    pieces: list[Piece] = []
    index = 0
    while index < len(chars):
        ch, start, end = chars[index]
        if ch != "$":
            pieces.append(Piece(ch, start, end))
            index += 1
            continue
        length = _expression_length(joined, index)
        if length == 0:
            pieces.append(Piece("$", start, end, interpolated=True))
            index += 1
            continue
        last = chars[index + length - 1]
        if length == 2 and joined[index + 1] == "$":
            pieces.append(Piece("$", start, last[2]))
        else:
            expression = joined[index : index + length]
            pieces.append(Piece(expression, start, last[2], interpolated=True))
        index += length
    return pieces


def _expression_length(joined: str, index: int) -> int:
    """Return the length of the `$` expression at `index`, or 0 for a lone `$`."""
    following = joined[index + 1 : index + 2]
    if following == "$":
        return 2
    if following == "{":
        close = _closing_brace(joined, index)
        if close < 0 or not _BRACED.match(joined, index + 2, close):
            return 0
        return close + 1 - index
    name = _NAME.match(joined, index + 1)
    return 0 if name is None else 1 + len(name.group())


def _closing_brace(joined: str, index: int) -> int:
    """Return the offset of the `}` closing the `${` at `index`, or -1."""
    depth = 0
    position = index
    while position < len(joined):
        if joined.startswith("${", position):
            depth += 1
            position += 2
            continue
        if joined[position] == "}":
            depth -= 1
            if depth == 0:
                return position
        position += 1
    return -1


def resolve_env(text: str, environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """Return the variables as compose loads them, with interpolation evaluated.

    A name is looked up in `environ` first, then among the variables defined
    earlier in the file, as compose-go does. Raises EnvSyntaxError for a
    required variable without a value.
    """
    environ = environ or {}
    values: dict[str, str] = {}

    def lookup(name: str) -> str | None:
        if name in environ:
            return environ[name]
        return values.get(name)

    for variable in parse_env(text):
        if variable.inherited:
            if variable.key in environ:
                values[variable.key] = environ[variable.key]
            continue
        line = _line_at(text, variable.start)
        parts = [
            _evaluate(piece.text, lookup, line) if piece.interpolated else piece.text
            for piece in variable.pieces
        ]
        values[variable.key] = "".join(parts)
    return values


def _evaluate(expression: str, lookup: Callable[[str], str | None], line: int) -> str:
    if expression == "$":
        raise EnvSyntaxError(line, "invalid interpolation: `$` not followed by a name")
    if not expression.startswith("${"):
        return lookup(expression[1:]) or ""

    body = expression[2:-1]
    match = _BRACED.match(body)
    assert match is not None
    name = match.group(1)
    operator = body[len(name) : len(body) - len(match.group(2) or "")]
    argument = _substitute(match.group(2) or "", lookup, line)
    value = lookup(name)
    return _apply_operator(name, operator, value, argument, line)


def _apply_operator(
    name: str, operator: str, value: str | None, argument: str, line: int
) -> str:
    if operator == "":
        return value or ""
    if operator in (":-", "-"):
        unset = value is None or (operator == ":-" and value == "")
        return argument if unset else value or ""
    if operator in (":+", "+"):
        unset = value is None or (operator == ":+" and value == "")
        return "" if unset else argument
    if value is None or (operator == ":?" and value == ""):
        raise EnvSyntaxError(line, f"required variable {name} is missing a value")
    return value


def _substitute(text: str, lookup: Callable[[str], str | None], line: int) -> str:
    """Interpolate the argument of a braced expression, such as a default."""
    chars = [(ch, index, index + 1) for index, ch in enumerate(text)]
    parts = [
        _evaluate(piece.text, lookup, line) if piece.interpolated else piece.text
        for piece in _interpolate(chars)
    ]
    return "".join(parts)
