"""Tests for key and customer name validation."""

from __future__ import annotations

import pytest

from distr_secrets.vault import (
    InvalidCustomerName,
    InvalidKey,
    validate_customer_name,
    validate_key,
)

KEY_RULE = "a key starts with a letter (A-Z, a-z) and continues with letters, digits and underscores only"


@pytest.mark.parametrize(
    "key", ["API_KEY", "database_password", "GitHubToken123", "a", "A" * 255]
)
def test_valid_keys(key: str) -> None:
    validate_key(key)


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("_API_KEY", f'invalid key "_API_KEY": {KEY_RULE}'),
        ("123_KEY", f'invalid key "123_KEY": {KEY_RULE}'),
        ("API-KEY", f'invalid key "API-KEY": {KEY_RULE}'),
        ("API KEY", f'invalid key "API KEY": {KEY_RULE}'),
        ("KEY\n", f'invalid key "KEY\\n": {KEY_RULE}'),
        ("KÉY", f'invalid key "KÉY": {KEY_RULE}'),
        ("", f'invalid key "": {KEY_RULE}'),
        (
            "A" * 256,
            f'invalid key "{"A" * 40}"...: a key is at most 255 characters long',
        ),
    ],
)
def test_invalid_keys(key: str, message: str) -> None:
    with pytest.raises(InvalidKey) as caught:
        validate_key(key)
    assert str(caught.value) == message


CUSTOMER_RULE = (
    "use lowercase letters (a-z), digits and hyphens, starting and ending with "
    "a letter or digit"
)


@pytest.mark.parametrize("name", ["acme", "acme-corp", "a1", "7eleven"])
def test_valid_customer_names(name: str) -> None:
    validate_customer_name(name)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Acme", f'invalid customer name "Acme": {CUSTOMER_RULE}'),
        ("-acme", f'invalid customer name "-acme": {CUSTOMER_RULE}'),
        ("acme-", f'invalid customer name "acme-": {CUSTOMER_RULE}'),
        ("ac me", f'invalid customer name "ac me": {CUSTOMER_RULE}'),
        ("acme_corp", f'invalid customer name "acme_corp": {CUSTOMER_RULE}'),
        ("", f'invalid customer name "": {CUSTOMER_RULE}'),
        (
            "vendor",
            'invalid customer name "vendor": the name is reserved for the vendor scope',
        ),
    ],
)
def test_invalid_customer_names(name: str, message: str) -> None:
    with pytest.raises(InvalidCustomerName) as caught:
        validate_customer_name(name)
    assert str(caught.value) == message
