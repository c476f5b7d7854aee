"""Read a secret value for `set` from a file, a hidden prompt or stdin.

Values never come from the command line, where `ps` and shell history
would show them.
"""

from __future__ import annotations

import getpass
import shlex
import sys
from pathlib import Path

from distr_secrets.cli.common import (
    Interrupted,
    end_prompt_line,
    fail,
    read_file_bytes,
)


def read_value(key: str, from_file: Path | None) -> str:
    """Return the value for `key`; fail on an empty, unreadable or mistyped value."""
    if from_file is not None:
        value = _read_file(key, from_file)
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


def _read_file(key: str, path: Path) -> str:
    data = read_file_bytes(path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        command = f"base64 < {shlex.quote(str(path))} | distr-secrets set {key}"
        fail(
            f"value from {path} is not UTF-8 text (invalid byte at offset "
            f"{exc.start}); values are stored as text, so encode a binary file "
            f"first, for example: {command}"
        )


def _read_stdin() -> str:
    """Return stdin without one trailing newline, which `echo` and here-strings add."""
    try:
        text = sys.stdin.buffer.read().decode("utf-8")
    except UnicodeDecodeError as exc:
        fail(
            f"value from stdin is not UTF-8 text (invalid byte at offset "
            f"{exc.start}); values are stored as text, so encode binary data "
            "first, for example with base64"
        )
    if text.endswith("\r\n"):
        return text[:-2]
    return text.removesuffix("\n")


def _prompt_twice(key: str) -> str:
    """Ask for the value twice with echo off; fail on an empty or mistyped value.

    Ctrl-C raises Interrupted, which exits with status 130.
    """
    first = _prompt(f"Value for {key}: ", key)
    if first == "":
        fail(f"empty value for {key} from the prompt; nothing stored")
    second = _prompt(f"Repeat value for {key}: ", key)
    if first != second:
        fail(f"the two values entered for {key} differ; nothing stored")
    return first


def _prompt(text: str, key: str) -> str:
    try:
        return getpass.getpass(text)
    except EOFError:
        end_prompt_line()
        fail(f"no value entered for {key}; nothing stored")
    except KeyboardInterrupt:
        end_prompt_line()
        raise Interrupted("interrupted, nothing stored") from None
