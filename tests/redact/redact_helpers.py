"""Reference redaction and chunk feeding shared by the redaction tests."""

from __future__ import annotations

import base64
import random
import textwrap
from collections.abc import Iterable

from distr_secrets.redact import MASK, Redactor


def redact_by_search(data: bytes, patterns: Iterable[bytes]) -> bytes:
    """Redact `data` the slow and obvious way, as the reference for the redactor.

    Every occurrence of every pattern is found with `bytes.find`; spans that
    overlap or touch are merged and each merged span becomes one mask.
    """
    spans = []
    for pattern in set(patterns):
        start = data.find(pattern)
        while start != -1:
            spans.append((start, start + len(pattern)))
            start = data.find(pattern, start + 1)

    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])

    pieces = []
    written = 0
    for start, end in merged:
        pieces.append(data[written:start])
        pieces.append(MASK)
        written = end
    pieces.append(data[written:])
    return b"".join(pieces)


def redact_in_chunks(redactor: Redactor, chunks: Iterable[bytes]) -> bytes:
    """Feed each chunk, then flush, and return everything the redactor output."""
    output = [redactor.feed(chunk) for chunk in chunks]
    output.append(redactor.flush())
    return b"".join(output)


def pem_chain(count: int) -> str:
    """Return `count` PEM blocks of 2,200 random bytes each, 3,036 bytes a block."""
    blocks = []
    for seed in range(count):
        body = base64.b64encode(random.Random(seed).randbytes(2200)).decode()
        lines = "\n".join(textwrap.wrap(body, 64))
        blocks.append(
            f"-----BEGIN CERTIFICATE-----\n{lines}\n-----END CERTIFICATE-----\n"
        )
    return "".join(blocks)
