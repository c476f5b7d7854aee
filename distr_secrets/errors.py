"""Exit statuses and the base error that the command line turns into a message."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    USER_ERROR = 1
    USAGE = 2
    # A shell reports a process ended by SIGINT (Ctrl-C) as 128 + 2.
    INTERRUPTED = 130


class DistrError(Exception):
    """A failure the user can fix; `str()` is the message shown after `error: `.

    Messages name keys, files and customers, never a secret value.
    """

    exit_code = ExitCode.USER_ERROR
