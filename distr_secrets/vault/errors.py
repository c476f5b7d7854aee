"""Errors raised by the vault library; every one is a `DistrError`.

Messages name files, keys, customers, members and recipients, never a value.
"""

from __future__ import annotations

import json
from pathlib import Path

from distr_secrets.errors import DistrError


def quote(text: str) -> str:
    """Quote user text for a message, escaping control characters."""
    return json.dumps(text, ensure_ascii=False)


class VaultError(DistrError):
    """Base class of the vault library's errors."""


class InvalidKey(VaultError):
    """A secret key that does not follow the naming rule."""


class InvalidCustomerName(VaultError):
    """A customer name that is not a valid slug."""


class UnknownCustomer(VaultError):
    """A customer scope that does not exist or that this identity cannot read."""

    def __init__(self, name: str, known: list[str]) -> None:
        listed = ", ".join(known) if known else "(none)"
        super().__init__(f"unknown customer {quote(name)}; known customers: {listed}")
        self.name = name
        self.known = known


class SecretNotFound(VaultError):
    """A key that is not stored in the requested scope."""


class IdentityNotFound(VaultError):
    """No identity in the environment and no identity file."""


class InvalidIdentity(VaultError):
    """An identity file or exported identity string that cannot be parsed."""


class InvalidRecipient(VaultError):
    """A recipient string that is not a valid `dsr1...` recipient."""


class IdentityMismatch(VaultError):
    """The identity in use is not a member of the vault it opened."""


class AccessDenied(VaultError):
    """An operation, or a signed change in the file, that a role does not allow."""


class VaultCorrupt(VaultError):
    """The vault file failed to parse, decrypt or authenticate.

    One message covers every such failure so that the error reveals nothing
    about which check failed, in the way Fernet's `InvalidToken` does.
    """

    def __init__(self, path: Path | str) -> None:
        super().__init__(
            f"vault file {quote(str(path))} is corrupt or was modified outside "
            "distr-secrets: failed to authenticate it, so it was not used; "
            "restore it from a backup or from version control"
        )
        self.path = str(path)


class VaultRollback(VaultCorrupt):
    """A vault older than one this machine has already seen (a replayed file).

    `version` is the file's version, `seen_version` the highest version this
    machine read, and `seen_at` the path it read that version at (None in
    state written before paths were recorded). `problem` describes how the file
    falls behind that version, such as "older than" or "missing secret
    changes of".
    """

    def __init__(
        self,
        path: Path | str,
        problem: str,
        version: int,
        seen_version: int,
        seen_at: str | None,
    ) -> None:
        where = "at an unrecorded path" if seen_at is None else f"at {quote(seen_at)}"
        if seen_at is not None and str(Path(path).resolve()) == seen_at:
            where = (
                "at this path before (on another git branch, or before the file "
                "was replaced)"
            )
        DistrError.__init__(
            self,
            f"vault file {quote(str(path))} is version {version}, {problem} version "
            f"{seen_version}, which this machine read {where}. It was not "
            "used, because an older file can bring back removed members and "
            "rotated keys. Use the newer file or merge it into this one. To use "
            "this file on purpose, run the command again with --accept-rollback, "
            "which checks every signature in it and makes this machine forget "
            "the newer version",
        )
        self.path = str(path)
        self.problem = problem
        self.version = version
        self.seen_version = seen_version
        self.seen_at = seen_at


class MergeConflict(VaultError):
    """Both sides of a merge changed the same keys, or changes that cannot be joined."""


class VaultNotFound(VaultError):
    """The vault file does not exist."""


class InvalidValue(VaultError):
    """A secret value that cannot be stored, such as an empty one."""


class CustomerExists(VaultError):
    """A customer scope with that name already exists."""


class MemberNotFound(VaultError):
    """No member, or more than one, matches a name, prefix or recipient."""


class MemberExists(VaultError):
    """A member with that recipient or name already exists."""


class InvalidRole(VaultError):
    """A role name other than read_only, read_write and admin."""
