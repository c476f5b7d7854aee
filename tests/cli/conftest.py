"""Fixtures that give each test its own `DISTR_SECRETS_HOME`."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_runner import CONSOLE_SCRIPT, Cli


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
