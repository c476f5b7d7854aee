"""The full check behind `Vault.verify()` and the lines that describe it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from distr_secrets.vault.crypto import FORMAT_LINE
from distr_secrets.vault.membership import can_read
from distr_secrets.vault.names import quote
from distr_secrets.vault.scopes import read_entry
from distr_secrets.vault.verify import verify_document

if TYPE_CHECKING:
    from distr_secrets.vault.vault import Vault


def verify_vault(vault: Vault) -> list[str]:
    """Check every signature, role and seal, decrypt what this identity can read.

    Unlike a read, this also checks the signature of every audit block, even
    those verified on an earlier read. Returns one line per group of checks.
    """
    document, log = vault._document, vault._log
    me = vault._me()
    with vault._decrypting():
        verify_document(document, vault._scope_label, verified_blocks=())

    def name_of(recipient: str) -> str:
        member = log.by_recipient(recipient)
        if member is None:
            return log.names_ever.get(recipient, recipient[:16] + "...")
        return f"{member.name} ({member.role})"

    commit, header = document.commit, document.header
    lines = [
        (
            f"format {FORMAT_LINE}, version {commit.version}, last written by "
            f"{name_of(commit.signer)} at {commit.time}"
        ),
        f"vault {quote(header.org)} created by {name_of(header.creator)} at {header.time}",
        (
            f"member log: {count(len(document.members), 'change')}, each signed by an admin; "
            f"{count(len(log.current), 'current member')}"
        ),
    ]
    for sid, scope in document.scopes.items():
        record = scope.record
        line = (
            f"scope {vault._scope_label(sid)}: revision {record.rev}, "
            f"{count(record.count, 'secret')}, signed by {name_of(record.signer)}, "
            f"sealed to {count(len(record.keys), 'reader')}"
        )
        if can_read(me, sid):
            scope_key = vault._key(sid)
            with vault._decrypting():
                for entry in scope.entries.values():
                    read_entry(scope_key, entry)
            line += ", every entry decrypted"
        lines.append(line)
    events = vault.audit_events()
    lines.append(
        f"audit trail: {count(len(document.audit), 'block')}, every signature checked; "
        f"{count(len(events), 'event')} readable with this identity"
    )
    return lines


def count(number: int, noun: str) -> str:
    """Return `number` and `noun`, with an "s" unless the number is 1."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
