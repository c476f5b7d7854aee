"""Canonical JSON, strict base64 and timestamps used by the vault file format.

Every parse error here raises `FormatError`, which the reader turns into the
single opaque `VaultCorrupt` error.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from datetime import UTC, datetime
from typing import Any

TIME_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z", re.ASCII)

# Canonical padded base64 of at least one byte. Before the padding, the last
# character must leave the unused low bits zero, so every byte string has
# exactly one spelling. The possessive `*+` keeps matching linear in length.
BASE64_TEXT = (
    r"(?=[A-Za-z0-9+/])(?:[A-Za-z0-9+/]{4})*+"
    r"(?:[A-Za-z0-9+/][AQgw]==|[A-Za-z0-9+/]{2}[AEIMQUYcgkosw048]=)?"
)
BASE64_PATTERN = re.compile(BASE64_TEXT, re.ASCII)


class FormatError(Exception):
    """A line of the vault file that breaks the format; never shown to users."""


def canonical_json(obj: Any) -> str:
    """Encode `obj` as canonical JSON: sorted keys, no spaces, ASCII only."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def _reject_constant(name: str) -> Any:
    raise FormatError(f"non-finite number {name}")


def _reject_float(text: str) -> Any:
    raise FormatError(f"floating-point number {text}")


# One decoder for all records, because building one per call costs more
# than decoding a short line.
DECODER = json.JSONDecoder(parse_constant=_reject_constant, parse_float=_reject_float)


def parse_canonical_json(line: str) -> dict[str, Any]:
    """Parse one record line and require that it is an object in canonical form.

    Comparing the line with its re-encoding rejects whitespace, key order,
    duplicate keys (the re-encoding keeps only one), non-canonical escapes
    and number forms such as `1.0` or `1e3`.
    """
    try:
        obj = DECODER.decode(line)
    except ValueError as error:
        raise FormatError("invalid JSON") from error
    if not isinstance(obj, dict):
        raise FormatError("record is not an object")
    if canonical_json(obj) != line:
        raise FormatError("record is not in canonical form")
    return obj


def b64encode(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def is_canonical_base64(text: str) -> bool:
    """Return whether `text` is the one standard padded base64 spelling."""
    return BASE64_PATTERN.fullmatch(text) is not None


def b64decode(text: object, length: int | None = None) -> bytes:
    """Decode standard padded base64, rejecting every non-canonical spelling."""
    if not isinstance(text, str) or not is_canonical_base64(text):
        raise FormatError("invalid or non-canonical base64")
    try:
        data = binascii.a2b_base64(text)
    except binascii.Error as error:
        raise FormatError("invalid base64") from error
    if length is not None and len(data) != length:
        raise FormatError("base64 field has the wrong length")
    return data


def format_time(moment: datetime) -> str:
    """Format a UTC timestamp as `YYYY-MM-DDTHH:MM:SS.ffffffZ`."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_time(text: object) -> datetime:
    if not isinstance(text, str) or not TIME_PATTERN.fullmatch(text):
        raise FormatError("invalid timestamp")
    try:
        # The pattern fixes the layout, so this only checks the ranges and
        # returns an aware UTC datetime (Python 3.11 accepts the "Z").
        return datetime.fromisoformat(text)
    except ValueError as error:
        raise FormatError("invalid timestamp") from error


def now() -> str:
    return format_time(datetime.now(UTC))
