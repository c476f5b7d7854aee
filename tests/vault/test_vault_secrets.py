"""Tests for the single-identity vault API: scopes, secrets, audit, files."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from vault_helpers import SENTINEL, Person

from distr_secrets.secret import SecretValue
from distr_secrets.vault import (
    ALL_SCOPES,
    CustomerExists,
    InvalidKey,
    InvalidValue,
    SecretNotFound,
    UnknownCustomer,
    VaultNotFound,
)


def value(text: str) -> SecretValue:
    return SecretValue(text)


def test_first_update_creates_vault(person, vault_path: Path) -> None:
    alice: Person = person("Alice")
    store = alice.store(vault_path)
    assert not store.exists()
    with store.update() as vault:
        assert vault.set_secret(None, "DB_PASSWORD", value("pw1")) == "created"
    assert stat.S_IMODE(vault_path.stat().st_mode) == 0o600
    vault = store.read()
    assert vault.org == "acme"
    assert vault.values(None) == {"DB_PASSWORD": value("pw1")}
    assert [m.name for m in vault.members()] == ["Alice"]
    assert vault.members()[0].role == "admin"


def test_read_missing_vault(person, vault_path: Path) -> None:
    with pytest.raises(VaultNotFound) as caught:
        person("Alice").store(vault_path).read()
    assert str(caught.value) == (
        f"vault file {json.dumps(str(vault_path))} does not exist; it is created by the "
        "first change, such as setting a secret"
    )


def test_update_and_previous_values(person, vault_path: Path) -> None:
    store = person("Alice").store(vault_path)
    for number in range(13):
        with store.update() as vault:
            outcome = vault.set_secret(None, "TOKEN", value(f"v{number}"))
            assert outcome == ("created" if number == 0 else "updated")
    vault = store.read()
    assert vault.values(None)["TOKEN"].reveal() == "v12"
    previous = [v.reveal() for v in vault.previous_values(None)["TOKEN"]]
    assert previous == [f"v{n}" for n in range(11, 1, -1)]


def test_same_value_not_kept_twice(person, vault_path: Path) -> None:
    store = person("Alice").store(vault_path)
    for text in ("one", "two", "two"):
        with store.update() as vault:
            vault.set_secret(None, "TOKEN", value(text))
    previous = store.read().previous_values(None)["TOKEN"]
    assert [v.reveal() for v in previous] == ["one"]


def test_secret_infos(person, vault_path: Path) -> None:
    store = person("Alice").store(vault_path)
    with store.update() as vault:
        vault.set_secret(None, "B_KEY", value("1"))
        vault.set_secret(None, "A_KEY", value("2"))
    with store.update() as vault:
        vault.set_secret(None, "B_KEY", value("3"))
    infos = store.read().secret_infos(None)
    assert [i.key for i in infos] == ["A_KEY", "B_KEY"]
    b_info = infos[1]
    assert b_info.created_by == "Alice"
    assert b_info.updated_by == "Alice"
    assert b_info.updated_at > b_info.created_at
    assert b_info.created_at.tzinfo is not None


def test_set_secrets_counts(person, vault_path: Path) -> None:
    store = person("Alice").store(vault_path)
    with store.update() as vault:
        vault.set_secret(None, "A", value("1"))
        created_updated = vault.set_secrets(None, {"A": value("2"), "B": value("3")})
    assert created_updated == (1, 1)


def test_set_secrets_checks_all_keys_first(person, vault_path: Path) -> None:
    store = person("Alice").store(vault_path)
    with store.update() as vault:
        with pytest.raises(InvalidKey):
            vault.set_secrets(None, {"GOOD": value("1"), "BAD-KEY": value("2")})
        assert vault.values(None) == {}


def test_empty_value_rejected(person, vault_path: Path) -> None:
    store = person("Alice").store(vault_path)
    with store.update() as vault, pytest.raises(InvalidValue) as caught:
        vault.set_secret(None, "KEY", value(""))
    assert str(caught.value) == 'empty value for key "KEY": a secret needs a value'


def test_delete_secret(person, vault_path: Path) -> None:
    store = person("Alice").store(vault_path)
    with store.update() as vault:
        vault.set_secret(None, "A", value("1"))
    with store.update() as vault:
        vault.delete_secret(None, "A")
        with pytest.raises(SecretNotFound) as caught:
            vault.delete_secret(None, "A")
    assert str(caught.value) == 'secret "A" not found in scope vendor'
    assert store.read().values(None) == {}


def test_customer_scopes_are_separate(person, vault_path: Path) -> None:
    store = person("Alice").store(vault_path)
    with store.update() as vault:
        vault.add_customer("acme")
        vault.add_customer("globex")
        vault.set_secret(None, "DB_PASSWORD", value("vendor-pw"))
        vault.set_secret("acme", "DB_PASSWORD", value("acme-pw"))
    vault = store.read()
    assert vault.customers() == ["acme", "globex"]
    assert vault.values("acme") == {"DB_PASSWORD": value("acme-pw")}
    assert vault.values(None) == {"DB_PASSWORD": value("vendor-pw")}
    assert vault.values("globex") == {}


def test_unknown_customer_lists_known(person, vault_path: Path) -> None:
    store = person("Alice").store(vault_path)
    with store.update() as vault:
        vault.add_customer("acme")
        vault.add_customer("globex")
    with pytest.raises(UnknownCustomer) as caught:
        store.read().values("acmee")
    assert (
        str(caught.value) == 'unknown customer "acmee"; known customers: acme, globex'
    )


def test_add_existing_customer(person, vault_path: Path) -> None:
    with person("Alice").store(vault_path).update() as vault:
        vault.add_customer("acme")
        with pytest.raises(CustomerExists) as caught:
            vault.add_customer("acme")
    assert str(caught.value) == 'customer "acme" already exists'


def test_remove_customer(person, vault_path: Path) -> None:
    store = person("Alice").store(vault_path)
    with store.update() as vault:
        vault.add_customer("acme")
        vault.set_secret("acme", "KEY", value("1"))
    with store.update() as vault:
        vault.remove_customer("acme")
    vault = store.read()
    assert vault.customers() == []
    actions = [(e.action, e.scope) for e in vault.audit_events()]
    assert actions[-1] == ("customer-remove", "acme")


def test_audit_events_record_changes(person, vault_path: Path) -> None:
    store = person("Alice").store(vault_path)
    with store.update() as vault:
        vault.add_customer("acme")
        vault.set_secret(None, "A", value("1"))
    with store.update() as vault:
        vault.set_secret(None, "A", value("2"))
        vault.set_secret("acme", "A", value("3"))
    with store.update() as vault:
        vault.delete_secret(None, "A")
    vault = store.read()
    rows = [(e.action, e.scope, e.key) for e in vault.audit_events(ALL_SCOPES)]
    assert rows == [
        ("vault-create", "vendor", None),
        ("create", "vendor", "A"),
        ("customer-add", "acme", None),
        ("update", "vendor", "A"),
        ("create", "acme", "A"),
        ("delete", "vendor", "A"),
    ]
    vendor_a = [(e.action, e.key) for e in vault.audit_events(None, key="A")]
    assert vendor_a == [("create", "A"), ("update", "A"), ("delete", "A")]
    acme = [(e.action, e.key) for e in vault.audit_events("acme")]
    assert acme == [("customer-add", None), ("create", "A")]
    event = vault.audit_events()[1]
    assert event.actor == "Alice"
    assert event.signer == "Alice"
    assert event.actor_recipient == store.identity.recipient


def test_exception_in_update_writes_nothing(person, vault_path: Path) -> None:
    store = person("Alice").store(vault_path)
    with store.update() as vault:
        vault.set_secret(None, "A", value("1"))
    before = vault_path.read_bytes()
    with pytest.raises(RuntimeError), store.update() as vault:
        vault.set_secret(None, "B", value("2"))
        raise RuntimeError("stop")
    assert vault_path.read_bytes() == before
    leftovers = [p.name for p in vault_path.parent.iterdir()]
    assert sorted(leftovers) == ["acme.vault", "acme.vault.lock"]


def test_update_without_change_writes_nothing(person, vault_path: Path) -> None:
    store = person("Alice").store(vault_path)
    with store.update() as vault:
        vault.set_secret(None, "A", value("1"))
    before = vault_path.read_bytes()
    with store.update() as vault:
        vault.values(None)
    assert vault_path.read_bytes() == before


def test_sentinel_never_in_file_or_messages(person, vault_path: Path) -> None:
    store = person("Alice").store(vault_path)
    with store.update() as vault:
        vault.add_customer("acme")
        vault.set_secret(None, "SENTINEL_KEY", value(SENTINEL))
        vault.set_secret("acme", "SENTINEL_KEY", value(SENTINEL))
    with store.update() as vault:
        vault.set_secret(None, "SENTINEL_KEY", value(SENTINEL + "-2"))
    data = vault_path.read_bytes()
    assert SENTINEL.encode() not in data
    assert b"SENTINEL_KEY" not in data
    vault = store.read()
    texts = [repr(vault.values(None)), repr(vault.previous_values(None))]
    texts += [repr(e) for e in vault.audit_events()]
    texts += [repr(i) for i in vault.secret_infos(None)]
    for failing in (
        lambda: vault.set_secret(None, "BAD KEY", value(SENTINEL)),
        lambda: vault.set_secret("nope", "KEY", value(SENTINEL)),
        lambda: vault.set_secrets(None, {"X-": value(SENTINEL)}),
    ):
        with pytest.raises(Exception) as caught:
            failing()
        texts.append(str(caught.value))
        texts.append(repr(caught.value))
    for text in texts:
        assert SENTINEL not in text
