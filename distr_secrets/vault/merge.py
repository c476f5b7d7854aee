"""Three-way merge of vault files, for `distr-secrets merge` as a git merge driver.

Scopes that only one branch changed are taken whole. A scope both branches
changed is merged key by key, which needs an identity that can read and
write it. The member logs must not both have changed, because each change is
signed against the log before it. Audit blocks of both branches are kept and
joined by a new block, signed by the identity that merges.

Git passes temporary copies (`.merge_file_XXXXXX`) in the working tree, so
the merge takes no lock beside them, and messages name the path git merges
(`%P`) when the caller passes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from distr_secrets.vault import crypto
from distr_secrets.vault.document import Document
from distr_secrets.vault.errors import AccessDenied, MergeConflict
from distr_secrets.vault.identity import Identity
from distr_secrets.vault.membership import MemberLog
from distr_secrets.vault.names import quote
from distr_secrets.vault.records import ScopeData, ScopeRecord, signed_line
from distr_secrets.vault.scopes import EntryMeta, make_entry, read_entry
from distr_secrets.vault.store import (
    VaultStore,
    load_document,
    verify_loaded,
    write_atomically,
)
from distr_secrets.vault.trust import check_not_older
from distr_secrets.vault.vault import Vault

Decrypted = dict[str, tuple[EntryMeta, str, list[str]]]


@dataclass
class Side:
    """One input of the merge: its path, parsed document and member log.

    `display_path` is the path that messages name. For our side it is the
    path in the repository when the caller passed it, else the file git passed.
    """

    path: Path
    document: Document
    log: MemberLog
    display_path: Path


def merge_files(
    ours: Path,
    base: Path,
    theirs: Path,
    identity: Identity,
    state_dir: Path,
    *,
    repository_path: Path | None = None,
) -> None:
    """Merge `theirs` into `ours` against their common ancestor `base`.

    Writes the result into `ours` and raises `MergeConflict`, naming the keys
    but never their values, when both branches changed the same key.
    `repository_path`, the file's path in the repository (git's `%P`), is used
    only in messages.
    """
    # No lock file: git's temporary files are private to this merge, and a
    # lock beside them would be left in the working tree.
    store = VaultStore(ours, identity, state_dir)
    store.bind_path = False
    # Either branch may be older than the newest version this machine saw, as
    # after switching branches, so only the result must not be.
    our_side = load_side(ours, identity, repository_path or ours)
    # NOTE: a corrupt copy of theirs or of the base is still reported under
    # the temporary path git passed, because that path names the copy.
    their_side = load_side(theirs, identity, theirs)
    base_side = load_side(base, identity, base) if base.stat().st_size else None
    check_same_vault(our_side, their_side, base_side, repository_path)
    their_commit = their_side.document.commit
    if their_commit == our_side.document.commit or (
        base_side is not None and their_commit == base_side.document.commit
    ):
        return
    data = merge_sides(identity, our_side, their_side, base_side)
    check_result(store, our_side.display_path, data)
    write_atomically(ours, data)
    store.read()


def check_result(store: VaultStore, display_path: Path, data: bytes) -> None:
    """Raise `VaultRollback` if the merged file is older than one seen here."""
    document = load_document(display_path, data)
    log = verify_loaded(display_path, document, store.identity, set())
    with store.trust.locked(document.header.vault_id) as record:
        if record is not None:
            check_not_older(display_path, document, log, record)


def check_same_vault(
    ours: Side, theirs: Side, base: Side | None, repository_path: Path | None
) -> None:
    for side in (theirs, base):
        if side is None or side.document.header == ours.document.header:
            continue
        if repository_path is not None:
            raise MergeConflict(
                f"cannot merge {quote(str(repository_path))}: the versions of the two "
                "branches are different vaults (another id, organization or creator)"
            )
        raise MergeConflict(
            f"cannot merge {quote(str(side.path))} into {quote(str(ours.path))}: "
            "they are different vaults (another id, organization or creator)"
        )


def merge_sides(
    identity: Identity, ours: Side, theirs: Side, base: Side | None
) -> bytes:
    """Merge `theirs` into the document of `ours` and return the signed file."""
    document = ours.document
    log = merge_member_logs(ours, theirs, base)
    merged = Vault(ours.display_path, document, log, identity)
    merged._me()
    conflicts = merge_scopes(merged, ours, theirs, base)
    if conflicts:
        raise MergeConflict(
            f"merge conflict in {quote(str(ours.display_path))}: both branches changed "
            + "; ".join(conflicts)
            + "; nothing was written, so set these keys again on one branch and "
            "merge once more"
        )
    merge_audit(merged, ours, theirs)
    version = max(document.commit.version, theirs.document.commit.version)
    document.commit.version = version
    merged._reconcile_seals(rotate_for=None)
    merged._record_event(own_scope(merged), "merge", None)

    data = merged.seal()
    checked = load_document(ours.display_path, data)
    verify_loaded(ours.display_path, checked, identity, set())
    return data


def load_side(path: Path, identity: Identity, display_path: Path) -> Side:
    """Parse and verify one branch's file, without the per-machine replay check."""
    document = load_document(display_path, path.read_bytes())
    log = verify_loaded(display_path, document, identity, set())
    return Side(path, document, log, display_path)


def member_lines(side: Side) -> list[str]:
    return [signed_line(op.body(), op.sig) for op in side.document.members]


def merge_member_logs(ours: Side, theirs: Side, base: Side | None) -> MemberLog:
    """Take the member log that extends the other, or report both changed."""
    our_lines, their_lines = member_lines(ours), member_lines(theirs)
    if their_lines[: len(our_lines)] == our_lines:
        ours.document.members = theirs.document.members
        return theirs.log
    if our_lines[: len(their_lines)] == their_lines:
        return ours.log
    raise MergeConflict(
        f"merge conflict in {quote(str(ours.display_path))}: both branches changed the "
        "members, and each change is signed against the list before it; take one "
        "branch's file and repeat the other branch's member changes"
    )


