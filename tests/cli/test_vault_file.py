"""The vault file under damage and concurrent writers."""

from __future__ import annotations

import json
import subprocess

import pytest
from cli_runner import CONSOLE_SCRIPT, SENTINEL, Cli


def build_vault(cli: Cli) -> None:
    cli.set("DB_PASSWORD", SENTINEL)
    cli.ok("customers", "add", "acme")
    cli.set("DB_PASSWORD", SENTINEL + "-acme", "--customer", "acme")


@pytest.fixture
def vault(prepared) -> Cli:
    return prepared("two-scope-vault", build_vault)


@pytest.mark.parametrize("position", [0.0, 0.5, 1.0], ids=lambda p: f"at-{p}")
def test_flipped_byte_is_rejected(vault: Cli, position: float) -> None:
    data = bytearray(vault.vault_file.read_bytes())
    index = min(int(len(data) * position), len(data) - 1)
    data[index] ^= 0x01
    vault.vault_file.write_bytes(bytes(data))

    listed = vault("list")
    changed = vault("set", "NEW_KEY", input="value")

    for result in (listed, changed):
        assert result.returncode == 1
        assert result.stdout == ""
        assert result.stderr.startswith("error: ")
        assert str(vault.vault_file) in result.stderr
    assert vault.vault_file.read_bytes() == bytes(data)


