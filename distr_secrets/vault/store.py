"""`VaultStore`: reading, verifying and atomically rewriting one vault file.

Writers hold an exclusive `flock` on `NAME.lock` beside the vault for the
whole read-modify-write and replace the file with `rename`, so a reader
always sees either the old file or the new one, and no update is lost.
"""

from __future__ import annotations

import fcntl
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from distr_secrets.vault import crypto
from distr_secrets.vault.document import Document, parse_document
from distr_secrets.vault.encoding import FormatError, b64decode, now
from distr_secrets.vault.errors import (
    VaultCorrupt,
    VaultError,
    VaultNotFound,
    VaultRollback,
)
from distr_secrets.vault.identity import Identity
from distr_secrets.vault.membership import (
    ADMIN,
    MemberEntry,
    MemberLog,
    apply_member_op,
    header_line,
    header_message,
    member_message,
)
from distr_secrets.vault.names import quote
from distr_secrets.vault.records import (
    MAX_ORG_LENGTH,
    VENDOR_SID,
    Commit,
    MemberOp,
    ScopeData,
    ScopeRecord,
    VaultHeader,
)
from distr_secrets.vault.scopes import seal_to_readers
from distr_secrets.vault.trust import (
    TrustRecord,
    TrustStore,
    ancestors,
    check_anchor,
    check_binding,
    check_not_older,
    merge_records,
    record_for,
    rollback_problem,
)
from distr_secrets.vault.vault import Vault
from distr_secrets.vault.verify import verify_document

INTEGRITY_FAILURES = (crypto.CryptoFailure, FormatError)
READ_ATTEMPTS = 5


class VaultStore:
    """One vault file, opened with one identity, with per-machine state."""

    def __init__(
        self,
        path: Path,
        identity: Identity,
        state_dir: Path,
        *,
        accept_rollback: bool = False,
    ) -> None:
        self.path = Path(path)
        self.identity = identity
        self.trust = TrustStore(Path(state_dir))
        # Whether a first read records which vault this path contains, and
        # reads record the path of the newest version. Merge drivers turn it
        # off, because git hands them temporary files.
        self.bind_path = True
        # Whether a file older than the version this machine saw is accepted,
        # after every signature in it is checked, and replaces that version.
        self.accept_rollback = accept_rollback
        # The rollback that the last read accepted, if any, so that callers
        # can warn about it. Its message is the error it replaced.
        self.accepted_rollback: VaultRollback | None = None

    def exists(self) -> bool:
        return self.path.exists()

    @property
    def lock_path(self) -> Path:
        return self.path.with_name(self.path.name + ".lock")

    def read(self) -> Vault:
        """Read and verify the vault; no lock is needed because writes rename.

        A writer renames the new file before it records the new version on
        this machine, so a reader that loaded the old file just before may
        find it older than the record. It then reads the file again, up to
        `READ_ATTEMPTS` times, and reports a rollback only if the file did
        not change.
        """
        for attempt in range(READ_ATTEMPTS):
            data = self._read_bytes()
            try:
                return self._open(data)
            except VaultRollback:
                if attempt + 1 == READ_ATTEMPTS or self._read_bytes() == data:
                    raise
        raise AssertionError("unreachable")

    def accept_current(self) -> Vault:
        """Read the vault and accept it even if this machine saw a newer version.

        Every signature in the file is checked, as on a first read. The file
        then replaces the newer version in this machine's records, so later
        reads reject only files older than this one. Use it when an older
        file is wanted on purpose, such as after switching git branches.
        """
        accept_rollback = self.accept_rollback
        self.accept_rollback = True
        try:
            return self.read()
        finally:
            self.accept_rollback = accept_rollback

    def _read_bytes(self) -> bytes:
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            raise VaultNotFound(
                f"vault file {quote(str(self.path))} does not exist; it is created by "
                "the first change, such as setting a secret"
            ) from None

    @contextmanager
    def update(self) -> Iterator[Vault]:
        """Lock the vault, yield it for changes, and write them on normal exit.

        A missing vault is created with this identity as its first admin and
        the file name's stem as its organization. Nothing is written when the
        block raises or changes nothing.
        """
        with self.locked():
            if self.path.exists():
                vault = self.read()
            else:
                vault = create_vault(self.path, self.path.stem, self.identity)
            yield vault
            if vault.changed:
                self._write(vault)

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the exclusive lock that serializes writers of this vault."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
            yield
        finally:
            os.close(descriptor)

    def _open(self, data: bytes) -> Vault:
        self.accepted_rollback = None
        document = load_document(self.path, data)
        vault_id = document.header.vault_id
        check_binding(self.trust, self.path, document)
        with self.trust.locked(vault_id) as record:
            # Blocks up to the last head seen were verified before; an accepted
            # rollback verifies everything, as a first read does.
            verified: set[bytes] = set()
            head = None if record is None else record.audit_head
            if head is not None and not self.accept_rollback:
                verified = ancestors(document, b64decode(head))
            log = verify_loaded(self.path, document, self.identity, verified)
            if record is not None:
                record = self._check_version(document, log, record)
            new_record = merge_records(
                record, record_for(document, log, self._seen_at())
            )
            if new_record != record:
                self.trust.save(vault_id, new_record)
        if self.bind_path and self.trust.bound_vault_id(self.path) is None:
            self.trust.bind(self.path, vault_id)
        return Vault(self.path, document, log, self.identity)

    def _check_version(
        self, document: Document, log: MemberLog, record: TrustRecord
    ) -> TrustRecord | None:
        """Reject an older file, or with `accept_rollback`, forget the newer one.

        Returns the record to merge the file's state into: None when an
        accepted older file replaces the newer version and its scope revisions.
        """
        if not self.accept_rollback:
            check_not_older(self.path, document, log, record)
            return record
        check_anchor(self.path, document, record)
        problem = rollback_problem(document, log, record)
        if problem is None:
            return record
        self.accepted_rollback = VaultRollback(
            self.path,
            problem,
            document.commit.version,
            record.version,
            record.seen_at,
        )
        return None

    def _seen_at(self) -> str | None:
        return str(self.path.resolve()) if self.bind_path else None

    def _write(self, vault: Vault) -> None:
        """Replace the vault file atomically and record the new version."""
        write_atomically(self.path, vault.seal())
        document, log = vault._document, vault._log
        with self.trust.locked(document.header.vault_id) as record:
            new_record = merge_records(
                record, record_for(document, log, self._seen_at())
            )
            self.trust.save(document.header.vault_id, new_record)
        if record is None:
            # A vault created here replaces whatever this machine saw before.
            self.trust.bind(self.path, document.header.vault_id)


