"""Strict parsing of the encodings inside vault records."""

from __future__ import annotations

import base64
import os

import pytest

from distr_secrets.vault.encoding import (
    FormatError,
    b64decode,
    parse_canonical_json,
    parse_time,
)


@pytest.mark.parametrize(
    "line",
    [
        '{"a":1,"b":"x"}',
        '{"a":[null,true,false],"b":{"c":"\\u00e9\\n"}}',
        '{"a":-5}',
    ],
)
def test_canonical_json_accepted(line: str) -> None:
    assert isinstance(parse_canonical_json(line), dict)


@pytest.mark.parametrize(
    "line",
    [
        '{"b":1,"a":2}',
        '{"a":1,"a":2}',
        '{"a": 1}',
        '{"a":1} ',
        '{"a":1.0}',
        '{"a":1e3}',
        '{"a":NaN}',
        '{"a":Infinity}',
        '{"a":"\\u00E9"}',
        '{"a":"\\/"}',
        '{"a":"é"}',
        '{"a":01}',
        "[1]",
        '"a"',
        "",
        '{"a":1}{"b":2}',
    ],
)
def test_non_canonical_json_rejected(line: str) -> None:
    with pytest.raises(FormatError):
        parse_canonical_json(line)


def test_base64_round_trip_every_length() -> None:
    for length in range(1, 70):
        data = os.urandom(length)
        assert b64decode(base64.b64encode(data).decode()) == data


@pytest.mark.parametrize(
    "text",
    ["", "QQ", "QQ=", "QR==", "QUJ=", "QUI", "Q===", "=QUJ", "QU=J", "QUJD\n", "QU JD"],
)
def test_non_canonical_base64_rejected(text: str) -> None:
    with pytest.raises(FormatError):
        b64decode(text)


def test_base64_length_checked() -> None:
    with pytest.raises(FormatError):
        b64decode(base64.b64encode(b"x" * 15).decode(), 16)


@pytest.mark.parametrize(
    "text",
    [
        "2026-12-04T15:37:13Z",
        "2026-12-04T15:37:13.243535+00:00",
        "2026-13-04T15:37:13.243535Z",
        "2026-02-30T15:37:13.243535Z",
        "2026-12-04 15:37:13.243535Z",
    ],
)
def test_invalid_timestamps_rejected(text: str) -> None:
    with pytest.raises(FormatError):
        parse_time(text)
