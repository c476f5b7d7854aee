"""Go's rules for numeric literals: `strconv.ParseInt`, `ParseUint` and
`ParseFloat` with base 0, as the template parser applies them in `newNumber`.
"""

from __future__ import annotations

import math
import re

from distr_secrets.template import nodes as n
from distr_secrets.template.lexer import Item, ItemType
from distr_secrets.template.strconv import (
    MalformedRuneError,
    UnquoteError,
    quote,
    unquote_rune,
)

INT64_MIN = -(1 << 63)
INT64_MAX = (1 << 63) - 1
UINT64_MAX = (1 << 64) - 1

# Possessive quantifiers keep a failed match linear in the literal's length.
_DECIMAL_FLOAT = re.compile(
    r"[+-]?(?:[0-9]++(?:\.[0-9]*+)?+|\.[0-9]++)(?:[eE][+-]?[0-9]++)?+\Z"
)
_HEX_FLOAT = re.compile(
    r"[+-]?0[xX](?:[0-9a-fA-F]++(?:\.[0-9a-fA-F]*+)?+|\.[0-9a-fA-F]++)[pP][+-]?[0-9]++\Z"
)


def underscore_ok(text: str) -> bool:
    """Return whether underscores in `text` only separate digits (Go's rule)."""
    saw = "^"
    if text[:1] in ("+", "-"):
        text = text[1:]
    index = 0
    is_hex = False
    if len(text) >= 2 and text[0] == "0" and text[1].lower() in "box":
        index = 2
        saw = "0"
        is_hex = text[1].lower() == "x"
    while index < len(text):
        ch = text[index]
        index += 1
        if "0" <= ch <= "9" or (is_hex and "a" <= ch.lower() <= "f"):
            saw = "0"
            continue
        if ch == "_":
            if saw != "0":
                return False
            saw = "_"
            continue
        if saw == "_":
            return False
        saw = "!"
    return saw != "_"


def parse_uint(text: str) -> int | None:
    """Parse like `strconv.ParseUint(text, 0, 64)`; None on any error."""
    if not text:
        return None
    digits = text
    base = 10
    if text[0] == "0":
        prefix = text[1:2].lower()
        if len(text) >= 3 and prefix == "b":
            base, digits = 2, text[2:]
        elif len(text) >= 3 and prefix == "o":
            base, digits = 8, text[2:]
        elif len(text) >= 3 and prefix == "x":
            base, digits = 16, text[2:]
        else:
            base, digits = 8, text[1:]
    value = 0
    for ch in digits:
        if ch == "_":
            continue
        digit = _digit_value(ch)
        if digit is None or digit >= base:
            return None
        value = value * base + digit
        if value > UINT64_MAX:
            return None  # Go stops at the first digit that overflows, too
    if "_" in text and not underscore_ok(text):
        return None
    return value


def _digit_value(ch: str) -> int | None:
    if "0" <= ch <= "9":
        return ord(ch) - ord("0")
    lower = ch.lower()
    if "a" <= lower <= "z":
        return ord(lower) - ord("a") + 10
    return None


def parse_int(text: str) -> int | None:
    """Parse like `strconv.ParseInt(text, 0, 64)`; None on any error."""
    if not text:
        return None
    sign = 1
    body = text
    if text[0] in "+-":
        sign = -1 if text[0] == "-" else 1
        body = text[1:]
    magnitude = parse_uint(body)
    if magnitude is None:
        return None
    value = sign * magnitude
    if value < INT64_MIN or value > INT64_MAX:
        return None
    return value


def parse_float_syntax_ok(text: str) -> bool:
    """Return whether ParseFloat accepts `text` or rejects it only as out of range."""
    if "_" in text:
        if not underscore_ok(text):
            return False
        text = text.replace("_", "")
    return bool(_DECIMAL_FLOAT.match(text) or _HEX_FLOAT.match(text))


def parse_float(text: str) -> float | None:
    """Parse like `strconv.ParseFloat(text, 64)`; None on syntax or range error.

    NOTE: Go also accepts "inf" and "nan" spellings, which the lexer never
    produces as a number, so they are not handled here.
    """
    if "_" in text:
        if not underscore_ok(text):
            return None
        text = text.replace("_", "")
    if _DECIMAL_FLOAT.match(text):
        value = float(text)
    elif _HEX_FLOAT.match(text):
        value = _parse_hex_float(text)
    else:
        return None
    if math.isinf(value):
        return None
    return value


def _parse_hex_float(text: str) -> float:
    try:
        return float.fromhex(text)
    except OverflowError:
        return math.inf


def float_is_int64(value: float) -> bool:
    """Return whether Go's `float64(int64(value)) == value` holds."""
    return value.is_integer() and INT64_MIN <= value <= INT64_MAX


