"""The record types of the vault file and their strict parsing and encoding.

Each record is one line of canonical JSON with a `t` field naming its type.
`docs/vault-format.md` describes every field; the parsers here reject missing,
unknown and mistyped fields, so a parsed record re-encodes to the same line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from distr_secrets.vault.crypto import HASH_SIZE, KEY_ID_SIZE
from distr_secrets.vault.encoding import (
    FormatError,
    b64decode,
    b64encode,
    canonical_json,
    parse_canonical_json,
    parse_time,
)
from distr_secrets.vault.identity import Recipient, parse_recipient

VAULT_ID_SIZE = 16
SIGNATURE_SIZE = 64
PUBLIC_KEY_SIZE = 32
# A sealed 32-byte scope key: ephemeral public key (32) and tag (16) added.
SEALED_KEY_SIZE = 80
ROLES = ("read_only", "read_write", "admin")
MEMBER_OPS = ("add", "set-role", "remove")
VENDOR_SID = "vendor"
CUSTOMER_SID_PATTERN = re.compile(r"c[0-9a-f]{16}", re.ASCII)
MAX_ORG_LENGTH = 200


def expect_fields(obj: dict[str, Any], kind: str, names: tuple[str, ...]) -> None:
    if obj.get("t") != kind or set(obj) != {"t", *names}:
        raise FormatError(f"{kind} record has missing or unknown fields")


def expect_int(value: object, minimum: int = 0) -> int:
    if type(value) is not int or value < minimum:
        raise FormatError("invalid integer field")
    return value


def expect_str(value: object) -> str:
    if not isinstance(value, str):
        raise FormatError("invalid string field")
    return value


def expect_recipient(value: object) -> Recipient:
    try:
        return parse_recipient(expect_str(value))
    except Exception as error:
        raise FormatError("invalid recipient") from error


def expect_sid(value: object) -> str:
    sid = expect_str(value)
    if sid != VENDOR_SID and not CUSTOMER_SID_PATTERN.fullmatch(sid):
        raise FormatError("invalid scope id")
    return sid


def expect_time(value: object) -> str:
    parse_time(value)
    return expect_str(value)


@dataclass
class VaultHeader:
    """The first record: the vault's identity, signed by its creator."""

    vault_id: bytes
    org: str
    time: str
    creator: str
    sig: bytes = b""

    def body(self) -> dict[str, Any]:
        return {
            "t": "vault",
            "id": b64encode(self.vault_id),
            "org": self.org,
            "time": self.time,
            "creator": self.creator,
        }

    @classmethod
    def parse(cls, obj: dict[str, Any]) -> VaultHeader:
        expect_fields(obj, "vault", ("id", "org", "time", "creator", "sig"))
        org = expect_str(obj["org"])
        if not org or len(org) > MAX_ORG_LENGTH:
            raise FormatError("invalid organization name")
        expect_recipient(obj["creator"])
        return cls(
            b64decode(obj["id"], VAULT_ID_SIZE),
            org,
            expect_time(obj["time"]),
            obj["creator"],
            b64decode(obj["sig"], SIGNATURE_SIZE),
        )


@dataclass
class MemberOp:
    """One change to the member list, signed by an admin."""

    seq: int
    op: str
    time: str
    name: str
    recipient: str
    role: str
    scope: str | None
    prev: bytes
    signer: str
    sig: bytes = b""

    def body(self) -> dict[str, Any]:
        return {
            "t": "member",
            "seq": self.seq,
            "op": self.op,
            "time": self.time,
            "name": self.name,
            "recipient": self.recipient,
            "role": self.role,
            "scope": self.scope,
            "prev": b64encode(self.prev),
            "signer": self.signer,
        }

    @classmethod
    def parse(cls, obj: dict[str, Any]) -> MemberOp:
        names = ("seq", "op", "time", "name", "recipient", "role", "scope")
        expect_fields(obj, "member", (*names, "prev", "signer", "sig"))
        if obj["op"] not in MEMBER_OPS or obj["role"] not in ROLES:
            raise FormatError("invalid member operation or role")
        expect_recipient(obj["recipient"])
        expect_recipient(obj["signer"])
        scope = obj["scope"]
        if scope is not None and (expect_sid(scope) == VENDOR_SID):
            raise FormatError("a vendor member has a null scope")
        return cls(
            expect_int(obj["seq"]),
            obj["op"],
            expect_time(obj["time"]),
            expect_str(obj["name"]),
            obj["recipient"],
            obj["role"],
            scope,
            b64decode(obj["prev"], HASH_SIZE),
            obj["signer"],
            b64decode(obj["sig"], SIGNATURE_SIZE),
        )


