"""Several identities in separate homes sharing one vault file."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from cli_runner import CONSOLE_SCRIPT, SENTINEL, Cli

VENDOR_VALUE = SENTINEL + "-vendor"
ACME_VALUE = SENTINEL + "-acme"
GLOBEX_VALUE = SENTINEL + "-globex"


class Team:
    """An admin's vault and helpers to run commands on it as other identities."""

    def __init__(self, admin: Cli, make_cli) -> None:
        self.make_cli = make_cli
        self.admin = admin
        self.vault_file = admin.vault_file

    def join(self, name: str, role: str, *options: str) -> Cli:
        """Create an identity in its own home and add it to the vault."""
        member = self.make_cli(name)
        recipient = member.ok("identity").stdout.strip()
        self.admin.ok("members", "add", name, recipient, "--role", role, *options)
        return member

    def run(self, member: Cli, *args: str, input: str | None = None):
        return member("--vault", str(self.vault_file), *args, input=input)


def build_team_vault(admin: Cli) -> None:
    admin.set("DB_PASSWORD", VENDOR_VALUE)
    admin.ok("customers", "add", "acme")
    admin.ok("customers", "add", "globex")
    admin.set("DB_PASSWORD", ACME_VALUE, "--customer", "acme")
    admin.set("DB_PASSWORD", GLOBEX_VALUE, "--customer", "globex")


@pytest.fixture
def team(prepared, make_cli) -> Team:
    return Team(prepared("team-vault", build_team_vault), make_cli)


def render_value(team: Team, member: Cli, *options: str):
    return team.run(member, "render", "-", *options, input="{{ .Secrets.DB_PASSWORD }}")


def test_members_lists_roles(team: Team) -> None:
    team.join("bob", "read_write")
    team.join("ann", "admin", "--customer", "acme")

    members = json.loads(team.admin.ok("members", "--json").stdout)
    table = team.admin.ok("members").stdout

    roles = {member["name"]: (member["role"], member["scope"]) for member in members}
    assert roles["bob"] == ("read_write", "all")
    assert roles["ann"] == ("admin", "acme")
    assert "RECIPIENT" in table.splitlines()[0]


def test_read_only_can_read_but_not_write(team: Team) -> None:
    reader = team.join("ci", "read_only")
    before = team.vault_file.read_bytes()

    rendered = render_value(team, reader)
    listed = team.run(reader, "list", "--json")
    denied_set = team.run(reader, "set", "NEW_KEY", input="value")
    denied_delete = team.run(reader, "delete", "DB_PASSWORD", "--yes")
    eve = team.make_cli("eve").ok("identity").stdout.strip()
    denied_member = team.run(reader, "members", "add", "eve", eve, "--role", "admin")

    assert rendered.stdout == VENDOR_VALUE
    assert [entry["key"] for entry in json.loads(listed.stdout)] == ["DB_PASSWORD"]
    for result in (denied_set, denied_delete, denied_member):
        assert result.returncode == 1
        assert result.stderr.startswith("error: ")
        assert "read_only" in result.stderr
    assert team.vault_file.read_bytes() == before


def test_read_write_cannot_manage_members(team: Team) -> None:
    writer = team.join("bob", "read_write")

    changed = team.run(writer, "set", "NEW_KEY", input="value")
    denied = team.run(writer, "members", "set-role", "bob", "admin")

    assert changed.returncode == 0, changed.stderr
    assert denied.returncode == 1
    assert "admin" in denied.stderr


def test_customer_member_sees_only_own_scope(team: Team) -> None:
    ann = team.join("ann", "admin", "--customer", "acme")

    own = render_value(team, ann, "--customer", "acme")
    vendor = render_value(team, ann)
    other = render_value(team, ann, "--customer", "globex")
    vendor_list = team.run(ann, "list")
    customers = team.run(ann, "customers", "--json")

    assert own.stdout == ACME_VALUE
    for result in (vendor, other, vendor_list):
        assert result.returncode == 1
        assert result.stdout == ""
        assert SENTINEL not in result.stderr
    assert json.loads(customers.stdout) == [{"name": "acme", "secrets": 1}]


def test_set_role_changes_access(team: Team) -> None:
    bob = team.join("bob", "read_write")

    team.admin.ok("members", "set-role", "bob", "read_only")
    denied = team.run(bob, "set", "NEW_KEY", input="value")

    assert denied.returncode == 1
    assert "read_only" in denied.stderr


