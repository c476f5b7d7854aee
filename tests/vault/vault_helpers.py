"""Shared helpers for vault tests: people with their own homes."""

from __future__ import annotations

from pathlib import Path

from distr_secrets.vault import Identity, VaultStore, load_or_create_identity

SENTINEL = "s3ntinel-Value-7f1c9a"


class Person:
    """One user with their own home directory, identity and machine state."""

    def __init__(self, home: Path, name: str) -> None:
        self.home = home
        home.mkdir(parents=True, exist_ok=True)
        self.identity: Identity = load_or_create_identity(home / "identity", {}, name)[
            0
        ]
        self.state_dir = home / "state"

    def on_other_machine(self, home: Path) -> Person:
        """Return the same identity with its own machine state under `home`."""
        other = Person.__new__(Person)
        other.home = home
        other.identity = self.identity
        other.state_dir = home / "state"
        return other

    @property
    def recipient(self) -> str:
        return self.identity.recipient

    def store(self, vault_path: Path) -> VaultStore:
        return VaultStore(vault_path, self.identity, self.state_dir)
