"""Fixtures that run the installed `distr-secrets` console script in a temporary home."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

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


@pytest.fixture(scope="session", autouse=True)
def console_script_installed() -> None:
    assert CONSOLE_SCRIPT.exists(), (
        f"{CONSOLE_SCRIPT} not found: install the package into the environment "
        "that runs pytest (pip install '.[test]')"
    )


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    home = tmp_path / "home"
    work = tmp_path / "work"
    home.mkdir()
    work.mkdir()
    return Cli(home=home, cwd=work)


@pytest.fixture
def make_cli(tmp_path: Path):
    """Return a factory of Cli objects with separate homes, one per identity."""

    def make(name: str) -> Cli:
        home = tmp_path / f"home-{name}"
        home.mkdir()
        return Cli(home=home, cwd=tmp_path)

    return make


@pytest.fixture(scope="session")
def built_homes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Homes built once per session, by name, for `prepared` to copy."""
    return {}


@pytest.fixture
def prepared(
    cli: Cli,
    built_homes: dict[str, Path],
    tmp_path_factory: pytest.TempPathFactory,
) -> Callable[[str, Callable[[Cli], None]], Cli]:
    """Return a function that fills `cli.home` with a copy of a home built once.

    Building a vault takes several processes; copying the finished home (vault,
    identity and per-machine state together) keeps each test independent and fast.
    """

    def prepare(name: str, build: Callable[[Cli], None]) -> Cli:
        if name not in built_homes:
            root = tmp_path_factory.mktemp(name)
            builder = Cli(home=root / "home", cwd=root)
            builder.home.mkdir()
            build(builder)
            built_homes[name] = builder.home
        shutil.copytree(built_homes[name], cli.home, dirs_exist_ok=True)
        return cli

    return prepare
