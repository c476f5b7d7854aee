"""Derived forms: each encoding of a value is masked where a log shows it."""

from __future__ import annotations

import base64
import json
import random

import pytest
from redact_helpers import pem_chain, redact_in_chunks

from distr_secrets.derived import (
    DEFAULT_MIN_LENGTH,
    MAX_VALUE_LENGTH,
    PatternSet,
    base64_forms,
    env_forms,
    json_forms,
    mask_patterns,
    percent_forms,
    secret_patterns,
    shell_forms,
)
from distr_secrets.redact import Redactor

pytestmark = pytest.mark.usefixtures("engine", "prefix_roots")

URL_VALUE = "p@ss wörd/+&=<x>!*'~"
JSON_VALUE = 'a"b\\c\nd\te<f>é/'
SHELL_VALUE = "it's a secret"
MULTI_LINE_VALUE = "line one of it\nline two of it"


def redact_whole(values: list[str], data: bytes) -> bytes:
    return redact_in_chunks(Redactor.for_values(values), [data])


@pytest.mark.parametrize(
    ("value", "data", "expected"),
    [
        pytest.param(
            "hunter2hunter2",
            b"Authorization: Basic YWRtaW46aHVudGVyMmh1bnRlcjI=\n",
            b"Authorization: Basic YWRtaW46********\n",
            id="base64 basic auth",
        ),
        pytest.param(
            URL_VALUE,
            b"GET /?pw=p%40ss+w%C3%B6rd%2F%2B%26%3D%3Cx%3E%21%2A%27~ HTTP/1.1\n",
            b"GET /?pw=******** HTTP/1.1\n",
            id="go url.QueryEscape",
        ),
        pytest.param(
            URL_VALUE,
            b"GET /p@ss%20w%C3%B6rd%2F+&=%3Cx%3E%21%2A%27~ HTTP/1.1\n",
            b"GET /******** HTTP/1.1\n",
            id="go url.PathEscape",
        ),
        pytest.param(
            URL_VALUE,
            b"GET /?pw=p%40ss%20w%C3%B6rd%2F%2B%26%3D%3Cx%3E!*'~ HTTP/1.1\n",
            b"GET /?pw=******** HTTP/1.1\n",
            id="javascript encodeURIComponent",
        ),
        pytest.param(
            URL_VALUE,
            b"GET /?pw=p%40ss%20w%C3%B6rd/%2B%26%3D%3Cx%3E%21%2A%27~ HTTP/1.1\n",
            b"GET /?pw=******** HTTP/1.1\n",
            id="python quote",
        ),
        pytest.param(
            URL_VALUE,
            b"GET /?pw=p%40ss+w%c3%b6rd%2f%2b%26%3d%3cx%3e%21%2a%27~ HTTP/1.1\n",
            b"GET /?pw=******** HTTP/1.1\n",
            id="lower-case hex",
        ),
        pytest.param(
            "hunter2hunter2",
            b'{"password":"hunter2hunter2","user":\'hunter2hunter2\'}\n',
            b'{"password":"********","user":\'********\'}\n',
            id="quotes around value kept",
        ),
        pytest.param(
            JSON_VALUE,
            '{"password":"a\\"b\\\\c\\nd\\te<f>é/"}\n'.encode(),
            b'{"password":"********"}\n',
            id="json utf-8",
        ),
        pytest.param(
            JSON_VALUE,
            b'{"password":"a\\"b\\\\c\\nd\\te<f>\\u00e9/"}\n',
            b'{"password":"********"}\n',
            id="json ascii",
        ),
        pytest.param(
            JSON_VALUE,
            b'{"password":"a\\"b\\\\c\\nd\\te<f>\\u00E9/"}\n',
            b'{"password":"********"}\n',
            id="json upper-case escape",
        ),
        pytest.param(
            JSON_VALUE,
            '{"password":"a\\"b\\\\c\\nd\\te\\u003cf\\u003eé/"}\n'.encode(),
            b'{"password":"********"}\n',
            id="json go html escaping",
        ),
        pytest.param(
            JSON_VALUE,
            '{"password":"a\\"b\\\\c\\nd\\te<f>é\\/"}\n'.encode(),
            b'{"password":"********"}\n',
            id="json escaped slash",
        ),
        pytest.param(
            MULTI_LINE_VALUE,
            b'CERT="line one of it\\nline two of it"\n',
            b'CERT="********"\n',
            id="env newline escape",
        ),
        pytest.param(
            SHELL_VALUE,
            b"export PW='it'\"'\"'s a secret'\n",
            b"export PW='********'\n",
            id="shlex.quote",
        ),
        pytest.param(
            SHELL_VALUE,
            b"export PW='it'\\''s a secret'\n",
            b"export PW='********'\n",
            id="bash quote",
        ),
        pytest.param(
            SHELL_VALUE,
            b'export PW="it\'s a secret"\n',
            b'export PW="********"\n',
            id="double quotes",
        ),
        pytest.param(
            SHELL_VALUE,
            b"export PW=it\\'s\\ a\\ secret\n",
            b"export PW=********\n",
            id="backslash escapes",
        ),
        pytest.param(
            MULTI_LINE_VALUE,
            b"line one of it\nline two of it\n",
            b"********\n********\n",
            id="multi-line raw",
        ),
    ],
)
def test_derived_form_masked(value: str, data: bytes, expected: bytes) -> None:
    assert redact_whole([value], data) == expected


