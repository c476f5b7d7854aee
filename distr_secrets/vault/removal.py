"""Removing a customer: what goes with it, and keeping its audit trail readable.

A removed customer's scope key is dropped with the scope, so its audit
events, encrypted under that key, could no longer be read. Removal therefore
copies them into the vendor scope's audit trail, each marked with the block
it was first written in. A reader takes the time and author of a copy from
that block, whose signature still covers the original.
"""

from __future__ import annotations

import json

from distr_secrets.vault import crypto
from distr_secrets.vault.encoding import b64encode
from distr_secrets.vault.errors import AccessDenied
from distr_secrets.vault.membership import MemberEntry, can_write
from distr_secrets.vault.model import CustomerRemoval, Member, MemberChange
from distr_secrets.vault.names import quote
from distr_secrets.vault.records import VENDOR_SID
from distr_secrets.vault.scopes import key_history, read_meta
from distr_secrets.vault.team import TeamOperations

# The event field that marks a copy: the base64 id of the block the event was
# first written in, or null for an event of the same write.
COPIED_FROM = "copied_from"


class RemovalOperations(TeamOperations):
    """Previewing and removing customer scopes."""

    def customer_removal(self, name: str) -> CustomerRemoval:
        """Return what removing customer `name` deletes and keeps, changing nothing.

        Raises the errors `remove_customer` would raise, such as `AccessDenied`
        for a member who may not remove this customer.
        """
        sid = self._sid(name)
        self._require_vendor_writer()
        members = self._members_of(sid)
        for member in members:
            self._require_manage(sid, f"remove {quote(member.name)}")
        return CustomerRemoval(
            customer=name,
            keys=self._key_names(sid),
            members=[Member(m.name, m.role, name, m.recipient) for m in members],
            audit_events=len(self._scope_events(sid)) + len(self._pending_events(sid)),
        )

    def remove_customer(self, name: str) -> CustomerRemoval:
        """Delete a customer scope with its secrets and members.

        The scope's audit events are copied into the vendor scope's trail, so
        vendor members can still read them. Returns what was removed.
        """
        removal = self.customer_removal(name)
        sid = self._sid(name)
        copies = self._scope_events(sid) + self._pending_events(sid)
        members = self._members_of(sid)
        for member in members:
            self._append_member_op("remove", member)

        del self._document.scopes[sid]
        del self._names()[sid]
        self._dirty.discard(sid)
        self._events = [(s, e) for s, e in self._events if s != sid]
        self._events.extend((VENDOR_SID, event) for event in copies)
        for member in members:
            self._record_event(
                VENDOR_SID,
                "member-remove",
                None,
                scope_name=name,
                detail=member.name,
                change=MemberChange(member.name, None, member.role),
            )
        self._record_event(VENDOR_SID, "customer-remove", None, scope_name=name)
        return removal

    def _require_vendor_writer(self) -> None:
        me = self._me()
        if me.sid is not None or not can_write(me, VENDOR_SID):
            raise AccessDenied(
                f"{me.name} is {me.role}"
                + ("" if me.sid is None else " of a customer")
                + "; only read_write and admin members of the vendor may add or "
                "remove customers"
            )

    def _members_of(self, sid: str) -> list[MemberEntry]:
        members = [m for m in self._log.current.values() if m.sid == sid]
        return sorted(members, key=lambda m: m.name)

    def _key_names(self, sid: str) -> list[str]:
        scope_key = self._key(sid)
        with self._decrypting():
            entries = self._document.scopes[sid].entries.values()
            return sorted(read_meta(scope_key, entry).key for entry in entries)

    def _scope_events(self, sid: str) -> list[dict[str, object]]:
        """Decrypt the scope's audit events, each marked with its block id."""
        current = self._key(sid)
        events = []
        with self._decrypting():
            record = self._document.scopes[sid].record
            keys = [current, *key_history(current, record)]
            by_id = {crypto.key_id(k): k for k in keys}
            for block in self._document.audit:
                block.full()
                for box in block.events:
                    if box.sid != sid:
                        continue
                    for data in json.loads(crypto.decrypt(by_id[box.kid], box.box)):
                        data[COPIED_FROM] = b64encode(block.block_id)
                        events.append(data)
        return events

    def _pending_events(self, sid: str) -> list[dict[str, object]]:
        """Return the events of this write for the scope, marked as copies."""
        return [{**e, COPIED_FROM: None} for s, e in self._events if s == sid]
