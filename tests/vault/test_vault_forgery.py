"""Hand-edited and replayed vaults are rejected when read.

The forgeries are made by members who patch out the library's own
permission checks, so each file is well formed and validly signed by its
author: only the rules in the file itself can reject it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from vault_helpers import Person

from distr_secrets.secret import SecretValue
from distr_secrets.vault import AccessDenied, VaultCorrupt, VaultRollback, base, team
from distr_secrets.vault.document import parse_document, serialize_prefix


@pytest.fixture
def people(person, vault_path: Path) -> dict[str, Person]:
    found = {
        "alice": person("Alice"),
        "bob": person("Bob"),
        "carol": person("Carol"),
        "dan": person("Dan (Globex)"),
        "mallory": person("Mallory"),
    }
    with found["alice"].store(vault_path).update() as vault:
        vault.add_customer("globex")
        vault.set_secret(None, "VENDOR_KEY", SecretValue("vendor-value"))
        vault.add_member("Bob", found["bob"].recipient, "read_write")
        vault.add_member("Carol", found["carol"].recipient, "read_only")
        vault.add_member("Dan (Globex)", found["dan"].recipient, "read_write", "globex")
    found["alice"].store(vault_path).read()
    return found


SAME_PATH = (
    "at this path before (on another git branch, or before the file was replaced)"
)
NOT_USED = (
    "It was not used, because an older file can bring back removed members and "
    "rotated keys. Use the newer file or merge it into this one. To use this file "
    "on purpose, run the command again with --accept-rollback, which checks every "
    "signature in it and makes this machine forget the newer version"
)


def allow_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    """Patch out the checks the library makes before a change."""
    monkeypatch.setattr(base, "can_write", lambda member, sid: True)
    monkeypatch.setattr(base, "can_read", lambda member, sid: True)
    monkeypatch.setattr(team, "can_manage", lambda member, sid: True)


def short(person: Person) -> str:
    return person.recipient[:16] + "..."


def test_read_only_value_edit_rejected(people, vault_path, monkeypatch) -> None:
    allow_everything(monkeypatch)
    with people["carol"].store(vault_path).update() as vault:
        vault.set_secret(None, "VENDOR_KEY", SecretValue("forged"))
    monkeypatch.undo()
    with pytest.raises(AccessDenied) as caught:
        people["alice"].store(vault_path).read()
    assert str(caught.value) == (
        f"the vault was last written by Carol ({short(people['carol'])}, read_only); "
        "only read_write and admin members may write the vault"
    )


def test_read_only_role_edit_rejected(people, vault_path, monkeypatch) -> None:
    allow_everything(monkeypatch)
    with people["carol"].store(vault_path).update() as vault:
        vault.set_role("Bob", "admin")
    monkeypatch.undo()
    with pytest.raises(AccessDenied) as caught:
        people["alice"].store(vault_path).read()
    assert str(caught.value) == (
        f'member change #4 (set-role "Bob") is signed by Carol '
        f"({short(people['carol'])}, read_only); only a vendor admin, or an admin of "
        "the customer concerned, may change members"
    )


def test_read_write_member_list_edit_rejected(people, vault_path, monkeypatch) -> None:
    allow_everything(monkeypatch)
    with people["bob"].store(vault_path).update() as vault:
        vault.add_member("Mallory", people["mallory"].recipient, "admin")
    monkeypatch.undo()
    with pytest.raises(AccessDenied) as caught:
        people["alice"].store(vault_path).read()
    assert str(caught.value) == (
        f'member change #4 (add "Mallory") is signed by Bob '
        f"({short(people['bob'])}, read_write); only a vendor admin, or an admin of "
        "the customer concerned, may change members"
    )


def test_customer_member_vendor_edit_rejected(people, vault_path, monkeypatch) -> None:
    allow_everything(monkeypatch)
    vault_store = people["dan"].store(vault_path)
    with vault_store.update() as vault:
        # Dan has no vendor key, so he can only re-sign the vendor scope as it
        # is. The rule on the signer must still reject it.
        vault._touch("vendor")
        vault._keys["vendor"] = b"\x00" * 32
    monkeypatch.undo()
    with pytest.raises(AccessDenied) as caught:
        people["alice"].store(vault_path).read()
    assert str(caught.value) == (
        f"scope vendor was last signed by Dan (Globex) ({short(people['dan'])}, "
        "read_write), whose role does not allow writing it; only read_write and "
        "admin members of the vendor may change it"
    )


def test_non_member_edit_rejected(people, vault_path, monkeypatch) -> None:
    allow_everything(monkeypatch)
    monkeypatch.setattr(base.VaultBase, "_me", lambda self: people_member(self))
    with people["mallory"].store(vault_path).update() as vault:
        vault._touch("vendor")
        vault._keys["vendor"] = b"\x00" * 32
    monkeypatch.undo()
    with pytest.raises(AccessDenied) as caught:
        people["alice"].store(vault_path).read()
    assert str(caught.value) == (
        f"the vault was last written by {short(people['mallory'])} (not a member); "
        "only read_write and admin members may write the vault"
    )


def people_member(vault: base.VaultBase) -> object:
    from distr_secrets.vault.membership import MemberEntry

    return MemberEntry("Mallory", vault._identity.recipient, "admin", None)


def test_audit_block_edit_detected(people, vault_path) -> None:
    text = vault_path.read_text()
    lines = text.split("\n")
    audit = [i for i, line in enumerate(lines) if line.startswith('{"events":')]
    assert audit
    first = lines[audit[0]]
    box_start = first.index('"box":"') + len('"box":"')
    flipped = "B" if first[box_start + 10] != "B" else "C"
    lines[audit[0]] = first[: box_start + 10] + flipped + first[box_start + 11 :]
    vault_path.write_text("\n".join(lines))
    with pytest.raises(VaultCorrupt):
        people["alice"].store(vault_path).read()


def test_audit_history_rewrite_rejected(people, vault_path) -> None:
    """Bob drops Alice's audit block and re-signs; Alice's machine notices."""
    bob = people["bob"]
    with bob.store(vault_path).update() as vault:
        vault.set_secret(None, "FROM_BOB", SecretValue("b"))
    people["alice"].store(vault_path).read()
    document = parse_document(vault_path.read_bytes())
    document.audit = [block.full() for block in document.audit[1:]]
    document.audit[0].parents = []
    document.audit[0].line = ""
    resign_commit(document, bob)
    write_document(vault_path, document)
    with pytest.raises(VaultRollback) as caught:
        people["alice"].store(vault_path).read()
    assert str(caught.value) == (
        f"vault file {json.dumps(str(vault_path))} is version 3, missing audit events of "
        f"version 2, which this machine read {SAME_PATH}. " + NOT_USED
    )


def resign_commit(document, author: Person) -> None:
    """Recompute audit ids and the commit as a member editing by hand would."""
    from distr_secrets.vault import crypto
    from distr_secrets.vault.document import audit_block_id
    from distr_secrets.vault.verify import audit_message, commit_message

    for block in document.audit:
        block.sig = author.identity.sign(audit_message(block))
        block.block_id = b""
        block.line = ""
        block.block_id = audit_block_id(block)
    prefix = serialize_prefix(document).encode("ascii")
    document.commit.version += 1
    document.commit.digest = crypto.digest(prefix)
    document.commit.signer = author.recipient
    document.commit.sig = author.identity.sign(commit_message(document.commit))


def write_document(path: Path, document) -> None:
    from distr_secrets.vault.records import signed_line

    commit = signed_line(document.commit.body(), document.commit.sig)
    path.write_text(serialize_prefix(document) + commit + "\n")


def test_replayed_older_file_rejected(people, vault_path, tmp_path) -> None:
    old_copy = tmp_path / "old.vault"
    shutil.copy(vault_path, old_copy)
    with people["alice"].store(vault_path).update() as vault:
        vault.remove_member("Bob")
    people["carol"].store(vault_path).read()
    shutil.copy(old_copy, vault_path)
    with pytest.raises(VaultRollback) as caught:
        people["carol"].store(vault_path).read()
    assert str(caught.value) == (
        f"vault file {json.dumps(str(vault_path))} is version 1, older than version 2, which "
        f"this machine read {SAME_PATH}. " + NOT_USED
    )
    fresh = Person(tmp_path / "fresh-carol", "Carol")
    fresh.identity = people["carol"].identity
    assert fresh.store(vault_path).read().values(None)


def test_rollback_error_is_vault_corrupt(people, vault_path, tmp_path) -> None:
    old_copy = tmp_path / "old.vault"
    shutil.copy(vault_path, old_copy)
    with people["alice"].store(vault_path).update() as vault:
        vault.set_secret(None, "NEW", SecretValue("n"))
    shutil.copy(old_copy, vault_path)
    store = people["alice"].store(vault_path)
    with pytest.raises(VaultCorrupt), store.update() as vault:
        vault.set_secret(None, "OTHER", SecretValue("o"))
    assert vault_path.read_bytes() == old_copy.read_bytes()


def test_replaced_vault_rejected(people, vault_path, tmp_path) -> None:
    """Carol builds her own vault, with everyone as members, and swaps it in."""
    carol, alice = people["carol"], people["alice"]
    own = tmp_path / "own" / "acme.vault"
    with carol.store(own).update() as vault:
        vault.set_secret(None, "VENDOR_KEY", SecretValue("planted"))
        vault.add_member("Alice", alice.recipient, "admin")
    shutil.copy(own, vault_path)
    binding = alice.store(vault_path).trust.binding_path(vault_path)
    with pytest.raises(AccessDenied) as caught:
        alice.store(vault_path).read()
    assert str(caught.value) == (
        f"vault file {json.dumps(str(vault_path))} contains another vault (created by "
        f"{short(carol)}) than the one this machine read there before, so it was "
        f"not used; if it was replaced on purpose, delete {json.dumps(str(binding))} and "
        "read it again"
    )
