"""Who did what: member names in secret metadata and in the audit trail.

Two people often keep the default name in their identity files (such as
`root@vm`). The vault shows the member name an admin assigned instead, so
their changes cannot be confused.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from vault_helpers import Person

from distr_secrets.secret import SecretValue

BOB = "Bob <bob@example.com>"


@pytest.fixture
def same_names(tmp_path: Path, vault_path: Path) -> dict[str, Person]:
    """Create a vault by `root@vm` and add a second `root@vm` identity as Bob."""
    admin = Person(tmp_path / "admin", "root@vm")
    bob = Person(tmp_path / "bob", "root@vm")
    with admin.store(vault_path).update() as vault:
        vault.add_customer("acme")
        vault.set_secret(None, "ADMIN_KEY", SecretValue("a"))
        vault.add_member(BOB, bob.recipient, "read_write")
    with bob.store(vault_path).update() as vault:
        vault.set_secret(None, "BOB_KEY", SecretValue("b"))
        vault.set_secret(None, "ADMIN_KEY", SecretValue("changed by bob"))
    return {"admin": admin, "bob": bob}


def test_secret_infos_name_members(same_names, vault_path: Path) -> None:
    vault = same_names["admin"].store(vault_path).read()
    rows = [(i.key, i.created_by, i.updated_by) for i in vault.secret_infos(None)]
    assert rows == [
        ("ADMIN_KEY", "root@vm", BOB),
        ("BOB_KEY", BOB, BOB),
    ]


def test_audit_actor_is_member_name(same_names, vault_path: Path) -> None:
    admin, bob = same_names["admin"], same_names["bob"]
    vault = admin.store(vault_path).read()
    rows = [
        (e.action, e.key, e.actor, e.signer, e.actor_recipient)
        for e in vault.audit_events()
        if e.key is not None
    ]
    assert rows == [
        ("create", "ADMIN_KEY", "root@vm", "root@vm", admin.recipient),
        ("create", "BOB_KEY", BOB, BOB, bob.recipient),
        ("update", "ADMIN_KEY", BOB, BOB, bob.recipient),
    ]


def test_actor_taken_from_signer(same_names, vault_path: Path) -> None:
    """An author who writes another name into an event is still shown as signer."""
    with same_names["bob"].store(vault_path).update() as vault:
        vault.set_secret(None, "FORGED", SecretValue("f"))
        vault._events[-1][1]["actor"] = "root@vm"
    events = same_names["admin"].store(vault_path).read().audit_events(key="FORGED")
    assert [(e.actor, e.signer) for e in events] == [(BOB, BOB)]


def test_member_events_name_member(person, vault_path: Path) -> None:
    alice, bob, ann = person("Alice"), person("Bob"), person("Ann")
    with alice.store(vault_path).update() as vault:
        vault.add_customer("acme")
        vault.add_member(BOB, bob.recipient, "read_write")
        vault.add_member("Ann (Acme)", ann.recipient, "read_only", "acme")
    with alice.store(vault_path).update() as vault:
        vault.set_role("Bob", "admin")
        vault.set_role("Ann", "read_write")
    with alice.store(vault_path).update() as vault:
        vault.remove_member("Bob")
        vault.remove_member("Ann")
    events = alice.store(vault_path).read().audit_events()
    rows = [
        (e.action, e.scope, e.key, e.member, e.old_role, e.role, e.actor)
        for e in events
        if e.action.startswith("member-")
    ]
    assert rows == [
        ("member-add", "vendor", None, BOB, None, "read_write", "Alice"),
        ("member-add", "acme", None, "Ann (Acme)", None, "read_only", "Alice"),
        ("member-set-role", "vendor", None, BOB, "read_write", "admin", "Alice"),
        (
            "member-set-role",
            "acme",
            None,
            "Ann (Acme)",
            "read_only",
            "read_write",
            "Alice",
        ),
        ("member-remove", "vendor", None, BOB, "admin", None, "Alice"),
        ("member-remove", "acme", None, "Ann (Acme)", "read_write", None, "Alice"),
    ]
    details = [e.detail for e in events if e.action.startswith("member-")]
    assert details == [
        f"{BOB} as read_write",
        "Ann (Acme) as read_only",
        f"{BOB} from read_write to admin",
        "Ann (Acme) from read_only to read_write",
        BOB,
        "Ann (Acme)",
    ]
