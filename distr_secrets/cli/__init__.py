"""Command-line entry point of distr-secrets.

This module stays small so that `distr-secrets --version` starts without
importing Typer; the Typer `app` is built in `distr_secrets.cli.app` and is
also reachable here as `distr_secrets.cli.app`.
"""

from __future__ import annotations

import sys
from typing import Any


def main(argv: list[str] | None = None) -> None:
    """Run the command line with `argv` (default: `sys.argv[1:]`) and exit."""
    args = sys.argv[1:] if argv is None else argv
    if args == ["--version"]:
        from distr_secrets import __version__

        sys.stdout.write(f"distr-secrets {__version__}\n")
        return

    from distr_secrets.cli.app import run

    sys.exit(run(args))


def __getattr__(name: str) -> Any:
    if name == "app":
        from distr_secrets.cli.app import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