@dataclass
class SealedKey:
    """A scope key sealed to one member's X25519 public key."""

    to: bytes
    box: bytes


@dataclass
class ScopeRecord:
    """The header of one scope: its sealed keys and the digest of its entries."""

    sid: str
    rev: int
    name: bytes | None
    kid: bytes
    keys: list[SealedKey]
    history: bytes | None
    entries: bytes
    count: int
    vault: bytes
    time: str
    signer: str
    sig: bytes = b""

    def body(self) -> dict[str, Any]:
        return {
            "t": "scope",
            "sid": self.sid,
            "rev": self.rev,
            "name": None if self.name is None else b64encode(self.name),
            "kid": b64encode(self.kid),
            "keys": [
                {"to": b64encode(k.to), "box": b64encode(k.box)} for k in self.keys
            ],
            "history": None if self.history is None else b64encode(self.history),
            "entries": b64encode(self.entries),
            "count": self.count,
            "vault": b64encode(self.vault),
            "time": self.time,
            "signer": self.signer,
        }

    @classmethod
    def parse(cls, obj: dict[str, Any]) -> ScopeRecord:
        names = ("sid", "rev", "name", "kid", "keys", "history", "entries", "count")
        expect_fields(obj, "scope", (*names, "vault", "time", "signer", "sig"))
        sid = expect_sid(obj["sid"])
        if (sid == VENDOR_SID) != (obj["name"] is None):
            raise FormatError("only the vendor scope has no name")
        expect_recipient(obj["signer"])
        return cls(
            sid,
            expect_int(obj["rev"], 1),
            None if obj["name"] is None else b64decode(obj["name"]),
            b64decode(obj["kid"], KEY_ID_SIZE),
            parse_sealed_keys(obj["keys"]),
            None if obj["history"] is None else b64decode(obj["history"]),
            b64decode(obj["entries"], HASH_SIZE),
            expect_int(obj["count"]),
            b64decode(obj["vault"], VAULT_ID_SIZE),
            expect_time(obj["time"]),
            obj["signer"],
            b64decode(obj["sig"], SIGNATURE_SIZE),
        )


def parse_sealed_keys(value: object) -> list[SealedKey]:
    if not isinstance(value, list) or not value:
        raise FormatError("a scope needs at least one sealed key")
    keys = []
    for item in value:
        if not isinstance(item, dict) or set(item) != {"to", "box"}:
            raise FormatError("invalid sealed key")
        to = b64decode(item["to"], PUBLIC_KEY_SIZE)
        keys.append(SealedKey(to, b64decode(item["box"], SEALED_KEY_SIZE)))
    if [k.to for k in keys] != sorted({k.to for k in keys}):
        raise FormatError("sealed keys are not sorted and unique")
    return keys


@dataclass
class EntryRecord:
    """One secret: encrypted metadata, value and earlier values.

    The fields keep their base64 text, already checked to be canonical, and
    are decoded only when the entry is decrypted, because a read parses
    every entry but decrypts few.
    """

    sid: str
    entry_id: str
    meta: str
    value: str
    prev: str | None
    line: str = ""

    def body(self) -> dict[str, Any]:
        return {
            "t": "entry",
            "sid": self.sid,
            "id": self.entry_id,
            "meta": self.meta,
            "value": self.value,
            "prev": self.prev,
        }

    def encoded(self) -> str:
        if not self.line:
            self.line = canonical_json(self.body())
        return self.line


