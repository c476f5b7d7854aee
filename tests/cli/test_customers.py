"""Customer scopes: adding, listing, removing, and isolation from the vendor scope."""

from __future__ import annotations

import json

import pytest
from cli_runner import SENTINEL, Cli

VENDOR_VALUE = SENTINEL + "-vendor"
ACME_VALUE = SENTINEL + "-acme"


def build_two_scopes(cli: Cli) -> None:
    cli.set("VENDOR_ONLY", VENDOR_VALUE)
    cli.set("SHARED", VENDOR_VALUE + "-shared")
    cli.ok("customers", "add", "acme")
    cli.set("SHARED", ACME_VALUE + "-shared", "--customer", "acme")
    cli.set("ACME_ONLY", ACME_VALUE, "--customer", "acme")


@pytest.fixture
def two_scopes(prepared) -> Cli:
    """A vault with VENDOR_ONLY and SHARED in the vendor scope, SHARED and ACME_ONLY in acme."""
    return prepared("two-scopes", build_two_scopes)


def test_customers_lists_secret_counts(two_scopes: Cli) -> None:
    two_scopes.ok("customers", "add", "globex")

    table = two_scopes.ok("customers").stdout.splitlines()
    listed = json.loads(two_scopes.ok("customers", "--json").stdout)

    assert table[0].split() == ["CUSTOMER", "SECRETS"]
    assert [line.split() for line in table[1:]] == [["acme", "2"], ["globex", "0"]]
    assert listed == [{"name": "acme", "secrets": 2}, {"name": "globex", "secrets": 0}]


def test_list_keeps_scopes_apart(two_scopes: Cli) -> None:
    vendor = json.loads(two_scopes.ok("list", "--json").stdout)
    acme = json.loads(two_scopes.ok("list", "--json", "--customer", "acme").stdout)

    assert [entry["key"] for entry in vendor] == ["SHARED", "VENDOR_ONLY"]
    assert [entry["key"] for entry in acme] == ["ACME_ONLY", "SHARED"]
    assert {entry["scope"] for entry in acme} == {"acme"}


def test_render_keeps_scopes_apart(two_scopes: Cli) -> None:
    shared = two_scopes.cwd / "shared.txt"
    shared.write_text("{{ .Secrets.SHARED }}")
    vendor_only = two_scopes.cwd / "vendor.txt"
    vendor_only.write_text("{{ .Secrets.VENDOR_ONLY }}")
    acme_only = two_scopes.cwd / "acme.txt"
    acme_only.write_text("{{ .Secrets.ACME_ONLY }}")

    assert two_scopes.ok("render", str(shared)).stdout == VENDOR_VALUE + "-shared"
    assert (
        two_scopes.ok("render", str(shared), "--customer", "acme").stdout
        == ACME_VALUE + "-shared"
    )
    leaked_vendor = two_scopes("render", str(vendor_only), "--customer", "acme")
    leaked_customer = two_scopes("render", str(acme_only))

    assert leaked_vendor.returncode == 1
    assert leaked_vendor.stdout == ""
    assert 'map has no entry for key "VENDOR_ONLY"' in leaked_vendor.stderr
    assert leaked_customer.returncode == 1
    assert leaked_customer.stdout == ""
    assert 'map has no entry for key "ACME_ONLY"' in leaked_customer.stderr


@pytest.mark.parametrize(
    "command",
    [
        ["list", "--customer", "acmee"],
        ["set", "KEY", "--customer", "acmee"],
        ["render", "-", "--customer", "acmee"],
        ["audit", "--customer", "acmee"],
        ["customers", "remove", "acmee", "--yes"],
    ],
    ids=["list", "set", "render", "audit", "remove"],
)
def test_unknown_customer_lists_known(two_scopes: Cli, command: list[str]) -> None:
    two_scopes.ok("customers", "add", "globex")
    before = two_scopes.vault_file.read_bytes()

    result = two_scopes(*command, input="x")

    assert result.returncode == 1
    assert result.stderr == (
        'error: unknown customer "acmee"; known customers: acme, globex\n'
    )
    assert two_scopes.vault_file.read_bytes() == before


