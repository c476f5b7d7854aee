"""Property test: any text value survives a write and a read unchanged."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from vault_helpers import Person

from distr_secrets.secret import SecretValue

# Values may be any Python text, including lone surrogates, which is how
# undecodable bytes from a file read with `surrogateescape` arrive.
VALUES = st.text(min_size=1, max_size=200)
KEYS = st.from_regex(r"[A-Za-z][A-Za-z0-9_]{0,30}", fullmatch=True)


@settings(max_examples=25, deadline=None)
@given(items=st.dictionaries(KEYS, VALUES, min_size=1, max_size=8))
def test_values_round_trip(items: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as directory:
        alice = Person(Path(directory) / "alice", "Alice")
        store = alice.store(Path(directory) / "vault" / "acme.vault")
        with store.update() as vault:
            vault.set_secrets(None, {k: SecretValue(v) for k, v in items.items()})
        values = store.read().values(None)
    assert {k: v.reveal() for k, v in values.items()} == items


def test_surrogate_escaped_bytes_round_trip(tmp_path: Path) -> None:
    raw = b"line one\r\nbad byte \xff and \x00 nul\n-----END-----\n"
    text = raw.decode("utf-8", "surrogateescape")
    alice = Person(tmp_path / "alice", "Alice")
    store = alice.store(tmp_path / "vault" / "acme.vault")
    with store.update() as vault:
        vault.set_secret(None, "CERT", SecretValue(text))
    value = store.read().values(None)["CERT"].reveal()
    assert value.encode("utf-8", "surrogateescape") == raw
