"""The encrypted vault: identities, the file format, the store and team members.

Start with `load_or_create_identity` and `VaultStore`; `docs/vault-format.md`
describes the file and `docs/security.md` what it protects.
"""

from typing import TYPE_CHECKING

from distr_secrets.vault.errors import (
    AccessDenied,
    CustomerExists,
    IdentityMismatch,
    IdentityNotFound,
    InvalidCustomerName,
    InvalidIdentity,
    InvalidKey,
    InvalidRecipient,
    InvalidRole,
    InvalidValue,
    MemberExists,
    MemberNotFound,
    MergeConflict,
    SecretNotFound,
    UnknownCustomer,
    VaultCorrupt,
    VaultError,
    VaultNotFound,
    VaultRollback,
)
from distr_secrets.vault.identity import (
    ENV_VARIABLE,
    Identity,
    load_identity,
    load_or_create_identity,
    parse_recipient,
)
from distr_secrets.vault.model import (
    ALL_SCOPES,
    AuditEvent,
    CustomerRemoval,
    Member,
    MemberChange,
    SecretInfo,
)
from distr_secrets.vault.names import validate_customer_name, validate_key
from distr_secrets.vault.scopes import MAX_PREVIOUS_VALUES
from distr_secrets.vault.store import VaultStore
from distr_secrets.vault.vault import Vault

if TYPE_CHECKING:
    from distr_secrets.vault.merge import merge_files


def __getattr__(name: str) -> object:
    """Import `merge_files` on first use, because only the merge driver needs it."""
    if name == "merge_files":
        from distr_secrets.vault.merge import merge_files

        return merge_files
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ALL_SCOPES",
    "ENV_VARIABLE",
    "MAX_PREVIOUS_VALUES",
    "AccessDenied",
    "AuditEvent",
    "CustomerExists",
    "CustomerRemoval",
    "Identity",
    "IdentityMismatch",
    "IdentityNotFound",
    "InvalidCustomerName",
    "InvalidIdentity",
    "InvalidKey",
    "InvalidRecipient",
    "InvalidRole",
    "InvalidValue",
    "Member",
    "MemberChange",
    "MemberExists",
    "MemberNotFound",
    "MergeConflict",
    "SecretInfo",
    "SecretNotFound",
    "UnknownCustomer",
    "Vault",
    "VaultCorrupt",
    "VaultError",
    "VaultNotFound",
    "VaultRollback",
    "VaultStore",
    "load_identity",
    "load_or_create_identity",
    "merge_files",
    "parse_recipient",
    "validate_customer_name",
    "validate_key",
]
