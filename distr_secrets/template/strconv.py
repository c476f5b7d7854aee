"""Go string quoting (`strconv.Quote`, `strconv.Unquote`) over surrogate-escaped text.

Template text is a `str` decoded from UTF-8 with `errors="surrogateescape"`, so a
byte that is not valid UTF-8 is a lone surrogate U+DC80..U+DCFF. Go decodes the
same byte as an invalid rune of width one, and these functions do the same.
"""

from __future__ import annotations

from distr_secrets.template import gofmt

_SIMPLE_ESCAPES = {
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\v": "\\v",
}

_UNESCAPES = {
    "a": 0x07,
    "b": 0x08,
    "f": 0x0C,
    "n": 0x0A,
    "r": 0x0D,
    "t": 0x09,
    "v": 0x0B,
    "\\": 0x5C,
}

_HEX_DIGITS = "0123456789abcdefABCDEF"


class UnquoteError(ValueError):
    """A literal that Go's `strconv.Unquote` rejects with `invalid syntax`."""


def is_escaped_byte(ch: str) -> bool:
    """Return whether `ch` stands for an invalid UTF-8 byte (surrogateescape)."""
    return "\udc80" <= ch <= "\udcff"


def is_print(ch: str) -> bool:
    """Report whether Go's `strconv.IsPrint` accepts the character."""
    if "\ud800" <= ch <= "\udfff":
        return False
    return gofmt.is_print(ord(ch))


def to_bytes(text: str) -> bytes:
    """Encode template text back to the bytes Go would see."""
    return gofmt.to_utf8_bytes(text)


def from_bytes(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


def quote(text: str, quote_char: str = '"') -> str:
    """Quote `text` as Go's `strconv.Quote` does (or `QuoteRune` with `'`)."""
    parts = [quote_char]
    for ch in text:
        parts.append(_quote_char(ch, quote_char))
    parts.append(quote_char)
    return "".join(parts)


def _quote_char(ch: str, quote_char: str) -> str:
    if is_escaped_byte(ch):
        return "\\x%02x" % (ord(ch) - 0xDC00)
    if "\ud800" <= ch <= "\udfff":
        return "\\ufffd"
    if ch == quote_char or ch == "\\":
        return "\\" + ch
    if is_print(ch):
        return ch
    if ch in _SIMPLE_ESCAPES:
        return _SIMPLE_ESCAPES[ch]
    code = ord(ch)
    if code < 0x20 or code == 0x7F:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def unquote(literal: str) -> str:
    """Decode a Go string literal (interpreted or raw) as `strconv.Unquote` does.

    Raises UnquoteError for any literal Go rejects.
    """
    if len(literal) < 2 or literal[0] != literal[-1]:
        raise UnquoteError(literal)
    quote_char = literal[0]
    body = literal[1:-1]
    if quote_char == "`":
        if "`" in body:
            raise UnquoteError(literal)
        return body.replace("\r", "")
    if quote_char not in "\"'":
        raise UnquoteError(literal)
    if "\n" in body:
        raise UnquoteError(literal)
    data = bytearray()
    index = 0
    count = 0
    while index < len(body):
        index = _unquote_char(body, index, quote_char, data)
        count += 1
    if quote_char == "'" and count != 1:
        raise UnquoteError(literal)
    return from_bytes(bytes(data))


class MalformedRuneError(ValueError):
    """A rune literal holding more than one character, such as `'ab'`."""


def unquote_rune(literal: str) -> int:
    """Decode a Go rune literal such as `'a'` or `'\\n'` to its code point.

    Raises UnquoteError where Go's `strconv.UnquoteChar` fails and
    MalformedRuneError when characters follow the first one.
    """
    body = literal[1:]
    if not body:
        raise UnquoteError(literal)
    data = bytearray()
    end = _unquote_char(body, 0, "'", data)
    if body[end:] != "'":
        raise MalformedRuneError(literal)
    if len(data) == 1:
        # A \x or octal escape gives one byte, and Go takes the byte as the rune.
        return data[0]
    return ord(from_bytes(bytes(data)))


def _unquote_char(body: str, index: int, quote_char: str, out: bytearray) -> int:
    """Decode one character of a literal's body into `out`; return the next index."""
    ch = body[index]
    if ch == quote_char:
        raise UnquoteError(body)
    if ch != "\\":
        if "\ud800" <= ch <= "\udfff":
            # Go decodes an invalid byte as U+FFFD and writes it back as UTF-8.
            out += "\ufffd".encode()
        else:
            out += ch.encode()
        return index + 1
    if index + 1 >= len(body):
        raise UnquoteError(body)
    kind = body[index + 1]
    index += 2
    if kind in _UNESCAPES:
        out.append(_UNESCAPES[kind])
        return index
    if kind in "xuU":
        width = {"x": 2, "u": 4, "U": 8}[kind]
        digits = body[index : index + width]
        if len(digits) < width or any(d not in _HEX_DIGITS for d in digits):
            raise UnquoteError(body)
        value = int(digits, 16)
        if kind == "x":
            out.append(value)
        elif value > 0x10FFFF or 0xD800 <= value <= 0xDFFF:
            raise UnquoteError(body)
        else:
            out += chr(value).encode()
        return index + width
    if kind in "01234567":
        digits = body[index - 1 : index + 2]
        if len(digits) < 3 or any(d not in "01234567" for d in digits):
            raise UnquoteError(body)
        value = int(digits, 8)
        if value > 255:
            raise UnquoteError(body)
        out.append(value)
        return index + 2
    if kind in "'\"" and kind == quote_char:
        out.append(ord(kind))
        return index
    raise UnquoteError(body)
