"""Concurrent writers in separate processes must not lose updates."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from distr_secrets.secret import SecretValue
from distr_secrets.vault import ENV_VARIABLE, load_identity

WRITER = """
import os, sys
from pathlib import Path
from distr_secrets.secret import SecretValue
from distr_secrets.vault import VaultStore, load_identity

identity = load_identity(Path("unused"), os.environ)
store = VaultStore(Path(sys.argv[1]), identity, Path(sys.argv[2]))
with store.update() as vault:
    vault.set_secret(None, f"KEY_{sys.argv[3]}", SecretValue(f"value-{sys.argv[3]}"))
"""


def test_twenty_processes_keep_all_keys(person, vault_path: Path) -> None:
    alice = person("Alice")
    env = {**os.environ, ENV_VARIABLE: alice.identity.export()}
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                WRITER,
                str(vault_path),
                str(alice.state_dir),
                str(i),
            ],
            env=env,
            stderr=subprocess.PIPE,
        )
        for i in range(20)
    ]
    errors = [p.communicate()[1].decode() for p in processes]
    assert [p.returncode for p in processes] == [0] * 20, errors
    identity = load_identity(Path("unused"), env)
    vault = alice.store(vault_path).read()
    assert identity.recipient == alice.recipient
    values = {k: v.reveal() for k, v in vault.values(None).items()}
    assert values == {f"KEY_{i}": f"value-{i}" for i in range(20)}
    creates = [e.key for e in vault.audit_events() if e.action == "create"]
    assert sorted(creates) == sorted(f"KEY_{i}" for i in range(20))


READER = """
import os, sys
from pathlib import Path
from distr_secrets.vault import VaultStore, load_identity

identity = load_identity(Path("unused"), os.environ)
store = VaultStore(Path(sys.argv[1]), identity, Path(sys.argv[2]))
for _ in range(int(sys.argv[3])):
    store.read().values(None)
"""


def test_readers_during_writes_never_fail(person, vault_path: Path) -> None:
    alice = person("Alice")
    env = {**os.environ, ENV_VARIABLE: alice.identity.export()}
    with alice.store(vault_path).update() as vault:
        vault.set_secret(None, "FIRST", SecretValue("first"))
    state = str(alice.state_dir)
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(vault_path), state, str(i)],
            env=env,
            stderr=subprocess.PIPE,
        )
        for i in range(10)
    ]
    readers = [
        subprocess.Popen(
            [sys.executable, "-c", READER, str(vault_path), state, "10"],
            env=env,
            stderr=subprocess.PIPE,
        )
        for _ in range(3)
    ]
    errors = [p.communicate()[1].decode() for p in writers + readers]
    assert [p.returncode for p in writers + readers] == [0] * 13, errors
    assert len(alice.store(vault_path).read().values(None)) == 11
