"""Run the installed `distr-secrets` console script in a temporary home."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

CONSOLE_SCRIPT = Path(sys.executable).parent / "distr-secrets"

# A value planted in the vault; no output other than `render` may contain it.
SENTINEL = "sentinel-Q7v2-do-not-print"


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


@dataclass
class Cli:
    """Runs `distr-secrets` with `DISTR_SECRETS_HOME` set to `home`."""

    home: Path
    cwd: Path
    outputs: list[str] = field(default_factory=list)

    @property
    def vault_file(self) -> Path:
        return self.home / "data" / "vaults" / "default.vault"

    def env(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        env = {
            name: value
            for name, value in os.environ.items()
            if not name.startswith("DISTR_SECRETS_") and name != "NO_COLOR"
        }
        env["DISTR_SECRETS_HOME"] = str(self.home)
        env.update(extra or {})
        return env

    def __call__(
        self,
        *args: str,
        input: str | bytes | None = None,
        env: dict[str, str] | None = None,
    ) -> Result:
        data = input.encode() if isinstance(input, str) else input
        completed = subprocess.run(
            [str(CONSOLE_SCRIPT), *args],
            check=False,
            input=data,
            stdin=subprocess.DEVNULL if data is None else None,
            capture_output=True,
            cwd=self.cwd,
            env=self.env(env),
            timeout=60,
        )
        result = Result(
            completed.returncode,
            completed.stdout.decode("utf-8", errors="replace"),
            completed.stderr.decode("utf-8", errors="replace"),
        )
        self.outputs.extend([result.stdout, result.stderr])
        return result

    def ok(
        self,
        *args: str,
        input: str | bytes | None = None,
        env: dict[str, str] | None = None,
    ) -> Result:
        """Run a command that must succeed; show its stderr if it does not."""
        result = self(*args, input=input, env=env)
        assert result.returncode == 0, result.stderr
        return result

    def set(self, key: str, value: str, *options: str) -> Result:
        return self.ok("set", key, *options, input=value)