def scope_line(scope: ScopeData | None) -> str | None:
    if scope is None:
        return None
    return signed_line(scope.record.body(), scope.record.sig)


def merge_scopes(
    vault: Vault, ours: Side, theirs: Side, base: Side | None
) -> list[str]:
    """Merge every scope into `ours`; returns the conflicts found."""
    conflicts = []
    our_scopes = ours.document.scopes
    base_scopes = base.document.scopes if base else {}
    every_sid = list(our_scopes) + [
        s for s in theirs.document.scopes if s not in our_scopes
    ]
    for sid in every_sid:
        mine = our_scopes.get(sid)
        other = theirs.document.scopes.get(sid)
        common = base_scopes.get(sid)
        if scope_line(mine) == scope_line(other) or scope_line(other) == scope_line(
            common
        ):
            continue
        if scope_line(mine) == scope_line(common):
            take_scope(ours.document, sid, other)
            continue
        if mine is None or other is None:
            conflicts.append(
                f"scope {sid} (removed on one branch, changed on the other)"
            )
            continue
        conflicts += merge_entries(vault, sid, mine, other, common)
    ours.document.scopes = dict(sorted(our_scopes.items(), key=scope_sort_key))
    return conflicts


def scope_sort_key(item: tuple[str, ScopeData]) -> tuple[bool, str]:
    return (item[0] != "vendor", item[0])


def take_scope(document: Document, sid: str, scope: ScopeData | None) -> None:
    if scope is None:
        del document.scopes[sid]
    else:
        document.scopes[sid] = scope


def record_key(vault: Vault, record: ScopeRecord) -> bytes:
    """Unseal the scope key of one branch's version of a scope."""
    box_key = vault._identity.public.box_key
    for sealed in record.keys:
        if sealed.to == box_key:
            with vault._decrypting():
                return crypto.unseal(vault._identity.private_key, sealed.box)
    raise MergeConflict(
        f"both branches changed scope {vault._scope_label(record.sid)}, which "
        f"{vault._me().name} cannot read; a member who can read it must merge"
    )


def decrypt_scope(vault: Vault, scope: ScopeData | None) -> Decrypted:
    if scope is None:
        return {}
    scope_key = record_key(vault, scope.record)
    result = {}
    with vault._decrypting():
        for entry in scope.entries.values():
            meta, value, previous = read_entry(scope_key, entry)
            result[meta.key] = (meta, value, previous)
    return result


def merge_entries(
    vault: Vault,
    sid: str,
    mine: ScopeData,
    other: ScopeData,
    common: ScopeData | None,
) -> list[str]:
    """Merge a scope both branches changed, key by key, into `mine`."""
    ours, theirs, base = (decrypt_scope(vault, s) for s in (mine, other, common))
    require_merge_write(vault, sid)
    # Rotation happens only with a member change, and member logs cannot both
    # have changed, so at most one branch has a new key. The merge keeps it.
    result_scope = mine
    if common is not None and mine.record.kid == common.record.kid:
        result_scope = other
    scope_key = record_key(vault, result_scope.record)

    def value_of(side: Decrypted, key: str) -> str | None:
        return side[key][1] if key in side else None

    merged: Decrypted = {}
    conflicts = []
    for key in sorted(set(ours) | set(theirs) | set(base)):
        mine_value, their_value = value_of(ours, key), value_of(theirs, key)
        if mine_value == their_value or their_value == value_of(base, key):
            chosen = ours.get(key)
        elif mine_value == value_of(base, key):
            chosen = theirs.get(key)
        else:
            conflicts.append(key)
            continue
        if chosen is not None:
            merged[key] = chosen
    if conflicts:
        return [f"{vault._scope_label(sid)}: {', '.join(conflicts)}"]

    record = result_scope.record
    record.rev = max(mine.record.rev, other.record.rev)
    entries = {}
    for meta, value, previous in merged.values():
        entry = make_entry(sid, scope_key, meta, value, previous)
        entries[entry.entry_id] = entry
    vault._document.scopes[sid] = ScopeData(record, entries)
    vault._keys[sid] = scope_key
    vault._touch(sid)
    return []


def require_merge_write(vault: Vault, sid: str) -> None:
    """Raise `MergeConflict` unless this identity may write scope `sid`."""
    try:
        vault._require_write(sid)
    except AccessDenied:
        me = vault._me()
        raise MergeConflict(
            f"both branches changed scope {vault._scope_label(sid)}, and merging "
            f"needs an identity with write access to every scope that both "
            f"branches changed, but {me.name} is {me.role}{customer_note(vault)}; "
            "run the merge as a read_write or admin member who can change that scope"
        ) from None


def customer_note(vault: Vault) -> str:
    me = vault._me()
    if me.sid is None:
        return ""
    return f" of customer {vault._scope_label(me.sid)}"


def merge_audit(vault: Vault, ours: Side, theirs: Side) -> None:
    """Append the other branch's new audit blocks and join both heads."""
    audit = ours.document.audit
    known = {block.block_id for block in audit}
    our_head = audit[-1].block_id if audit else None
    for block in theirs.document.audit:
        if block.block_id not in known:
            audit.append(block)
            known.add(block.block_id)
    if our_head is not None and audit[-1].block_id != our_head:
        vault._merged_heads.append(our_head)


def own_scope(vault: Vault) -> str:
    me = vault._me()
    return "vendor" if me.sid is None else me.sid