BASE64_VALUE = b"correct horse battery staple"
ENCODERS = {
    "standard padded": base64.b64encode,
    "standard unpadded": lambda data: base64.b64encode(data).rstrip(b"="),
    "url-safe padded": base64.urlsafe_b64encode,
    "url-safe unpadded": lambda data: base64.urlsafe_b64encode(data).rstrip(b"="),
}


@pytest.mark.parametrize("encoder", ENCODERS)
@pytest.mark.parametrize("prefix", [b"", b"u", b"us", b"usr"])
@pytest.mark.parametrize("suffix", [b"", b"x", b"xy", b"xyz"])
def test_base64_every_alignment(encoder: str, prefix: bytes, suffix: bytes) -> None:
    encoded = ENCODERS[encoder](prefix + BASE64_VALUE + suffix)
    # Characters that carry bits of the prefix or suffix stay visible; every
    # character made only of the value's bits is masked.
    visible_before = -(-len(prefix) * 8 // 6)
    visible_after = (len(prefix) + len(BASE64_VALUE)) * 8 // 6
    expected = encoded[:visible_before] + b"********"
    if suffix:
        expected += encoded[visible_after:]

    output = redact_whole([BASE64_VALUE.decode()], b"data: " + encoded + b"\n")

    assert output == b"data: " + expected + b"\n"


def test_base64_alignment_literal() -> None:
    encoded = base64.b64encode(b"us" + BASE64_VALUE + b"x")
    assert encoded == b"dXNjb3JyZWN0IGhvcnNlIGJhdHRlcnkgc3RhcGxleA=="
    assert redact_whole([BASE64_VALUE.decode()], encoded) == b"dXN********eA=="


PEM_LINES = [
    "-----BEGIN EXAMPLE PRIVATE KEY-----",
    "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj",
    "MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu",
    "NMoSfm76oqFvAp8Gy0iz5sxjZmSnXyCdPEovGhLa0VzMaQ8s+CLOyS56YyCFGeJZ",
    "-----END EXAMPLE PRIVATE KEY-----",
]
PEM_VALUE = "\n".join(PEM_LINES) + "\n"
PEM_BASE64 = base64.b64encode(PEM_VALUE.encode())
PEM_BASE64_64_LINES = [
    PEM_BASE64[start : start + 64] for start in range(0, len(PEM_BASE64), 64)
]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(
            PEM_VALUE.encode(),
            b"********\n" * len(PEM_LINES),
            id="as stored",
        ),
        pytest.param(
            PEM_VALUE.replace("\n", "\r\n").encode(),
            b"********\r\n" * len(PEM_LINES),
            id="crlf",
        ),
        pytest.param(
            "".join("    " + line + "\n" for line in PEM_LINES).encode(),
            b"    ********\n" * len(PEM_LINES),
            id="indented",
        ),
        pytest.param(
            b"key: |\n"
            + "".join("  " + line + "  \r\n" for line in PEM_LINES).encode(),
            b"key: |\n" + b"  ********  \r\n" * len(PEM_LINES),
            id="yaml block crlf trailing blanks",
        ),
        pytest.param(
            b'{"key": "' + PEM_VALUE.replace("\n", "\\n").encode() + b'"}\n',
            b'{"key": "********"}\n',
            id="json one line",
        ),
        pytest.param(
            b"KEY=" + base64.b64encode(PEM_VALUE.encode()) + b"\n",
            b"KEY=********\n",
            id="base64 one line",
        ),
        pytest.param(
            base64.encodebytes(PEM_VALUE.encode()),
            b"********\n" * len(base64.encodebytes(PEM_VALUE.encode()).splitlines()),
            id="base64 wrapped at 76",
        ),
        pytest.param(
            b"".join(line + b"\n" for line in PEM_BASE64_64_LINES),
            b"********\n" * len(PEM_BASE64_64_LINES),
            id="base64 wrapped at 64",
        ),
    ],
)
def test_pem_value_masked(data: bytes, expected: bytes) -> None:
    redactor = Redactor.for_values([PEM_VALUE])
    assert redact_in_chunks(redactor, [data]) == expected
    assert redact_in_chunks(redactor, [bytes([byte]) for byte in data]) == expected


