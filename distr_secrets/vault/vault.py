"""The `Vault`: a verified vault file as one identity can read it, and its changes."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Literal

from distr_secrets.secret import SecretValue
from distr_secrets.vault import crypto
from distr_secrets.vault.encoding import b64decode, b64encode, now, parse_time
from distr_secrets.vault.errors import (
    CustomerExists,
    InvalidValue,
    SecretNotFound,
)
from distr_secrets.vault.membership import can_read
from distr_secrets.vault.model import ALL_SCOPES, AllScopes, AuditEvent, SecretInfo
from distr_secrets.vault.names import (
    quote,
    validate_customer_name,
    validate_key,
)
from distr_secrets.vault.records import (
    VENDOR_SID,
    AuditBlock,
    EntryRecord,
    ScopeData,
    ScopeRecord,
)
from distr_secrets.vault.removal import COPIED_FROM, RemovalOperations
from distr_secrets.vault.report import verify_vault
from distr_secrets.vault.scopes import (
    MAX_PREVIOUS_VALUES,
    EntryMeta,
    key_history,
    make_entry,
    new_customer_sid,
    read_entry,
    read_meta,
    read_value,
    seal_to_readers,
)


class Vault(RemovalOperations):
    """A verified vault as one identity can read it.

    Everywhere `customer` is a customer name, or None for the vendor scope.
    Changes stay in memory until `VaultStore.update()` writes them.
    """

    # Scopes and customers.

    def customers(self) -> list[str]:
        """Return the customers whose scopes this identity can read, sorted."""
        self._me()
        return sorted(self._names().values())

    def add_customer(self, name: str) -> None:
        """Create an empty customer scope readable by the vendor's members."""
        validate_customer_name(name)
        self._require_vendor_writer()
        if name in self._names().values():
            raise CustomerExists(f"customer {quote(name)} already exists")
        sid = new_customer_sid()
        scope_key = crypto.new_scope_key()
        record = ScopeRecord(
            sid=sid,
            rev=0,
            name=crypto.encrypt(scope_key, name.encode("utf-8")),
            kid=crypto.key_id(scope_key),
            keys=seal_to_readers(self._log.current, sid, scope_key),
            history=None,
            entries=b"",
            count=0,
            vault=self._document.header.vault_id,
            time=now(),
            signer=self._identity.recipient,
        )
        self._document.scopes[sid] = ScopeData(record)
        self._document.scopes = dict(
            sorted(self._document.scopes.items(), key=scope_order)
        )
        self._keys[sid] = scope_key
        self._names()[sid] = name
        self._touch(sid)
        self._record_event(sid, "customer-add", None)

    # Reading secrets.

    def _entry(self, sid: str, key: str) -> EntryRecord | None:
        entry_id = b64encode(crypto.entry_id(self._key(sid), key))
        return self._document.scopes[sid].entries.get(entry_id)

    def secret_infos(self, customer: str | None) -> list[SecretInfo]:
        """Return the metadata of every secret in the scope, sorted by key."""
        sid = self._sid(customer)
        scope_key = self._key(sid)
        infos = []
        with self._decrypting():
            for entry in self._document.scopes[sid].entries.values():
                meta = read_meta(scope_key, entry)
                infos.append(
                    SecretInfo(
                        meta.key,
                        parse_time(meta.created_at),
                        meta.created_by,
                        parse_time(meta.updated_at),
                        meta.updated_by,
                    )
                )
        return sorted(infos, key=lambda info: info.key)

    def values(self, customer: str | None) -> dict[str, SecretValue]:
        """Decrypt every value of the scope, keyed by secret key."""
        sid = self._sid(customer)
        scope_key = self._key(sid)
        values = {}
        with self._decrypting():
            for entry in self._document.scopes[sid].entries.values():
                meta = read_meta(scope_key, entry)
                values[meta.key] = SecretValue(read_value(scope_key, entry))
        return dict(sorted(values.items()))

    def previous_values(self, customer: str | None) -> dict[str, list[SecretValue]]:
        """Return the earlier values of each key, newest first.

        At most the last `MAX_PREVIOUS_VALUES` (10) earlier values are kept per
        key, so that logs written with older values can still be redacted.
        Keys without earlier values are left out.
        """
        sid = self._sid(customer)
        scope_key = self._key(sid)
        result = {}
        with self._decrypting():
            for entry in self._document.scopes[sid].entries.values():
                if entry.prev is None:
                    continue
                meta, _, previous = read_entry(scope_key, entry)
                result[meta.key] = [SecretValue(v) for v in previous]
        return dict(sorted(result.items()))

    # Changing secrets.

    def set_secret(
        self, customer: str | None, key: str, value: SecretValue
    ) -> Literal["created", "updated"]:
        """Create or update one secret; a key, once created, never changes."""
        validate_key(key)
        check_value(key, value)
        sid = self._sid(customer)
        self._require_write(sid)
        return self._set(sid, key, value)

    def set_secrets(
        self, customer: str | None, items: Mapping[str, SecretValue]
    ) -> tuple[int, int]:
        """Create or update several secrets; returns (created, updated).

        Every key and value is checked before any is stored.
        """
        for key, value in items.items():
            validate_key(key)
            check_value(key, value)
        sid = self._sid(customer)
        self._require_write(sid)
        outcomes = [self._set(sid, key, value) for key, value in items.items()]
        return outcomes.count("created"), outcomes.count("updated")

    def _set(
        self, sid: str, key: str, value: SecretValue
    ) -> Literal["created", "updated"]:
        scope_key = self._key(sid)
        time = now()
        actor = self._me().name
        existing = self._entry(sid, key)
        if existing is None:
            meta = EntryMeta(key, time, actor, time, actor)
            previous: list[str] = []
            outcome: Literal["created", "updated"] = "created"
        else:
            with self._decrypting():
                meta, old_value, older = read_entry(scope_key, existing)
            meta.updated_at, meta.updated_by = time, actor
            previous = older
            if old_value != value.reveal():
                previous = [old_value, *older][:MAX_PREVIOUS_VALUES]
            outcome = "updated"
        entry = make_entry(sid, scope_key, meta, value.reveal(), previous)
        self._document.scopes[sid].entries[entry.entry_id] = entry
        self._touch(sid)
        self._record_event(sid, "create" if outcome == "created" else "update", key)
        return outcome

    def delete_secret(self, customer: str | None, key: str) -> None:
        """Delete one secret and its earlier values."""
        validate_key(key)
        sid = self._sid(customer)
        self._require_write(sid)
        entry = self._entry(sid, key)
        if entry is None:
            raise SecretNotFound(
                f"secret {quote(key)} not found in scope {self._scope_label(sid)}"
            )
        del self._document.scopes[sid].entries[entry.entry_id]
        self._touch(sid)
        self._record_event(sid, "delete", key)

    def verify(self) -> list[str]:
        """Check the whole vault again, including every audit signature.

        Returns lines describing what was checked; raises the same errors as
        a read when a check fails.
        """
        return verify_vault(self)

    # The audit trail.

    def audit_events(
        self,
        customer: str | None | AllScopes = ALL_SCOPES,
        key: str | None = None,
    ) -> list[AuditEvent]:
        """Return the readable audit events in file order, optionally filtered.

        Events of scopes this identity cannot read are left out. Events of a
        removed customer were copied into the vendor scope's trail when it
        was removed, so they come with the vendor scope's events, just
        before the `customer-remove` event, and keep their original time.
        """
        me = self._me()
        requested_sid = None if isinstance(customer, AllScopes) else self._sid(customer)
        keys = self._all_keys(me)
        blocks = {block.block_id: block for block in self._document.audit}
        events = []
        with self._decrypting():
            for block in self._document.audit:
                block.full()
                for box in block.events:
                    if box.sid not in keys or requested_sid not in (None, box.sid):
                        continue
                    plaintext = crypto.decrypt(keys[box.sid][box.kid], box.box)
                    for data in json.loads(plaintext):
                        if key is None or data["key"] == key:
                            events.append(self._audit_event(block, data, blocks))
        return events

    def _audit_event(
        self,
        block: AuditBlock,
        data: dict[str, object],
        blocks: dict[bytes, AuditBlock],
    ) -> AuditEvent:
        """Build an event, taking a copy's time and author from its first block."""
        copied = COPIED_FROM in data
        source = block
        if copied and data[COPIED_FROM] is not None:
            source = blocks[b64decode(str(data[COPIED_FROM]))].full()
        signer = self._log.names_ever.get(source.signer, str(data["actor"]))
        return audit_event(source.time, data, signer, source.signer, copied)

    def _all_keys(self, me: object) -> dict[str, dict[bytes, bytes]]:
        """Return, for each readable scope, its current and earlier keys by key id."""
        keys = {}
        with self._decrypting():
            for sid, scope in self._document.scopes.items():
                if not can_read(self._me(), sid):
                    continue
                current = self._key(sid)
                every = [current, *key_history(current, scope.record)]
                keys[sid] = {crypto.key_id(k): k for k in every}
        return keys


