"""Three-way merges of vault files, directly and as a git merge driver."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from vault_helpers import SENTINEL, Person

from distr_secrets.secret import SecretValue
from distr_secrets.vault import ENV_VARIABLE, MergeConflict, merge_files


@pytest.fixture
def branches(person, tmp_path: Path) -> tuple[Person, Person, Path, Path, Path]:
    """Return Alice, Bob and the base, ours and theirs copies of one vault."""
    alice, bob = person("Alice"), person("Bob")
    base = tmp_path / "base.vault"
    with alice.store(base).update() as vault:
        vault.add_customer("acme")
        vault.set_secret(None, "SHARED", SecretValue("base"))
        vault.set_secret("acme", "SHARED", SecretValue("base"))
        vault.add_member("Bob", bob.recipient, "read_write")
    bob.store(base).read()
    ours, theirs = tmp_path / "ours.vault", tmp_path / "theirs.vault"
    shutil.copy(base, ours)
    shutil.copy(base, theirs)
    return alice, bob, base, ours, theirs


def test_different_keys_kept(branches) -> None:
    alice, bob, base, ours, theirs = branches
    with alice.store(ours).update() as vault:
        vault.set_secret(None, "FROM_ALICE", SecretValue("a"))
    with bob.store(theirs).update() as vault:
        vault.set_secret(None, "FROM_BOB", SecretValue("b"))
        vault.set_secret("acme", "FROM_BOB", SecretValue("b"))
    merge_files(ours, base, theirs, alice.identity, alice.state_dir)
    for reader in (alice, bob):
        vault = reader.store(ours).read()
        vendor = {k: v.reveal() for k, v in vault.values(None).items()}
        assert vendor == {"FROM_ALICE": "a", "FROM_BOB": "b", "SHARED": "base"}
        assert vault.values("acme")["FROM_BOB"].reveal() == "b"
    actions = [(e.action, e.key) for e in alice.store(ours).read().audit_events()]
    assert ("create", "FROM_ALICE") in actions
    assert ("create", "FROM_BOB") in actions
    assert actions[-1] == ("merge", None)


def test_same_key_conflicts(branches) -> None:
    alice, bob, base, ours, theirs = branches
    with alice.store(ours).update() as vault:
        vault.set_secret(None, "SHARED", SecretValue(SENTINEL + "a"))
    with bob.store(theirs).update() as vault:
        vault.set_secret(None, "SHARED", SecretValue(SENTINEL + "b"))
    before = ours.read_bytes()
    with pytest.raises(MergeConflict) as caught:
        merge_files(ours, base, theirs, alice.identity, alice.state_dir)
    assert str(caught.value) == (
        f"merge conflict in {json.dumps(str(ours))}: both branches changed vendor: SHARED; "
        "nothing was written, so set these keys again on one branch and merge "
        "once more"
    )
    assert SENTINEL not in repr(caught.value)
    assert ours.read_bytes() == before


def test_update_and_delete_conflict(branches) -> None:
    alice, bob, base, ours, theirs = branches
    with alice.store(ours).update() as vault:
        vault.delete_secret("acme", "SHARED")
    with bob.store(theirs).update() as vault:
        vault.set_secret("acme", "SHARED", SecretValue("new"))
    with pytest.raises(MergeConflict) as caught:
        merge_files(ours, base, theirs, alice.identity, alice.state_dir)
    assert "both branches changed acme: SHARED;" in str(caught.value)


def test_same_change_on_both_sides(branches) -> None:
    alice, bob, base, ours, theirs = branches
    with alice.store(ours).update() as vault:
        vault.set_secret(None, "SHARED", SecretValue("same"))
    with bob.store(theirs).update() as vault:
        vault.set_secret(None, "SHARED", SecretValue("same"))
    merge_files(ours, base, theirs, alice.identity, alice.state_dir)
    assert alice.store(ours).read().values(None)["SHARED"].reveal() == "same"


def test_membership_change_on_one_side(branches, tmp_path: Path) -> None:
    alice, _bob, base, ours, theirs = branches
    laptop = alice.on_other_machine(tmp_path / "laptop")
    with laptop.store(theirs).update() as vault:
        vault.remove_member("Bob")
    with alice.store(ours).update() as vault:
        vault.set_secret(None, "AFTER", SecretValue("x"))
        vault.add_customer("globex")
    merge_files(ours, base, theirs, alice.identity, alice.state_dir)
    vault = alice.store(ours).read()
    assert [m.name for m in vault.members()] == ["Alice"]
    assert vault.values(None)["AFTER"].reveal() == "x"
    assert vault.customers() == ["acme", "globex"]
    rotated = {e.scope for e in vault.audit_events() if e.action == "rotate"}
    assert rotated == {"vendor", "acme", "globex"}


def test_membership_change_on_both_sides(branches, person, tmp_path) -> None:
    alice, _bob, base, ours, theirs = branches
    with alice.store(ours).update() as vault:
        vault.add_member("Carol", person("Carol").recipient, "read_only")
    laptop = alice.on_other_machine(tmp_path / "laptop")
    with laptop.store(theirs).update() as vault:
        vault.add_member("Dan", person("Dan").recipient, "read_only")
    with pytest.raises(MergeConflict) as caught:
        merge_files(ours, base, theirs, alice.identity, alice.state_dir)
    assert "both branches changed the members" in str(caught.value)


DRIVER_SCRIPT = """
import os, sys
from pathlib import Path
from distr_secrets.errors import DistrError
from distr_secrets.vault import load_identity, merge_files

