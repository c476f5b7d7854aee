"""Per-machine records of each vault: its trust anchor and counters.

The state lives in `STATE_DIR/vaults/<vault id>.json`. It records the creator
seen on first use (the trust anchor), the highest version and the path it was
read at, the member log length and the revision of each scope. With these,
an older file is rejected even when its signatures are valid. It also records
the last audit block whose chain was verified, so later reads check only new
audit signatures.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from distr_secrets.vault.document import Document
from distr_secrets.vault.encoding import b64decode, b64encode
from distr_secrets.vault.errors import AccessDenied, VaultRollback
from distr_secrets.vault.membership import MemberLog
from distr_secrets.vault.names import quote


@dataclass
class TrustRecord:
    """The remembered state of one vault on this machine."""

    anchor: str
    version: int
    commit_digest: str
    member_count: int
    member_digest: str
    scopes: dict[str, int] = field(default_factory=dict)
    audit_head: str | None = None
    # The absolute path the highest version was read or written at. Records
    # written before this field existed have None.
    seen_at: str | None = None


class TrustStore:
    """Per-machine trust records, one JSON file per vault id."""

    def __init__(self, state_dir: Path) -> None:
        self.directory = state_dir / "vaults"

    def _path(self, vault_id: bytes, suffix: str) -> Path:
        return self.directory / f"{vault_id.hex()}{suffix}"

    @contextmanager
    def locked(self, vault_id: bytes) -> Iterator[TrustRecord | None]:
        """Hold the record's lock and yield the record (None on first use)."""
        self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        lock_path = self._path(vault_id, ".lock")
        descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
            yield self._load(vault_id)
        finally:
            os.close(descriptor)

    def _load(self, vault_id: bytes) -> TrustRecord | None:
        try:
            data = json.loads(self._path(vault_id, ".json").read_text("utf-8"))
        except FileNotFoundError:
            return None
        return TrustRecord(**data)

    def save(self, vault_id: bytes, record: TrustRecord) -> None:
        """Write the record atomically; call only while holding `locked`."""
        write_json(self._path(vault_id, ".json"), asdict(record))

    def binding_path(self, vault_path: Path) -> Path:
        """Return the file that records which vault id was seen at `vault_path`."""
        name = hashlib.sha256(str(vault_path.resolve()).encode()).hexdigest()
        return self.directory / "paths" / f"{name}.json"

    def bound_vault_id(self, vault_path: Path) -> bytes | None:
        try:
            text = self.binding_path(vault_path).read_text("utf-8")
        except FileNotFoundError:
            return None
        return bytes.fromhex(json.loads(text)["vault_id"])

    def bind(self, vault_path: Path, vault_id: bytes) -> None:
        """Record that `vault_path` contains the vault `vault_id`."""
        binding = self.binding_path(vault_path)
        binding.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        path_text = str(vault_path.resolve())
        write_json(binding, {"path": path_text, "vault_id": vault_id.hex()})


def write_json(path: Path, data: object) -> None:
    """Write `data` as JSON to `path` through a temporary file and a rename."""
    text = json.dumps(data, sort_keys=True, indent=1) + "\n"
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def check_binding(trust: TrustStore, path: Path, document: Document) -> None:
    """Reject a file that replaced the vault this machine saw at `path`.

    Without this check, any member could create a new vault of their own,
    with themselves as creator, and put it where the team's vault was.
    """
    bound = trust.bound_vault_id(path)
    if bound is not None and bound != document.header.vault_id:
        raise AccessDenied(
            f"vault file {quote(str(path))} contains another vault (created by "
            f"{document.header.creator[:16]}...) than the one this machine read "
            "there before, so it was not used; if it was replaced on purpose, "
            f"delete {quote(str(trust.binding_path(path)))} and read it again"
        )


def ancestors(document: Document, head: bytes) -> set[bytes]:
    """Return `head` and every audit block it descends from."""
    parents = {block.block_id: block.parents for block in document.audit}
    found: set[bytes] = set()
    pending = [head]
    while pending:
        block_id = pending.pop()
        if block_id in found or block_id not in parents:
            continue
        found.add(block_id)
        pending.extend(parents[block_id])
    return found


def check_not_older(
    path: Path, document: Document, log: MemberLog, record: TrustRecord
) -> None:
    """Raise `VaultRollback` if `document` is older than what `record` saw."""
    check_anchor(path, document, record)
    commit = document.commit
    problem = rollback_problem(document, log, record)
    if problem is not None:
        raise VaultRollback(
            path, problem, commit.version, record.version, record.seen_at
        )


def check_anchor(path: Path, document: Document, record: TrustRecord) -> None:
    """Raise `AccessDenied` if `document` names another creator than `record`."""
    creator = document.header.creator
    if creator != record.anchor:
        raise AccessDenied(
            f"vault file {quote(str(path))} names creator {creator[:16]}..., but "
            f"this machine first saw the vault created by {record.anchor[:16]}...; "
            "the file was replaced by another vault with the same id"
        )


def rollback_problem(
    document: Document, log: MemberLog, record: TrustRecord
) -> str | None:
    """Return how `document` falls behind `record`, or None if it does not."""
    commit = document.commit
    if commit.version < record.version:
        return "older than"
    same_version = commit.version == record.version
    if same_version and b64encode(commit.digest) != record.commit_digest:
        return "a different file than"
    count = record.member_count
    if len(log.digests) < count:
        return "missing member changes of"
    if b64encode(log.digests[count - 1]) != record.member_digest:
        return "missing member changes of"
    for sid, revision in record.scopes.items():
        scope = document.scopes.get(sid)
        if scope is not None and scope.record.rev < revision:
            return "missing secret changes of"
    if record.audit_head is not None:
        head = b64decode(record.audit_head)
        if head not in {block.block_id for block in document.audit}:
            return "missing audit events of"
    return None


def record_for(document: Document, log: MemberLog, seen_at: str | None) -> TrustRecord:
    return TrustRecord(
        anchor=document.header.creator,
        version=document.commit.version,
        commit_digest=b64encode(document.commit.digest),
        member_count=len(log.digests),
        member_digest=b64encode(log.digests[-1]),
        scopes={sid: s.record.rev for sid, s in document.scopes.items()},
        audit_head=b64encode(document.audit[-1].block_id) if document.audit else None,
        seen_at=seen_at,
    )


def merge_records(old: TrustRecord | None, new: TrustRecord) -> TrustRecord:
    """Keep the highest scope revisions, including those of removed scopes.

    A new record without a path keeps the path of the old one.
    """
    if old is not None:
        for sid, revision in old.scopes.items():
            new.scopes[sid] = max(revision, new.scopes.get(sid, 0))
        if new.seen_at is None:
            new.seen_at = old.seen_at
    return new
