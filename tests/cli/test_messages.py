"""Error messages and exit statuses: wrong paths, wrong choices, unexpected errors."""

from __future__ import annotations

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
