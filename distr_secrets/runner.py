"""Run a command with secrets in its environment and redact what it prints.

The child's stdout and stderr are read through pipes, each by its own thread
with its own `Redactor`, and written to our stdout and stderr. Signals sent to
us are forwarded to the child. The exit status is the child's, or 128 plus the
signal number when a signal killed it, as shells report it.
"""

from __future__ import annotations

import errno
import fcntl
import os
import signal
import stat
import subprocess
import threading
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from typing import IO

from distr_secrets.errors import DistrError
from distr_secrets.redact import Redactor

# Bytes asked for by each read. A read returns as soon as any input is there,
# so a larger size costs no delay, and it cuts the per-read Python work when
# input arrives faster than it is redacted.
READ_SIZE = 1 << 20

# Capacity asked for a pipe that we read from, in bytes: a pipe of Linux's
# default 64 KiB returns at most 64 KiB per read. Linux lets an unprivileged
# process raise it up to /proc/sys/fs/pipe-max-size (1 MiB by default).
PIPE_SIZE = 1 << 20

# Signals forwarded to the child. SIGINT and SIGQUIT typed at a terminal already
# reach the child, which shares our process group, so only signals that another
# process sent (kill, a supervisor) are forwarded.
FORWARDED_SIGNALS = frozenset(
    {
        signal.SIGHUP,
        signal.SIGINT,
        signal.SIGQUIT,
        signal.SIGTERM,
        signal.SIGUSR1,
        signal.SIGUSR2,
        signal.SIGWINCH,
    }
)

# Highest `si_code` of a signal sent by a process. SI_USER (kill) is 0 and
# SI_QUEUE, SI_TKILL and the like are negative, while the kernel and the
# terminal driver use positive codes (Linux `include/uapi/asm-generic/siginfo.h`).
_SENT_BY_PROCESS_MAX_CODE = 0

_CHILD_POLL_SECONDS = 0.5


class StreamReadError(DistrError):
    """Reading an input stream failed; the message names the stream."""


class StreamWriteError(DistrError):
    """Writing an output stream failed for a reason other than a closed pipe."""


class CommandStartError(DistrError):
    """The command exists but the system could not start it."""

    exit_code = 126  # type: ignore[assignment]  # shells use 126 for this


class CommandNotFound(DistrError):
    """The command to run does not exist or is not executable."""

    exit_code = 127  # type: ignore[assignment]  # shells use 127 for this


class EnvironmentValueError(DistrError):
    """A variable value that no process environment can contain."""


def find_nul_byte(env: Mapping[str, str]) -> str | None:
    """Return the first name, in sorted order, whose value contains a NUL byte.

    The system passes the environment to a new process as NUL-terminated
    `NAME=value` strings, so Python's `subprocess` rejects such a value with
    ValueError ("embedded null byte").
    """
    return next((name for name in sorted(env) if "\0" in env[name]), None)


def nul_byte_error(subject: str) -> EnvironmentValueError:
    """Return the error for a value with a NUL byte. `subject` names its source."""
    return EnvironmentValueError(
        f"not starting the command: {subject} contains a NUL byte, which "
        "environment variables cannot contain; store the value without NUL "
        "bytes, for example base64-encoded"
    )


def copy_redacted(
    source_fd: int,
    target_fd: int,
    redactor: Redactor,
    *,
    source_name: str,
    target_name: str = "standard output",
) -> None:
    """Copy `source_fd` to `target_fd` through `redactor` until end of input.

    Each read is redacted and written at once, so a complete line shows without
    waiting for more input. Raises StreamReadError when a read fails,
    BrokenPipeError when the reader of `target_fd` has gone and
    StreamWriteError when another write error occurs.
    """
    enlarge_pipe(source_fd)
    while True:
        try:
            chunk = os.read(source_fd, READ_SIZE)
        except OSError as error:
            raise StreamReadError(
                f"failed to read {source_name}: {error.strerror}"
            ) from None
        output = redactor.feed(chunk) if chunk else redactor.flush()
        try:
            write_all(target_fd, output)
        except BrokenPipeError:
            raise
        except OSError as error:
            raise StreamWriteError(
                f"failed to write {target_name}: {error.strerror}"
            ) from None
        if not chunk:
            break


def enlarge_pipe(fd: int) -> None:
    """Ask for a pipe buffer of PIPE_SIZE bytes when `fd` is a pipe.

    A larger buffer lets the writer run further ahead and one read return more,
    and it never delays data. Where the system rejects the request (not Linux,
    not a pipe, a lower limit), the pipe keeps its size.
    """
    set_pipe_size = getattr(fcntl, "F_SETPIPE_SZ", None)
    if set_pipe_size is None:
        return
    try:
        if not stat.S_ISFIFO(os.fstat(fd).st_mode):
            return
        if fcntl.fcntl(fd, fcntl.F_GETPIPE_SZ) < PIPE_SIZE:
            fcntl.fcntl(fd, set_pipe_size, PIPE_SIZE)
    except OSError:
        pass