JSON_DOCUMENT = '{\n  "type": "service_account",\n  "project": "demo"\n}'


def test_short_lines_not_masked_alone() -> None:
    data = b'x = {\r\n    "type": "service_account",\r\n    "project": "demo"\r\n}\r\n'
    expected = b"x = {\r\n    ********\r\n    ********\r\n}\r\n"
    assert redact_whole([JSON_DOCUMENT], data) == expected


def test_patterns_have_no_line_breaks_or_short_forms() -> None:
    patterns = mask_patterns(JSON_DOCUMENT + "\r\n" + PEM_VALUE)
    too_short = [pattern for pattern in patterns if len(pattern) < DEFAULT_MIN_LENGTH]
    with_breaks = [
        pattern for pattern in patterns if b"\n" in pattern or b"\r" in pattern
    ]
    assert too_short == []
    assert with_breaks == []
    assert b"{" not in patterns
    assert b'"type": "service_account",' in patterns


@pytest.mark.parametrize(
    ("min_length", "values", "data", "expected"),
    [
        (4, ["abc", "abcd", "abcde"], b"abc abcd abcde\n", b"abc ******** ********\n"),
        (5, ["abc", "abcd", "abcde"], b"abc abcd abcde\n", b"abc abcd ********\n"),
        (1, ["a"], b"a b c\n", b"******** b c\n"),
    ],
)
def test_min_length(
    min_length: int, values: list[str], data: bytes, expected: bytes
) -> None:
    redactor = Redactor.for_values(values, min_length)
    assert redact_in_chunks(redactor, [data]) == expected


def test_secret_patterns_names_short_keys_once() -> None:
    secrets = {
        "PORT": ["80"],
        "FLAG": ["x", "y", "long-enough-value"],
        "EMPTY": [""],
        "TOKEN": ["long-enough-token"],
    }
    result = secret_patterns(secrets, min_length=4)
    assert isinstance(result, PatternSet)
    assert result.short_keys == ("FLAG", "PORT")
    assert b"long-enough-value" in result.patterns
    assert b"long-enough-token" in result.patterns
    assert b"" not in result.patterns


def test_secret_patterns_names_long_keys_once() -> None:
    at_limit = "m" * (MAX_VALUE_LENGTH - 2) + "é"
    secrets = {
        "BUNDLE": ["b" * (MAX_VALUE_LENGTH + 1), "short-enough-value"],
        "AT_LIMIT": [at_limit],
        "OVER_IN_UTF8": ["ü" * (MAX_VALUE_LENGTH // 2 + 1)],
        "OLD_BUNDLE": ["current-value", "o" * (MAX_VALUE_LENGTH + 1)] * 2,
    }
    result = secret_patterns(secrets, min_length=4)
    assert result.long_keys == ("BUNDLE", "OLD_BUNDLE", "OVER_IN_UTF8")
    assert result.short_keys == ()
    assert b"short-enough-value" in result.patterns
    assert b"current-value" in result.patterns
    assert at_limit.encode() in result.patterns
    assert not any(pattern.startswith(b"bbbb") for pattern in result.patterns)


# Four certificates, 12,144 bytes: each derived form is longer than the 16,000
# bytes that Hyperscan 0.9.1 accepts in one literal, except the value itself.
PEM_CHAIN = pem_chain(4)
PEM_CHAIN_LINES = PEM_CHAIN.encode().splitlines()
PEM_CHAIN_BASE64 = base64.b64encode(PEM_CHAIN.encode())


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(PEM_CHAIN.encode(), b"********\n" * 192, id="as stored"),
        pytest.param(
            PEM_CHAIN.encode().replace(b"\n", b"\r\n"),
            b"********\r\n" * 192,
            id="crlf",
        ),
        pytest.param(
            b"".join(b"    " + line + b"\n" for line in PEM_CHAIN_LINES),
            b"    ********\n" * 192,
            id="indented",
        ),
        pytest.param(
            json.dumps({"chain": PEM_CHAIN}).encode() + b"\n",
            b'{"chain": "********"}\n',
            id="json",
        ),
        pytest.param(
            b"TLS_CHAIN=" + PEM_CHAIN.encode().replace(b"\n", b"\\n") + b"\n",
            b"TLS_CHAIN=********\n",
            id="env file",
        ),
        pytest.param(
            b"data: " + PEM_CHAIN_BASE64 + b"\n", b"data: ********\n", id="base64"
        ),
        pytest.param(
            b"truncated: " + PEM_CHAIN_BASE64[:10_000] + b"...\n",
            # The lines of the base64 form wrapped at 64 characters are
            # substrings too, so all but the last 10,000 % 64 characters go.
            b"truncated: ********" + PEM_CHAIN_BASE64[9984:10_000] + b"...\n",
            id="base64 cut short",
        ),
    ],
)
def test_pem_chain_masked(data: bytes, expected: bytes) -> None:
    assert len(PEM_CHAIN) == 12_144
    assert len(PEM_CHAIN_LINES) == 192
    assert redact_whole([PEM_CHAIN], data) == expected


