"""Known-answer tests: fixed inputs and the outputs the format requires.

`data/vectors.json` and `data/golden.vault` pin the format. The checks below
recompute each value from the primitives described in docs/vault-format.md,
so a change in the library that breaks old files fails here.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
from pathlib import Path

import pytest
from nacl.public import PrivateKey
from nacl.signing import SigningKey

from distr_secrets.vault import (
    ENV_VARIABLE,
    Identity,
    VaultStore,
    crypto,
    load_identity,
)
from distr_secrets.vault.document import parse_document, serialize_prefix
from distr_secrets.vault.encoding import canonical_json
from distr_secrets.vault.records import signed_line

DATA = Path(__file__).parent / "data"
VECTORS = json.loads((DATA / "vectors.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("vector", VECTORS["identities"], ids=lambda v: v["name"])
def test_recipient_from_keys(vector: dict[str, str]) -> None:
    box_secret = bytes.fromhex(vector["box_secret"])
    signing_seed = bytes.fromhex(vector["signing_seed"])
    payload = bytes(PrivateKey(box_secret).public_key) + bytes(
        SigningKey(signing_seed).verify_key
    )
    checksum = hashlib.blake2b(b"dsr1" + payload, digest_size=4).digest()
    encoded = base64.b32encode(payload + checksum).decode().rstrip("=").lower()
    assert "dsr1" + encoded == vector["recipient"]
    identity = Identity(vector["name"], box_secret, signing_seed)
    assert identity.recipient == vector["recipient"]
    assert identity.export() == vector["export"]


@pytest.mark.parametrize("vector", VECTORS["identities"], ids=lambda v: v["name"])
def test_export_layout(vector: dict[str, str]) -> None:
    body = vector["export"].removeprefix("DSR-SECRET-1-")
    data = base64.b32decode(body + "=" * (-len(body) % 8))
    payload, checksum = data[:-4], data[-4:]
    assert payload[:32].hex() == vector["box_secret"]
    assert payload[32:64].hex() == vector["signing_seed"]
    assert payload[64:].decode("utf-8") == vector["name"]
    expected = hashlib.blake2b(b"DSR-SECRET-1-" + payload, digest_size=4).digest()
    assert checksum == expected


def test_scope_key_ids() -> None:
    for vector in VECTORS["scope_keys"]:
        scope_key = bytes.fromhex(vector["scope_key"])
        key_id = hashlib.blake2b(scope_key, digest_size=8, person=b"dsr-key-id")
        assert base64.b64encode(key_id.digest()).decode() == vector["key_id"]
        assert base64.b64encode(crypto.key_id(scope_key)).decode() == vector["key_id"]
        for entry in vector["entries"]:
            entry_id = hashlib.blake2b(
                entry["key"].encode(),
                key=scope_key,
                digest_size=16,
                person=b"dsr-entry-id",
            ).digest()
            assert base64.b64encode(entry_id).decode() == entry["entry_id"]
            library_id = crypto.entry_id(scope_key, entry["key"])
            assert base64.b64encode(library_id).decode() == entry["entry_id"]


@pytest.mark.parametrize("vector", VECTORS["canonical_json"])
def test_canonical_json(vector: dict[str, object]) -> None:
    assert canonical_json(vector["object"]) == vector["text"]


def test_signed_message_layout() -> None:
    for vector in VECTORS["signed_message"]:
        message = crypto.signed_message(vector["kind"], vector["body"])
        assert message.decode("ascii") == vector["message"]
        assert message == f"distr-secrets-vault/1 {vector['kind']}\n".encode() + (
            vector["body"].encode()
        )


@pytest.fixture
def golden(tmp_path: Path) -> Path:
    path = tmp_path / "golden.vault"
    shutil.copy(DATA / "golden.vault", path)
    return path


def identity_named(name: str) -> Identity:
    vector = next(v for v in VECTORS["identities"] if v["name"] == name)
    return load_identity(Path("unused"), {ENV_VARIABLE: vector["export"]})


def test_golden_vault_reads(golden: Path, tmp_path: Path) -> None:
    expected = VECTORS["golden_vault"]
    vault = VaultStore(golden, identity_named("Alice"), tmp_path / "state").read()
    assert vault.org == expected["org"]
    for scope, values in expected["values"].items():
        customer = None if scope == "vendor" else scope
        revealed = {k: v.reveal() for k, v in vault.values(customer).items()}
        assert revealed == values
    previous = vault.previous_values(None)
    assert [v.reveal() for v in previous["DB_PASSWORD"]] == (
        expected["previous_values"]["vendor"]["DB_PASSWORD"]
    )
    members = [[m.name, m.role, m.customer] for m in vault.members()]
    assert members == expected["members"]
    assert vault._document.commit.version == expected["version"]


def test_golden_vault_customer_member(golden: Path, tmp_path: Path) -> None:
    store = VaultStore(golden, identity_named("Ann (Acme)"), tmp_path / "state")
    vault = store.read()
    assert vault.customers() == ["acme"]
    revealed = {k: v.reveal() for k, v in vault.values("acme").items()}
    assert revealed == VECTORS["golden_vault"]["values"]["acme"]


def test_golden_vault_reencodes_identically(golden: Path) -> None:
    data = golden.read_bytes()
    document = parse_document(data)
    commit = signed_line(document.commit.body(), document.commit.sig)
    assert (serialize_prefix(document) + commit + "\n").encode() == data


def test_golden_vault_audit(golden: Path, tmp_path: Path) -> None:
    """The golden vault predates the member fields of member events."""
    vault = VaultStore(golden, identity_named("Alice"), tmp_path / "state").read()
    rows = [
        [e.action, e.scope, e.key, e.actor, e.detail, e.member, e.old_role, e.role]
        for e in vault.audit_events()
    ]
    assert rows == VECTORS["golden_vault"]["audit"]