def write_all(fd: int, data: bytes) -> None:
    """Write all of `data` to `fd`, retrying short writes."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def run_redacted(
    command: Sequence[str],
    env: Mapping[str, str],
    make_redactor: Callable[[], Redactor],
    *,
    stdout_fd: int = 1,
    stderr_fd: int = 2,
    origins: Mapping[str, str] | None = None,
) -> int:
    """Run `command`, redacting its stdout and stderr, and return its exit status.

    Call it from the main thread, which receives the signals. `make_redactor` is
    called once per stream. While the child runs, the forwarded signals are
    blocked in this process and taken with `sigtimedwait`, so no Python signal
    handler is involved. The child starts with them unblocked.

    `origins` names where some variables of `env` come from (`"secret KEY
    (vendor)"`), for the message when the command cannot be started. Raises
    CommandNotFound or CommandStartError then, and EnvironmentValueError, before
    starting anything, for a value that contains a NUL byte.
    """
    origins = origins or {}
    name = find_nul_byte(env)
    if name is not None:
        subject = f"environment variable {name}"
        if name in origins:
            subject += f" from the {origins[name]}"
        raise nul_byte_error(subject)

    waited = FORWARDED_SIGNALS | {signal.SIGCHLD}
    # An ignored SIGCHLD, inherited from our parent, would make the kernel reap
    # the child and lose its exit status.
    previous_chld_handler = signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    previous_mask = signal.pthread_sigmask(signal.SIG_BLOCK, waited)
    try:
        child = _start_child(command, env, previous_mask, origins)
        assert child.stdout is not None and child.stderr is not None
        pumps = [
            _start_pump(child.stdout, stdout_fd, make_redactor()),
            _start_pump(child.stderr, stderr_fd, make_redactor()),
        ]
        _forward_signals_until_exit(child, waited)
        for pump in pumps:
            pump.join()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous_mask)
        signal.signal(signal.SIGCHLD, previous_chld_handler)
    return exit_status(child.returncode)


def exit_status(returncode: int) -> int:
    """Map a Popen return code to a shell exit status (128 + N for signal N)."""
    return 128 - returncode if returncode < 0 else returncode


def _start_child(
    command: Sequence[str],
    env: Mapping[str, str],
    child_mask: AbstractSet[int],
    origins: Mapping[str, str],
) -> subprocess.Popen[bytes]:
    def restore_mask() -> None:
        signal.pthread_sigmask(signal.SIG_SETMASK, child_mask)

    try:
        return subprocess.Popen(
            list(command),
            env=dict(env),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            # No thread of ours runs yet, which makes preexec_fn safe here.
            preexec_fn=restore_mask,  # noqa: PLW1509
        )
    except OSError as error:
        raise start_error(command[0], env, origins, error) from None


def start_error(
    program: str, env: Mapping[str, str], origins: Mapping[str, str], error: OSError
) -> DistrError:
    """Return the error for a command that failed to start, with a likely cause."""
    message = f"failed to start {program!r}: {error.strerror}"
    if isinstance(error, (FileNotFoundError, PermissionError)):
        # A name without a slash is looked up in the PATH of the new environment.
        if "/" not in program and "PATH" in origins:
            return CommandNotFound(
                f"{message} in the PATH from the {origins['PATH']}, which replaces "
                "the inherited PATH; give the command's full path, or rename or "
                "remove that variable"
            )
        return CommandNotFound(f"{message} (check the command name and PATH)")
    if error.errno == errno.E2BIG and env:
        # Linux rejects a `NAME=value` string over 128 KiB (MAX_ARG_STRLEN) and
        # arguments plus environment over a quarter of the stack size limit.
        name = max(env, key=lambda candidate: len(os.fsencode(env[candidate])))
        if name in origins:
            size = len(os.fsencode(env[name]))
            return CommandStartError(
                f"{message}; its longest environment variable, {name}, has "
                f"{size} bytes and comes from the {origins[name]}"
            )
    return CommandStartError(message)


def _start_pump(
    source: IO[bytes], target_fd: int, redactor: Redactor
) -> threading.Thread:
    thread = threading.Thread(
        target=_pump, args=(source, target_fd, redactor), daemon=True
    )
    thread.start()
    return thread


def _pump(source: IO[bytes], target_fd: int, redactor: Redactor) -> None:
    """Copy one child stream; when our reader has gone, close the pipe.

    The child's next write to that stream then fails with EPIPE or SIGPIPE, as
    it would in a shell pipeline whose reader exited.
    """
    try:
        copy_redacted(
            source.fileno(), target_fd, redactor, source_name="the command's output"
        )
    except (BrokenPipeError, StreamReadError, StreamWriteError):
        # NOTE: a write error other than a closed pipe is not reported. The
        # command gets a closed pipe, as if the reader had exited.
        pass
    finally:
        source.close()


def _forward_signals_until_exit(
    child: subprocess.Popen[bytes], waited: AbstractSet[int]
) -> None:
    while child.poll() is None:
        # The timeout re-checks the child even if no SIGCHLD arrives, as happens
        # when a parent process left SIGCHLD ignored.
        info = signal.sigtimedwait(waited, _CHILD_POLL_SECONDS)
        if info is None or info.si_signo == signal.SIGCHLD:
            continue
        if info.si_code <= _SENT_BY_PROCESS_MAX_CODE:
            try:
                child.send_signal(info.si_signo)
            except ProcessLookupError:
                pass
