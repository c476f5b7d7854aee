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
class AuditEvent:
    """One recorded change; never contains a value.

    `actor` is the name the author wrote in the event. `signer` is the name of
    the member whose key signed it, which differs only in a forged event, and
    `actor_recipient` is that member's recipient.
    `detail` describes member changes, such as `Bob as read_write`.
    """

    time: datetime
    action: str
    scope: str
    key: str | None
    actor: str
    actor_recipient: str
    signer: str
    detail: str | None = None
