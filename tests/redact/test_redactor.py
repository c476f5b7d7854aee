"""Redactor: matching, merging and streaming, with exact expected bytes."""

from __future__ import annotations

import random
import tracemalloc

import pytest
from redact_helpers import redact_by_search, redact_in_chunks

from distr_secrets.redact import (
    MAX_LITERAL_LENGTH,
    MAX_PATTERN_LENGTH,
    Redactor,
    cut_long_patterns,
    plan_literals,
)

pytestmark = pytest.mark.usefixtures("engine", "prefix_roots")

SECRET = b"s3cr3t-Value!"


@pytest.mark.parametrize(
    ("patterns", "data", "expected"),
    [
        pytest.param(
            [b"deploybot42", b"deploybot42-signing-key"],
            b"-alias deploybot42-signing-key\n",
            b"-alias ********\n",
            id="nested at start",
        ),
        pytest.param(
            [b"signing-key", b"deploybot42-signing-key"],
            b"-alias deploybot42-signing-key\n",
            b"-alias ********\n",
            id="nested at end",
        ),
        pytest.param(
            [b"bot42-sig", b"deploybot42-signing-key"],
            b"x deploybot42-signing-key y",
            b"x ******** y",
            id="nested in middle",
        ),
        pytest.param(
            [b"abcdef", b"defghi"],
            b"[abcdefghi]",
            b"[********]",
            id="overlapping",
        ),
        pytest.param(
            [b"abcdef", b"bcdefg", b"cdefgh"],
            b"abcdefgh",
            b"********",
            id="overlapping chain",
        ),
        pytest.param(
            [b"abcdef", b"ghijkl"],
            b"<abcdefghijkl>",
            b"<********>",
            id="adjacent",
        ),
        pytest.param(
            [b"abcdef", b"ghijkl"],
            b"<abcdef ghijkl>",
            b"<******** ********>",
            id="separated by one byte",
        ),
        pytest.param(
            [b"aaaa"],
            b"baaaaaaaaab",
            b"b********b",
            id="self overlapping",
        ),
        pytest.param(
            [SECRET],
            b"a " + SECRET + b" b " + SECRET + b"\n",
            b"a ******** b ********\n",
            id="two occurrences",
        ),
        pytest.param(
            [SECRET],
            b"\xff\xfe" + SECRET + b"\x00\x80\n",
            b"\xff\xfe********\x00\x80\n",
            id="invalid utf-8 and nul",
        ),
        pytest.param(
            [SECRET],
            b"\x1b[31mERROR\x1b[0m token=" + SECRET + b"\x1b[0m\n",
            b"\x1b[31mERROR\x1b[0m token=********\x1b[0m\n",
            id="ansi colours",
        ),
        pytest.param(
            ["pässwört".encode()],
            "user=ü pässwört ö\n".encode(),
            "user=ü ******** ö\n".encode(),
            id="utf-8 value",
        ),
        pytest.param(
            [], b"nothing \xff to hide\n", b"nothing \xff to hide\n", id="none"
        ),
    ],
)
def test_redactor_masks(patterns: list[bytes], data: bytes, expected: bytes) -> None:
    redactor = Redactor(patterns)
    assert redact_in_chunks(redactor, [data]) == expected
    assert redact_by_search(data, patterns) == expected


def test_redactor_rejects_line_break_patterns() -> None:
    with pytest.raises(ValueError) as caught:
        Redactor([b"first line\nsecond line"])
    assert str(caught.value) == "redaction patterns must not contain line breaks"


def test_redactor_repr_hides_patterns() -> None:
    assert repr(Redactor([SECRET, b"other-value"])) == "<Redactor patterns=2>"


@pytest.mark.parametrize("cut", range(len(SECRET) + 1))
def test_secret_split_at_every_offset(cut: int) -> None:
    data = b"token=" + SECRET + b";\n"
    split = len(b"token=") + cut
    redactor = Redactor([SECRET])

    first = redactor.feed(data[:split])
    second = redactor.feed(data[split:])

    expected_first = b"token=********" if cut == len(SECRET) else b"token="
    assert first == expected_first
    assert first + second + redactor.flush() == b"token=********;\n"


