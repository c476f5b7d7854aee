"""Derived forms: the encodings in which a secret value reaches a log.

A value is rarely printed only as itself. Programs log it base64-encoded in an
HTTP header, percent-encoded in a URL, escaped inside a JSON string, with its
newlines written as `\\n` in an `.env` file, or quoted for a shell. This module
lists those forms as byte strings so that the redactor can mask each of them.
`docs/redaction.md` describes every form.

Patterns never contain a line break: a form that spans lines is split into its
lines, because the redactor writes a line out as soon as it ends.
"""

from __future__ import annotations

import base64
import functools
import json
import re
import shlex
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

DEFAULT_MIN_LENGTH = 4
"""Shortest value, derived form or line of a value (in bytes) that is masked."""

MAX_VALUE_LENGTH = 16 * 1024
"""Maximum length (in bytes) of a value that is masked.

Longer values are listed in `PatternSet.long_keys` and not masked.

Memory grows with the total size of the values: their derived forms take 20 to
60 times their size, and a value of 16 KiB gives about 800 literals to
compile. A key has up to 11 values (the current one and 10 earlier ones). With
11 values of this length (random printable ASCII), `redact` peaked at 86 to
87 MiB of resident memory on Linux with Hyperscan 0.9.1 (`benchmarks/redact`).
"""

_LINE_BREAKS = re.compile(rb"[\r\n]+")
_LINE_PADDING = b" \t"

# Bytes that no percent-encoder escapes (RFC 3986 unreserved characters).
_UNRESERVED_BYTES = (
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~"
)
_UNRESERVED = frozenset(_UNRESERVED_BYTES)

# Extra bytes that common encoders leave as they are, on top of the unreserved
# ones: Go's url.QueryEscape and Python's quote_plus (none), Go's url.PathEscape,
# JavaScript's encodeURIComponent and Python's urllib.parse.quote.
_PERCENT_SAFE_SETS = (b"", b"$&+:=@", b"!'()*", b"/")

# Backslash-escaped forms such as bash's `printf %q` put a backslash before these.
_SHELL_SPECIAL = frozenset(b" \t!\"#$&'()*,;<>?[\\]^`{|}~")


@dataclass(frozen=True)
class PatternSet:
    """Byte patterns to mask, and the keys with a value too short or too long."""

    patterns: frozenset[bytes]
    short_keys: tuple[str, ...]
    long_keys: tuple[str, ...] = ()


def value_bytes(value: str) -> bytes:
    """Encode a value as UTF-8, keeping undecodable bytes that the CLI read as-is."""
    try:
        return value.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return value.encode("utf-8", "surrogatepass")


def derived_forms(value: str) -> set[bytes]:
    """Return the value and every derived form, lines not yet split.

    The set contains the raw value, its base64, percent-encoded, JSON-escaped,
    `.env`-escaped and shell-quoted forms. Empty strings are left out.
    """
    raw = value_bytes(value)
    forms = {raw}
    forms |= base64_forms(raw)
    forms |= percent_forms(raw)
    forms |= json_forms(value)
    forms |= env_forms(raw)
    forms |= shell_forms(value)
    forms.discard(b"")
    return forms


def mask_patterns(value: str, min_length: int = DEFAULT_MIN_LENGTH) -> set[bytes]:
    """Return the patterns that mask a value and its derived forms.

    A form without line breaks is a pattern as it is, and also with surrounding
    blanks stripped. A form with line breaks contributes each of its lines,
    stripped of indentation and trailing blanks. Patterns shorter than
    `min_length` bytes are left out, so a line such as `{` is never masked alone.
    """
    patterns: set[bytes] = set()
    for form in derived_forms(value):
        if b"\n" not in form and b"\r" not in form:
            patterns.add(form)
            patterns.add(form.strip(_LINE_PADDING))
            continue
        pieces = _LINE_BREAKS.split(form)
        patterns.update(piece.strip(_LINE_PADDING) for piece in pieces)
    return {pattern for pattern in patterns if len(pattern) >= min_length}


def secret_patterns(
    secrets: Mapping[str, Sequence[str]],
    min_length: int = DEFAULT_MIN_LENGTH,
    max_length: int = MAX_VALUE_LENGTH,
) -> PatternSet:
    """Collect the patterns for every value of every key.

    `secrets` maps each key to its values: the current one and earlier ones.
    Empty values are ignored. A key with a non-empty value shorter than
    `min_length` bytes is listed once in `short_keys`, and a key with a value
    longer than `max_length` bytes once in `long_keys`, both in key order.
    Such values are not masked.
    """
    patterns: set[bytes] = set()
    short_keys: list[str] = []
    long_keys: list[str] = []
    for key in sorted(secrets):
        for value in secrets[key]:
            if not value:
                continue
            size = len(value_bytes(value))
            if size > max_length:
                _append_once(long_keys, key)
            elif size < min_length:
                _append_once(short_keys, key)
            else:
                patterns |= mask_patterns(value, min_length)
    return PatternSet(frozenset(patterns), tuple(short_keys), tuple(long_keys))


def _append_once(keys: list[str], key: str) -> None:
    if key not in keys:
        keys.append(key)