@pytest.mark.parametrize(
    "name", ["Acme", "acme_corp", "-acme", "acme-", "ac me", "vendor"]
)
def test_customers_add_rejects_invalid_name(cli: Cli, name: str) -> None:
    result = cli("customers", "add", "--", name)

    assert result.returncode == 1
    assert result.stderr.startswith("error: invalid customer name ")


def test_customers_remove_deletes_scope(two_scopes: Cli) -> None:
    declined = two_scopes("customers", "remove", "acme")
    removed = two_scopes.ok("customers", "remove", "acme", "--yes")

    assert declined.returncode == 1
    assert declined.stderr == (
        "error: Remove customer acme, delete its 2 secrets and remove 0 members: "
        "confirmation needed, pass --yes\n"
    )
    assert removed.stderr == (
        "removed customer acme: deleted 2 secrets, removed 0 members; its 3 audit "
        "events stay in the vendor scope's audit trail\n"
    )
    assert json.loads(two_scopes.ok("customers", "--json").stdout) == []
    result = two_scopes("list", "--customer", "acme")
    assert result.stderr == 'error: unknown customer "acme"; known customers: (none)\n'


def test_customers_remove_names_members(two_scopes: Cli, make_cli) -> None:
    recipient = make_cli("ann").ok("identity").stdout.strip()
    two_scopes.ok(
        "members", "add", "Ann <ann@acme.example>", recipient,
        "--role", "read_write", "--customer", "acme",
    )  # fmt: skip

    declined = two_scopes("customers", "remove", "acme")
    removed = two_scopes.ok("customers", "remove", "acme", "--yes")

    assert declined.stderr == (
        "error: Remove customer acme, delete its 2 secrets and remove 1 member "
        '("Ann <ann@acme.example>"): confirmation needed, pass --yes\n'
    )
    assert removed.stderr == (
        'removed customer acme: deleted 2 secrets, removed 1 member ("Ann '
        "<ann@acme.example>\"); its 4 audit events stay in the vendor scope's "
        "audit trail\n"
    )
    members = json.loads(two_scopes.ok("members", "--json").stdout)
    events = json.loads(two_scopes.ok("audit", "--json").stdout)
    assert "Ann <ann@acme.example>" not in [member["name"] for member in members]
    assert ("acme", "ACME_ONLY") in [(event["scope"], event["key"]) for event in events]


def test_audit_lists_removed_customer(two_scopes: Cli) -> None:
    before = json.loads(two_scopes.ok("audit", "--json", "--customer", "acme").stdout)
    two_scopes.ok("customers", "remove", "acme", "--yes")
    vendor = json.loads(two_scopes.ok("audit", "--json", "--vendor").stdout)

    after = two_scopes("audit", "--json", "--customer", "acme")
    one_key = two_scopes("audit", "--json", "--customer", "acme", "--key", "SHARED")
    never = two_scopes("audit", "--customer", "globex")

    assert vendor[-1]["action"] == "customer-remove"
    assert after.returncode == 0
    assert json.loads(after.stdout) == [
        *[{**event, "copied": True} for event in before],
        vendor[-1],
    ]
    assert one_key.returncode == 0
    assert json.loads(one_key.stdout) == [
        {**event, "copied": True} for event in before if event["key"] == "SHARED"
    ]
    assert never.returncode == 1
    assert never.stdout == ""
    assert never.stderr == (
        'error: unknown customer "globex"; known customers: (none)\n'
    )


def test_audit_filters_by_scope(two_scopes: Cli) -> None:
    acme = json.loads(two_scopes.ok("audit", "--json", "--customer", "acme").stdout)
    vendor = json.loads(two_scopes.ok("audit", "--json", "--vendor").stdout)

    acme_keys = [(event["scope"], event["key"]) for event in acme if event["key"]]
    vendor_keys = [(event["scope"], event["key"]) for event in vendor if event["key"]]
    assert acme_keys == [("acme", "SHARED"), ("acme", "ACME_ONLY")]
    assert vendor_keys == [("vendor", "VENDOR_ONLY"), ("vendor", "SHARED")]
