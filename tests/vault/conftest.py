"""Fixtures for vault tests: identities and stores in separate directories."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from vault_helpers import Person


@pytest.fixture
def person(tmp_path: Path) -> Callable[[str], Person]:
    def make(name: str) -> Person:
        return Person(tmp_path / "homes" / name.split()[0].lower(), name)

    return make


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    return tmp_path / "shared" / "acme.vault"