def base64_forms(raw: bytes) -> set[bytes]:
    """Return the base64 forms of `raw`, standard and URL-safe.

    The value may start at any of the three byte offsets within a 3-byte group of
    the encoded data. For each offset the set contains the characters that
    depend only on the value (the form seen when more data follows it), and the
    full tail when the value ends the data, padded with `=` and unpadded.
    The one or two characters that mix bits of the preceding data are left out.
    For a value that starts the encoded data, the set also contains the standard
    encoding wrapped at 76 characters (GNU `base64`, MIME) and at 64 (PEM), so
    that each of its lines is masked.
    """
    forms: set[bytes] = set()
    encoded = base64.b64encode(raw)
    for width in _BASE64_LINE_WIDTHS:
        lines = [
            encoded[start : start + width] for start in range(0, len(encoded), width)
        ]
        forms.add(b"\n".join(lines))
    for offset in range(3):
        encoded = base64.b64encode(bytes(offset) + raw)
        start = (0, 2, 3)[offset]
        total = offset + len(raw)
        stable_end = (total // 3) * 4 + (0, 1, 2)[total % 3]
        padded = encoded[start:]
        standard = {encoded[start:stable_end], padded, padded.rstrip(b"=")}
        forms |= standard
        forms |= {form.translate(_URL_SAFE) for form in standard}
    return forms


_URL_SAFE = bytes.maketrans(b"+/", b"-_")
_BASE64_LINE_WIDTHS = (64, 76)


def percent_forms(raw: bytes) -> set[bytes]:
    """Return the percent-encoded forms of `raw` that common encoders produce.

    Covers Go's `url.QueryEscape` (the `urlquery` template function) and
    `url.PathEscape`, JavaScript's `encodeURIComponent`, and Python's `quote`
    and `quote_plus`, each with a space as `+` and as `%20`, and with upper- and
    lower-case hexadecimal digits.
    """
    if not raw.translate(None, _UNRESERVED_BYTES):
        # No encoder changes unreserved bytes, so every form is the value itself.
        return {raw}
    return {b"".join(map(table.__getitem__, raw)) for table in _percent_tables()}


def _percent_table(safe: bytes, space: bytes, hex_format: str) -> list[bytes]:
    """Return the encoded form of each byte value for one encoder variant."""
    table = []
    for byte in range(256):
        if byte in _UNRESERVED or byte in safe:
            table.append(bytes([byte]))
        elif byte == 0x20:
            table.append(space)
        else:
            table.append(hex_format.format(byte).encode("ascii"))
    return table


@functools.cache
def _percent_tables() -> list[list[bytes]]:
    """Return the byte tables of every encoder variant, built on first use."""
    return [
        _percent_table(safe, space, hex_format)
        for safe in _PERCENT_SAFE_SETS
        for space in (b"+", b"%20")
        for hex_format in ("%{:02X}", "%{:02x}")
    ]


def json_forms(value: str) -> set[bytes]:
    """Return the value escaped as the inside of a JSON string.

    Covers Python's `json.dumps` with and without `ensure_ascii`, Go's
    `encoding/json` (which also escapes `<`, `>`, `&`, U+2028 and U+2029), `\\/`
    for `/` as PHP writes it, and upper-case `\\u` digits as some Java
    libraries write them.
    """
    plain = json.dumps(value, ensure_ascii=False)[1:-1]
    ascii_only = json.dumps(value, ensure_ascii=True)[1:-1]
    go_style = plain
    for char, escape in _GO_JSON_ESCAPES.items():
        go_style = go_style.replace(char, escape)
    texts = {plain, ascii_only, go_style}
    texts |= {text.replace("/", "\\/") for text in texts}
    texts |= {_upper_unicode_escapes(text) for text in texts}
    return {value_bytes(text) for text in texts}


_GO_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}

_UNICODE_ESCAPE = re.compile(r"\\u[0-9a-f]{4}")


def _upper_unicode_escapes(text: str) -> str:
    return _UNICODE_ESCAPE.sub(lambda match: "\\u" + match.group()[2:].upper(), text)


def env_forms(raw: bytes) -> set[bytes]:
    """Return the value with line breaks written as `\\n` (and `\\r`).

    This is the form that `render` writes into `.env` files. Variants with
    backslashes doubled cover writers that also escape the backslash.
    """
    forms: set[bytes] = set()
    for text in (raw, raw.replace(b"\\", b"\\\\")):
        forms.add(text.replace(b"\n", b"\\n"))
        forms.add(text.replace(b"\r", b"\\r").replace(b"\n", b"\\n"))
        forms.add(text.replace(b"\r\n", b"\\n").replace(b"\n", b"\\n"))
    return forms


def shell_forms(value: str) -> set[bytes]:
    """Return the value as it appears inside shell quotes.

    Covers Python's `shlex.quote`, single quotes with `'\\''` for a quote (as
    bash's `${var@Q}` writes it), double quotes with `\\`, `"`, `$` and a
    backtick escaped, and a backslash before each special character (close to
    bash's `printf %q`). The opening and closing quotes are left out, because
    they are not part of the value and masking them would hide the structure
    of the line.
    """
    raw = value_bytes(value)
    quoted = value_bytes(shlex.quote(value))
    if quoted.startswith(b"'") and quoted.endswith(b"'") and len(quoted) >= 2:
        quoted = quoted[1:-1]
    single = raw.replace(b"'", b"'\\''")
    double = _backslash_escape(raw, frozenset(b'\\"$`'))
    backslashed = _backslash_escape(raw, _SHELL_SPECIAL)
    return {quoted, single, double, backslashed}


def _backslash_escape(raw: bytes, special: frozenset[int]) -> bytes:
    escaped = bytearray()
    for byte in raw:
        if byte in special:
            escaped.append(0x5C)
        escaped.append(byte)
    return bytes(escaped)


def patterns_for_values(
    values: Iterable[str], min_length: int = DEFAULT_MIN_LENGTH
) -> frozenset[bytes]:
    """Return the patterns for unnamed values, skipping those too short to mask."""
    named = {str(index): [value] for index, value in enumerate(values)}
    return secret_patterns(named, min_length).patterns