STREAM_PATTERNS = [SECRET, b"s3cr3t-Value!-and-more", b"Value!", b"abab", b"ab-cd"]
STREAM_INPUT = (
    b"start s3cr3t-Value!-and-more s3cr3t-Valu\xff s3cr3t-Value!\r"
    b"progress 10%\rprogress 20%\r\n"
    b"ababababx ab-cdab-cd s3cr3t-Value!s3cr3t-Value!\n"
    b"tail without newline s3cr3t-V"
)
STREAM_EXPECTED = (
    b"start ******** s3cr3t-Valu\xff ********\r"
    b"progress 10%\rprogress 20%\r\n"
    b"********x ******** ********\n"
    b"tail without newline s3cr3t-V"
)


@pytest.mark.parametrize("size", range(1, len(b"s3cr3t-Value!-and-more") + 3))
def test_every_chunk_size(size: int) -> None:
    chunks = [
        STREAM_INPUT[start : start + size]
        for start in range(0, len(STREAM_INPUT), size)
    ]
    redactor = Redactor(STREAM_PATTERNS)
    assert redact_in_chunks(redactor, chunks) == STREAM_EXPECTED
    assert redact_by_search(STREAM_INPUT, STREAM_PATTERNS) == STREAM_EXPECTED


@pytest.mark.parametrize(
    ("chunk", "released", "held"),
    [
        pytest.param(
            b"complete line s3cr3t\n", b"complete line s3cr3t\n", 0, id="line"
        ),
        pytest.param(b"progress s3cr3t\r", b"progress s3cr3t\r", 0, id="lone cr"),
        pytest.param(b"partial s3cr3t", b"partial ", 6, id="possible start"),
        pytest.param(b"partial s3cr3x", b"partial s3cr3x", 0, id="no longer possible"),
        pytest.param(b"ends with s", b"ends with ", 1, id="one byte"),
        pytest.param(b"s3cr3t-Value!", b"", 13, id="match that is a prefix"),
        pytest.param(b"s3cr3t-Value!.", b"********.", 0, id="complete match"),
        pytest.param(b"s3cr3t-Value!-and", b"", 17, id="match that could grow"),
    ],
)
def test_release_rule(chunk: bytes, released: bytes, held: int) -> None:
    redactor = Redactor([SECRET, b"s3cr3t-Value!-and-more"])
    assert redactor.feed(chunk) == released
    assert redactor.held_bytes == held


def test_match_that_could_grow_is_masked_whole() -> None:
    redactor = Redactor([SECRET, b"s3cr3t-Value!-and-more"])
    assert redactor.feed(b"s3cr3t-Value!-and") == b""
    assert redactor.feed(b"-less\n") == b"********-and-less\n"


def test_open_mask_continues_across_feeds() -> None:
    redactor = Redactor([b"abcabc", b"c-yz"])
    assert redactor.feed(b"abcabcabc-") == b"********"
    assert redactor.held_bytes == len(b"c-")
    assert redactor.feed(b"yz!\n") == b"!\n"


def test_adjacent_match_after_release_merges() -> None:
    redactor = Redactor([b"abcdef", b"ghijkl"])
    assert redactor.feed(b"<abcdef") == b"<********"
    assert redactor.feed(b"ghijkl>") == b">"
    assert redactor.flush() == b""


def test_redactor_reusable_after_flush() -> None:
    redactor = Redactor([SECRET])
    assert redactor.feed(b"one s3cr3t") == b"one "
    assert redactor.flush() == b"s3cr3t"
    assert redactor.feed(b"-Value!\n") == b"-Value!\n"


