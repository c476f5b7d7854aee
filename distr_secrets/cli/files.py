"""Reading templates and writing rendered files for `render` and `check`."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from distr_secrets.cli.common import fail, os_error_reason, read_file_bytes

PRIVATE_FILE_MODE = 0o600


def read_template(source: str) -> tuple[str, str]:
    """Return `(text, name)` of a template file, or of stdin for `-`.

    Bytes that are not UTF-8 survive as surrogates and are written back
    unchanged by `encode_output`.
    """
    if source == "-":
        data = sys.stdin.buffer.read()
        name = "stdin"
    else:
        data = read_file_bytes(Path(source))
        name = Path(source).name
    return data.decode("utf-8", errors="surrogateescape"), name


def encode_output(text: str) -> bytes:
    return text.encode("utf-8", errors="surrogateescape")


def output_target(path: Path) -> Path:
    """Return the file that `render -o path` replaces; fail if it cannot be one.

    A symbolic link is followed, as a shell's `>` does, so the link stays and
    its target gets the new content. Checked before rendering, so that a
    wrong path is reported before any secret is decrypted.
    """
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    if target.is_dir():
        fail(f"failed to write {path}: it is a directory; give the path of a file")
    if not target.parent.is_dir():
        fail(
            f"failed to write {path}: directory {target.parent} does not exist; "
            "create it first"
        )
    return target


def write_private_file(path: Path, data: bytes) -> None:
    """Write `data` to `path` with mode 0600, atomically.

    The bytes go to a temporary file in the same directory, are flushed to
    disk and then renamed over `path`, so `path` either keeps its old content
    or gets all of the new one. `path` must not be a symbolic link, because
    the rename would replace the link itself: pass `output_target(path)`.
    """
    directory = path.parent if str(path.parent) else Path(".")
    try:
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".tmp", dir=directory
        )
    except OSError as exc:
        fail(f"failed to write {path}: {os_error_reason(exc)}")

    try:
        with os.fdopen(descriptor, "wb") as handle:
            os.fchmod(handle.fileno(), PRIVATE_FILE_MODE)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        fail(f"failed to write {path}: {os_error_reason(exc)}")
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _fsync_directory(directory)


def _fsync_directory(directory: Path) -> None:
    """Flush the rename to disk; some file systems do not allow this, which is harmless."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