def test_removed_member_cannot_read_new_values(team: Team) -> None:
    bob = team.join("bob", "read_write")
    assert render_value(team, bob).returncode == 0

    team.admin.ok("members", "remove", "bob", "--yes")
    team.admin.set("DB_PASSWORD", VENDOR_VALUE + "-rotated")
    after = render_value(team, bob)

    assert after.returncode == 1
    assert after.stdout == ""
    assert SENTINEL not in after.stderr


def test_member_commands_print_full_name(team: Team) -> None:
    bob = team.make_cli("bob")
    recipient = bob.ok("identity").stdout.strip()
    team.admin.ok(
        "members", "add", "Bob <bob@example.com>", recipient, "--role", "admin"
    )

    set_role = team.admin.ok("members", "set-role", "b", "read_only")
    removed = team.admin.ok("members", "remove", "B", "--yes")

    assert set_role.stdout == ""
    assert set_role.stderr == "set the role of Bob <bob@example.com> to read_only\n"
    assert removed.stdout == ""
    assert removed.stderr == "removed Bob <bob@example.com>\n"


def promote_read_only(lines: list[bytes]) -> list[bytes]:
    return [line.replace(b'"role":"read_only"', b'"role":"admin"') for line in lines]


def drop_last_audit_line(lines: list[bytes]) -> list[bytes]:
    audit = [index for index, line in enumerate(lines) if b'"t":"audit"' in line]
    return lines[: audit[-1]] + lines[audit[-1] + 1 :]


def drop_first_entry(lines: list[bytes]) -> list[bytes]:
    entry = next(index for index, line in enumerate(lines) if b'"t":"entry"' in line)
    return lines[:entry] + lines[entry + 1 :]


@pytest.mark.parametrize(
    "edit",
    [promote_read_only, drop_last_audit_line, drop_first_entry],
    ids=["role", "audit-log", "value"],
)
def test_hand_edited_vault_rejected(team: Team, edit) -> None:
    reader = team.join("ci", "read_only")
    original = team.vault_file.read_bytes()
    edited = b"".join(edit(original.splitlines(keepends=True)))
    assert edited != original
    team.vault_file.write_bytes(edited)

    as_reader = team.run(reader, "list")
    as_admin = team.admin("list")

    for result in (as_reader, as_admin):
        assert result.returncode == 1
        assert result.stdout == ""
        assert result.stderr.startswith("error: ")
        assert str(team.vault_file) in result.stderr
    assert team.vault_file.read_bytes() == edited


def test_verify_reports_checks(team: Team) -> None:
    result = team.admin.ok("verify")

    assert result.stdout.strip() != ""
    assert "verified" in result.stderr


class GitRepo:
    """A git repository with a vault file and the merge driver configured.

    Alice creates the vault, adds Bob as an admin and ci as read_only, and
    sets up the driver and `.gitignore` as docs/cli.md describes. Each member
    works on a branch.
    """

    def __init__(self, make_cli, root: Path) -> None:
        self.alice = make_cli("alice")
        self.bob = make_cli("bob")
        self.ci = make_cli("ci")
        self.root = root
        self.vault = root / "secrets.vault"
        root.mkdir()
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.name", "test")
        self.git("config", "user.email", "test@example.com")
        self.git(
            "config",
            "merge.distr-secrets.driver",
            f"{CONSOLE_SCRIPT} merge --path %P %A %O %B",
        )
        (root / ".gitattributes").write_text("*.vault merge=distr-secrets\n")
        (root / ".gitignore").write_text("*.vault.lock\n")
        self.alice.ok("--vault", str(self.vault), "set", "SHARED", input=SENTINEL)
        for name, member, role in (
            ("bob", self.bob, "admin"),
            ("ci", self.ci, "read_only"),
        ):
            recipient = member.ok("identity").stdout.strip()
            self.alice.ok(
                "--vault",
                str(self.vault),
                "members",
                "add",
                name,
                recipient,
                "--role",
                role,
            )
        self.git("add", ".")
        self.git("commit", "-q", "-m", "base")

    def git(self, *args: str) -> str:
        result = subprocess.run(
            ["git", *args], cwd=self.root, check=True, capture_output=True, text=True
        )
        return result.stdout

    def commit_as(self, member: Cli, branch: str, key: str, value: str) -> None:
        """Set `key` as `member` on `branch`, which starts at main if it is new."""
        if branch == "main":
            self.git("checkout", "-q", "main")
        else:
            self.git("checkout", "-q", "-b", branch, "main")
        member.ok("--vault", str(self.vault), "set", key, input=value)
        self.git("commit", "-q", "-am", f"set {key} on {branch}")

    def merge(
        self, branch: str, member: Cli | None = None
    ) -> subprocess.CompletedProcess[str]:
        """Run `git merge` of `branch` with `member` (Alice by default) merging."""
        return subprocess.run(
            ["git", "merge", "-q", "--no-edit", branch],
            check=False,
            cwd=self.root,
            capture_output=True,
            text=True,
            env=(member or self.alice).env(),
        )


