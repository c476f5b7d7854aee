"""Scope keys: sealing to readers, rotation, key history and entry encryption."""

from __future__ import annotations

import json
import os
from binascii import a2b_base64
from dataclasses import dataclass

from distr_secrets.vault import crypto
from distr_secrets.vault.encoding import b64decode, b64encode, canonical_json
from distr_secrets.vault.identity import parse_recipient
from distr_secrets.vault.membership import MemberEntry, can_read
from distr_secrets.vault.records import EntryRecord, ScopeData, ScopeRecord, SealedKey

MAX_PREVIOUS_VALUES = 10


@dataclass
class EntryMeta:
    """The decrypted metadata of an entry."""

    key: str
    created_at: str
    created_by: str
    updated_at: str
    updated_by: str

    def encode(self) -> bytes:
        return canonical_json(self.__dict__).encode("ascii")

    @classmethod
    def decode(cls, data: bytes) -> EntryMeta:
        obj = json.loads(data)
        return cls(**obj)


def new_customer_sid() -> str:
    return "c" + os.urandom(8).hex()


def reader_keys(members: dict[str, MemberEntry], sid: str) -> dict[bytes, str]:
    """Return the X25519 public keys of the members who may read `sid`."""
    keys = {}
    for member in members.values():
        if can_read(member, sid):
            keys[parse_recipient(member.recipient).box_key] = member.recipient
    return keys


def seal_to_readers(
    members: dict[str, MemberEntry], sid: str, scope_key: bytes
) -> list[SealedKey]:
    keys = []
    for box_key, recipient in sorted(reader_keys(members, sid).items()):
        keys.append(
            SealedKey(box_key, crypto.seal(parse_recipient(recipient), scope_key))
        )
    return keys


def encode_value(value: str) -> bytes:
    return value.encode("utf-8", "surrogatepass")


def decode_value(data: bytes) -> str:
    return data.decode("utf-8", "surrogatepass")


def encode_previous(values: list[str]) -> bytes:
    return canonical_json(values).encode("ascii")


def decode_previous(data: bytes) -> list[str]:
    values = json.loads(data)
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise crypto.CryptoFailure("invalid previous values")
    return values


def make_entry(
    sid: str, scope_key: bytes, meta: EntryMeta, value: str, previous: list[str]
) -> EntryRecord:
    """Encrypt one entry under `scope_key`."""
    prev = None
    if previous:
        prev = b64encode(crypto.encrypt(scope_key, encode_previous(previous)))
    return EntryRecord(
        sid,
        b64encode(crypto.entry_id(scope_key, meta.key)),
        b64encode(crypto.encrypt(scope_key, meta.encode())),
        b64encode(crypto.encrypt(scope_key, encode_value(value))),
        prev,
    )


def read_entry(
    scope_key: bytes, entry: EntryRecord
) -> tuple[EntryMeta, str, list[str]]:
    meta = read_meta(scope_key, entry)
    value = read_value(scope_key, entry)
    previous = []
    if entry.prev is not None:
        previous = decode_previous(crypto.decrypt(scope_key, a2b_base64(entry.prev)))
    return meta, value, previous


# The entry fields were checked to be canonical base64 when the line was
# parsed, so they are decoded here without checking them again.


def read_meta(scope_key: bytes, entry: EntryRecord) -> EntryMeta:
    """Decrypt an entry's metadata and check that its id matches its key name."""
    meta = EntryMeta.decode(crypto.decrypt(scope_key, a2b_base64(entry.meta)))
    if b64encode(crypto.entry_id(scope_key, meta.key)) != entry.entry_id:
        raise crypto.CryptoFailure("entry id does not match its key")
    return meta


def read_value(scope_key: bytes, entry: EntryRecord) -> str:
    return decode_value(crypto.decrypt(scope_key, a2b_base64(entry.value)))


def key_history(scope_key: bytes, record: ScopeRecord) -> list[bytes]:
    """Return the earlier keys of a scope, newest first."""
    if record.history is None:
        return []
    encoded = json.loads(crypto.decrypt(scope_key, record.history))
    return [b64decode(item, crypto.SCOPE_KEY_SIZE) for item in encoded]


def rotate_scope(
    scope: ScopeData, old_key: bytes, members: dict[str, MemberEntry]
) -> bytes:
    """Re-encrypt a scope under a new key sealed to its current readers.

    Entries, earlier values and the customer name are re-encrypted. The old
    key joins the key history so that old audit events stay readable to the
    members who keep access. Returns the new key.
    """
    record = scope.record
    new_key = crypto.new_scope_key()
    history = [old_key, *key_history(old_key, record)]
    entries = {}
    for entry in scope.entries.values():
        meta, value, previous = read_entry(old_key, entry)
        new_entry = make_entry(record.sid, new_key, meta, value, previous)
        entries[new_entry.entry_id] = new_entry
    if record.name is not None:
        record.name = crypto.encrypt(new_key, crypto.decrypt(old_key, record.name))
    encoded_history = canonical_json([b64encode(k) for k in history])
    record.history = crypto.encrypt(new_key, encoded_history.encode("ascii"))
    record.kid = crypto.key_id(new_key)
    record.keys = seal_to_readers(members, record.sid, new_key)
    scope.entries = entries
    return new_key
