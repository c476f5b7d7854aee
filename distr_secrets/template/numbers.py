"""Go's rules for numeric literals: `strconv.ParseInt`, `ParseUint` and
`ParseFloat` with base 0, as the template parser applies them in `newNumber`.
"""

from __future__ import annotations

import math
import re

INT64_MIN = -(1 << 63)
INT64_MAX = (1 << 63) - 1
UINT64_MAX = (1 << 64) - 1

_DECIMAL_FLOAT = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\Z")
_HEX_FLOAT = re.compile(
    r"[+-]?0[xX]([0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)[pP][+-]?\d+\Z"
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
    if "_" in text and not underscore_ok(text):
        return None
    if value > UINT64_MAX:
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