def test_truncated_vault_is_rejected(vault: Cli) -> None:
    data = vault.vault_file.read_bytes()
    vault.vault_file.write_bytes(data[: len(data) // 2])

    result = vault("render", "-", input="{{ .Secrets.DB_PASSWORD }}")

    assert result.returncode == 1
    assert result.stdout == ""
    assert str(vault.vault_file) in result.stderr
    assert vault.vault_file.read_bytes() == data[: len(data) // 2]


def test_twenty_parallel_sets_keep_all(cli: Cli) -> None:
    cli.set("FIRST", SENTINEL)
    processes = [
        subprocess.Popen(
            [str(CONSOLE_SCRIPT), "set", f"KEY_{index:02d}"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=cli.env(),
            cwd=cli.cwd,
        )
        for index in range(20)
    ]
    results = [
        process.communicate(input=f"value-{index}".encode(), timeout=120)
        for index, process in enumerate(processes)
    ]

    for process, (_, stderr) in zip(processes, results):
        assert process.returncode == 0, stderr.decode()
    listed = json.loads(cli.ok("list", "--json").stdout)
    expected = ["FIRST"] + [f"KEY_{index:02d}" for index in range(20)]
    assert sorted(entry["key"] for entry in listed) == expected


def test_vault_option_uses_any_file(cli: Cli) -> None:
    elsewhere = cli.cwd / "deploy" / "secrets.vault"
    elsewhere.parent.mkdir()

    cli.ok("--vault", str(elsewhere), "set", "DB_PASSWORD", input=SENTINEL)
    listed = json.loads(cli.ok("--vault", str(elsewhere), "list", "--json").stdout)

    assert elsewhere.exists()
    assert not cli.vault_file.exists()
    assert [entry["key"] for entry in listed] == ["DB_PASSWORD"]


def test_org_selects_vault_file(cli: Cli) -> None:
    cli.ok("--org", "acme-corp", "set", "DB_PASSWORD", input=SENTINEL)
    from_env = cli("list", "--json", env={"DISTR_SECRETS_ORG": "acme-corp"})

    assert (cli.home / "data" / "vaults" / "acme-corp.vault").exists()
    assert not cli.vault_file.exists()
    assert [entry["key"] for entry in json.loads(from_env.stdout)] == ["DB_PASSWORD"]


def test_org_from_config_file(cli: Cli) -> None:
    config = cli.home / "config" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('default_org = "from-config"\n')

    cli.set("DB_PASSWORD", SENTINEL)

    assert (cli.home / "data" / "vaults" / "from-config.vault").exists()


def test_mistyped_org_creates_no_vault(cli: Cli) -> None:
    cli.ok("--org", "acme-corp", "set", "DB_PASSWORD", input=SENTINEL)
    cli.ok("--create", "set", "DB_PASSWORD", input=SENTINEL)
    typo_vault = cli.home / "data" / "vaults" / "acme-crop.vault"

    result = cli("--org", "acme-crop", "set", "DB_PASSWORD", input=SENTINEL)
    from_env = cli("set", "K", input=SENTINEL, env={"DISTR_SECRETS_ORG": "acme-crop"})
    listed = cli("--org", "acme-crop", "list")

    message = (
        'no vault for organization "acme-crop"; existing organizations: '
        "acme-corp, default. Check --org and DISTR_SECRETS_ORG, or pass --create "
        "before the command to start a new vault: distr-secrets --org acme-crop "
        "--create ...\n"
    )
    assert result.returncode == 1
    assert result.stderr == "error: " + message
    assert from_env.stderr == "error: " + message
    assert listed.stderr == (
        f'error: vault not found: {typo_vault} (organization "acme-crop"); '
        "existing organizations: acme-corp, default\n"
    )
    assert not typo_vault.exists()


def test_create_starts_second_org(cli: Cli) -> None:
    cli.set("DB_PASSWORD", SENTINEL)
    new_vault = cli.home / "data" / "vaults" / "globex.vault"

    result = cli("--org", "globex", "--create", "set", "K", input=SENTINEL)

    assert result.returncode == 0, result.stderr
    assert result.stderr == (f"created vault {new_vault}\ncreated K in scope vendor\n")
    assert new_vault.exists()


def test_open_identity_file_warns(cli: Cli) -> None:
    cli.set("DB_PASSWORD", SENTINEL)
    identity = cli.home / "data" / "identity"
    identity.chmod(0o644)

    listed = cli.ok("list", "--json")
    stored = cli.ok("set", "K", input=SENTINEL)
    identity.chmod(0o600)
    private = cli.ok("list", "--json")

    warning = (
        f"warning: identity file {identity} has mode 0644, so other users may "
        f"read its secret key; run: chmod 600 {identity}\n"
    )
    assert listed.stderr == warning
    assert stored.stderr == warning + "created K in scope vendor\n"
    assert private.stderr == ""


def test_accept_rollback_uses_older_file(cli: Cli) -> None:
    cli.set("FIRST", SENTINEL)
    older = cli.vault_file.read_bytes()
    cli.set("SECOND", SENTINEL)
    cli.vault_file.write_bytes(older)

    rejected = cli("list", "--json")
    accepted = cli("--accept-rollback", "list", "--json")
    later = cli("list", "--json")

    assert rejected.returncode == 1
    assert "run the command again with --accept-rollback" in rejected.stderr
    assert accepted.returncode == 0, accepted.stderr
    assert accepted.stderr == (
        f"warning: --accept-rollback: using {cli.vault_file}, version 1, which is "
        "older than version 2 that this machine read; this machine now forgets "
        "version 2\n"
    )
    assert [entry["key"] for entry in json.loads(accepted.stdout)] == ["FIRST"]
    assert later.returncode == 0, later.stderr
    assert later.stderr == ""


def test_accept_rollback_on_write(cli: Cli) -> None:
    cli.set("FIRST", SENTINEL)
    older = cli.vault_file.read_bytes()
    cli.set("SECOND", SENTINEL)
    cli.vault_file.write_bytes(older)

    stored = cli("--accept-rollback", "set", "THIRD", input=SENTINEL)

    listed = json.loads(cli.ok("list", "--json").stdout)
    assert stored.returncode == 0, stored.stderr
    assert stored.stderr.startswith("warning: --accept-rollback: using ")
    assert stored.stderr.endswith("created THIRD in scope vendor\n")
    assert [entry["key"] for entry in listed] == ["FIRST", "THIRD"]


@pytest.mark.parametrize("org", ["Acme", "../x", "a b", ""])
def test_invalid_org_rejected(cli: Cli, org: str) -> None:
    result = cli("--org", org, "list")

    assert result.returncode == 1
    assert result.stderr.startswith(
        f"error: invalid organization name {json.dumps(org)}"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("default_org = \n", "error: failed to read config file "),
        ("default_org = 3\n", "error: invalid default_org in "),
        ('default_org = "Bad Org"\n', "error: invalid default_org in "),
    ],
    ids=["syntax", "type", "name"],
)
def test_invalid_config_file_rejected(cli: Cli, text: str, message: str) -> None:
    config = cli.home / "config" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(text)

    result = cli("list")
    with_org = cli("--org", "explicit", "set", "KEY", input=SENTINEL)

    assert result.returncode == 1
    assert result.stderr.startswith(message)
    assert str(config) in result.stderr
    assert with_org.returncode == 0, with_org.stderr


def test_vault_option_overrides_org_variable(cli: Cli) -> None:
    elsewhere = cli.cwd / "secrets.vault"
    env = {"DISTR_SECRETS_ORG": "from-env"}

    stored = cli("--vault", str(elsewhere), "set", "KEY", input=SENTINEL, env=env)
    both = cli("--org", "acme", "--vault", str(elsewhere), "list")

    assert stored.returncode == 0, stored.stderr
    assert elsewhere.exists()
    assert both.returncode == 1
    assert both.stderr == (
        "error: --org and --vault select the vault in two ways; use one of them\n"
    )
