"""Member operations: adding members, changing roles, removing them.

Every change appends a signed record to the member log and then seals each
scope to exactly its readers. A new reader gets the current key sealed to
them. A scope that loses a reader, or whose reader loses access, gets a new
key (rotation).
"""

from __future__ import annotations

from distr_secrets.vault.base import VaultBase
from distr_secrets.vault.encoding import now
from distr_secrets.vault.errors import (
    AccessDenied,
    InvalidRole,
    MemberExists,
    MemberNotFound,
)
from distr_secrets.vault.identity import parse_recipient, validate_member_name
from distr_secrets.vault.membership import (
    ROLE_RANK,
    MemberEntry,
    apply_member_op,
    can_manage,
    can_read,
    member_message,
)
from distr_secrets.vault.model import Member, MemberChange
from distr_secrets.vault.names import quote
from distr_secrets.vault.records import ROLES, VENDOR_SID, MemberOp
from distr_secrets.vault.scopes import reader_keys, rotate_scope, seal_to_readers


class TeamOperations(VaultBase):
    """Listing and changing the members of the vault."""

    def members(self) -> list[Member]:
        """Return the members whose scope this identity can read, sorted by name."""
        me = self._me()
        visible = []
        for member in self._log.current.values():
            if member.sid is not None and not can_read(me, member.sid):
                continue
            customer = None if member.sid is None else self._scope_label(member.sid)
            visible.append(Member(member.name, member.role, customer, member.recipient))
        return sorted(visible, key=lambda m: (m.customer or "", m.name))

    def add_member(
        self, name: str, recipient: str, role: str, customer: str | None = None
    ) -> None:
        """Add a member who can then read (and by role, change) one scope or all.

        Vendor members (`customer` None) read every scope; a customer's
        members read only that customer's scope.
        """
        validate_member_name(name)
        check_role(role)
        box_key = parse_recipient(recipient).box_key
        sid = None if customer is None else self._sid(customer)
        self._require_manage(sid, f"add member {quote(name)}")
        members = self._log.current.values()
        if any(parse_recipient(m.recipient).box_key == box_key for m in members):
            raise MemberExists(f"recipient {recipient} is already a member")
        if any(m.name == name for m in self._log.current.values()):
            raise MemberExists(f"a member named {quote(name)} already exists")
        self._append_member_op("add", MemberEntry(name, recipient, role, sid))
        self._record_event(
            sid or VENDOR_SID,
            "member-add",
            None,
            detail=f"{name} as {role}",
            change=MemberChange(name, role, None),
        )
        self._reconcile_seals(rotate_for=None)

    def set_role(self, who: str, role: str) -> str:
        """Change a member's role and return the member's full name.

        Lowering the role rotates the keys of the scopes they could read.
        """
        check_role(role)
        member = self._find_member(who)
        self._require_manage(member.sid, f"change the role of {quote(member.name)}")
        self._reject_self(member, "change your own role")
        if member.role == role:
            return member.name
        self._append_member_op(
            "set-role", MemberEntry(member.name, member.recipient, role, member.sid)
        )
        self._record_event(
            member.sid or VENDOR_SID,
            "member-set-role",
            None,
            detail=f"{member.name} from {member.role} to {role}",
            change=MemberChange(member.name, role, member.role),
        )
        lowered = ROLE_RANK[role] < ROLE_RANK[member.role]
        self._reconcile_seals(rotate_for=member if lowered else None)
        return member.name

    def remove_member(self, who: str) -> str:
        """Remove a member and rotate the key of every scope they could read.

        Returns the member's full name.

        Copies of the file that the member already has stay readable to them;
        only what is written after the removal is protected.
        """
        member = self._find_member(who)
        self._require_manage(member.sid, f"remove {quote(member.name)}")
        self._reject_self(member, "remove yourself")
        self._append_member_op("remove", member)
        self._record_event(
            member.sid or VENDOR_SID,
            "member-remove",
            None,
            detail=member.name,
            change=MemberChange(member.name, None, member.role),
        )
        self._reconcile_seals(rotate_for=member)
        return member.name

    # Helpers.

    def _require_manage(self, sid: str | None, action: str) -> None:
        me = self._me()
        if not can_manage(me, sid):
            if sid is None:
                rule = "only a vendor admin may change the vendor's members"
            else:
                rule = (
                    f"only an admin of customer {self._scope_label(sid)} or a "
                    "vendor admin may change that customer's members"
                )
            raise AccessDenied(
                f"{me.name} is {me.role}"
                + (
                    ""
                    if me.sid is None
                    else f" of customer {self._scope_label(me.sid)}"
                )
                + f" and cannot {action}; {rule}"
            )

    def _reject_self(self, member: MemberEntry, action: str) -> None:
        if member.recipient == self._identity.recipient:
            raise AccessDenied(
                f"you cannot {action} ({member.name}); ask another admin to do it"
            )

    def _find_member(self, who: str) -> MemberEntry:
        """Find a visible member by exact name, recipient, or unique name prefix.

        A prefix is matched case-insensitively when it matches no name as
        written.
        """
        me = self._me()
        visible = [
            m
            for m in self._log.current.values()
            if m.sid is None or can_read(me, m.sid)
        ]
        for member in visible:
            if who in (member.name, member.recipient):
                return member
        matches = [m for m in visible if m.name.startswith(who)] if who else []
        if not matches and who:
            # Let `bob` find "Bob <bob@example.com>".
            folded = who.casefold()
            matches = [m for m in visible if m.name.casefold().startswith(folded)]
        if len(matches) == 1:
            return matches[0]
        names = ", ".join(sorted(quote(m.name) for m in (matches or visible)))
        problem = "matches several members" if matches else "matches no member"
        raise MemberNotFound(f"{quote(who)} {problem}; members: {names}")

    def _append_member_op(self, op: str, member: MemberEntry) -> None:
        record = MemberOp(
            seq=len(self._document.members),
            op=op,
            time=now(),
            name=member.name,
            recipient=member.recipient,
            role=member.role,
            scope=member.sid,
            prev=self._log.last_digest,
            signer=self._identity.recipient,
        )
        record.sig = self._identity.sign(member_message(record))
        self._document.members.append(record)
        apply_member_op(self._log, record)
        self._changed = True

    def _reconcile_seals(self, rotate_for: MemberEntry | None) -> None:
        """Seal every scope to exactly its readers, rotating where needed.

        A scope is rotated when it is sealed to someone who may no longer read
        it, or when `rotate_for` (a removed or demoted member) could read it.
        """
        for sid, scope in self._document.scopes.items():
            readers = reader_keys(self._log.current, sid)
            sealed = {k.to for k in scope.record.keys}
            lost_reader = bool(sealed - set(readers))
            affected = rotate_for is not None and can_read(rotate_for, sid)
            if lost_reader or affected:
                old_key = self._key_for_change(sid)
                with self._decrypting():
                    self._keys[sid] = rotate_scope(scope, old_key, self._log.current)
                self._record_event(sid, "rotate", None)
                self._touch(sid)
            elif set(readers) != sealed:
                scope_key = self._key_for_change(sid)
                scope.record.keys = seal_to_readers(self._log.current, sid, scope_key)
                self._touch(sid)

    def _key_for_change(self, sid: str) -> bytes:
        me = self._me()
        if not can_read(me, sid):
            raise AccessDenied(
                f"{me.name} cannot re-key scope {self._scope_label(sid)} because "
                "they cannot read it; a vendor admin must make this change"
            )
        return self._key(sid)


def check_role(role: str) -> None:
    if role not in ROLES:
        raise InvalidRole(
            f"invalid role {quote(str(role))}: use one of {', '.join(ROLES)}"
        )
