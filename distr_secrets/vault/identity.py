"""Identities (secret keys) and recipients (their public half).

An identity is an X25519 keypair for decryption, an Ed25519 keypair for
signing, and a display name. Its recipient string `dsr1...` carries both public
keys, so an admin can add a member from one line of text.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from nacl.public import PrivateKey, PublicKey
from nacl.signing import SigningKey, VerifyKey

from distr_secrets.vault.errors import (
    IdentityNotFound,
    InvalidIdentity,
    InvalidRecipient,
)
from distr_secrets.vault.names import quote

ENV_VARIABLE = "DISTR_SECRETS_IDENTITY"
RECIPIENT_PREFIX = "dsr1"
SECRET_PREFIX = "DSR-SECRET-1-"
CHECKSUM_SIZE = 4
MAX_NAME_LENGTH = 200


def _checksum(prefix: str, payload: bytes) -> bytes:
    digest = hashlib.blake2b(prefix.encode("ascii") + payload, digest_size=4)
    return digest.digest()


def _b32encode(data: bytes) -> str:
    return base64.b32encode(data).decode("ascii").rstrip("=")


def _b32decode(text: str) -> bytes:
    """Decode unpadded upper-case base32, rejecting non-canonical spellings."""
    padded = text + "=" * (-len(text) % 8)
    try:
        data = base64.b32decode(padded)
    except (binascii.Error, ValueError) as error:
        raise ValueError("invalid base32") from error
    if _b32encode(data) != text:
        raise ValueError("non-canonical base32")
    return data


def validate_member_name(name: str) -> None:
    """Raise `InvalidIdentity` unless `name` is a usable display name."""
    if not isinstance(name, str) or not name.strip() or name != name.strip():
        raise InvalidIdentity(
            f"invalid name {quote(str(name))}: a name must not be empty or start "
            "or end with spaces"
        )
    if len(name) > MAX_NAME_LENGTH or any(ord(c) < 32 or ord(c) == 127 for c in name):
        raise InvalidIdentity(
            f"invalid name {quote(name[:40])}: a name is one line of at most "
            f"{MAX_NAME_LENGTH} characters without control characters"
        )


@dataclass(frozen=True)
class Recipient:
    """The public keys of an identity."""

    box_key: bytes
    verify_key: bytes

    def __str__(self) -> str:
        payload = self.box_key + self.verify_key
        checksum = _checksum(RECIPIENT_PREFIX, payload)
        return RECIPIENT_PREFIX + _b32encode(payload + checksum).lower()

    @property
    def public_key(self) -> PublicKey:
        return PublicKey(self.box_key)

    @property
    def verifier(self) -> VerifyKey:
        return VerifyKey(self.verify_key)


@functools.lru_cache(maxsize=1024)
def parse_recipient(text: str) -> Recipient:
    """Parse a `dsr1...` recipient string.

    Results are cached because every record of a vault names its signer.
    """
    problem = (
        f"invalid recipient {quote(str(text)[:120])}: expected the one-line "
        "`dsr1...` string that `distr-secrets identity` prints"
    )
    if not isinstance(text, str) or not text.startswith(RECIPIENT_PREFIX):
        raise InvalidRecipient(problem)
    body = text[len(RECIPIENT_PREFIX) :]
    if body != body.lower():
        raise InvalidRecipient(problem)
    try:
        data = _b32decode(body.upper())
    except ValueError:
        raise InvalidRecipient(problem) from None
    if len(data) != 64 + CHECKSUM_SIZE:
        raise InvalidRecipient(problem)
    payload, checksum = data[:64], data[64:]
    if _checksum(RECIPIENT_PREFIX, payload) != checksum:
        raise InvalidRecipient(problem + " (the checksum does not match)")
    return Recipient(payload[:32], payload[32:])


class Identity:
    """A secret identity: decryption key, signing key and display name."""

    __slots__ = ("_private_key", "_recipient", "_signing_key", "name")

    def __init__(self, name: str, box_secret: bytes, signing_seed: bytes) -> None:
        validate_member_name(name)
        self.name = name
        self._private_key = PrivateKey(box_secret)
        self._signing_key = SigningKey(signing_seed)
        self._recipient = Recipient(
            bytes(self._private_key.public_key), bytes(self._signing_key.verify_key)
        )

    @classmethod
    def generate(cls, name: str) -> Identity:
        return cls(name, os.urandom(32), os.urandom(32))

    @property
    def recipient(self) -> str:
        return str(self._recipient)

    @property
    def public(self) -> Recipient:
        return self._recipient

    @property
    def private_key(self) -> PrivateKey:
        return self._private_key

    def sign(self, message: bytes) -> bytes:
        return self._signing_key.sign(message).signature

    def export(self) -> str:
        """Return the secret string for `DISTR_SECRETS_IDENTITY`."""
        payload = (
            bytes(self._private_key)
            + bytes(self._signing_key)
            + self.name.encode("utf-8")
        )
        return SECRET_PREFIX + _b32encode(payload + _checksum(SECRET_PREFIX, payload))

    def __repr__(self) -> str:
        return f"Identity(name={self.name!r}, recipient={self.recipient!r})"


def parse_identity(text: str, source: str) -> Identity:
    """Parse an exported identity string; `source` names where it came from."""
    problem = (
        f"invalid identity in {source}: expected one line starting with "
        f"{SECRET_PREFIX!r}, as printed by `distr-secrets identity export`"
    )
    text = text.strip()
    if not text.startswith(SECRET_PREFIX):
        raise InvalidIdentity(problem)
    try:
        data = _b32decode(text[len(SECRET_PREFIX) :])
    except ValueError:
        raise InvalidIdentity(problem) from None
    if len(data) < 64 + 1 + CHECKSUM_SIZE:
        raise InvalidIdentity(problem)
    payload, checksum = data[:-CHECKSUM_SIZE], data[-CHECKSUM_SIZE:]
    if _checksum(SECRET_PREFIX, payload) != checksum:
        raise InvalidIdentity(problem + " (the checksum does not match)")
    try:
        name = payload[64:].decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidIdentity(problem) from None
    return Identity(name, payload[:32], payload[32:64])


def identity_file_text(identity: Identity) -> str:
    return (
        "# distr-secrets identity: keep this file private\n"
        f"# name: {identity.name}\n"
        f"# recipient: {identity.recipient}\n"
        f"{identity.export()}\n"
    )


def read_identity_file(path: Path) -> Identity:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InvalidIdentity(f"invalid identity file {quote(str(path))}") from None
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    if len(lines) != 1:
        raise InvalidIdentity(
            f"invalid identity file {quote(str(path))}: expected exactly one identity line"
        )
    return parse_identity(lines[0], f"file {quote(str(path))}")


def load_identity(path: Path, env: Mapping[str, str]) -> Identity:
    """Load the identity from `DISTR_SECRETS_IDENTITY` if set, else from `path`."""
    exported = env.get(ENV_VARIABLE)
    if exported:
        return parse_identity(exported, f"environment variable {ENV_VARIABLE}")
    try:
        return read_identity_file(path)
    except FileNotFoundError:
        raise IdentityNotFound(
            f"no identity found: {ENV_VARIABLE} is not set and {quote(str(path))} "
            f"does not exist; run `distr-secrets identity` to create one, or set "
            f"{ENV_VARIABLE} to an identity exported with "
            "`distr-secrets identity export`"
        ) from None


def load_or_create_identity(
    path: Path, env: Mapping[str, str], default_name: str
) -> tuple[Identity, bool]:
    """Load the identity, creating `path` (mode 0600) when there is none.

    Returns the identity and whether it was created. Two processes creating
    the file at once end with the same identity, because the file appears
    complete in one `link` call that fails when it already exists.
    """
    try:
        return load_identity(path, env), False
    except IdentityNotFound:
        pass
    identity = Identity.generate(default_name)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    descriptor, temporary = tempfile.mkstemp(prefix=".identity-", dir=path.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(identity_file_text(identity))
            handle.flush()
            os.fsync(handle.fileno())
        os.link(temporary, path)
    except FileExistsError:
        return read_identity_file(path), False
    finally:
        os.unlink(temporary)
    return identity, True
