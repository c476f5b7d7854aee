"""`import`: every variable of a dotenv file in one write, or nothing."""

from __future__ import annotations

import json

import pytest
from cli_runner import SENTINEL, Cli


def test_import_creates_and_updates(cli: Cli) -> None:
    cli.set("EXISTING", SENTINEL)
    dotenv = cli.cwd / "legacy.env"
    dotenv.write_text(
        "# legacy settings\n"
        "\n"
        f"EXISTING={SENTINEL}-new\n"
        f"export NEW_ONE='{SENTINEL}-1'\n"
        f'MULTI="line one\nline two"\n'
    )

    result = cli.ok("import", str(dotenv))

    listed = json.loads(cli.ok("list", "--json").stdout)
    assert result.stderr.endswith(
        f"imported 3 variables from {dotenv} into scope vendor: 2 created, 1 updated\n"
    )
    assert [entry["key"] for entry in listed] == ["EXISTING", "MULTI", "NEW_ONE"]
    assert SENTINEL not in result.stdout + result.stderr


def test_import_from_stdin(cli: Cli) -> None:
    result = cli("import", "-", input=f"A={SENTINEL}\nB=two-{SENTINEL}\n")
    bad = cli("import", "-", input="1BAD=x\n")

    listed = json.loads(cli.ok("list", "--json").stdout)
    assert result.returncode == 0, result.stderr
    assert result.stderr.endswith(
        "imported 2 variables from stdin into scope vendor: 2 created, 0 updated\n"
    )
    assert [entry["key"] for entry in listed] == ["A", "B"]
    assert bad.returncode == 1
    assert bad.stderr.startswith(
        "error: nothing imported, fix these lines first:\n  stdin:1: invalid key "
    )


def test_import_into_customer(cli: Cli) -> None:
    cli.ok("customers", "add", "acme")
    dotenv = cli.cwd / "acme.env"
    dotenv.write_text(f"DB_PASSWORD={SENTINEL}\n")

    cli.ok("import", str(dotenv), "--customer", "acme")

    acme = json.loads(cli.ok("list", "--json", "--customer", "acme").stdout)
    vendor = json.loads(cli.ok("list", "--json").stdout)
    assert [entry["key"] for entry in acme] == ["DB_PASSWORD"]
    assert vendor == []


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (f"GOOD=1\n\n_BAD={SENTINEL}\n", 3, 'invalid key "_BAD"'),
        (f"GOOD=1\nAPI-KEY={SENTINEL}\n", 2, 'invalid key "API-KEY"'),
        (f"\n\n  123_KEY={SENTINEL}\n", 3, 'invalid key "123_KEY"'),
        (f"GOOD=1\n!!! {SENTINEL}\n", 2, "invalid line, expected KEY=VALUE"),
        ("GOOD=1\nNO_VALUE\n", 2, "NO_VALUE has no value, expected KEY=VALUE"),
        ("GOOD=1\nEMPTY=\n", 2, "empty value for EMPTY"),
    ],
    ids=["underscore", "hyphen", "digit-indented", "garbage", "no-equals", "empty"],
)
def test_import_rejects_file_naming_line(
    cli: Cli, text: str, line: int, message: str
) -> None:
    cli.set("KEEP", SENTINEL)
    before = cli.vault_file.read_bytes()
    dotenv = cli.cwd / "bad.env"
    dotenv.write_text(text)

    result = cli("import", str(dotenv))

    assert result.returncode == 1
    assert result.stderr.startswith("error: nothing imported, fix these lines first:\n")
    assert f"{dotenv}:{line}: {message}" in result.stderr
    assert SENTINEL not in result.stderr
    assert cli.vault_file.read_bytes() == before


def test_import_missing_file(cli: Cli) -> None:
    result = cli("import", str(cli.cwd / "absent.env"))

    assert result.returncode == 1
    assert result.stderr.startswith("error: failed to read ")


def test_import_handles_bom_and_crlf(cli: Cli) -> None:
    dotenv = cli.cwd / "windows.env"
    dotenv.write_bytes(b"\xef\xbb\xbfFIRST=one\r\nSECOND=two\r\n")
    template = cli.cwd / "out.txt"
    template.write_text("[{{ .Secrets.FIRST }}][{{ .Secrets.SECOND }}]")

    cli.ok("import", str(dotenv))

    assert cli.ok("render", str(template)).stdout == "[one][two]"
