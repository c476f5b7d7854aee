"""Team vaults: roles, customer members, signed changes and key rotation.

Every person has a separate home (identity and machine state), and they share
one vault file, as a team sharing it through git would.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from vault_helpers import Person

from distr_secrets.secret import SecretValue
from distr_secrets.vault import (
    AccessDenied,
    IdentityMismatch,
    InvalidRole,
    MemberExists,
    MemberNotFound,
    UnknownCustomer,
    VaultCorrupt,
    crypto,
)
from distr_secrets.vault.document import parse_document
from distr_secrets.vault.encoding import b64decode


def short(person: Person) -> str:
    return person.recipient[:16] + "..."


@pytest.fixture
def team(person, vault_path: Path) -> dict[str, Person]:
    """Create a vault with a vendor team and members of two customers."""
    people = {
        "alice": person("Alice"),
        "bob": person("Bob"),
        "carol": person("Carol"),
        "ann": person("Ann (Acme)"),
        "dan": person("Dan (Globex)"),
    }
    with people["alice"].store(vault_path).update() as vault:
        vault.add_customer("acme")
        vault.add_customer("globex")
        vault.set_secret(None, "VENDOR_KEY", SecretValue("vendor-value"))
        vault.set_secret("acme", "ACME_KEY", SecretValue("acme-value"))
        vault.set_secret("globex", "GLOBEX_KEY", SecretValue("globex-value"))
        vault.add_member("Bob", people["bob"].recipient, "read_write")
        vault.add_member("Carol", people["carol"].recipient, "read_only")
        vault.add_member("Ann (Acme)", people["ann"].recipient, "admin", "acme")
        vault.add_member(
            "Dan (Globex)", people["dan"].recipient, "read_write", "globex"
        )
    return people


def test_members_listing(team, vault_path: Path) -> None:
    members = team["alice"].store(vault_path).read().members()
    rows = [(m.name, m.role, m.customer) for m in members]
    assert rows == [
        ("Alice", "admin", None),
        ("Bob", "read_write", None),
        ("Carol", "read_only", None),
        ("Ann (Acme)", "admin", "acme"),
        ("Dan (Globex)", "read_write", "globex"),
    ]


def test_customer_admin_sees_own_members_only(team, vault_path: Path) -> None:
    members = team["ann"].store(vault_path).read().members()
    assert [m.name for m in members] == ["Alice", "Bob", "Carol", "Ann (Acme)"]


def test_read_write_member_sets_any_scope(team, vault_path: Path) -> None:
    with team["bob"].store(vault_path).update() as vault:
        vault.set_secret(None, "FROM_BOB", SecretValue("b"))
        vault.set_secret("acme", "FROM_BOB", SecretValue("b"))
    vault = team["alice"].store(vault_path).read()
    assert vault.values(None)["FROM_BOB"].reveal() == "b"
    assert vault.secret_infos("acme")[0].key == "ACME_KEY"
    last = vault.audit_events()[-1]
    assert (last.action, last.scope, last.key, last.signer) == (
        "create",
        "acme",
        "FROM_BOB",
        "Bob",
    )


@pytest.mark.parametrize(
    ("action", "message"),
    [
        (
            lambda v: v.set_secret(None, "X", SecretValue("x")),
            (
                "Carol is read_only and cannot change scope vendor; only read_write "
                "and admin members may change secrets; ask an admin to change your role"
            ),
        ),
        (
            lambda v: v.delete_secret("acme", "ACME_KEY"),
            (
                "Carol is read_only and cannot change scope acme; only read_write "
                "and admin members may change secrets; ask an admin to change your role"
            ),
        ),
        (
            lambda v: v.add_customer("initech"),
            (
                "Carol is read_only; only read_write and admin members of the vendor "
                "may add or remove customers"
            ),
        ),
        (
            lambda v: v.add_member("Eve", v.members()[0].recipient, "admin"),
            (
                'Carol is read_only and cannot add member "Eve"; only a vendor admin '
                "may change the vendor's members"
            ),
        ),
        (
            lambda v: v.remove_member("Bob"),
            (
                'Carol is read_only and cannot remove "Bob"; only a vendor admin '
                "may change the vendor's members"
            ),
        ),
    ],
)
def test_read_only_denied(team, vault_path: Path, action, message: str) -> None:
    store = team["carol"].store(vault_path)
    before = vault_path.read_bytes()
    with pytest.raises(AccessDenied) as caught, store.update() as vault:
        action(vault)
    assert str(caught.value) == message
    assert vault_path.read_bytes() == before


def test_read_only_reads_everything(team, vault_path: Path) -> None:
    vault = team["carol"].store(vault_path).read()
    assert vault.customers() == ["acme", "globex"]
    assert vault.values(None)["VENDOR_KEY"].reveal() == "vendor-value"
    assert vault.values("globex")["GLOBEX_KEY"].reveal() == "globex-value"


def test_read_write_cannot_manage_members(team, vault_path: Path) -> None:
    store = team["bob"].store(vault_path)
    with pytest.raises(AccessDenied) as caught, store.update() as vault:
        vault.set_role("Carol", "read_write")
    assert str(caught.value) == (
        'Bob is read_write and cannot change the role of "Carol"; only a vendor '
        "admin may change the vendor's members"
    )


def test_customer_member_cannot_read_vendor(team, vault_path: Path) -> None:
    vault = team["ann"].store(vault_path).read()
    assert vault.customers() == ["acme"]
    assert vault.values("acme")["ACME_KEY"].reveal() == "acme-value"
    with pytest.raises(AccessDenied) as caught:
        vault.values(None)
    assert str(caught.value) == (
        "Ann (Acme) is a member of a customer scope and cannot read the vendor "
        "scope; customer members read only their own customer"
    )
    with pytest.raises(UnknownCustomer) as unknown:
        vault.values("globex")
    assert str(unknown.value) == 'unknown customer "globex"; known customers: acme'
    scopes = {e.scope for e in vault.audit_events()}
    assert scopes == {"acme"}


def test_customer_member_holds_no_other_keys(team, vault_path: Path) -> None:
    document = parse_document(vault_path.read_bytes())
    dan = team["dan"].identity
    readable = []
    for sid, scope in document.scopes.items():
        for sealed in scope.record.keys:
            try:
                crypto.unseal(dan.private_key, sealed.box)
                readable.append(sid)
            except crypto.CryptoFailure:
                pass
    globex = [s for s in document.scopes if s != "vendor"]
    assert len(readable) == 1
    assert readable[0] in globex


def test_customer_member_writes_own_scope_only(team, vault_path: Path) -> None:
    with team["dan"].store(vault_path).update() as vault:
        vault.set_secret("globex", "NEW", SecretValue("n"))
        with pytest.raises(AccessDenied) as caught:
            vault.add_customer("initech")
    assert str(caught.value) == (
        "Dan (Globex) is read_write of a customer; only read_write and admin "
        "members of the vendor may add or remove customers"
    )
    vault = team["alice"].store(vault_path).read()
    assert vault.values("globex")["NEW"].reveal() == "n"


def test_customer_admin_manages_own_customer(team, vault_path: Path, person) -> None:
    eve = person("Eve")
    with team["ann"].store(vault_path).update() as vault:
        vault.add_member("Eve", eve.recipient, "read_only", "acme")
        with pytest.raises(AccessDenied) as vendor_add:
            vault.add_member("Eve2", person("Frank").recipient, "admin")
        with pytest.raises(UnknownCustomer):
            vault.add_member("Eve3", person("Gina").recipient, "admin", "globex")
        with pytest.raises(MemberNotFound):
            vault.remove_member("Dan (Globex)")
    assert str(vendor_add.value) == (
        'Ann (Acme) is admin of customer acme and cannot add member "Eve2"; only '
        "a vendor admin may change the vendor's members"
    )
    vault = eve.store(vault_path).read()
    assert vault.values("acme")["ACME_KEY"].reveal() == "acme-value"


def test_non_member_gets_identity_mismatch(team, vault_path: Path, person) -> None:
    eve = person("Eve")
    with pytest.raises(IdentityMismatch) as caught:
        eve.store(vault_path).read().values(None)
    assert str(caught.value) == (
        f'identity "Eve" ({eve.recipient}) is not a member of vault '
        f"{json.dumps(str(vault_path))}; use the identity of a member, or ask an admin "
        f"(Alice ({team['alice'].recipient})) to add this recipient with "
        "`distr-secrets members add`"
    )


def test_member_input_errors(team, vault_path: Path) -> None:
    with team["alice"].store(vault_path).update() as vault:
        with pytest.raises(InvalidRole) as role:
            vault.set_role("Bob", "owner")
        with pytest.raises(MemberExists) as exists:
            vault.add_member("Robert", team["bob"].recipient, "read_only")
        with pytest.raises(MemberNotFound) as missing:
            vault.remove_member("Zed")
        with pytest.raises(AccessDenied) as itself:
            vault.remove_member("Alice")
    assert str(role.value) == (
        'invalid role "owner": use one of read_only, read_write, admin'
    )
    assert str(exists.value) == f"recipient {team['bob'].recipient} is already a member"
    assert str(missing.value) == (
        '"Zed" matches no member; members: "Alice", "Ann (Acme)", "Bob", "Carol", '
        '"Dan (Globex)"'
    )
    assert (
        str(itself.value)
        == "you cannot remove yourself (Alice); ask another admin to do it"
    )


def test_member_found_by_prefix_and_recipient(team, vault_path: Path) -> None:
    with team["alice"].store(vault_path).update() as vault:
        vault.set_role("Car", "read_write")
        vault.set_role(team["bob"].recipient, "admin")
    roles = {m.name: m.role for m in team["alice"].store(vault_path).read().members()}
    assert roles["Carol"] == "read_write"
    assert roles["Bob"] == "admin"


def test_member_prefix_ignores_case(team, vault_path: Path) -> None:
    with team["alice"].store(vault_path).update() as vault:
        vault.set_role("carol", "read_write")
        vault.set_role("ann (", "read_only")
    roles = {m.name: m.role for m in team["alice"].store(vault_path).read().members()}
    assert roles["Carol"] == "read_write"
    assert roles["Ann (Acme)"] == "read_only"


def test_member_prefix_case_ambiguous(team, vault_path: Path, person) -> None:
    with team["alice"].store(vault_path).update() as vault:
        vault.add_member("bobby", person("Bobby").recipient, "read_only")
    store = team["alice"].store(vault_path)
    with pytest.raises(MemberNotFound) as caught, store.update() as vault:
        vault.remove_member("BOB")
    assert str(caught.value) == (
        '"BOB" matches several members; members: "Bob", "bobby"'
    )


def scope_keys_of(person: Person, vault_path: Path) -> set[bytes]:
    """Return every scope key `person` can unseal from the current file."""
    document = parse_document(vault_path.read_bytes())
    keys = set()
    for scope in document.scopes.values():
        for sealed in scope.record.keys:
            try:
                keys.add(crypto.unseal(person.identity.private_key, sealed.box))
            except crypto.CryptoFailure:
                pass
    return keys


def test_removed_member_cannot_read_new_writes(team, vault_path: Path) -> None:
    bob = team["bob"]
    old_keys = scope_keys_of(bob, vault_path)
    assert len(old_keys) == 3
    with team["alice"].store(vault_path).update() as vault:
        vault.remove_member("Bob")
    with team["alice"].store(vault_path).update() as vault:
        vault.set_secret(None, "AFTER", SecretValue("after-removal"))
        vault.set_secret("acme", "AFTER", SecretValue("after-removal"))
    assert scope_keys_of(bob, vault_path) == set()
    document = parse_document(vault_path.read_bytes())
    for scope in document.scopes.values():
        for entry in scope.entries.values():
            for old_key in old_keys:
                with pytest.raises(crypto.CryptoFailure):
                    crypto.decrypt(old_key, b64decode(entry.value))
    with pytest.raises(IdentityMismatch):
        bob.store(vault_path).read().values(None)
    vault = team["alice"].store(vault_path).read()
    rotations = [e.scope for e in vault.audit_events() if e.action == "rotate"]
    assert sorted(rotations) == ["acme", "globex", "vendor"]
    assert vault.values(None)["VENDOR_KEY"].reveal() == "vendor-value"
    removal = [e for e in vault.audit_events() if e.action == "member-remove"]
    assert [(e.detail, e.signer) for e in removal] == [("Bob", "Alice")]


def test_customer_removal_rotates_only_its_scope(team, vault_path: Path) -> None:
    before = parse_document(vault_path.read_bytes())
    with team["ann"].store(vault_path).update() as vault:
        vault.add_member(
            "Eve",
            Person(vault_path.parent / "eve", "Eve").recipient,
            "read_only",
            "acme",
        )
    with team["ann"].store(vault_path).update() as vault:
        vault.remove_member("Eve")
    after = parse_document(vault_path.read_bytes())
    changed = [
        sid
        for sid in before.scopes
        if before.scopes[sid].record.kid != after.scopes[sid].record.kid
    ]
    assert len(changed) == 1
    assert changed[0] != "vendor"


def test_demotion_rotates_keys(team, vault_path: Path) -> None:
    before = parse_document(vault_path.read_bytes())
    with team["alice"].store(vault_path).update() as vault:
        vault.set_role("Bob", "read_only")
    after = parse_document(vault_path.read_bytes())
    for sid in before.scopes:
        assert before.scopes[sid].record.kid != after.scopes[sid].record.kid
    store = team["bob"].store(vault_path)
    with pytest.raises(AccessDenied), store.update() as vault:
        vault.set_secret(None, "X", SecretValue("x"))
    assert team["bob"].store(vault_path).read().values(None)["VENDOR_KEY"]


def test_promotion_keeps_keys(team, vault_path: Path) -> None:
    before = parse_document(vault_path.read_bytes())
    with team["alice"].store(vault_path).update() as vault:
        vault.set_role("Carol", "read_write")
    after = parse_document(vault_path.read_bytes())
    for sid in before.scopes:
        assert before.scopes[sid].record.kid == after.scopes[sid].record.kid


def test_remove_customer_with_members_needs_admin(team, vault_path: Path) -> None:
    store = team["bob"].store(vault_path)
    with pytest.raises(AccessDenied) as caught, store.update() as vault:
        vault.remove_customer("acme")
    assert str(caught.value).startswith(
        'Bob is read_write and cannot remove "Ann (Acme)"'
    )
    with team["alice"].store(vault_path).update() as vault:
        vault.remove_customer("acme")
    vault = team["alice"].store(vault_path).read()
    assert vault.customers() == ["globex"]
    assert "Ann (Acme)" not in [m.name for m in vault.members()]


def test_verify_lists_checks(team, vault_path: Path) -> None:
    lines = team["carol"].store(vault_path).read().verify()
    assert lines[0].startswith("format distr-secrets-vault/1, version 1")
    assert any(line.startswith("member log: 5 changes") for line in lines)
    assert any(line.startswith("scope vendor: revision") for line in lines)
    assert any(line.startswith("audit trail:") for line in lines)


def test_vault_corrupt_for_unsigned_role_edit(team, vault_path: Path) -> None:
    text = vault_path.read_text()
    edited = text.replace('"role":"read_only"', '"role":"admin"', 1)
    assert edited != text
    vault_path.write_text(edited)
    with pytest.raises(VaultCorrupt):
        team["alice"].store(vault_path).read()
