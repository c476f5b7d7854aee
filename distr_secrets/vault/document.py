"""Reading and writing the whole vault file: record order and structure.

This module checks the layout (record order, sorted and unique ids, entry
digests) but no signatures and no roles; `verify.py` does those.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from distr_secrets.vault.crypto import FORMAT_LINE, digest
from distr_secrets.vault.encoding import (
    BASE64_TEXT,
    FormatError,
    b64decode,
    b64encode,
    canonical_json,
    parse_canonical_json,
)
from distr_secrets.vault.records import (
    VENDOR_SID,
    AuditBlock,
    Commit,
    EntryRecord,
    MemberOp,
    ScopeData,
    ScopeRecord,
    VaultHeader,
    signed_line,
)

# An entry line in canonical form (keys sorted), matched without the JSON
# parser because a vault contains thousands of entries and a read parses all.
ENTRY_LINE = re.compile(
    r'\{"id":"([A-Za-z0-9+/]{21}[AQgw]==)","meta":"(' + BASE64_TEXT + r')",'
    r'"prev":(null|"' + BASE64_TEXT + r'"),"sid":"(vendor|c[0-9a-f]{16})",'
    r'"t":"entry","value":"(' + BASE64_TEXT + r')"\}',
    re.ASCII,
)


# The `id` and `parents` fields of an audit line. They follow the `events`
# list, whose values cannot contain quotes, so the first match is the record's.
AUDIT_HEAD = re.compile(
    r'\],"id":"([A-Za-z0-9+/]{43}=)",'
    r'"parents":\[((?:"[A-Za-z0-9+/]{43}="(?:,"[A-Za-z0-9+/]{43}=")*)?)\],',
    re.ASCII,
)
PARENT = re.compile(r'"([A-Za-z0-9+/]{43}=)"', re.ASCII)


@dataclass
class Document:
    """A parsed vault file, structurally valid but not yet authenticated."""

    header: VaultHeader
    members: list[MemberOp]
    scopes: dict[str, ScopeData]
    audit: list[AuditBlock]
    commit: Commit
    signed_prefix_digest: bytes = b""


def entries_digest(entries: list[EntryRecord]) -> bytes:
    """Return the digest of a scope's entry lines, each ending in a line feed."""
    if not entries:
        return digest(b"")
    text = "\n".join([e.encoded() for e in entries]) + "\n"
    return digest(text.encode("ascii"))


def sorted_entries(scope: ScopeData) -> list[EntryRecord]:
    return [scope.entries[i] for i in sorted(scope.entries)]


def parse_entry(line: str) -> EntryRecord:
    match = ENTRY_LINE.fullmatch(line)
    if match is None:
        raise FormatError("invalid entry record")
    entry_id, meta, quoted_prev, sid, value = match.groups()
    prev = None if quoted_prev == "null" else quoted_prev[1:-1]
    return EntryRecord(sid, entry_id, meta, value, prev, line)


def split_lines(data: bytes) -> list[str]:
    try:
        text = data.decode("ascii")
    except UnicodeDecodeError as error:
        raise FormatError("the file is not ASCII") from error
    if not text.endswith("\n") or "\r" in text:
        raise FormatError("lines must end with a single line feed")
    lines = text[:-1].split("\n")
    if lines[0] != FORMAT_LINE:
        raise FormatError("unknown format line")
    return lines


def parse_document(data: bytes) -> Document:
    """Parse the vault file bytes, raising `FormatError` on any deviation."""
    lines = split_lines(data)
    if len(lines) < 5:
        raise FormatError("the file is truncated")
    position = 1
    header = VaultHeader.parse(parse_canonical_json(lines[position]))
    position += 1

    members: list[MemberOp] = []
    while position < len(lines) and lines[position].startswith('{"name":'):
        members.append(MemberOp.parse(parse_canonical_json(lines[position])))
        position += 1
    if [m.seq for m in members] != list(range(len(members))) or not members:
        raise FormatError("member operations are missing or out of order")

    scopes, position = parse_scopes(lines, position)
    audit, position = parse_audit(lines, position)
    if position != len(lines) - 1:
        raise FormatError("unexpected record before the commit")
    commit = Commit.parse(parse_canonical_json(lines[position]))
    prefix = "\n".join(lines[:position]) + "\n"
    return Document(
        header,
        members,
        scopes,
        audit,
        commit,
        digest(prefix.encode("ascii")),
    )


