"""Tests for identity files, exported identities and recipients."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from distr_secrets.vault import (
    ENV_VARIABLE,
    Identity,
    IdentityNotFound,
    InvalidIdentity,
    InvalidRecipient,
    load_identity,
    load_or_create_identity,
    parse_recipient,
)


def test_identity_created_with_mode_0600(tmp_path: Path) -> None:
    path = tmp_path / "config" / "identity"
    identity, created = load_or_create_identity(path, {}, "Alice")
    assert created
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again, created_again = load_or_create_identity(path, {}, "Other")
    assert not created_again
    assert again.recipient == identity.recipient
    assert again.name == "Alice"


def test_identity_from_environment_wins(tmp_path: Path) -> None:
    ci = Identity.generate("ci")
    env = {ENV_VARIABLE: ci.export() + "\n"}
    loaded, created = load_or_create_identity(tmp_path / "identity", env, "x")
    assert not created
    assert loaded.recipient == ci.recipient
    assert not (tmp_path / "identity").exists()


def test_missing_identity_message(tmp_path: Path) -> None:
    path = tmp_path / "identity"
    with pytest.raises(IdentityNotFound) as caught:
        load_identity(path, {})
    assert str(caught.value) == (
        f"no identity found: {ENV_VARIABLE} is not set and {json.dumps(str(path))} does not "
        f"exist; run `distr-secrets identity` to create one, or set {ENV_VARIABLE} "
        "to an identity exported with `distr-secrets identity export`"
    )


def test_export_round_trip_keeps_unicode_name() -> None:
    identity = Identity.generate("Zoë <zoe@example.com>")
    loaded = load_identity(Path("/nonexistent"), {ENV_VARIABLE: identity.export()})
    assert loaded.name == "Zoë <zoe@example.com>"
    assert loaded.recipient == identity.recipient


def test_corrupted_export_rejected() -> None:
    exported = Identity.generate("Alice").export()
    broken = exported[:-3] + ("A" if exported[-3] != "A" else "B") + exported[-2:]
    with pytest.raises(InvalidIdentity) as caught:
        load_identity(Path("/nonexistent"), {ENV_VARIABLE: broken})
    assert str(caught.value).startswith(
        f"invalid identity in environment variable {ENV_VARIABLE}: expected one line"
    )


def test_recipient_round_trip() -> None:
    identity = Identity.generate("Alice")
    recipient = identity.recipient
    assert recipient.startswith("dsr1")
    assert parse_recipient(recipient) == identity.public
    assert str(parse_recipient(recipient)) == recipient


@pytest.mark.parametrize(
    "mangle",
    [
        lambda r: r[:-1] + ("a" if r[-1] != "a" else "b"),
        lambda r: r.upper(),
        lambda r: r[:-2],
        lambda r: "age1" + r[4:],
        lambda r: r + "a",
    ],
)
def test_bad_recipients_rejected(mangle) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidRecipient):
        parse_recipient(mangle(Identity.generate("Alice").recipient))


def test_identity_repr_hides_secret() -> None:
    identity = Identity.generate("Alice")
    assert identity.export() not in repr(identity)
    assert identity.export() not in str(identity)
