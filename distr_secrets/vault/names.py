"""Validation of secret keys and customer names."""

from __future__ import annotations

import re

from distr_secrets.vault.errors import InvalidCustomerName, InvalidKey, quote

KEY_PATTERN = re.compile(r"[A-Za-z][A-Za-z0-9_]*", re.ASCII)
CUSTOMER_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*", re.ASCII)
MAX_KEY_LENGTH = 255
MAX_CUSTOMER_LENGTH = 63
VENDOR_SCOPE = "vendor"

__all__ = ["quote", "validate_customer_name", "validate_key"]


def validate_key(key: str) -> None:
    """Raise `InvalidKey` unless `key` is a valid secret key.

    A key starts with an ASCII letter, continues with ASCII letters, digits
    and underscores, and is at most 255 characters long.
    """
    if not isinstance(key, str) or not KEY_PATTERN.fullmatch(key):
        raise InvalidKey(
            f"invalid key {quote(str(key))}: a key starts with a letter (A-Z, a-z) "
            "and continues with letters, digits and underscores only"
        )
    if len(key) > MAX_KEY_LENGTH:
        raise InvalidKey(
            f"invalid key {quote(key[:40])}...: a key is at most "
            f"{MAX_KEY_LENGTH} characters long"
        )


def validate_customer_name(name: str) -> None:
    """Raise `InvalidCustomerName` unless `name` is a valid customer slug."""
    if not isinstance(name, str) or not CUSTOMER_PATTERN.fullmatch(name):
        raise InvalidCustomerName(
            f"invalid customer name {quote(str(name))}: use lowercase letters "
            "(a-z), digits and hyphens, starting and ending with a letter or digit"
        )
    if len(name) > MAX_CUSTOMER_LENGTH:
        raise InvalidCustomerName(
            f"invalid customer name {quote(name[:40])}...: a customer name is at "
            f"most {MAX_CUSTOMER_LENGTH} characters long"
        )
    if name == VENDOR_SCOPE:
        raise InvalidCustomerName(
            f"invalid customer name {quote(name)}: the name is reserved for the "
            "vendor scope"
        )
