"""The single place where commands write to the terminal.

Data goes to stdout, everything else (progress, warnings, errors) to stderr.
Tables are drawn with Rich on a terminal and as plain aligned text when
stdout is a pipe or a file. Rich is imported only when a table is drawn on a
terminal, which keeps the start-up of other commands quick.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any, TextIO


def color_disabled() -> bool:
    """Return True when `NO_COLOR` is set to a non-empty value (no-color.org)."""
    return bool(os.environ.get("NO_COLOR"))


class Output:
    """Writes data, messages and tables, honouring `--quiet`, `--verbose` and NO_COLOR.

    `--quiet` hides `info` and `debug`; warnings and errors always show.
    `--verbose` adds `debug` messages.
    """

    def __init__(
        self,
        *,
        quiet: bool = False,
        verbose: bool = False,
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
    ) -> None:
        self.quiet = quiet
        self.verbose = verbose and not quiet
        self._stdout = stdout if stdout is not None else sys.stdout
        self._stderr = stderr if stderr is not None else sys.stderr

    def data(self, text: str) -> None:
        """Write `text` and a newline to stdout."""
        self._stdout.write(text + "\n")
        self._stdout.flush()

    def data_bytes(self, data: bytes) -> None:
        """Write `data` to stdout unchanged, for rendered documents."""
        self._stdout.flush()
        buffer = getattr(self._stdout, "buffer", None)
        if buffer is None:
            self._stdout.write(data.decode("utf-8", errors="surrogateescape"))
        else:
            buffer.write(data)
        self._stdout.flush()

    def json(self, value: Any) -> None:
        """Write `value` as indented JSON to stdout."""
        import json

        self.data(json.dumps(value, indent=2, ensure_ascii=False))

    def info(self, message: str) -> None:
        if not self.quiet:
            self._write_stderr(message)

    def debug(self, message: str) -> None:
        if self.verbose:
            self._write_stderr(message)

    def warn(self, message: str) -> None:
        self._write_stderr(f"warning: {message}")

    def error(self, message: str) -> None:
        self._write_stderr(f"error: {message}")

    def table(self, columns: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        """Write a table to stdout: Rich on a terminal, aligned plain text otherwise."""
        if self._stdout.isatty():
            self._rich_table(columns, rows)
        else:
            self._plain_table(columns, rows)

    def _rich_table(
        self, columns: Sequence[str], rows: Sequence[Sequence[str]]
    ) -> None:
        from rich.console import Console
        from rich.table import Table

        table = Table(box=None, header_style="bold", pad_edge=False)
        for column in columns:
            # Fold long cells onto more lines: the default ellipsis would cut
            # recipients that users copy from the table.
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*row)
        # Without a color system Rich writes no escape sequences at all, so
        # NO_COLOR also drops bold and other styles.
        console = Console(
            file=self._stdout,
            color_system=None if color_disabled() else "auto",
            highlight=False,
        )
        console.print(table)

    def _plain_table(
        self, columns: Sequence[str], rows: Sequence[Sequence[str]]
    ) -> None:
        widths = [len(column) for column in columns]
        for row in rows:
            for index, cell in enumerate(row):
                widths[index] = max(widths[index], len(cell))

        for row in [columns, *rows]:
            cells = [cell.ljust(width) for cell, width in zip(row, widths)]
            self._stdout.write("  ".join(cells).rstrip() + "\n")
        self._stdout.flush()

    def _write_stderr(self, message: str) -> None:
        self._stdout.flush()
        self._stderr.write(message + "\n")
        self._stderr.flush()
