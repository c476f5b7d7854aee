"""Error messages and exit statuses: wrong paths, wrong choices, unexpected errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_runner import SENTINEL, Cli


def build_vault(cli: Cli) -> None:
    cli.set("DB_PASSWORD", SENTINEL)


@pytest.fixture
def vault(prepared) -> Cli:
    return prepared("messages-vault", build_vault)


def test_set_binary_file_shows_base64_fix(cli: Cli) -> None:
    binary = cli.cwd / "key store.p12"
    binary.write_bytes(b"\xff\xfe\x00\x01")

    result = cli("set", "KEYSTORE", "--from-file", str(binary))

    assert result.returncode == 1
    assert result.stderr == (
        f"error: value from {binary} is not UTF-8 text (invalid byte at offset 0); "
        "values are stored as text, so encode a binary file first, for example: "
        f"base64 < '{binary}' | distr-secrets set KEYSTORE\n"
    )
    assert not cli.vault_file.exists()


def test_set_binary_stdin_shows_base64_fix(cli: Cli) -> None:
    result = cli("set", "KEYSTORE", input=b"ab\xff")

    assert result.returncode == 1
    assert result.stderr == (
        "error: value from stdin is not UTF-8 text (invalid byte at offset 2); "
        "values are stored as text, so encode binary data first, for example "
        "with base64\n"
    )


def test_set_help_explains_binary_files(cli: Cli) -> None:
    result = cli.ok("set", "--help", env={"COLUMNS": "300"})

    assert "store a binary file as base64" in result.stdout
    assert "base64 < FILE | distr-secrets set KEY" in result.stdout
    assert "byte for byte" not in result.stdout


DIRECTORY_ERROR = "it is a directory; give the path of a file"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["set", "K", "--from-file", "{dir}"],
            f"error: failed to read {{dir}}: {DIRECTORY_ERROR}\n",
        ),
        (["import", "{dir}"], f"error: failed to read {{dir}}: {DIRECTORY_ERROR}\n"),
        (["render", "{dir}"], f"error: failed to read {{dir}}: {DIRECTORY_ERROR}\n"),
        (["check", "{dir}"], f"error: failed to read {{dir}}: {DIRECTORY_ERROR}\n"),
        (
            ["render", "-", "-o", "{dir}"],
            f"error: failed to write {{dir}}: {DIRECTORY_ERROR}\n",
        ),
        (
            ["--vault", "{dir}", "list"],
            "error: --vault {dir}: it is a directory; give the path of a vault file\n",
        ),
    ],
    ids=["set-from-file", "import", "render", "check", "render-output", "vault"],
)
def test_directory_as_file_exits_1(vault: Cli, args: list[str], message: str) -> None:
    directory = str(vault.cwd)

    result = vault(*[arg.format(dir=directory) for arg in args], input="x")

    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == message.format(dir=directory)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["set", "K", "--from-file", "absent.pem"], "failed to read absent.pem"),
        (["import", "absent.env"], "failed to read absent.env"),
        (["render", "absent.env"], "failed to read absent.env"),
    ],
    ids=["set-from-file", "import", "render"],
)
def test_missing_file_exits_1(vault: Cli, args: list[str], message: str) -> None:
    result = vault(*args)

    assert result.returncode == 1
    assert result.stderr == f"error: {message}: no such file or directory\n"


def test_render_output_in_missing_directory(vault: Cli) -> None:
    target = vault.cwd / "absent" / "out.env"

    result = vault("render", "-", "-o", str(target), input="x")

    assert result.returncode == 1
    assert result.stderr == (
        f"error: failed to write {target}: directory {target.parent} does not "
        "exist; create it first\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["render", "-", "--format", "json"],
            'error: invalid value for --format: "json"; use env, yaml, text\n',
        ),
        (
            ["check", "-", "--format", "toml"],
            'error: invalid value for --format: "toml"; use env, yaml, text\n',
        ),
        (
            ["members", "add", "bob", "dsr1x", "--role", "superuser"],
            (
                'error: invalid value for --role: "superuser"; use read_only, '
                "read_write, admin\n"
            ),
        ),
        (
            ["members", "set-role", "bob", "owner"],
            (
                'error: invalid value for ROLE: "owner"; use read_only, '
                "read_write, admin\n"
            ),
        ),
    ],
    ids=["render-format", "check-format", "add-role", "set-role"],
)
def test_bad_choice_is_usage_error(vault: Cli, args: list[str], message: str) -> None:
    result = vault(*args, input="x")

    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == message


def test_home_that_is_a_file(cli: Cli) -> None:
    home_file = cli.cwd / "not-a-dir"
    home_file.write_text("")

    result = cli("list", env={"DISTR_SECRETS_HOME": str(home_file)})

    assert result.returncode == 1
    assert result.stderr == (
        f"error: DISTR_SECRETS_HOME is {home_file}, which is not a directory; set "
        "it to a directory (it is created if missing)\n"
    )


def test_config_file_that_is_a_directory(cli: Cli) -> None:
    config_file = cli.home / "config" / "config.toml"
    config_file.mkdir(parents=True)

    result = cli("list")

    assert result.returncode == 1
    assert result.stderr == (
        f"error: failed to read config file {config_file}: it is a directory; "
        "remove it or replace it with a TOML file\n"
    )


def test_template_limit_error_has_parsing_prefix(vault: Cli) -> None:
    template = vault.cwd / "deep.txt"
    template.write_text("{{if 1}}" * 100_001)

    result = vault("render", str(template))

    assert result.returncode == 1
    assert result.stderr == (
        "error: template parsing error: template: deep.txt:1: control "
        "structures nested deeper than 100000 levels are not supported\n"
    )


def test_invalid_org_quoted_like_other_values(cli: Cli) -> None:
    result = cli("--org", "Acme", "list")

    assert result.returncode == 1
    assert result.stderr == (
        'error: invalid organization name "Acme": use lowercase letters, digits '
        "and hyphens, starting with a letter or digit, at most 64 characters\n"
    )


# Replaces Vault.secret_infos in the child process with a function that
# raises an exception whose message is a secret value.
FAULT_INJECTION = f"""
import distr_secrets.vault.vault as module


def broken(self, *args, **kwargs):
    raise RuntimeError({SENTINEL!r})


module.Vault.secret_infos = broken
"""


@pytest.fixture
def faulty_env(tmp_path: Path) -> dict[str, str]:
    inject = tmp_path / "inject"
    inject.mkdir()
    (inject / "sitecustomize.py").write_text(FAULT_INJECTION)
    return {"PYTHONPATH": str(inject)}


def test_unexpected_exception_names_type_only(
    vault: Cli, faulty_env: dict[str, str]
) -> None:
    result = vault("list", env=faulty_env)

    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == "error: internal error: RuntimeError\n"


def test_verbose_shows_unexpected_traceback(
    vault: Cli, faulty_env: dict[str, str]
) -> None:
    result = vault("--verbose", "list", env=faulty_env)

    assert result.returncode == 1
    assert "Traceback (most recent call last):" in result.stderr
    assert result.stderr.endswith(f"RuntimeError: {SENTINEL}\n")
