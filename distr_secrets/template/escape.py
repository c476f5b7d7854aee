"""The html, js and urlquery builtins of Go's text/template.

Each builtin first turns its arguments into one string as Go's evalArgs does,
then escapes it as Go 1.27's template.HTMLEscapeString,
template.JSEscapeString or url.QueryEscape does. Strings follow the
conventions of ``gofmt``: surrogate escapes are the raw bytes of invalid UTF-8.
"""

from __future__ import annotations

from collections.abc import Sequence

from distr_secrets.template.gofmt import is_print, sprint, to_go_runes, to_utf8_bytes

__all__ = ["eval_args", "html_escape", "js_escape", "urlquery_escape"]

_HTML_ESCAPES = str.maketrans(
    {
        "\0": "\ufffd",
        '"': "&#34;",
        "'": "&#39;",
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
    }
)

_JS_ASCII_ESCAPES = {
    "\\": "\\\\",
    "'": "\\'",
    '"': '\\"',
    "<": "\\u003C",
    ">": "\\u003E",
    "&": "\\u0026",
    "=": "\\u003D",
}

# Bytes that url.QueryEscape keeps: RFC 3986's unreserved characters.
_URL_UNRESERVED = frozenset(
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~"
)


def eval_args(args: Sequence[object]) -> str:
    """Turn builtin arguments into one string as text/template's evalArgs does.

    A single string is used as is. Otherwise the arguments go through
    fmt.Sprint, after a nil argument is replaced by the string "<no value>".
    """
    if len(args) == 1 and isinstance(args[0], str):
        return args[0]
    return sprint(["<no value>" if arg is None else arg for arg in args])


def html_escape(args: Sequence[object]) -> str:
    """Escape as Go's template.HTMLEscapeString: quotes, &, <, > and NUL."""
    return eval_args(args).translate(_HTML_ESCAPES)


def js_escape(args: Sequence[object]) -> str:
    """Escape as Go's template.JSEscapeString.

    Quotes and backslashes get a backslash. The characters <, >, & and = and
    the ASCII control characters become \\u00XX. Non-ASCII runes that are not
    printable become \\uXXXX, with five or six hex digits above U+FFFF as Go
    prints them. Bytes that are not valid UTF-8 pass through unchanged.
    """
    text = eval_args(args)
    if text.isascii() and text.isprintable() and not _has_js_special(text):
        return text

    pieces = []
    for char in to_go_runes(text):
        code = ord(char)
        if char in _JS_ASCII_ESCAPES:
            pieces.append(_JS_ASCII_ESCAPES[char])
        elif code < 0x20:
            pieces.append(f"\\u00{code:02X}")
        elif code < 0x80 or "\udc80" <= char <= "\udcff" or is_print(code):
            pieces.append(char)
        else:
            pieces.append(f"\\u{code:04X}")
    return "".join(pieces)


def urlquery_escape(args: Sequence[object]) -> str:
    """Escape as Go's url.QueryEscape.

    Letters, digits and "-_.~" stay, a space becomes '+', and every other byte
    of the UTF-8 encoding becomes %XX.
    """
    pieces = []
    for byte in to_utf8_bytes(eval_args(args)):
        if byte in _URL_UNRESERVED:
            pieces.append(chr(byte))
        elif byte == 0x20:
            pieces.append("+")
        else:
            pieces.append(f"%{byte:02X}")
    return "".join(pieces)


def _has_js_special(text: str) -> bool:
    return any(char in _JS_ASCII_ESCAPES for char in text)
