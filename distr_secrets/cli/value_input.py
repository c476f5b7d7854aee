"""Read a secret value for `set` from a file, a hidden prompt or stdin.

Values never come from the command line, where `ps` and shell history
would show them.
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from distr_secrets.cli.common import fail


def read_value(key: str, from_file: Path | None) -> str:
    """Return the value for `key`; fail on an empty, unreadable or mistyped value."""
    if from_file is not None:
        value = _read_file(from_file)
        source = str(from_file)
    elif sys.stdin.isatty():
        value = _prompt_twice(key)
        source = "the prompt"
    else:
        value = _read_stdin()
        source = "stdin"

    if value == "":
        fail(f"empty value for {key} from {source}; nothing stored")
    return value


def _read_file(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        fail(f"failed to read {path}: {exc.strerror}")
    return _decode(data, str(path))


def _read_stdin() -> str:
    """Return stdin without one trailing newline, which `echo` and here-strings add."""
    text = _decode(sys.stdin.buffer.read(), "stdin")
    if text.endswith("\r\n"):
        return text[:-2]
    return text.removesuffix("\n")


def _prompt_twice(key: str) -> str:
    """Ask for the value twice with echo off; fail if the two entries differ."""
    try:
        first = getpass.getpass(f"Value for {key}: ")
        second = getpass.getpass(f"Repeat value for {key}: ")
    except EOFError:
        fail(f"no value entered for {key}; nothing stored")
    if first != second:
        fail(f"the two values entered for {key} differ; nothing stored")
    return first


def _decode(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        fail(f"value from {source} is not UTF-8 (invalid byte at offset {exc.start})")