def check_value(key: str, value: SecretValue) -> None:
    if not isinstance(value, SecretValue):
        raise TypeError("values are passed as SecretValue")
    if not value.reveal():
        raise InvalidValue(f"empty value for key {quote(key)}: a secret needs a value")


def audit_event(
    time: str,
    data: dict[str, object],
    signer: str,
    signer_recipient: str,
    copied: bool = False,
) -> AuditEvent:
    """Build an event; its author is the block's signer, named as a member.

    Events written before member names were recorded may carry the name of
    the author's identity file, so `actor` is taken from the signer.
    """
    return AuditEvent(
        time=parse_time(time),
        action=str(data["action"]),
        scope=str(data["scope"]),
        key=optional_text(data["key"]),
        actor=signer,
        actor_recipient=signer_recipient,
        signer=signer,
        detail=optional_text(data.get("detail")),
        member=optional_text(data.get("member")),
        role=optional_text(data.get("role")),
        old_role=optional_text(data.get("old_role")),
        copied=copied,
    )


def optional_text(value: object) -> str | None:
    return None if value is None else str(value)


def scope_order(item: tuple[str, ScopeData]) -> tuple[bool, str]:
    """Sort the vendor scope first, then customers by scope id."""
    return (item[0] != VENDOR_SID, item[0])
