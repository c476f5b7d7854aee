"""Streaming redactor: replaces every occurrence of a set of byte patterns.

The redactor works on bytes, so invalid UTF-8, NUL bytes and terminal escape
sequences pass through unchanged outside the masked spans. Matches that overlap
or touch merge into one `********`, so no byte of any pattern shows.

A pattern longer than `MAX_PATTERN_LENGTH` bytes is matched as consecutive
pieces of that length, the last one ending where the pattern ends. The pieces
of a whole occurrence touch or overlap, so it still becomes one mask, and a
piece found on its own (a value cut short in a log) is masked as well.

Output is released as early as it can be without ever leaking part of a match.
After each `feed`, the redactor holds back only the longest tail of the input
that is a proper prefix of some pattern or piece, so the held tail is always
shorter than `MAX_PATTERN_LENGTH`. Because no pattern contains a line break, a
complete line (ended by `\\n` or a lone `\\r`) is always released at once. The
output does not depend on how the input is cut into chunks: it equals
`feed(whole) + flush()`.

Matching uses Hyperscan's literal matcher when the `hyperscan` package is
installed, and otherwise an Aho-Corasick automaton from `ahocorasick_rs`. Both
search bytes for thousands of patterns in one pass; `docs/redaction.md` has the
measurements behind this choice.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from typing import Any, Literal, Protocol

from distr_secrets.derived import DEFAULT_MIN_LENGTH, patterns_for_values

try:
    import hyperscan
except ImportError:  # optional: the Aho-Corasick engine works everywhere
    hyperscan = None  # type: ignore[assignment]

MASK = b"********"

# Maximum length of a pattern matched as it is. Longer ones are matched in
# pieces of this length, which bounds the bytes held back from a partial line.
MAX_PATTERN_LENGTH = 4096

# Maximum length of a literal compiled into the matching engine. A longer
# pattern is found by its first bytes and then compared in full. Hyperscan
# 0.9.1 rejects literals over 16,000 bytes ("Pattern length exceeds limit"),
# and both engines need several bytes of memory per byte of literal.
MAX_LITERAL_LENGTH = 128

# Length of the pattern prefixes kept in a set to rule out most candidate tails
# before the exact check.
_PREFIX_FILTER_LENGTH = 4

Engine = Literal["hyperscan", "aho-corasick"]

# With more patterns than this, only the roots of prefix chains are compiled
# (see `plan_literals`). 8,000 literals took 0.13 to 0.2 s of CPU to compile
# and their 4,000 roots 0.05 to 0.1 s, while 800 literals took about 0.02 s.
# NOTE: the limit is an estimate from one 2-core Xeon. There Hyperscan 0.9.1
# scanned sets of 40 and 48 literals at half the speed of sets of 24 or 64,
# and the 40 roots of 10 secrets fell in that range.
SPLIT_PREFIXES_ABOVE = 1000


class Redactor:
    """A stream filter that replaces byte patterns with `********`.

    Call `feed` with each chunk as it arrives and write out what it returns,
    then call `flush` once at the end of the input. The redactor can be reused
    after `flush`.
    """

    def __init__(self, patterns: Iterable[bytes], engine: Engine | None = None) -> None:
        """Compile the patterns; `engine` defaults to Hyperscan when installed."""
        unique = {bytes(pattern) for pattern in patterns}
        unique.discard(b"")
        if any(b"\n" in pattern or b"\r" in pattern for pattern in unique):
            raise ValueError("redaction patterns must not contain line breaks")

        self._patterns = sorted(cut_long_patterns(unique, MAX_PATTERN_LENGTH))
        longest = max((len(pattern) for pattern in self._patterns), default=1)
        self._max_hold = longest - 1
        self._prefixes = {
            pattern[:length]
            for pattern in self._patterns
            for length in range(1, _PREFIX_FILTER_LENGTH + 1)
        }
        literals, self._candidates = plan_literals(
            self._patterns,
            MAX_LITERAL_LENGTH,
            group_prefixes=len(self._patterns) > SPLIT_PREFIXES_ABOVE,
        )
        self._matcher = compile_matcher(literals, engine)

        self._pending = b""
        # End of the last mask written, as an offset into `_pending`, or None when
        # no mask is open. Held bytes before it belong to that mask, and a match
        # starting at or before it extends the same mask.
        self._open_mask_end: int | None = None

    @classmethod
    def for_values(
        cls, values: Iterable[str], min_length: int = DEFAULT_MIN_LENGTH
    ) -> Redactor:
        """Build a redactor for values and their derived forms.

        Values (and forms) shorter than `min_length` bytes are not masked.
        """
        return cls(patterns_for_values(values, min_length))

    def clone(self) -> Redactor:
        """Return a redactor for the same patterns with its own stream state.

        The compiled patterns are shared, so this is cheap. Use one redactor per
        stream and per thread.
        """
        copy = object.__new__(Redactor)
        copy.__dict__.update(self.__dict__)
        copy._matcher = self._matcher.clone() if self._matcher else None
        copy._pending = b""
        copy._open_mask_end = None
        return copy

    @property
    def engine(self) -> Engine | None:
        """Matching engine in use, or None when there is nothing to match."""
        return self._matcher.engine if self._matcher else None

    def __repr__(self) -> str:
        return f"<Redactor patterns={len(self._patterns)}>"

    @property
    def pattern_count(self) -> int:
        """Number of patterns, counting each long pattern as its distinct pieces."""
        return len(self._patterns)

    @property
    def held_bytes(self) -> int:
        """Number of input bytes held back because they could start a pattern."""
        return len(self._pending)

    def feed(self, data: bytes) -> bytes:
        """Redact a chunk; return the output that is safe to write now."""
        data = bytes(data)
        if self._matcher is None:
            return data
        # Joining copies the chunk, so skip it when nothing is held, as after a
        # read that ended with a complete line.
        buffer = self._pending + data if self._pending else data
        release_end = self._hold_start(buffer)
        output = self._redact(buffer, release_end)
        self._pending = buffer[release_end:]
        return output

    def flush(self) -> bytes:
        """Redact and return everything still held; call at the end of input."""
        buffer = self._pending
        output = self._redact(buffer, len(buffer)) if self._matcher else buffer
        self._pending = b""
        self._open_mask_end = None
        return output

    def _hold_start(self, buffer: bytes) -> int:
        """Return where the longest tail that could still start a pattern begins.

        Only the bytes after the last line break and within the longest pattern
        minus one byte from the end can start a match that is not complete yet.
        """
        end = len(buffer)
        window_start = max(0, end - self._max_hold)
        line_break = max(
            buffer.rfind(b"\n", window_start), buffer.rfind(b"\r", window_start)
        )
        for start in range(max(window_start, line_break + 1), end):
            if buffer[start : start + _PREFIX_FILTER_LENGTH] not in self._prefixes:
                continue
            if self._is_proper_prefix(buffer[start:]):
                return start
        return end

    def _is_proper_prefix(self, tail: bytes) -> bool:
        index = bisect_left(self._patterns, tail)
        if index < len(self._patterns) and self._patterns[index] == tail:
            index += 1
        return index < len(self._patterns) and self._patterns[index].startswith(tail)

    def _redact(self, buffer: bytes, release_end: int) -> bytes:
        """Return `buffer[:release_end]` with every match starting there masked.

        Matches are merged in order of their start, so a match that overlaps or
        touches the open mask extends it. Matches starting at or after
        `release_end` are left for the next call, whose buffer starts there.
        """
        assert self._matcher is not None
        found = self._matcher.find_spans(buffer)
        if self._candidates:
            found = self._resolve_matches(buffer, found)
        spans = sorted((start, end) for start, end in found if start < release_end)
        if not spans and self._open_mask_end is None:
            return buffer if release_end == len(buffer) else buffer[:release_end]

        # Slices of a memoryview copy nothing, so `join` copies each byte once.
        view = memoryview(buffer)
        pieces: list[bytes | memoryview] = []
        written = 0
        mask_end = self._open_mask_end
        for start, end in spans:
            if mask_end is not None and start <= mask_end:
                mask_end = max(mask_end, end)
                continue
            if mask_end is not None:
                written = mask_end
            pieces.append(view[written:start])
            pieces.append(MASK)
            mask_end = end

        if mask_end is not None and mask_end >= release_end:
            self._open_mask_end = mask_end - release_end
        else:
            if mask_end is not None:
                written = mask_end
            pieces.append(view[written:release_end])
            self._open_mask_end = None
        return b"".join(pieces)

    def _resolve_matches(
        self, buffer: bytes, found: list[tuple[int, int]]
    ) -> list[tuple[int, int]]:
        """Turn literal matches into the spans of the longest patterns there.

        A literal with candidates matches where one of them is in `buffer` at
        its start, and not otherwise. For a match starting before the release
        end no candidate runs past the end of `buffer`, because `_hold_start`
        holds back any tail that is a proper prefix of a pattern.
        """
        spans = []
        for start, end in found:
            candidates = self._candidates.get(buffer[start:end])
            if candidates is None:
                spans.append((start, end))
                continue
            for pattern in candidates:
                if buffer.startswith(pattern, start):
                    spans.append((start, start + len(pattern)))
                    break
        return spans


def cut_long_patterns(patterns: Iterable[bytes], max_length: int) -> set[bytes]:
    """Replace each pattern longer than `max_length` by pieces of that length.

    The pieces start every `max_length` bytes, and the last one ends where the
    pattern ends, overlapping the one before it unless the length divides
    evenly. Every byte of the pattern lies in a piece.
    """
    cut: set[bytes] = set()
    for pattern in patterns:
        if len(pattern) <= max_length:
            cut.add(pattern)
            continue
        last_start = len(pattern) - max_length
        for start in range(0, last_start, max_length):
            cut.add(pattern[start : start + max_length])
        cut.add(pattern[last_start:])
    return cut


def plan_literals(
    patterns: list[bytes], max_literal_length: int, *, group_prefixes: bool
) -> tuple[list[bytes], dict[bytes, tuple[bytes, ...]]]:
    """Choose the literals to compile for sorted patterns, and what each stands for.

    A pattern longer than `max_literal_length` is found by its first bytes. With
    `group_prefixes`, a pattern that starts with an earlier literal is found by
    that literal too: derived forms often extend one another (base64 with and
    without `=` padding), and fewer literals compile faster. Every occurrence
    of a pattern begins with an occurrence of its literal.

    Returns the literals and, for each literal that does not stand for itself
    alone, its candidates: the patterns starting with it, longest first.
    """
    literals: list[bytes] = []
    groups: dict[bytes, list[bytes]] = {}
    for pattern in patterns:
        literal = pattern[:max_literal_length]
        # In sorted order the patterns that start with a literal follow one
        # another, so only the latest literal can be a prefix of this one.
        previous = literals[-1] if literals else None
        if previous is not None and (
            literal == previous or (group_prefixes and literal.startswith(previous))
        ):
            literal = previous
        else:
            literals.append(literal)
        groups.setdefault(literal, []).append(pattern)
    candidates = {
        literal: tuple(sorted(group, key=len, reverse=True))
        for literal, group in groups.items()
        if group != [literal]
    }
    return literals, candidates


class Matcher(Protocol):
    """Compiled patterns that find every occurrence, overlapping ones included."""

    engine: Engine

    def find_spans(self, buffer: bytes) -> list[tuple[int, int]]:
        """Return `(start, end)` of every occurrence of every pattern."""
        ...

    def clone(self) -> Matcher:
        """Return a matcher sharing the compiled patterns, safe for another thread."""
        ...


def compile_matcher(patterns: list[bytes], engine: Engine | None) -> Matcher | None:
    """Compile patterns for `engine`, or for the fastest one installed.

    Hyperscan is skipped for patterns containing a NUL byte, because the Python
    binding passes literals as C strings, which end at the first NUL.
    """
    if not patterns:
        return None
    has_nul = any(b"\x00" in pattern for pattern in patterns)
    if engine is None:
        usable = hyperscan is not None and not has_nul
        engine = "hyperscan" if usable else "aho-corasick"
    if engine == "aho-corasick":
        return AhoCorasickMatcher(patterns)
    if engine != "hyperscan":
        raise ValueError(f"unknown matching engine {engine!r}")
    if hyperscan is None:
        raise ValueError("the hyperscan engine needs the hyperscan package")
    if has_nul:
        raise ValueError("the hyperscan engine cannot match a NUL byte")
    return HyperscanMatcher(patterns)


class AhoCorasickMatcher:
    """Patterns in an `ahocorasick_rs` automaton (a contiguous NFA).

    A DFA searched 1.3 to 2 times as fast in our measurements but needed about
    100 MiB for 1,000 secrets, against 11 MiB for the contiguous NFA.
    """

    engine: Engine = "aho-corasick"

    def __init__(self, patterns: list[bytes]) -> None:
        # Imported here because Hyperscan, where installed, is the default engine.
        import ahocorasick_rs

        self._automaton = ahocorasick_rs.BytesAhoCorasick(
            patterns, implementation=ahocorasick_rs.Implementation.ContiguousNFA
        )

    def find_spans(self, buffer: bytes) -> list[tuple[int, int]]:
        matches = self._automaton.find_matches_as_indexes(buffer, overlapping=True)
        return [(start, end) for _, start, end in matches]

    def clone(self) -> AhoCorasickMatcher:
        return self


class HyperscanMatcher:
    """Patterns in a Hyperscan block-mode database compiled as pure literals.

    Hyperscan reports only where a match ends, so the start comes from the
    length of the pattern. Each matcher owns the scratch space that a scan needs.
    """

    engine: Engine = "hyperscan"

    def __init__(self, patterns: list[bytes], database: Any = None) -> None:
        assert hyperscan is not None
        self._lengths = [len(pattern) for pattern in patterns]
        self._patterns = patterns
        if database is None:
            database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
            database.compile(
                expressions=patterns,
                ids=list(range(len(patterns))),
                elements=len(patterns),
                flags=0,
                literal=True,
            )
        self._database = database
        self._scratch = hyperscan.Scratch(database)

    def find_spans(self, buffer: bytes) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        lengths = self._lengths

        def on_match(
            pattern_id: int, _start: int, end: int, _flags: int, _ctx: object
        ) -> None:
            spans.append((end - lengths[pattern_id], end))

        self._database.scan(buffer, match_event_handler=on_match, scratch=self._scratch)
        return spans

    def clone(self) -> HyperscanMatcher:
        return HyperscanMatcher(self._patterns, self._database)