def test_long_line_without_newline_bounded_memory() -> None:
    patterns = [SECRET, b"x" * 40 + b"-end"]
    block = (b"log data " * 8000)[:65536]
    chunk = block[:30000] + SECRET + block[30000 + len(SECRET) :]
    chunk_expected = block[:30000] + b"********" + block[30000 + len(SECRET) :]
    bound = max(len(pattern) for pattern in patterns) - 1
    redactor = Redactor(patterns)

    tracemalloc.start()
    released = 0
    mismatches = 0
    for _ in range(50 * 1024 * 1024 // len(chunk)):
        output = redactor.feed(chunk)
        released += len(output)
        mismatches += output != chunk_expected
        assert redactor.held_bytes <= bound
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    assert mismatches == 0
    assert released == (50 * 1024 * 1024 // len(chunk)) * len(chunk_expected)
    assert redactor.flush() == b""
    assert peak < 1024 * 1024


def test_held_tail_shorter_than_longest_pattern() -> None:
    pattern = b"a" * 10 + b"b"
    redactor = Redactor([pattern])
    output = redactor.feed(b"a" * 1000)
    assert output == b"a" * 990
    assert redactor.held_bytes == 10
    assert redactor.feed(b"b") == b"********"


def test_redactor_uses_selected_engine(engine: str) -> None:
    assert Redactor([SECRET]).engine == engine


def test_nul_byte_pattern_uses_aho_corasick() -> None:
    redactor = Redactor([b"ab\x00cd-secret"])
    assert redactor.engine == "aho-corasick"
    assert redactor.feed(b"x ab\x00cd-secret ab y\n") == b"x ******** ab y\n"


def test_clone_shares_patterns_not_state() -> None:
    original = Redactor([SECRET])
    assert original.feed(b"held s3cr3t") == b"held "
    copy = original.clone()

    assert copy.held_bytes == 0
    assert copy.feed(b"s3cr3t-Value! copy\n") == b"******** copy\n"
    assert original.feed(b"-Value!\n") == b"********\n"


@pytest.mark.parametrize(
    ("engine_name", "message"),
    [
        ("regex", "unknown matching engine 'regex'"),
    ],
)
def test_unknown_engine_rejected(engine_name: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        Redactor([SECRET], engine=engine_name)  # type: ignore[arg-type]
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("patterns", "group_prefixes", "literals", "candidates"),
    [
        pytest.param(
            [b"abcd", b"abcdef", b"abcdefgh", b"abce"],
            True,
            [b"abcd", b"abce"],
            {b"abcd": (b"abcdefgh", b"abcdef", b"abcd")},
            id="chain and sibling",
        ),
        pytest.param(
            [b"abcd", b"abcdX", b"abcdY", b"bcde"],
            True,
            [b"abcd", b"bcde"],
            {b"abcd": (b"abcdX", b"abcdY", b"abcd")},
            id="two extensions",
        ),
        pytest.param(
            [b"abcd", b"bcde", b"cdef"],
            True,
            [b"abcd", b"bcde", b"cdef"],
            {},
            id="none",
        ),
        pytest.param(
            [b"abcd", b"abcdef"],
            False,
            [b"abcd", b"abcdef"],
            {},
            id="chain not grouped",
        ),
        pytest.param(
            [b"ab", b"abcdefgh", b"abcdefgh-long", b"abcdefgi"],
            False,
            [b"ab", b"abcdef"],
            {b"abcdef": (b"abcdefgh-long", b"abcdefgh", b"abcdefgi")},
            id="long patterns share a head",
        ),
        pytest.param(
            [b"ab", b"abcdefgh", b"abcdefgi"],
            True,
            [b"ab"],
            {b"ab": (b"abcdefgh", b"abcdefgi", b"ab")},
            id="long patterns grouped under a root",
        ),
    ],
)
def test_plan_literals(
    patterns: list[bytes],
    group_prefixes: bool,
    literals: list[bytes],
    candidates: dict[bytes, tuple[bytes, ...]],
) -> None:
    planned = plan_literals(sorted(patterns), 6, group_prefixes=group_prefixes)
    assert planned == (literals, candidates)


PREFIX_CHAIN = [b"tok-1234", b"tok-1234-ext", b"tok-1234-ext-long"]
PREFIX_INPUT = (
    b"a tok-1234-ext-long b tok-1234-ext c tok-1234 d tok-1234-ex\n"
    b"tok-1234-ext-lon tok-1234-ext-long"
)
PREFIX_EXPECTED = (
    b"a ******** b ******** c ******** d ********-ex\n********-lon ********"
)


@pytest.mark.parametrize("cut", range(len(PREFIX_INPUT) + 1))
def test_prefix_chain_split_anywhere(cut: int) -> None:
    """Patterns extending one another are masked whole across any read boundary."""
    redactor = Redactor(PREFIX_CHAIN)
    chunks = [PREFIX_INPUT[:cut], PREFIX_INPUT[cut:]]
    assert redact_in_chunks(redactor, chunks) == PREFIX_EXPECTED
    assert redact_by_search(PREFIX_INPUT, PREFIX_CHAIN) == PREFIX_EXPECTED


@pytest.mark.parametrize(
    ("patterns", "pieces"),
    [
        pytest.param([b"abc"], {b"abc"}, id="shorter"),
        pytest.param([b"abcd"], {b"abcd"}, id="exactly the length"),
        pytest.param([b"abcde"], {b"abcd", b"bcde"}, id="one byte longer"),
        pytest.param([b"abcdefgh"], {b"abcd", b"efgh"}, id="twice the length"),
        pytest.param(
            [b"abcdefghij"], {b"abcd", b"efgh", b"ghij"}, id="last piece overlaps"
        ),
        pytest.param(
            [b"abcdabcdab", b"wxyz"],
            {b"abcd", b"cdab", b"wxyz"},
            id="repeated pieces",
        ),
    ],
)
def test_cut_long_patterns(patterns: list[bytes], pieces: set[bytes]) -> None:
    assert cut_long_patterns(patterns, 4) == pieces


def letters(length: int, seed: int) -> bytes:
    """Return `length` random ASCII letters, the same for the same seed."""
    generator = random.Random(seed)
    return bytes(
        generator.choice(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
        for _ in range(length)
    )


# Longer than the 16,000 bytes that Hyperscan 0.9.1 accepts in one literal.
LONG_SECRET = letters(20_000, seed=7)
LONG_INPUT = (
    b"key=" + LONG_SECRET + b" end\n"
    b"cut short " + LONG_SECRET[:9000] + b"\n"
    b"twice " + LONG_SECRET + LONG_SECRET + b"\n"
    b"no newline " + LONG_SECRET
)
LONG_EXPECTED = (
    b"key=******** end\n"
    b"cut short ********" + LONG_SECRET[2 * MAX_PATTERN_LENGTH : 9000] + b"\n"
    b"twice ********\n"
    b"no newline ********"
)


@pytest.mark.parametrize(
    "size", [7, 1000, MAX_PATTERN_LENGTH - 1, MAX_PATTERN_LENGTH + 1, 1 << 20]
)
def test_long_pattern_masked_whole(size: int) -> None:
    """A long pattern is one mask, and a copy cut short is masked by piece."""
    redactor = Redactor([LONG_SECRET, SECRET])
    output = []
    max_held = 0
    for start in range(0, len(LONG_INPUT), size):
        output.append(redactor.feed(LONG_INPUT[start : start + size]))
        max_held = max(max_held, redactor.held_bytes)
    output.append(redactor.flush())

    assert b"".join(output) == LONG_EXPECTED
    assert max_held <= MAX_PATTERN_LENGTH - 1


def test_long_pattern_held_tail_capped() -> None:
    redactor = Redactor([LONG_SECRET])
    assert redactor.feed(b"x" + LONG_SECRET[:10_000]) == b"x********"
    assert redactor.held_bytes == 10_000 - 2 * MAX_PATTERN_LENGTH
    assert redactor.feed(LONG_SECRET[10_000:] + b"!\n") == b"!\n"


def test_long_literal_head_without_rest_not_masked() -> None:
    """Only the head of a long pattern is compiled; the rest must match as well."""
    pattern = letters(MAX_LITERAL_LENGTH + 50, seed=8)
    near_miss = pattern[:-1] + b"#"
    redactor = Redactor([pattern])
    data = b"a " + near_miss + b" b " + pattern + b"\n"
    assert redactor.feed(data) == b"a " + near_miss + b" b ********\n"
