"""Pipe handling of the copy loop shared by `redact` and `run`."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import pytest

from distr_secrets.redact import Redactor
from distr_secrets.runner import PIPE_SIZE, copy_redacted, enlarge_pipe

linux_pipes = pytest.mark.skipif(
    not hasattr(fcntl, "F_GETPIPE_SZ"), reason="pipe capacity is Linux-only"
)


def pipe_max_size() -> int:
    return int(Path("/proc/sys/fs/pipe-max-size").read_text())


@linux_pipes
def test_enlarge_pipe_raises_capacity() -> None:
    if pipe_max_size() < PIPE_SIZE:
        pytest.skip("the system limit on pipe capacity is below PIPE_SIZE")
    read_fd, write_fd = os.pipe()
    try:
        assert fcntl.fcntl(read_fd, fcntl.F_GETPIPE_SZ) < PIPE_SIZE
        enlarge_pipe(read_fd)
        assert fcntl.fcntl(read_fd, fcntl.F_GETPIPE_SZ) == PIPE_SIZE
    finally:
        os.close(read_fd)
        os.close(write_fd)


def test_enlarge_pipe_ignores_regular_file(tmp_path: Path) -> None:
    path = tmp_path / "input.log"
    path.write_bytes(b"not a pipe\n")
    fd = os.open(path, os.O_RDONLY)
    try:
        enlarge_pipe(fd)
        assert os.read(fd, 100) == b"not a pipe\n"
    finally:
        os.close(fd)


@linux_pipes
def test_copy_redacted_reads_large_writes(tmp_path: Path) -> None:
    """A write larger than a default pipe reaches the redactor in one read."""
    if pipe_max_size() < PIPE_SIZE:
        pytest.skip("the system limit on pipe capacity is below PIPE_SIZE")
    line = b"request token=s3cr3t-Value! done\n"
    line_count = PIPE_SIZE // len(line)
    data = line * line_count
    read_fd, write_fd = os.pipe()
    enlarge_pipe(read_fd)
    os.write(write_fd, data)
    os.close(write_fd)

    chunks: list[int] = []

    class CountingRedactor(Redactor):
        def feed(self, data: bytes) -> bytes:
            chunks.append(len(data))
            return super().feed(data)

    output_path = tmp_path / "output.log"
    output_fd = os.open(output_path, os.O_WRONLY | os.O_CREAT)
    try:
        copy_redacted(
            read_fd, output_fd, CountingRedactor([b"s3cr3t-Value!"]), source_name="a"
        )
    finally:
        os.close(read_fd)
        os.close(output_fd)

    assert chunks == [len(data)]
    assert output_path.read_bytes() == b"request token=******** done\n" * line_count


@linux_pipes
def test_copy_redacted_enlarges_source_pipe(tmp_path: Path) -> None:
    if pipe_max_size() < PIPE_SIZE:
        pytest.skip("the system limit on pipe capacity is below PIPE_SIZE")
    read_fd, write_fd = os.pipe()
    os.write(write_fd, b"token=s3cr3t-Value!\n")
    os.close(write_fd)
    output_fd = os.open(tmp_path / "output.log", os.O_WRONLY | os.O_CREAT)
    try:
        copy_redacted(read_fd, output_fd, Redactor([b"s3cr3t-Value!"]), source_name="a")
        assert fcntl.fcntl(read_fd, fcntl.F_GETPIPE_SZ) == PIPE_SIZE
    finally:
        os.close(read_fd)
        os.close(output_fd)
    assert (tmp_path / "output.log").read_bytes() == b"token=********\n"
