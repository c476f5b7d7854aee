"""Members, roles and the signed log of membership changes.

The member list is not stored as a list. The file contains the log of changes
(`add`, `set-role`, `remove`) since the vault's creation. Each change is
signed by an admin of the list as it stood before, and names the digest of
the line before it. Replaying the log from the creator, the trust anchor,
yields the current members.
"""

from __future__ import annotations

from dataclasses import dataclass

from distr_secrets.vault.crypto import digest, signed_message, verify_signature
from distr_secrets.vault.encoding import FormatError, canonical_json
from distr_secrets.vault.errors import AccessDenied
from distr_secrets.vault.identity import parse_recipient
from distr_secrets.vault.names import quote
from distr_secrets.vault.records import MemberOp, VaultHeader, signed_line

READ_ONLY = "read_only"
READ_WRITE = "read_write"
ADMIN = "admin"
ROLE_RANK = {READ_ONLY: 0, READ_WRITE: 1, ADMIN: 2}


@dataclass(frozen=True)
class MemberEntry:
    """A current member as the log defines it; `sid` is None for the vendor."""

    name: str
    recipient: str
    role: str
    sid: str | None


def can_read(member: MemberEntry, sid: str) -> bool:
    """Vendor members read every scope; customer members only their own."""
    return member.sid is None or member.sid == sid


def can_write(member: MemberEntry, sid: str) -> bool:
    return can_read(member, sid) and member.role != READ_ONLY


def can_manage(member: MemberEntry, sid: str | None) -> bool:
    """Vendor admins manage every member; customer admins their own customer's."""
    return member.role == ADMIN and (member.sid is None or member.sid == sid)


def describe(member: MemberEntry | None, recipient: str) -> str:
    if member is None:
        return f"{recipient[:16]}... (not a member)"
    return f"{member.name} ({recipient[:16]}..., {member.role})"


def header_message(header: VaultHeader) -> bytes:
    return signed_message("vault", canonical_json(header.body()))


def member_message(op: MemberOp) -> bytes:
    return signed_message("member", canonical_json(op.body()))


def header_line(header: VaultHeader) -> str:
    return signed_line(header.body(), header.sig)


@dataclass
class MemberLog:
    """The replayed member log: current members and everyone ever added."""

    current: dict[str, MemberEntry]
    names_ever: dict[str, str]
    last_digest: bytes
    digests: list[bytes]

    def by_recipient(self, recipient: str) -> MemberEntry | None:
        return self.current.get(recipient)


def replay_members(header: VaultHeader, ops: list[MemberOp]) -> MemberLog:
    """Check every signature and rule of the member log and return its result.

    Raises `CryptoFailure` or `FormatError` for a broken chain or signature
    and `AccessDenied` for a change that its signer's role does not allow.
    """
    creator = parse_recipient(header.creator)
    verify_signature(creator, header_message(header), header.sig)
    log = MemberLog({}, {}, digest(header_line(header).encode("ascii")), [])

    for op in ops:
        if op.prev != log.last_digest:
            raise FormatError("member log chain is broken")
        verify_signature(parse_recipient(op.signer), member_message(op), op.sig)
        if op.seq == 0:
            check_genesis(header, op)
        else:
            check_member_rule(log, op)
        apply_member_op(log, op)
    return log


def check_genesis(header: VaultHeader, op: MemberOp) -> None:
    genesis = (op.op, op.recipient, op.signer, op.role, op.scope)
    if genesis != ("add", header.creator, header.creator, ADMIN, None):
        raise FormatError("the first member is not the creator as admin")


def check_member_rule(log: MemberLog, op: MemberOp) -> None:
    """Raise `AccessDenied` unless the signer may make this member change."""
    signer = log.by_recipient(op.signer)
    change = f"member change #{op.seq} ({op.op} {quote(op.name)})"
    if signer is None or not can_manage(signer, op.scope):
        raise AccessDenied(
            f"{change} is signed by {describe(signer, op.signer)}; "
            "only a vendor admin, or an admin of the customer concerned, may change "
            "members"
        )
    target = log.by_recipient(op.recipient)
    if op.op == "add":
        box_key = parse_recipient(op.recipient).box_key
        for member in log.current.values():
            same_key = parse_recipient(member.recipient).box_key == box_key
            if same_key or member.name == op.name:
                raise FormatError("member added twice")
        return
    if target is None or (target.name, target.sid) != (op.name, op.scope):
        raise FormatError("member change names an unknown member")
    if op.recipient == op.signer:
        raise AccessDenied(f"{change} changes its own signer, which is not allowed")
    if op.op == "remove" and op.role != target.role:
        raise FormatError("member removal does not match the member")
    if op.op == "set-role" and op.role == target.role:
        raise FormatError("role change does not change the role")


def apply_member_op(log: MemberLog, op: MemberOp) -> None:
    """Apply a checked change to the replayed state and advance the chain."""
    if op.op == "remove":
        del log.current[op.recipient]
    else:
        entry = MemberEntry(op.name, op.recipient, op.role, op.scope)
        log.current[op.recipient] = entry
        log.names_ever[op.recipient] = op.name
    log.last_digest = digest(signed_line(op.body(), op.sig).encode("ascii"))
    log.digests.append(log.last_digest)