@dataclass
class AuditEventBox:
    """One audit event, encrypted under the key of the scope it belongs to."""

    sid: str
    kid: bytes
    box: bytes


@dataclass
class AuditBlock:
    """The audit events of one write, signed by its author.

    A block read from a file may start as a stub with only `block_id`,
    `parents` and `line` set (`parsed` False). `full()` parses the rest,
    which a read does only for blocks this machine has not verified before.
    """

    block_id: bytes
    parents: list[bytes]
    time: str
    events: list[AuditEventBox]
    vault: bytes
    signer: str
    sig: bytes = b""
    line: str = ""
    parsed: bool = True

    @classmethod
    def stub(cls, block_id: bytes, parents: list[bytes], line: str) -> AuditBlock:
        return cls(block_id, parents, "", [], b"", "", b"", line, parsed=False)

    def full(self) -> AuditBlock:
        """Parse the whole line once, checking that it matches the stub."""
        if not self.parsed:
            block = AuditBlock.parse(parse_canonical_json(self.line), self.line)
            if (block.block_id, block.parents) != (self.block_id, self.parents):
                raise FormatError("audit block does not match its id and parents")
            self.time, self.events, self.vault = block.time, block.events, block.vault
            self.signer, self.sig, self.parsed = block.signer, block.sig, True
        return self

    def body(self) -> dict[str, Any]:
        return {
            "t": "audit",
            "parents": [b64encode(p) for p in self.parents],
            "time": self.time,
            "events": [
                {"sid": e.sid, "kid": b64encode(e.kid), "box": b64encode(e.box)}
                for e in self.events
            ],
            "vault": b64encode(self.vault),
            "signer": self.signer,
        }

    @classmethod
    def parse(cls, obj: dict[str, Any], line: str) -> AuditBlock:
        names = ("id", "parents", "time", "events", "vault", "signer", "sig")
        expect_fields(obj, "audit", names)
        if not isinstance(obj["parents"], list) or not isinstance(obj["events"], list):
            raise FormatError("invalid audit block")
        events = []
        for item in obj["events"]:
            if not isinstance(item, dict) or set(item) != {"sid", "kid", "box"}:
                raise FormatError("invalid audit event")
            events.append(
                AuditEventBox(
                    expect_sid(item["sid"]),
                    b64decode(item["kid"], KEY_ID_SIZE),
                    b64decode(item["box"]),
                )
            )
        expect_recipient(obj["signer"])
        return cls(
            b64decode(obj["id"], HASH_SIZE),
            [b64decode(p, HASH_SIZE) for p in obj["parents"]],
            expect_time(obj["time"]),
            events,
            b64decode(obj["vault"], VAULT_ID_SIZE),
            obj["signer"],
            b64decode(obj["sig"], SIGNATURE_SIZE),
            line,
        )


@dataclass
class Commit:
    """The last record: version counter and digest of everything before it."""

    version: int
    time: str
    digest: bytes
    signer: str
    sig: bytes = b""

    def body(self) -> dict[str, Any]:
        return {
            "t": "commit",
            "version": self.version,
            "time": self.time,
            "digest": b64encode(self.digest),
            "signer": self.signer,
        }

    @classmethod
    def parse(cls, obj: dict[str, Any]) -> Commit:
        expect_fields(obj, "commit", ("version", "time", "digest", "signer", "sig"))
        expect_recipient(obj["signer"])
        return cls(
            expect_int(obj["version"], 1),
            expect_time(obj["time"]),
            b64decode(obj["digest"], HASH_SIZE),
            obj["signer"],
            b64decode(obj["sig"], SIGNATURE_SIZE),
        )


def signed_line(body: dict[str, Any], sig: bytes) -> str:
    return canonical_json({**body, "sig": b64encode(sig)})


@dataclass
class ScopeData:
    """A scope record with its entries, keyed by entry id."""

    record: ScopeRecord
    entries: dict[str, EntryRecord] = field(default_factory=dict)
