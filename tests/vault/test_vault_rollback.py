"""Older copies of a vault: the rollback message and accepting a file on purpose.

A machine rejects a file older than the newest version it has read, because
an old copy can bring back removed members and rotated keys. Switching git
branches makes such a file too, so the error names both files and the way to
accept the older one.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from test_vault_merge import git, repo_with_driver
from vault_helpers import Person

from distr_secrets.secret import SecretValue
from distr_secrets.vault import (
    AccessDenied,
    VaultCorrupt,
    VaultRollback,
    VaultStore,
    merge_files,
)

SAME_PATH = (
    "at this path before (on another git branch, or before the file was replaced)"
)
NOT_USED = (
    "It was not used, because an older file can bring back removed members and "
    "rotated keys. Use the newer file or merge it into this one. To use this file "
    "on purpose, run the command again with --accept-rollback, which checks every "
    "signature in it and makes this machine forget the newer version"
)


def set_value(store: VaultStore, key: str, value: str) -> None:
    with store.update() as vault:
        vault.set_secret(None, key, SecretValue(value))


def keys_of(store: VaultStore) -> list[str]:
    return list(store.read().values(None))


@pytest.fixture
def alice(person) -> Person:
    return person("Alice")


@pytest.fixture
def branches(alice: Person, vault_path: Path, tmp_path: Path) -> Path:
    """Write version 1 (BASE), keep a copy of it, then write version 2 (FEATURE).

    Returns the copy of version 1, as `git checkout main` would restore it.
    """
    set_value(alice.store(vault_path), "BASE", "b")
    main_copy = tmp_path / "main.vault"
    shutil.copy(vault_path, main_copy)
    set_value(alice.store(vault_path), "FEATURE", "f")
    return main_copy


def test_older_branch_message(alice, vault_path: Path, branches: Path) -> None:
    shutil.copy(branches, vault_path)
    with pytest.raises(VaultRollback) as caught:
        alice.store(vault_path).read()
    assert str(caught.value) == (
        f"vault file {json.dumps(str(vault_path))} is version 1, older than version 2, which "
        f"this machine read {SAME_PATH}. " + NOT_USED
    )
    assert (caught.value.version, caught.value.seen_version) == (1, 2)
    assert caught.value.seen_at == str(vault_path.resolve())


def test_older_branch_write_rejected(alice, vault_path, branches) -> None:
    shutil.copy(branches, vault_path)
    with pytest.raises(VaultRollback), alice.store(vault_path).update() as vault:
        vault.set_secret(None, "MAIN", SecretValue("m"))
    assert vault_path.read_bytes() == branches.read_bytes()


def test_advanced_copy_is_named(alice, vault_path: Path, tmp_path: Path) -> None:
    set_value(alice.store(vault_path), "BASE", "b")
    copy = tmp_path / "elsewhere" / "shared.vault"
    copy.parent.mkdir()
    shutil.copy(vault_path, copy)
    set_value(alice.store(copy), "ON_COPY", "c")
    with pytest.raises(VaultRollback) as caught:
        alice.store(vault_path).read()
    assert str(caught.value) == (
        f"vault file {json.dumps(str(vault_path))} is version 1, older than version 2, which "
        f"this machine read at {json.dumps(str(copy.resolve()))}. " + NOT_USED
    )


def test_accept_rollback_reads_older(alice, vault_path, branches) -> None:
    shutil.copy(branches, vault_path)
    store = VaultStore(
        vault_path, alice.identity, alice.state_dir, accept_rollback=True
    )
    assert keys_of(store) == ["BASE"]
    assert store.accepted_rollback is not None
    assert str(store.accepted_rollback) == (
        f"vault file {json.dumps(str(vault_path))} is version 1, older than version 2, which "
        f"this machine read {SAME_PATH}. " + NOT_USED
    )
    assert keys_of(store) == ["BASE"]
    assert store.accepted_rollback is None
    assert keys_of(alice.store(vault_path)) == ["BASE"]
    set_value(alice.store(vault_path), "MAIN", "m")
    assert keys_of(alice.store(vault_path)) == ["BASE", "MAIN"]


def test_accept_current_then_other_branch(alice, vault_path, branches, tmp_path):
    """Back on main, a write makes another version 2; the feature file differs."""
    feature_copy = tmp_path / "feature.vault"
    shutil.copy(vault_path, feature_copy)
    shutil.copy(branches, vault_path)
    assert list(alice.store(vault_path).accept_current().values(None)) == ["BASE"]
    set_value(alice.store(vault_path), "MAIN", "m")
    shutil.copy(feature_copy, vault_path)
    with pytest.raises(VaultRollback) as caught:
        alice.store(vault_path).read()
    assert str(caught.value) == (
        f"vault file {json.dumps(str(vault_path))} is version 2, a different file than "
        f"version 2, which this machine read {SAME_PATH}. " + NOT_USED
    )
    assert list(alice.store(vault_path).accept_current().values(None)) == [
        "BASE",
        "FEATURE",
    ]


def test_accept_current_checks_signatures(alice, vault_path, branches) -> None:
    newer = vault_path.read_bytes()
    text = branches.read_text()
    edited = text.replace('"role":"admin"', '"role":"read_only"', 1)
    assert edited != text
    vault_path.write_text(edited)
    with pytest.raises(VaultCorrupt) as caught:
        alice.store(vault_path).accept_current()
    assert type(caught.value) is VaultCorrupt
    vault_path.write_bytes(newer)
    assert keys_of(alice.store(vault_path)) == ["BASE", "FEATURE"]
    shutil.copy(branches, vault_path)
    with pytest.raises(VaultRollback):
        alice.store(vault_path).read()


def test_accept_rollback_keeps_binding(alice, person, vault_path, tmp_path) -> None:
    """Accepting an older file does not accept another vault at the same path."""
    set_value(alice.store(vault_path), "BASE", "b")
    carol = person("Carol")
    own = tmp_path / "own" / "acme.vault"
    set_value(carol.store(own), "BASE", "planted")
    shutil.copy(own, vault_path)
    with pytest.raises(AccessDenied):
        alice.store(vault_path).accept_current()


def test_missing_changes_named(person, vault_path: Path, tmp_path: Path) -> None:
    """A higher version that lacks a member change seen here is rejected."""
    alice, bob = person("Alice"), person("Bob")
    with alice.store(vault_path).update() as vault:
        vault.add_member("Bob", bob.recipient, "read_write")
    base = tmp_path / "base.vault"
    shutil.copy(vault_path, base)
    with alice.store(vault_path).update() as vault:
        vault.set_role("Bob", "admin")
    shutil.copy(base, vault_path)
    set_value(bob.store(vault_path), "K", "1")
    set_value(bob.store(vault_path), "K", "2")
    with pytest.raises(VaultRollback) as caught:
        alice.store(vault_path).read()
    assert str(caught.value) == (
        f"vault file {json.dumps(str(vault_path))} is version 3, missing member changes of "
        f"version 2, which this machine read {SAME_PATH}. " + NOT_USED
    )


def test_state_without_path(alice, vault_path: Path, branches: Path) -> None:
    """Records written before paths were kept still produce a message."""
    (record_file,) = (alice.state_dir / "vaults").glob("*.json")
    record = json.loads(record_file.read_text())
    del record["seen_at"]
    record_file.write_text(json.dumps(record))
    shutil.copy(branches, vault_path)
    with pytest.raises(VaultRollback) as caught:
        alice.store(vault_path).read()
    assert str(caught.value) == (
        f"vault file {json.dumps(str(vault_path))} is version 1, older than version 2, which "
        "this machine read at an unrecorded path. " + NOT_USED
    )


def test_merge_into_older_branch(person, tmp_path: Path) -> None:
    """Alice saw the feature branch; main moved on elsewhere; she merges."""
    alice, bob = person("Alice"), person("Bob")
    base = tmp_path / "base.vault"
    with alice.store(base).update() as vault:
        vault.add_member("Bob", bob.recipient, "read_write")
    feature, main = tmp_path / "feature.vault", tmp_path / "main.vault"
    shutil.copy(base, feature)
    shutil.copy(base, main)
    set_value(alice.store(feature), "FEATURE", "f")
    set_value(bob.store(main), "MAIN", "m")
    with pytest.raises(VaultRollback):
        alice.store(main).read()

    merge_files(main, base, feature, alice.identity, alice.state_dir)
    assert keys_of(alice.store(main)) == ["FEATURE", "MAIN"]


def test_git_branch_switch_workflow(person, tmp_path: Path) -> None:
    """One machine, two branches: accept main's file, change it, merge feature."""
    alice = person("Alice")
    repo, env = repo_with_driver(alice, tmp_path)
    vault_path = repo / "secrets.vault"
    set_value(alice.store(vault_path), "BASE", "b")
    git(repo, "add", ".", env=env)
    git(repo, "commit", "-q", "-m", "base", env=env)
    git(repo, "checkout", "-q", "-b", "feature", env=env)
    set_value(alice.store(vault_path), "FEATURE", "f")
    git(repo, "commit", "-q", "-am", "feature", env=env)

    git(repo, "checkout", "-q", "main", env=env)
    with pytest.raises(VaultRollback):
        alice.store(vault_path).read()
    assert list(alice.store(vault_path).accept_current().values(None)) == ["BASE"]
    set_value(alice.store(vault_path), "MAIN", "m")
    git(repo, "commit", "-q", "-am", "main", env=env)
    git(repo, "merge", "-q", "--no-edit", "feature", env=env)
    assert keys_of(alice.store(vault_path)) == ["BASE", "FEATURE", "MAIN"]