# A keystore encoded on one line, 16,000 bytes: near the maximum that is masked.
KEYSTORE = base64.b64encode(random.Random(9).randbytes(12_000)).decode()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(
            b"keystore=" + KEYSTORE.encode() + b" loaded\n",
            b"keystore=******** loaded\n",
            id="as stored",
        ),
        pytest.param(
            b'{"keystore":"' + KEYSTORE.encode() + b'"}\n',
            b'{"keystore":"********"}\n',
            id="json",
        ),
        pytest.param(
            b"Basic " + base64.b64encode(b"u:" + KEYSTORE.encode()) + b"\n",
            b"Basic dTp********\n",
            id="base64 after other data",
        ),
        pytest.param(
            b"q=" + KEYSTORE.replace("+", "%2B").replace("/", "%2F").encode() + b"&\n",
            b"q=********&\n",
            id="percent-encoded",
        ),
    ],
)
def test_long_single_line_value_masked(data: bytes, expected: bytes) -> None:
    assert len(KEYSTORE) == 16_000
    assert redact_whole([KEYSTORE], data) == expected


def test_previous_values_masked() -> None:
    secrets = {"DB_PASSWORD": ["new-value-2026", "old-value-2025", "older-2024"]}
    redactor = Redactor(secret_patterns(secrets).patterns)
    data = b"old-value-2025 new-value-2026 older-2024 other\n"
    assert redact_in_chunks(redactor, [data]) == b"******** ******** ******** other\n"


def test_base64_forms_exact() -> None:
    assert base64_forms(b"hello!") == {
        b"aGVsbG8h",
        b"hlbGxvI",
        b"hlbGxvIQ==",
        b"hlbGxvIQ",
        b"oZWxsby",
        b"oZWxsbyE=",
        b"oZWxsbyE",
    }


def test_base64_forms_url_safe_alphabet() -> None:
    forms = base64_forms(b"\xfb\xef\xbe")
    assert b"++++" in forms
    assert b"----" in forms


def test_percent_forms_exact() -> None:
    assert percent_forms("a b/é~".encode()) == {
        b"a+b%2F%C3%A9~",
        b"a+b%2f%c3%a9~",
        b"a%20b%2F%C3%A9~",
        b"a%20b%2f%c3%a9~",
        b"a+b/%C3%A9~",
        b"a+b/%c3%a9~",
        b"a%20b/%C3%A9~",
        b"a%20b/%c3%a9~",
    }


def test_json_forms_exact() -> None:
    assert json_forms('a"é<') == {
        'a\\"é<'.encode(),
        b'a\\"\\u00e9<',
        b'a\\"\\u00E9<',
        'a\\"é\\u003c'.encode(),
        'a\\"é\\u003C'.encode(),
    }


def test_env_forms_exact() -> None:
    assert env_forms(b"x\ny\r\nz") == {
        b"x\\ny\r\\nz",
        b"x\\ny\\r\\nz",
        b"x\\ny\\nz",
    }


def test_shell_forms_exact() -> None:
    assert shell_forms("it's $x") == {
        b"it'\"'\"'s $x",
        b"it'\\''s $x",
        b"it's \\$x",
        b"it\\'s\\ \\$x",
    }
