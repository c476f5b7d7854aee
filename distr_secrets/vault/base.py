"""Key handling, permission checks and signing shared by all vault operations."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from distr_secrets.vault import crypto
from distr_secrets.vault.document import (
    Document,
    audit_block_id,
    entries_digest,
    serialize_prefix,
    sorted_entries,
)
from distr_secrets.vault.encoding import FormatError, canonical_json, now
from distr_secrets.vault.errors import (
    AccessDenied,
    IdentityMismatch,
    UnknownCustomer,
    VaultCorrupt,
)
from distr_secrets.vault.identity import Identity
from distr_secrets.vault.membership import (
    ADMIN,
    MemberEntry,
    MemberLog,
    can_read,
    can_write,
)
from distr_secrets.vault.model import MemberChange
from distr_secrets.vault.names import VENDOR_SCOPE, quote
from distr_secrets.vault.records import (
    VENDOR_SID,
    AuditBlock,
    AuditEventBox,
    Commit,
    ScopeData,
    signed_line,
)
from distr_secrets.vault.verify import audit_message, commit_message, scope_message

DECRYPT_FAILURES = (crypto.CryptoFailure, FormatError, ValueError, TypeError, KeyError)


class VaultBase:
    """State and key handling shared by the secret and member operations."""

    def __init__(
        self, path: Path, document: Document, log: MemberLog, identity: Identity
    ) -> None:
        self._path = path
        self._document = document
        self._log = log
        self._identity = identity
        self._keys: dict[str, bytes] = {}
        self._customer_names: dict[str, str] | None = None
        self._dirty: set[str] = set()
        self._events: list[tuple[str, dict[str, object]]] = []
        self._changed = False
        # Heads of other branches that the next audit block joins (merges).
        self._merged_heads: list[bytes] = []

    @property
    def org(self) -> str:
        return self._document.header.org

    @property
    def changed(self) -> bool:
        return self._changed

    @contextmanager
    def _decrypting(self) -> Iterator[None]:
        """Report any decryption failure as the single `VaultCorrupt` error."""
        try:
            yield
        except DECRYPT_FAILURES:
            raise VaultCorrupt(self._path) from None

    # Who is acting, and what may they do.

    def _me(self) -> MemberEntry:
        member = self._log.by_recipient(self._identity.recipient)
        if member is None:
            raise identity_mismatch(self._path, self._identity, self._log)
        return member

    def _scope_label(self, sid: str) -> str:
        if sid == VENDOR_SID:
            return VENDOR_SCOPE
        return self._names().get(sid, sid)

    def _require_write(self, sid: str) -> MemberEntry:
        me = self._me()
        if not can_read(me, sid):
            assert me.sid is not None
            raise AccessDenied(
                f"{me.name} is a member of customer {self._scope_label(me.sid)} "
                f"and cannot change scope {self._scope_label(sid)}; customer "
                "members change only their own customer"
            )
        if not can_write(me, sid):
            raise AccessDenied(
                f"{me.name} is {me.role} and cannot change scope "
                f"{self._scope_label(sid)}; only read_write and admin members may "
                "change secrets; ask an admin to change your role"
            )
        return me

    def _require_read(self, sid: str) -> MemberEntry:
        me = self._me()
        if not can_read(me, sid):
            raise AccessDenied(
                f"{me.name} is a member of a customer scope and cannot read the "
                f"{self._scope_label(sid) if sid != VENDOR_SID else 'vendor'} scope; "
                "customer members read only their own customer"
            )
        return me

    # Scope keys and customer names.

    def _key(self, sid: str) -> bytes:
        """Return the scope key of `sid`, unsealing it on first use."""
        if sid in self._keys:
            return self._keys[sid]
        self._require_read(sid)
        record = self._document.scopes[sid].record
        box_key = self._identity.public.box_key
        sealed = [k.box for k in record.keys if k.to == box_key]
        if not sealed:
            raise VaultCorrupt(self._path)
        with self._decrypting():
            scope_key = crypto.unseal(self._identity.private_key, sealed[0])
        if crypto.key_id(scope_key) != record.kid:
            raise VaultCorrupt(self._path)
        self._keys[sid] = scope_key
        return scope_key

    def _names(self) -> dict[str, str]:
        """Return the names of the customer scopes this identity can read."""
        if self._customer_names is None:
            me = self._log.by_recipient(self._identity.recipient)
            names = {}
            for sid, scope in self._document.scopes.items():
                if sid == VENDOR_SID or me is None or not can_read(me, sid):
                    continue
                assert scope.record.name is not None
                with self._decrypting():
                    name = crypto.decrypt(self._key(sid), scope.record.name)
                    names[sid] = name.decode("utf-8")
            if len(set(names.values())) != len(names):
                raise VaultCorrupt(self._path)
            self._customer_names = names
        return self._customer_names

    def _sid(self, customer: str | None) -> str:
        """Return the scope id of `customer` (None for the vendor scope)."""
        if customer is None:
            self._require_read(VENDOR_SID)
            return VENDOR_SID
        for sid, name in self._names().items():
            if name == customer:
                return sid
        raise UnknownCustomer(customer, sorted(self._names().values()))

    def _record_event(
        self,
        sid: str,
        action: str,
        key: str | None,
        scope_name: str | None = None,
        detail: str | None = None,
        change: MemberChange | None = None,
    ) -> None:
        """Queue an audit event; `actor` is the author's member name."""
        event: dict[str, object] = {
            "action": action,
            "scope": scope_name or self._scope_label(sid),
            "key": key,
            "detail": detail,
            "actor": self._me().name,
        }
        if change is not None:
            event.update(change.fields())
        self._events.append((sid, event))
        self._changed = True

    def _touch(self, sid: str) -> None:
        self._dirty.add(sid)
        self._changed = True

    # Writing: sign the changed scopes, the audit block and the commit.

    def seal(self) -> bytes:
        """Sign every change and return the bytes of the new vault file."""
        self._me()
        time = now()
        signer = self._identity.recipient
        for sid in sorted(self._dirty & set(self._document.scopes)):
            self._sign_scope(self._document.scopes[sid], time)
        if self._events:
            self._append_audit_block(time)
        commit = self._document.commit
        document = self._document
        prefix = serialize_prefix(document).encode("ascii")
        document.commit = Commit(
            commit.version + 1, time, crypto.digest(prefix), signer
        )
        document.commit.sig = self._identity.sign(commit_message(document.commit))
        document.signed_prefix_digest = document.commit.digest
        commit_line = signed_line(document.commit.body(), document.commit.sig)
        self._dirty.clear()
        self._events.clear()
        return prefix + commit_line.encode("ascii") + b"\n"

    def _sign_scope(self, scope: ScopeData, time: str) -> None:
        record = scope.record
        entries = sorted_entries(scope)
        record.rev += 1
        record.entries = entries_digest(entries)
        record.count = len(entries)
        record.time = time
        record.signer = self._identity.recipient
        record.sig = self._identity.sign(scope_message(record))

    def _append_audit_block(self, time: str) -> None:
        """Append one signed block with this write's events, one box per scope."""
        by_scope: dict[str, list[dict[str, object]]] = {}
        for sid, event in self._events:
            by_scope.setdefault(sid, []).append(event)
        boxes = []
        for sid, events in by_scope.items():
            scope_key = self._keys.get(sid) or self._key(sid)
            plaintext = canonical_json(events).encode("ascii")
            boxes.append(
                AuditEventBox(
                    sid, crypto.key_id(scope_key), crypto.encrypt(scope_key, plaintext)
                )
            )
        audit = self._document.audit
        parents = [audit[-1].block_id] if audit else []
        parents += [head for head in self._merged_heads if head not in parents]
        block = AuditBlock(
            b"",
            parents,
            time,
            boxes,
            self._document.header.vault_id,
            self._identity.recipient,
        )
        block.sig = self._identity.sign(audit_message(block))
        block.block_id = audit_block_id(block)
        audit.append(block)


def identity_mismatch(
    path: Path, identity: Identity, log: MemberLog
) -> IdentityMismatch:
    """Build the error for an identity that is not a member of the vault."""
    admins = [m for m in log.current.values() if m.role == ADMIN and m.sid is None]
    admin_list = ", ".join(f"{m.name} ({m.recipient})" for m in admins[:3])
    return IdentityMismatch(
        f"identity {quote(identity.name)} ({identity.recipient}) is not a member of "
        f"vault {quote(str(path))}; use the identity of a member, or ask an admin "
        f"({admin_list}) to add this recipient with `distr-secrets members add`"
    )
