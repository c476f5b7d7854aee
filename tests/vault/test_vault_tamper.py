"""Any change to the vault bytes is detected and reported as `VaultCorrupt`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from vault_helpers import Person

from distr_secrets.secret import SecretValue
from distr_secrets.vault import VaultCorrupt


def message(path: Path) -> str:
    return (
        f"vault file {json.dumps(str(path))} is corrupt or was modified outside "
        "distr-secrets: failed to authenticate it, so it was not used; restore it "
        "from a backup or from version control"
    )


@pytest.fixture
def written(person, vault_path: Path) -> tuple[Person, bytes]:
    alice = person("Alice")
    store = alice.store(vault_path)
    with store.update() as vault:
        vault.add_customer("acme")
        vault.set_secret(None, "DB_PASSWORD", SecretValue("pw"))
        vault.set_secret("acme", "DB_PASSWORD", SecretValue("acme-pw"))
    with store.update() as vault:
        vault.set_secret(None, "DB_PASSWORD", SecretValue("pw2"))
    return alice, vault_path.read_bytes()


def offsets_in_every_line(data: bytes) -> list[int]:
    """Return the first, middle and last byte offsets of every line."""
    offsets = []
    start = 0
    for line in data.split(b"\n")[:-1]:
        end = start + len(line)
        offsets += [start, (start + end) // 2, max(start, end - 1), end]
        start = end + 1
    return sorted(set(offsets))


def read_fails(alice: Person, vault_path: Path, data: bytes) -> None:
    vault_path.write_bytes(data)
    with pytest.raises(VaultCorrupt) as caught:
        alice.store(vault_path).read()
    assert str(caught.value) == message(vault_path)


def test_flipped_byte_in_every_region(written, vault_path: Path) -> None:
    alice, original = written
    offsets = offsets_in_every_line(original)
    assert len(offsets) > 30
    for offset in offsets:
        for flip in (0x01, 0x20):
            tampered = bytearray(original)
            tampered[offset] ^= flip
            read_fails(alice, vault_path, bytes(tampered))


@pytest.mark.parametrize("fraction", [0.0, 0.1, 0.5, 0.9, 0.999])
def test_truncated_file(written, vault_path: Path, fraction: float) -> None:
    alice, original = written
    read_fails(alice, vault_path, original[: int(len(original) * fraction)])


def test_truncated_last_byte(written, vault_path: Path) -> None:
    alice, original = written
    read_fails(alice, vault_path, original[:-1])


@pytest.mark.parametrize("suffix", [b"\n", b" ", b"{}\n", b"x", b"\x00"])
def test_appended_data(written, vault_path: Path, suffix: bytes) -> None:
    alice, original = written
    read_fails(alice, vault_path, original + suffix)


def test_crlf_line_endings(written, vault_path: Path) -> None:
    alice, original = written
    read_fails(alice, vault_path, original.replace(b"\n", b"\r\n"))


def test_failed_update_leaves_file_untouched(written, vault_path: Path) -> None:
    alice, original = written
    tampered = bytearray(original)
    tampered[len(original) // 2] ^= 0x01
    vault_path.write_bytes(bytes(tampered))
    with pytest.raises(VaultCorrupt), alice.store(vault_path).update() as vault:
        vault.set_secret(None, "OTHER", SecretValue("x"))
    assert vault_path.read_bytes() == bytes(tampered)
