"""Conventions every command follows: help, exit statuses, errors, JSON, colour."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from cli_runner import SENTINEL, Cli

from distr_secrets import __version__

COMMANDS = [
    ["set"],
    ["list"],
    ["delete"],
    ["import"],
    ["customers"],
    ["customers", "add"],
    ["customers", "remove"],
    ["audit"],
    ["render"],
    ["check"],
    ["identity"],
    ["identity", "export"],
    ["members"],
    ["members", "add"],
    ["members", "set-role"],
    ["members", "remove"],
    ["verify"],
    ["merge"],
]


def test_version(cli: Cli) -> None:
    plain = cli.ok("--version")
    after_options = cli.ok("--quiet", "--version")

    assert plain.stdout == f"distr-secrets {__version__}\n"
    assert after_options.stdout == f"distr-secrets {__version__}\n"


def test_python_module_entry(cli: Cli) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "distr_secrets", "--help"],
        check=False,
        capture_output=True,
        text=True,
        env=cli.env(),
        timeout=60,
    )

    assert result.returncode == 0
    assert "Usage: distr-secrets" in result.stdout


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_help_has_examples(cli: Cli, command: list[str]) -> None:
    result = cli.ok(*command, "--help")

    assert "Usage: distr-secrets " + " ".join(command) in result.stdout
    assert "Examples:" in result.stdout


@pytest.mark.parametrize("command", [[], *COMMANDS], ids=lambda c: " ".join(c) or "app")
def test_help_shows_no_flag_placeholder(cli: Cli, command: list[str]) -> None:
    result = cli.ok(*command, "--help")

    assert "<bool>" not in result.stdout
    assert "-h  " in result.stdout


def test_no_arguments_shows_help(cli: Cli) -> None:
    result = cli()

    assert result.returncode == 2
    assert "Usage: distr-secrets" in result.stdout
    assert result.stderr == ""


def test_options_without_command(cli: Cli) -> None:
    result = cli("--quiet")

    assert result.returncode == 2
    assert result.stderr.startswith("error: Missing command.\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nosuch"], "error: No such command 'nosuch'."),
        (["list", "--bogus"], "error: No such option: --bogus"),
        (
            ["members", "add", "bob", "dsr1x", "--role", "owner"],
            'error: invalid value for --role: "owner"',
        ),
        (["delete"], "error: Missing argument 'KEY'."),
    ],
    ids=["command", "option", "choice", "argument"],
)
def test_usage_errors_exit_2(cli: Cli, args: list[str], message: str) -> None:
    result = cli(*args)

    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(message)


def test_extra_argument_is_not_echoed(cli: Cli) -> None:
    result = cli("set", "DB_PASSWORD", SENTINEL)

    assert result.returncode == 2
    assert result.stderr.startswith("error: unexpected extra argument")
    assert SENTINEL not in result.stderr


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (
            ["list", "extra"],
            (
                'error: unexpected extra argument "extra"\n'
                "Try 'distr-secrets list --help' for help.\n"
            ),
        ),
        (
            ["set", "DB_PASSWORD", "extra"],
            (
                "error: unexpected extra argument; values are read from a prompt, "
                "stdin or --from-file, never from the command line\n"
                "Try 'distr-secrets set --help' for help.\n"
            ),
        ),
        (
            ["list", "--quiet"],
            (
                "error: No such option: --quiet; --quiet is a global option, so put "
                'it before the command name "list"\n'
                "Try 'distr-secrets list --help' for help.\n"
            ),
        ),
        (
            ["members", "remove", "--org", "acme", "bob"],
            (
                "error: No such option: --org; --org is a global option, so put it "
                'before the command name "members remove"\n'
                "Try 'distr-secrets members remove --help' for help.\n"
            ),
        ),
        (
            ["list", "--bogus"],
            (
                "error: No such option: --bogus\n"
                "Try 'distr-secrets list --help' for help.\n"
            ),
        ),
    ],
    ids=[
        "extra-argument",
        "set-extra-argument",
        "global-flag",
        "global-option",
        "unknown-option",
    ],
)
def test_usage_error_messages(cli: Cli, args: list[str], stderr: str) -> None:
    result = cli(*args)

    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == stderr


def test_identity_prints_recipient(cli: Cli) -> None:
    first = cli.ok("identity")
    second = cli.ok("identity")

    assert first.stdout == second.stdout
    assert first.stdout.startswith("dsr1")
    assert first.stdout.count("\n") == 1
    assert "created identity" in first.stderr
    assert second.stderr == ""


def test_identity_export_warns_and_round_trips(cli: Cli, make_cli) -> None:
    recipient = cli.ok("identity").stdout.strip()
    cli.set("DB_PASSWORD", SENTINEL)

    exported = cli.ok("identity", "export")
    secret = exported.stdout.strip()
    runner = make_cli("ci")
    vault_copy = ["--vault", str(cli.vault_file)]
    from_env = runner(
        *vault_copy, "list", "--json", env={"DISTR_SECRETS_IDENTITY": secret}
    )
    recipient_from_env = runner("identity", env={"DISTR_SECRETS_IDENTITY": secret})

    assert exported.stderr.startswith("warning: ")
    assert "DISTR_SECRETS_IDENTITY" in exported.stderr
    assert secret != recipient
    assert from_env.returncode == 0, from_env.stderr
    assert [entry["key"] for entry in json.loads(from_env.stdout)] == ["DB_PASSWORD"]
    assert recipient_from_env.stdout.strip() == recipient


def test_json_listings_parse(cli: Cli) -> None:
    cli.set("DB_PASSWORD", SENTINEL)
    cli.ok("customers", "add", "acme")

    for command in (["list"], ["customers"], ["audit"], ["members"]):
        result = cli.ok(*command, "--json")
        assert isinstance(json.loads(result.stdout), list), command


def test_piped_tables_are_plain(cli: Cli) -> None:
    cli.set("DB_PASSWORD", SENTINEL)

    result = cli.ok("list", env={"TERM": "xterm-256color", "FORCE_COLOR": "1"})

    assert "\x1b[" not in result.stdout
    assert result.stdout.startswith("KEY")


def test_verbose_names_vault(cli: Cli) -> None:
    cli.set("DB_PASSWORD", SENTINEL)

    result = cli.ok("--verbose", "list")

    assert f"reading vault {cli.vault_file}" in result.stderr


def test_members_lists_creator_as_admin(cli: Cli) -> None:
    recipient = cli.ok("identity").stdout.strip()
    cli.set("DB_PASSWORD", SENTINEL)

    members = json.loads(cli.ok("members", "--json").stdout)

    assert len(members) == 1
    assert members[0]["role"] == "admin"
    assert members[0]["recipient"] == recipient
    assert members[0]["scope"] == "all"


def test_shell_completion(cli: Cli) -> None:
    script = cli.ok("--show-completion", "bash")
    completed = cli(
        env={
            "_DISTR_SECRETS_COMPLETE": "complete_bash",
            "COMP_WORDS": "distr-secrets cu",
            "COMP_CWORD": "1",
        }
    )

    assert "_distr_secrets_completion" in script.stdout
    assert completed.returncode == 0
    assert completed.stdout.split() == ["customers"]
