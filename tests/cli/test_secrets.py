"""`set`, `list`, `delete` and the rules for keys and values."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from cli_runner import SENTINEL, Cli

KEY_RULE = "a key starts with a letter"


def test_set_reports_created_then_updated(cli: Cli) -> None:
    first = cli.set("DB_PASSWORD", SENTINEL)
    second = cli.set("DB_PASSWORD", SENTINEL + "-2")

    assert "created DB_PASSWORD in scope vendor" in first.stderr
    assert "updated DB_PASSWORD in scope vendor" in second.stderr
    assert first.stdout == ""
    assert second.stdout == ""


def test_set_creates_private_files(cli: Cli) -> None:
    cli.set("DB_PASSWORD", SENTINEL)

    assert stat.S_IMODE(cli.vault_file.stat().st_mode) == 0o600
    identity = cli.home / "data" / "identity"
    assert stat.S_IMODE(identity.stat().st_mode) == 0o600


def test_vault_bytes_never_contain_value(cli: Cli) -> None:
    cli.set("DB_PASSWORD", SENTINEL)
    cli.set("OTHER", SENTINEL + "-other")

    data = cli.vault_file.read_bytes()
    assert SENTINEL.encode() not in data
    assert SENTINEL.encode("utf-16-le") not in data


def test_set_rejects_empty_value(cli: Cli) -> None:
    result = cli("set", "EMPTY", input="")

    assert result.returncode == 1
    assert result.stderr == "error: empty value for EMPTY from stdin; nothing stored\n"
    assert not cli.vault_file.exists()


def test_set_rejects_lone_newline(cli: Cli) -> None:
    result = cli("set", "EMPTY", input="\n")

    assert result.returncode == 1
    assert "empty value for EMPTY" in result.stderr


@pytest.mark.parametrize(
    "key",
    ["_API_KEY", "123_KEY", "API-KEY", "API KEY", "KEY\n", "CLÉ", "KEYé", ""],
    ids=[
        "underscore",
        "digit",
        "hyphen",
        "space",
        "newline",
        "accent",
        "trailing-accent",
        "empty",
    ],
)
def test_set_rejects_invalid_key(cli: Cli, key: str) -> None:
    result = cli("set", key, input=SENTINEL)

    assert result.returncode == 1
    assert result.stderr.startswith("error: invalid key ")
    assert KEY_RULE in result.stderr
    assert not cli.vault_file.exists()


@pytest.mark.parametrize("key", ["API_KEY", "database_password", "GitHubToken123", "x"])
def test_set_accepts_valid_key(cli: Cli, key: str) -> None:
    cli.set(key, SENTINEL)

    listed = json.loads(cli.ok("list", "--json").stdout)
    assert [entry["key"] for entry in listed] == [key]


def test_keys_are_case_sensitive(cli: Cli) -> None:
    cli.set("token", "lower-" + SENTINEL)
    cli.set("TOKEN", "upper-" + SENTINEL)

    listed = json.loads(cli.ok("list", "--json").stdout)
    assert sorted(entry["key"] for entry in listed) == ["TOKEN", "token"]


def test_set_from_file_keeps_bytes(cli: Cli, tmp_path: Path) -> None:
    pem = "-----BEGIN KEY-----\nAAAA\nBBBB\n-----END KEY-----\n"
    source = tmp_path / "tls.key"
    source.write_text(pem)
    template = cli.cwd / "cert.txt"
    template.write_text("{{ .Secrets.TLS_KEY }}")

    result = cli.ok("set", "TLS_KEY", "--from-file", str(source))
    rendered = cli.ok("render", str(template), "--format", "text")

    assert "created TLS_KEY" in result.stderr
    assert rendered.stdout == pem


def test_set_from_stdin_drops_one_newline(cli: Cli) -> None:
    template = cli.cwd / "value.txt"
    template.write_text("[{{ .Secrets.A }}][{{ .Secrets.B }}]")

    cli.set("A", "one\n")
    cli.set("B", "two\n\n")
    rendered = cli.ok("render", str(template))

    assert rendered.stdout == "[one][two\n]"


def test_set_from_missing_file(cli: Cli, tmp_path: Path) -> None:
    result = cli("set", "TLS_KEY", "--from-file", str(tmp_path / "absent.pem"))

    assert result.returncode == 1
    assert result.stderr == (
        f"error: failed to read {tmp_path / 'absent.pem'}: no such file or directory\n"
    )


def test_set_never_takes_value_from_argv(cli: Cli) -> None:
    result = cli("set", "DB_PASSWORD", SENTINEL)

    assert result.returncode == 2
    assert result.stderr.startswith("error: ")
    assert not cli.vault_file.exists()


def test_list_shows_metadata_not_values(cli: Cli) -> None:
    cli.set("DB_PASSWORD", SENTINEL)
    cli.set("API_TOKEN", SENTINEL + "-token")

    table = cli.ok("list")
    listed = json.loads(cli.ok("list", "--json").stdout)

    lines = table.stdout.splitlines()
    assert lines[0].split() == ["KEY", "UPDATED", "AT", "UPDATED", "BY"]
    assert [line.split()[0] for line in lines[1:]] == ["API_TOKEN", "DB_PASSWORD"]
    assert [entry["key"] for entry in listed] == ["API_TOKEN", "DB_PASSWORD"]
    assert set(listed[0]) == {
        "key",
        "scope",
        "created_at",
        "created_by",
        "updated_at",
        "updated_by",
    }
    assert listed[0]["scope"] == "vendor"
    assert SENTINEL not in table.stdout + table.stderr


def test_list_without_vault_names_the_fix(cli: Cli) -> None:
    result = cli("list")

    assert result.returncode == 1
    assert result.stderr.startswith("error: vault not found: ")
    assert "`distr-secrets set KEY` creates it" in result.stderr


def test_delete_with_yes(cli: Cli) -> None:
    cli.set("GITHUB_TOKEN", SENTINEL)
    cli.set("KEEP", SENTINEL + "-keep")

    result = cli.ok("delete", "GITHUB_TOKEN", "--yes")

    listed = json.loads(cli.ok("list", "--json").stdout)
    assert "deleted GITHUB_TOKEN from scope vendor" in result.stderr
    assert [entry["key"] for entry in listed] == ["KEEP"]


def test_delete_without_terminal_needs_yes(cli: Cli) -> None:
    cli.set("GITHUB_TOKEN", SENTINEL)
    before = cli.vault_file.read_bytes()

    result = cli("delete", "GITHUB_TOKEN")

    assert result.returncode == 1
    assert result.stderr == (
        "error: Delete GITHUB_TOKEN from scope vendor: confirmation needed, "
        "pass --yes\n"
    )
    assert cli.vault_file.read_bytes() == before


def test_delete_unknown_key(cli: Cli) -> None:
    cli.set("KEEP", SENTINEL)

    result = cli("delete", "NOPE", "--yes")

    assert result.returncode == 1
    assert result.stderr == "error: secret NOPE not found in scope vendor\n"


def test_audit_records_changes_without_values(cli: Cli) -> None:
    cli.set("DB_PASSWORD", SENTINEL)
    cli.set("DB_PASSWORD", SENTINEL + "-2")
    cli.ok("delete", "DB_PASSWORD", "--yes")

    events = json.loads(cli.ok("audit", "--json").stdout)
    table = cli.ok("audit", "--key", "DB_PASSWORD")

    changes = [(event["action"], event["key"]) for event in events if event["key"]]
    assert changes == [
        ("create", "DB_PASSWORD"),
        ("update", "DB_PASSWORD"),
        ("delete", "DB_PASSWORD"),
    ]
    assert all(event["scope"] == "vendor" for event in events if event["key"])
    assert "DB_PASSWORD" in table.stdout
    assert SENTINEL not in table.stdout + table.stderr


def test_audit_describes_member_changes(cli: Cli, make_cli) -> None:
    cli.set("DB_PASSWORD", SENTINEL)
    recipient = make_cli("carl").ok("identity").stdout.strip()
    cli.ok("members", "add", "Carl", recipient, "--role", "read_write")
    cli.ok("members", "set-role", "Carl", "read_only")

    events = json.loads(cli.ok("audit", "--json").stdout)
    table = cli.ok("audit").stdout.splitlines()

    member_events = [
        (e["action"], e["member"], e["role"], e["old_role"], e["detail"])
        for e in events
        if e["member"]
    ]
    assert member_events == [
        ("member-add", "Carl", "read_write", None, "Carl as read_write"),
        (
            "member-set-role",
            "Carl",
            "read_only",
            "read_write",
            "Carl from read_write to read_only",
        ),
    ]
    assert table[0].split() == ["TIME", "ACTION", "SCOPE", "KEY", "ACTOR", "DETAIL"]
    set_role_row = next(line for line in table if "member-set-role" in line)
    assert set_role_row.endswith("  Carl from read_write to read_only")


def test_no_output_contains_sentinel(cli: Cli, tmp_path: Path) -> None:
    cli.set("DB_PASSWORD", SENTINEL)
    cli.ok("customers", "add", "acme")
    cli.set("DB_PASSWORD", SENTINEL + "-acme", "--customer", "acme")
    template = cli.cwd / "deploy.env"
    template.write_text("A={{ .Secrets.DB_PASSWORD }}\nB={{ .Secrets.NOPE }}\n")

    cli.ok("list")
    cli.ok("list", "--json", "--customer", "acme")
    cli.ok("customers", "--json")
    cli.ok("audit")
    cli.ok("audit", "--json")
    cli("render", str(template))
    cli("check", str(template))
    cli("check", str(template), "--json")
    cli("set", "BAD-KEY", input=SENTINEL)
    cli("set", "DB_PASSWORD", "--customer", "nope", input=SENTINEL)
    cli("delete", "DB_PASSWORD")
    cli.ok("members", "--json")
    cli.ok("verify")
    cli.ok("identity")

    for output in cli.outputs:
        assert SENTINEL not in output


def test_quiet_hides_messages(cli: Cli) -> None:
    result = cli("--quiet", "set", "DB_PASSWORD", input=SENTINEL)

    assert result.returncode == 0
    assert result.stderr == ""