def float_is_uint64(value: float) -> bool:
    """Return whether Go's `float64(uint64(value)) == value` holds."""
    return value.is_integer() and 0 <= value <= UINT64_MAX


def new_number(token: Item) -> n.NumberNode:
    """Build a number node with every Go type the literal fits, as `newNumber`.

    Raises ValueError with Go's message for a literal Go rejects.
    """
    text = token.val
    node = n.NumberNode(token.pos, text)
    if token.typ == ItemType.CHAR_CONSTANT:
        return _rune_number(node, text)
    if token.typ == ItemType.COMPLEX:
        return _complex_number(node, text)
    if text.endswith("i"):
        imaginary = parse_float(text[:-1])
        if imaginary is not None:
            node.is_complex = True
            node.complex128 = complex(0, imaginary)
            _simplify_complex(node)
            return node
    unsigned = parse_uint(text)
    if unsigned is not None:
        node.is_uint = True
        node.uint64 = unsigned
    signed = parse_int(text)
    if signed is not None:
        node.is_int = True
        node.int64 = signed
        if signed == 0:
            node.is_uint = True  # "-0"
            node.uint64 = unsigned or 0
    if node.is_int:
        node.is_float = True
        node.float64 = float(node.int64)
    elif node.is_uint:
        node.is_float = True
        node.float64 = float(node.uint64)
    else:
        value = parse_float(text)
        if value is not None:
            if not any(ch in text for ch in ".eEpP"):
                raise ValueError(f"integer overflow: {quote(text)}")
            node.is_float = True
            node.float64 = value
            if float_is_int64(value):
                node.is_int = True
                node.int64 = int(value)
            if float_is_uint64(value):
                node.is_uint = True
                node.uint64 = int(value)
    if not (node.is_int or node.is_uint or node.is_float):
        raise ValueError(f"illegal number syntax: {quote(text)}")
    return node


def _rune_number(node: n.NumberNode, text: str) -> n.NumberNode:
    try:
        code = unquote_rune(text)
    except UnquoteError:
        raise ValueError("invalid syntax") from None
    except MalformedRuneError:
        raise ValueError(f"malformed character constant: {text}") from None
    node.is_int = node.is_uint = node.is_float = True
    node.int64 = node.uint64 = code
    node.float64 = float(code)
    return node


def _complex_number(node: n.NumberNode, text: str) -> n.NumberNode:
    """Parse a complex literal as Go's fmt.Sscan does, with its error messages."""
    real_end = _float_token_end(text, 0)
    if text[real_end : real_end + 1] not in ("+", "-"):
        raise ValueError(_COMPLEX_SYNTAX_ERROR)
    imaginary_end = _float_token_end(text, real_end + 1)
    if text[imaginary_end : imaginary_end + 1] != "i":
        raise ValueError(_COMPLEX_SYNTAX_ERROR)
    real = _scanned_float(text[:real_end])
    imaginary = _scanned_float(text[real_end:imaginary_end])
    node.is_complex = True
    node.complex128 = complex(real, imaginary)
    _simplify_complex(node)
    return node


_COMPLEX_SYNTAX_ERROR = "syntax error scanning complex number"


def _float_token_end(text: str, pos: int) -> int:
    """Return where fmt's floatToken stops reading a number at `pos`."""

    def accept(chars: str) -> bool:
        nonlocal pos
        if pos < len(text) and text[pos] in chars:
            pos += 1
            return True
        return False

    accept("+-")
    digits, exponent = "0123456789_", "eEpP"
    if accept("0") and accept("xX"):
        digits, exponent = "0123456789abcdefABCDEF_", "pP"
    while accept(digits):
        pass
    if accept("."):
        while accept(digits):
            pass
    if accept(exponent):
        accept("+-")
        while accept("0123456789_"):
            pass
    return pos


def _scanned_float(token: str) -> float:
    """Convert a float token as fmt's convertFloat does, or raise Go's error.

    convertFloat has its own branch for a decimal number with a "p" exponent,
    which the template lexer never produces, so every token goes to ParseFloat.
    """
    return _strconv_float(token, token)


def _strconv_float(text: str, reported: str) -> float:
    value = parse_float(text)
    if value is not None:
        return value
    reason = "value out of range" if parse_float_syntax_ok(text) else "invalid syntax"
    raise ValueError(f"strconv.ParseFloat: parsing {quote(reported)}: {reason}")


def _simplify_complex(node: n.NumberNode) -> None:
    node.is_float = node.complex128.imag == 0
    if node.is_float:
        node.float64 = node.complex128.real
        node.is_int = float_is_int64(node.float64)
        if node.is_int:
            node.int64 = int(node.float64)
        node.is_uint = float_is_uint64(node.float64)
        if node.is_uint:
            node.uint64 = int(node.float64)
