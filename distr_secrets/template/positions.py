"""Line and column of offsets in template source, as Go's messages count them."""

from __future__ import annotations

import bisect

from distr_secrets.template.strconv import to_bytes


class SourcePositions:
    """Line and byte column of source offsets, as Go's `ErrorContext` counts.

    Each line's byte offsets are computed once, on first use, so that many
    lookups on one long line stay linear in its length.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        # Offsets where lines start, found on the first lookup, because most
        # renders need no position at all.
        self._line_starts: list[int] | None = None
        # Per line: None for an ASCII line, else the byte offset of each
        # character from the start of the line.
        self.byte_offsets: dict[int, list[int] | None] = {}

    @property
    def line_starts(self) -> list[int]:
        if self._line_starts is None:
            starts = [0]
            position = self.text.find("\n")
            while position >= 0:
                starts.append(position + 1)
                position = self.text.find("\n", position + 1)
            self._line_starts = starts
        return self._line_starts

    def locate(self, pos: int) -> tuple[int, int]:
        line_index = bisect.bisect_right(self.line_starts, pos) - 1
        line_start = self.line_starts[line_index]
        if line_index not in self.byte_offsets:
            self.byte_offsets[line_index] = self._line_offsets(line_index)
        offsets = self.byte_offsets[line_index]
        if offsets is None:
            return line_index + 1, pos - line_start
        return line_index + 1, offsets[pos - line_start]

    def _line_offsets(self, line_index: int) -> list[int] | None:
        start = self.line_starts[line_index]
        end = self.text.find("\n", start)
        line = self.text[start : len(self.text) if end < 0 else end]
        if line.isascii():
            return None
        offsets = [0]
        total = 0
        for ch in line:
            total += len(to_bytes(ch))
            offsets.append(total)
        return offsets