identity = load_identity(Path("unused"), os.environ)
try:
    merge_files(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), identity,
                Path(os.environ["STATE_DIR"]), repository_path=Path(sys.argv[4]))
except DistrError as error:
    print(f"error: {error}", file=sys.stderr)
    sys.exit(1)
"""


def git(repo: Path, *args: str, env: dict[str, str]) -> str:
    result = subprocess.run(
        ["git", *args], check=False, cwd=repo, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def repo_with_driver(alice: Person, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """Create a git repository whose `*.vault` files merge through `merge_files`.

    Returns the repository and the environment for git, which carries Alice's
    identity and state directory to the driver.
    """
    repo = tmp_path / "repo"
    repo.mkdir()
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER_SCRIPT)
    env = {
        **os.environ,
        ENV_VARIABLE: alice.identity.export(),
        "STATE_DIR": str(alice.state_dir),
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(tmp_path),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    git(repo, "init", "-q", "-b", "main", env=env)
    command = f"{sys.executable} {driver} %A %O %B %P"
    git(repo, "config", "merge.distr-secrets.driver", command, env=env)
    (repo / ".gitattributes").write_text("*.vault merge=distr-secrets\n")
    (repo / ".gitignore").write_text("*.vault.lock\n")
    return repo, env


def test_git_merge_driver_keeps_both(person, tmp_path: Path) -> None:
    alice, bob = person("Alice"), person("Bob")
    repo, env = repo_with_driver(alice, tmp_path)
    vault_path = repo / "secrets.vault"
    with alice.store(vault_path).update() as vault:
        vault.add_member("Bob", bob.recipient, "read_write")
    git(repo, "add", ".", env=env)
    git(repo, "commit", "-q", "-m", "base", env=env)

    git(repo, "checkout", "-q", "-b", "feature", env=env)
    with bob.store(vault_path).update() as vault:
        vault.set_secret(None, "FROM_BOB", SecretValue("b"))
    git(repo, "commit", "-q", "-am", "bob", env=env)

    git(repo, "checkout", "-q", "main", env=env)
    with alice.store(vault_path).update() as vault:
        vault.set_secret(None, "FROM_ALICE", SecretValue("a"))
    git(repo, "commit", "-q", "-am", "alice", env=env)
    git(repo, "merge", "-q", "--no-edit", "feature", env=env)

    # Only the vault's own lock file, which .gitignore covers, may be left.
    status = git(repo, "status", "--porcelain", "--ignored", env=env)
    assert status == "!! secrets.vault.lock\n"
    keys = sorted(alice.store(vault_path).read().values(None))
    assert keys == ["FROM_ALICE", "FROM_BOB"]
    assert sorted(bob.store(vault_path).read().values(None)) == keys


def test_customer_member_cannot_merge_vendor(person, tmp_path: Path) -> None:
    alice, ann = person("Alice"), person("Ann (Acme)")
    base = tmp_path / "base.vault"
    with alice.store(base).update() as vault:
        vault.add_customer("acme")
        vault.add_member("Ann (Acme)", ann.recipient, "read_write", "acme")
    ours, theirs = tmp_path / "ours.vault", tmp_path / "theirs.vault"
    shutil.copy(base, ours)
    shutil.copy(base, theirs)
    laptop = alice.on_other_machine(tmp_path / "laptop")
    with alice.store(ours).update() as vault:
        vault.set_secret(None, "A", SecretValue("a"))
        vault.set_secret("acme", "FROM_ALICE", SecretValue("a"))
    with laptop.store(theirs).update() as vault:
        vault.set_secret(None, "B", SecretValue("b"))
    with pytest.raises(MergeConflict) as caught:
        merge_files(ours, base, theirs, ann.identity, ann.state_dir)
    assert str(caught.value) == (
        "both branches changed scope vendor, which Ann (Acme) cannot read; a "
        "member who can read it must merge"
    )


def test_removed_customer_on_one_side(branches) -> None:
    alice, bob, base, ours, theirs = branches
    with alice.store(ours).update() as vault:
        vault.remove_customer("acme")
    with bob.store(theirs).update() as vault:
        vault.set_secret(None, "FROM_BOB", SecretValue("b"))
    merge_files(ours, base, theirs, alice.identity, alice.state_dir)
    vault = alice.store(ours).read()
    assert vault.customers() == []
    assert sorted(vault.values(None)) == ["FROM_BOB", "SHARED"]


def test_removed_and_changed_customer_conflicts(branches) -> None:
    alice, bob, base, ours, theirs = branches
    with alice.store(ours).update() as vault:
        vault.remove_customer("acme")
    with bob.store(theirs).update() as vault:
        vault.set_secret("acme", "NEW", SecretValue("n"))
    with pytest.raises(MergeConflict) as caught:
        merge_files(ours, base, theirs, alice.identity, alice.state_dir)
    assert "(removed on one branch, changed on the other)" in str(caught.value)


def test_different_vaults_rejected(person, tmp_path: Path) -> None:
    alice = person("Alice")
    first, second = tmp_path / "first.vault", tmp_path / "second.vault"
    for path in (first, second):
        with alice.store(path).update() as vault:
            vault.set_secret(None, "A", SecretValue("a"))
    with pytest.raises(MergeConflict) as caught:
        merge_files(first, first, second, alice.identity, alice.state_dir)
    assert str(caught.value) == (
        f"cannot merge {json.dumps(str(second))} into {json.dumps(str(first))}: they are different "
        "vaults (another id, organization or creator)"
    )


def test_repository_path_in_conflict(branches) -> None:
    alice, bob, base, ours, theirs = branches
    with alice.store(ours).update() as vault:
        vault.set_secret(None, "SHARED", SecretValue("a"))
    with bob.store(theirs).update() as vault:
        vault.set_secret(None, "SHARED", SecretValue("b"))
    repository_path = Path("deploy/secrets.vault")
    with pytest.raises(MergeConflict) as caught:
        merge_files(
            ours,
            base,
            theirs,
            alice.identity,
            alice.state_dir,
            repository_path=repository_path,
        )
    assert str(caught.value) == (
        'merge conflict in "deploy/secrets.vault": both branches changed vendor: '
        "SHARED; nothing was written, so set these keys again on one branch and "
        "merge once more"
    )


def test_repository_path_different_vaults(person, tmp_path: Path) -> None:
    alice = person("Alice")
    first, second = tmp_path / "first.vault", tmp_path / "second.vault"
    for path in (first, second):
        with alice.store(path).update() as vault:
            vault.set_secret(None, "A", SecretValue("a"))
    with pytest.raises(MergeConflict) as caught:
        merge_files(
            first,
            first,
            second,
            alice.identity,
            alice.state_dir,
            repository_path=Path("secrets.vault"),
        )
    assert str(caught.value) == (
        'cannot merge "secrets.vault": the versions of the two branches are '
        "different vaults (another id, organization or creator)"
    )


def test_read_only_member_cannot_merge(branches, person) -> None:
    alice, bob, base, ours, theirs = branches
    ci = person("ci")
    with alice.store(base).update() as vault:
        vault.add_member("ci", ci.recipient, "read_only")
    shutil.copy(base, ours)
    shutil.copy(base, theirs)
    with alice.store(ours).update() as vault:
        vault.set_secret(None, "FROM_ALICE", SecretValue("a"))
    with bob.store(theirs).update() as vault:
        vault.set_secret(None, "FROM_BOB", SecretValue("b"))
    before = ours.read_bytes()
    with pytest.raises(MergeConflict) as caught:
        merge_files(ours, base, theirs, ci.identity, ci.state_dir)
    assert str(caught.value) == (
        "both branches changed scope vendor, and merging needs an identity with "
        "write access to every scope that both branches changed, but ci is "
        "read_only; run the merge as a read_write or admin member who can change "
        "that scope"
    )
    assert ours.read_bytes() == before


def test_merge_leaves_no_lock_file(branches) -> None:
    alice, bob, base, ours, theirs = branches
    with alice.store(ours).update() as vault:
        vault.set_secret(None, "FROM_ALICE", SecretValue("a"))
    with bob.store(theirs).update() as vault:
        vault.set_secret(None, "FROM_BOB", SecretValue("b"))
    for path in (ours, theirs):
        path.with_name(path.name + ".lock").unlink()
    before = sorted(path.name for path in ours.parent.iterdir())
    merge_files(ours, base, theirs, alice.identity, alice.state_dir)
    assert sorted(path.name for path in ours.parent.iterdir()) == before