def parse_scopes(lines: list[str], position: int) -> tuple[dict[str, ScopeData], int]:
    scopes: dict[str, ScopeData] = {}
    while position < len(lines) and lines[position].startswith('{"count":'):
        record = ScopeRecord.parse(parse_canonical_json(lines[position]))
        position += 1
        entries: list[EntryRecord] = []
        while position < len(lines) and lines[position].startswith('{"id":'):
            entry = parse_entry(lines[position])
            if entry.sid != record.sid:
                raise FormatError("entry outside its scope")
            if entries and entries[-1].entry_id >= entry.entry_id:
                raise FormatError("entries are not sorted and unique")
            entries.append(entry)
            position += 1
        # The entry lines are contiguous, so their digest covers the same
        # bytes as `entries_digest` without joining the records again.
        first = position - len(entries)
        text = "\n".join(lines[first:position]) + "\n" if entries else ""
        if len(entries) != record.count or digest(text.encode()) != record.entries:
            raise FormatError("entries do not match their scope")
        scopes[record.sid] = ScopeData(record, {e.entry_id: e for e in entries})
    sids = list(scopes)
    if not sids or sids[0] != VENDOR_SID or sids[1:] != sorted(set(sids[1:])):
        raise FormatError("scopes are missing or out of order")
    return scopes, position


def parse_audit(lines: list[str], position: int) -> tuple[list[AuditBlock], int]:
    """Read the audit blocks as stubs: id and parents, checked against the line.

    The id is a digest of the rest of the line, so a stub pins every byte of
    its block. Reads parse the whole block only when it is new to this
    machine (see `verify_audit`), which keeps reads fast for long histories.
    """
    blocks: list[AuditBlock] = []
    seen: set[bytes] = set()
    while position < len(lines) - 1:
        line = lines[position]
        match = AUDIT_HEAD.search(line)
        if match is None or not line.startswith('{"events":['):
            raise FormatError("invalid audit block")
        parents = [b64decode(p) for p in PARENT.findall(match.group(2))]
        block = AuditBlock.stub(b64decode(match.group(1)), parents, line)
        if audit_block_id(block) != block.block_id:
            raise FormatError("audit block id does not match")
        if block.block_id in seen or not all(p in seen for p in block.parents):
            raise FormatError("audit blocks are out of order")
        seen.add(block.block_id)
        blocks.append(block)
        position += 1
    return blocks, position


def audit_block_id(block: AuditBlock) -> bytes:
    """Return the id of an audit block: the digest of its line without `id`."""
    if block.line:
        id_field = f'"id":"{b64encode(block.block_id)}",'
        if block.line.count(id_field) != 1:
            raise FormatError("audit block id field is malformed")
        return digest(block.line.replace(id_field, "").encode("ascii"))
    return digest(signed_line(block.body(), block.sig).encode("ascii"))


def audit_line(block: AuditBlock) -> str:
    if not block.line:
        block.line = canonical_json(
            {
                **block.body(),
                "id": b64encode(block.block_id),
                "sig": b64encode(block.sig),
            }
        )
    return block.line


def serialize_prefix(document: Document) -> str:
    """Return the file text before the commit line, which the commit signs."""
    lines = [FORMAT_LINE, signed_line(document.header.body(), document.header.sig)]
    lines.extend(signed_line(m.body(), m.sig) for m in document.members)
    for scope in document.scopes.values():
        lines.append(signed_line(scope.record.body(), scope.record.sig))
        lines.extend(e.encoded() for e in sorted_entries(scope))
    lines.extend(audit_line(block) for block in document.audit)
    return "\n".join(lines) + "\n"
