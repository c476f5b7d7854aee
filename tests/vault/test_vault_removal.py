"""Removing a customer: the preview, and the audit events that stay readable."""

from __future__ import annotations

from pathlib import Path

import pytest
from vault_helpers import Person

from distr_secrets.secret import SecretValue
from distr_secrets.vault import AccessDenied, CustomerRemoval, Member


@pytest.fixture
def people(person, vault_path: Path) -> dict[str, Person]:
    """Alice (vendor admin) and her team; Ann and Eve belong to acme."""
    found = {
        name.lower(): person(name)
        for name in ("Alice", "Bob", "Carol", "Ann", "Eve", "Dan")
    }
    with found["alice"].store(vault_path).update() as vault:
        vault.add_customer("acme")
        vault.add_customer("globex")
        vault.add_member("Bob", found["bob"].recipient, "read_write")
        vault.add_member("Carol", found["carol"].recipient, "read_only")
        vault.add_member("Ann (Acme)", found["ann"].recipient, "admin", "acme")
        vault.add_member("Eve (Acme)", found["eve"].recipient, "read_only", "acme")
        vault.add_member("Dan (Globex)", found["dan"].recipient, "admin", "globex")
    with found["ann"].store(vault_path).update() as vault:
        vault.set_secret("acme", "DB_PASSWORD", SecretValue("acme-db"))
        vault.set_secret("acme", "API_TOKEN", SecretValue("acme-token"))
        vault.set_role("Eve", "read_write")
    with found["ann"].store(vault_path).update() as vault:
        vault.delete_secret("acme", "API_TOKEN")
    return found


def acme_rows(events) -> list[tuple]:  # type: ignore[no-untyped-def]
    return [
        (e.action, e.scope, e.key, e.actor, e.member, e.old_role, e.role, e.copied)
        for e in events
        if e.scope == "acme"
    ]


def test_preview_names_what_goes(people, vault_path: Path) -> None:
    vault = people["alice"].store(vault_path).read()
    removal = vault.customer_removal("acme")
    assert removal == CustomerRemoval(
        customer="acme",
        keys=["DB_PASSWORD"],
        members=[
            Member("Ann (Acme)", "admin", "acme", people["ann"].recipient),
            Member("Eve (Acme)", "read_write", "acme", people["eve"].recipient),
        ],
        audit_events=7,
    )
    assert removal.secret_count == 1
    assert vault.customers() == ["acme", "globex"]
    assert not vault.changed


def test_preview_rejects_read_write(people, vault_path: Path) -> None:
    vault = people["bob"].store(vault_path).read()
    with pytest.raises(AccessDenied) as caught:
        vault.customer_removal("acme")
    assert str(caught.value) == (
        'Bob is read_write and cannot remove "Ann (Acme)"; only an admin of '
        "customer acme or a vendor admin may change that customer's members"
    )


def test_removed_events_stay_readable(people, vault_path: Path) -> None:
    store = people["alice"].store(vault_path)
    before = acme_rows(store.read().audit_events())
    times_before = [e.time for e in store.read().audit_events() if e.scope == "acme"]
    with store.update() as vault:
        removal = vault.remove_customer("acme")
    assert removal.keys == ["DB_PASSWORD"]

    events = store.read().audit_events()
    copied = [(*row[:-1], True) for row in before]
    assert acme_rows(events) == [
        *copied,
        ("member-remove", "acme", None, "Alice", "Ann (Acme)", "admin", None, False),
        (
            "member-remove",
            "acme",
            None,
            "Alice",
            "Eve (Acme)",
            "read_write",
            None,
            False,
        ),
        ("customer-remove", "acme", None, "Alice", None, None, None, False),
    ]
    assert [e.time for e in events if e.copied] == times_before
    assert before[0] == ("customer-add", "acme", None, "Alice", None, None, None, False)
    assert (
        "delete",
        "acme",
        "API_TOKEN",
        "Ann (Acme)",
        None,
        None,
        None,
        False,
    ) in before


def test_removed_events_by_scope(people, vault_path: Path) -> None:
    with people["alice"].store(vault_path).update() as vault:
        vault.remove_customer("acme")
    carol = people["carol"].store(vault_path).read()
    assert len([e for e in carol.audit_events(None) if e.copied]) == 7
    dan = people["dan"].store(vault_path).read()
    assert [e for e in dan.audit_events() if e.scope == "acme"] == []
    assert [m.name for m in carol.members()] == [
        "Alice",
        "Bob",
        "Carol",
        "Dan (Globex)",
    ]


def test_removal_in_same_write(person, vault_path: Path) -> None:
    store = person("Alice").store(vault_path)
    with store.update() as vault:
        vault.add_customer("acme")
        vault.set_secret("acme", "KEY", SecretValue("v"))
        vault.remove_customer("acme")
    events = store.read().audit_events()
    rows = [(e.action, e.scope, e.key, e.copied) for e in events]
    assert rows == [
        ("vault-create", "vendor", None, False),
        ("customer-add", "acme", None, True),
        ("create", "acme", "KEY", True),
        ("customer-remove", "acme", None, False),
    ]
    assert len({e.time for e in events}) == 1