needs_git = pytest.mark.skipif(
    shutil.which("git") is None, reason="git is not installed"
)


@needs_git
def test_git_merge_keeps_both_keys(make_cli, tmp_path: Path) -> None:
    repo = GitRepo(make_cli, tmp_path / "repo")
    repo.commit_as(repo.bob, "bob-branch", "FROM_BOB", SENTINEL + "-b")
    repo.commit_as(repo.alice, "main", "FROM_ALICE", SENTINEL + "-a")

    merge = repo.merge("bob-branch")

    assert merge.returncode == 0, merge.stderr
    assert merge.stderr == "merged both branches' versions of secrets.vault\n"
    # Git's temporary files must leave no lock file behind; the vault's own
    # lock file is ignored through .gitignore.
    assert repo.git("status", "--porcelain", "--ignored") == "!! secrets.vault.lock\n"
    listed = repo.alice.ok("--vault", str(repo.vault), "list", "--json")
    assert sorted(entry["key"] for entry in json.loads(listed.stdout)) == [
        "FROM_ALICE",
        "FROM_BOB",
        "SHARED",
    ]
    assert SENTINEL not in merge.stdout + merge.stderr


@needs_git
def test_git_merge_conflict_names_key(make_cli, tmp_path: Path) -> None:
    repo = GitRepo(make_cli, tmp_path / "repo")
    repo.commit_as(repo.bob, "bob-branch", "SHARED", SENTINEL + "-bob")
    repo.commit_as(repo.alice, "main", "SHARED", SENTINEL + "-alice")

    merge = repo.merge("bob-branch")

    assert merge.returncode != 0
    assert "CONFLICT" in merge.stdout
    assert merge.stderr == (
        'error: merge conflict in "secrets.vault": both branches changed vendor: '
        "SHARED; nothing was written, so set these keys again on one branch and "
        "merge once more\n"
    )
    assert SENTINEL not in merge.stdout
    status = repo.git("status", "--porcelain", "--ignored")
    assert status == "UU secrets.vault\n!! secrets.vault.lock\n"


@needs_git
def test_git_merge_by_read_only_member(make_cli, tmp_path: Path) -> None:
    repo = GitRepo(make_cli, tmp_path / "repo")
    repo.commit_as(repo.bob, "bob-branch", "FROM_BOB", SENTINEL + "-b")
    repo.commit_as(repo.alice, "main", "FROM_ALICE", SENTINEL + "-a")

    merge = repo.merge("bob-branch", repo.ci)

    assert merge.returncode != 0
    assert merge.stderr == (
        "error: both branches changed scope vendor, and merging needs an identity "
        "with write access to every scope that both branches changed, but ci is "
        "read_only; run the merge as a read_write or admin member who can change "
        "that scope\n"
    )


@needs_git
def test_accept_rollback_warnings(make_cli, tmp_path: Path) -> None:
    """A newer branch missing this machine's changes, then an older file."""
    repo = GitRepo(make_cli, tmp_path / "repo")
    repo.commit_as(repo.bob, "bob-branch", "FROM_BOB", SENTINEL + "-b")
    repo.bob.ok("--vault", str(repo.vault), "set", "AGAIN", input=SENTINEL)
    repo.git("commit", "-q", "-am", "set AGAIN on bob-branch")
    repo.commit_as(repo.alice, "main", "FROM_ALICE", SENTINEL + "-a")

    repo.git("checkout", "-q", "bob-branch")
    missing = repo.alice("--vault", str(repo.vault), "--accept-rollback", "list")
    repo.git("checkout", "-q", "main")
    older = repo.alice("--vault", str(repo.vault), "--accept-rollback", "list")

    assert missing.returncode == 0, missing.stderr
    assert missing.stderr == (
        f"warning: --accept-rollback: using {repo.vault}, version 5, which is "
        "missing audit events of version 4 that this machine read; this machine "
        "now forgets version 4\n"
    )
    assert older.returncode == 0, older.stderr
    assert older.stderr == (
        f"warning: --accept-rollback: using {repo.vault}, version 4, which is "
        "older than version 5 that this machine read; this machine now forgets "
        "version 5\n"
    )