def load_document(path: Path, data: bytes) -> Document:
    try:
        return parse_document(data)
    except INTEGRITY_FAILURES:
        raise VaultCorrupt(path) from None


def verify_loaded(
    path: Path, document: Document, identity: Identity, verified: set[bytes]
) -> MemberLog:
    """Verify a parsed vault, reporting broken signatures as `VaultCorrupt`."""

    def label(sid: str) -> str:
        return "vendor" if sid == VENDOR_SID else f"of customer id {sid}"

    try:
        return verify_document(document, label, verified)
    except INTEGRITY_FAILURES:
        raise VaultCorrupt(path) from None


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to a mode-0600 temporary file, fsync it, rename it over `path`.

    The directory is fsynced after the rename so that the new name survives a
    crash. On any failure the temporary file is removed and `path` is intact.
    """
    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
    )
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def create_vault(path: Path, org: str, identity: Identity) -> Vault:
    """Build a new, unsaved vault with `identity` as its creator and first admin."""
    if not org or len(org) > MAX_ORG_LENGTH:
        raise VaultError(
            f"invalid organization name {org[:40]!r}: use 1 to {MAX_ORG_LENGTH} "
            "characters, taken from the vault file's name"
        )
    time = now()
    header = VaultHeader(os.urandom(16), org, time, identity.recipient)
    header.sig = identity.sign(header_message(header))
    log = MemberLog({}, {}, crypto.digest(header_line(header).encode("ascii")), [])
    creator = MemberEntry(identity.name, identity.recipient, ADMIN, None)
    genesis = MemberOp(
        0,
        "add",
        time,
        creator.name,
        creator.recipient,
        ADMIN,
        None,
        log.last_digest,
        identity.recipient,
    )
    genesis.sig = identity.sign(member_message(genesis))
    apply_member_op(log, genesis)

    scope_key = crypto.new_scope_key()
    record = ScopeRecord(
        VENDOR_SID,
        0,
        None,
        crypto.key_id(scope_key),
        seal_to_readers(log.current, VENDOR_SID, scope_key),
        None,
        b"",
        0,
        header.vault_id,
        time,
        identity.recipient,
    )
    commit = Commit(0, time, b"", identity.recipient)
    document = Document(header, [genesis], {VENDOR_SID: ScopeData(record)}, [], commit)
    vault = Vault(path, document, log, identity)
    vault._keys[VENDOR_SID] = scope_key
    vault._touch(VENDOR_SID)
    vault._record_event(VENDOR_SID, "vault-create", None, detail=org)
    return vault
