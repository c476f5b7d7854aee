"""Authentication of a parsed vault: signatures, roles and seals.

Each check raises `CryptoFailure` or `FormatError` for a broken file (the
reader reports those as `VaultCorrupt`) and `AccessDenied` for a validly
signed change that the signer's role does not allow.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from distr_secrets.vault.crypto import signed_message, verify_signature
from distr_secrets.vault.document import Document
from distr_secrets.vault.encoding import FormatError, canonical_json
from distr_secrets.vault.errors import AccessDenied
from distr_secrets.vault.identity import parse_recipient
from distr_secrets.vault.membership import (
    READ_ONLY,
    MemberLog,
    can_read,
    can_write,
    describe,
    replay_members,
)
from distr_secrets.vault.records import VENDOR_SID, AuditBlock, Commit, ScopeRecord


def commit_message(commit: Commit) -> bytes:
    return signed_message("commit", canonical_json(commit.body()))


def scope_message(record: ScopeRecord) -> bytes:
    return signed_message("scope", canonical_json(record.body()))


def audit_message(block: AuditBlock) -> bytes:
    return signed_message("audit", canonical_json(block.body()))


def verify_document(
    document: Document,
    scope_label: Callable[[str], str],
    verified_blocks: Iterable[bytes] = (),
) -> MemberLog:
    """Verify everything in `document` and return its replayed member log.

    `scope_label` turns a scope id into the name used in messages. Audit
    blocks whose ids are in `verified_blocks` were verified on an earlier read
    on this machine, and the chain of block ids proves them unchanged, so
    their signatures are not checked again.
    """
    log = replay_members(document.header, document.members)
    verify_commit(document, log)
    for scope in document.scopes.values():
        verify_scope(document, log, scope.record, scope_label)
    for member in log.current.values():
        if member.sid is not None and member.sid not in document.scopes:
            raise FormatError("a member belongs to a scope that does not exist")
    verify_audit(document, log, set(verified_blocks))
    return log


def verify_commit(document: Document, log: MemberLog) -> None:
    commit = document.commit
    if commit.digest != document.signed_prefix_digest:
        raise FormatError("the commit digest does not match the file")
    verify_signature(parse_recipient(commit.signer), commit_message(commit), commit.sig)
    signer = log.by_recipient(commit.signer)
    if signer is None or signer.role == READ_ONLY:
        raise AccessDenied(
            f"the vault was last written by {describe(signer, commit.signer)}; "
            "only read_write and admin members may write the vault"
        )


def verify_scope(
    document: Document,
    log: MemberLog,
    record: ScopeRecord,
    scope_label: Callable[[str], str],
) -> None:
    if record.vault != document.header.vault_id:
        raise FormatError("a scope belongs to another vault")
    verify_signature(parse_recipient(record.signer), scope_message(record), record.sig)
    signer = log.by_recipient(record.signer)
    if signer is None or not can_write(signer, record.sid):
        owners = "the vendor"
        if record.sid != VENDOR_SID:
            owners = "the vendor or of that customer"
        raise AccessDenied(
            f"scope {scope_label(record.sid)} was last signed by "
            f"{describe(signer, record.signer)}, whose role does not allow writing "
            f"it; only read_write and admin members of {owners} may change it"
        )
    readers = sorted(
        parse_recipient(m.recipient).box_key
        for m in log.current.values()
        if can_read(m, record.sid)
    )
    if [k.to for k in record.keys] != readers:
        raise FormatError("a scope is not sealed to exactly its readers")


def verify_audit(document: Document, log: MemberLog, verified: set[bytes]) -> None:
    for block in document.audit:
        if block.block_id in verified:
            continue
        block.full()
        if block.vault != document.header.vault_id:
            raise FormatError("an audit block belongs to another vault")
        if block.signer not in log.names_ever:
            raise AccessDenied(
                f"audit block {block.block_id.hex()[:16]} is signed by "
                f"{block.signer[:16]}..., who was never a member of this vault"
            )
        signer = parse_recipient(block.signer)
        verify_signature(signer, audit_message(block), block.sig)
