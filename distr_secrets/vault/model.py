"""Public value types returned by the vault: members, secret infos, audit events."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum


class AllScopes(Enum):
    """The type of `ALL_SCOPES`, the default filter of `Vault.audit_events`."""

    ALL_SCOPES = "all scopes"


ALL_SCOPES = AllScopes.ALL_SCOPES


@dataclass(frozen=True)
class Member:
    """A member as shown to users; `customer` is None for vendor members."""

    name: str
    role: str
    customer: str | None
    recipient: str


@dataclass(frozen=True)
class SecretInfo:
    """The metadata of one secret; actors are display names, times UTC."""

    key: str
    created_at: datetime
    created_by: str
    updated_at: datetime
    updated_by: str


@dataclass(frozen=True)
class CustomerRemoval:
    """The effect of removing a customer: deleted keys and members, kept events.

    `keys` are the secret keys deleted with the scope, `members` the
    customer's members, who are removed with it, and `audit_events` the
    number of the scope's audit events copied into the vendor scope's trail.
    """

    customer: str
    keys: list[str]
    members: list[Member]
    audit_events: int

    @property
    def secret_count(self) -> int:
        return len(self.keys)


@dataclass(frozen=True)
class MemberChange:
    """The member a `member-*` audit event changed, with its roles.

    `old_role` is None for `member-add` and `role` is None for
    `member-remove`.
    """

    member: str
    role: str | None
    old_role: str | None

    def fields(self) -> dict[str, object]:
        return {"member": self.member, "role": self.role, "old_role": self.old_role}


@dataclass(frozen=True)
class AuditEvent:
    """One recorded change; never contains a value.

    `actor` and `signer` are the member name, as an admin assigned it, of the
    member whose key signed the event's block, and `actor_recipient` is that
    member's recipient. Only the vault's creator appears under the name of
    their identity file, because that is the name their first member record
    carries. `detail` describes some events in words, such as
    `Bob as read_write`. For `member-add`, `member-set-role` and
    `member-remove`, `member`, `role` and `old_role` name the member changed
    and their role after and before the change. `copied` is True for an
    event of a removed customer, copied into the vendor scope's trail when
    the customer was removed. `scope` still names that customer.
    """

    time: datetime
    action: str
    scope: str
    key: str | None
    actor: str
    actor_recipient: str
    signer: str
    detail: str | None = None
    member: str | None = None
    role: str | None = None
    old_role: str | None = None
    copied: bool = False
