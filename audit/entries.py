"""Log entries, what each Merkle leaf hashes: a record's bytes (format 1) or its scope and digest (format 2).

A leaf is SHA-256(0x00 || entry) (RFC 6962), unchanged. Format 1, the entry of older trails, is the
record's canonical bytes: its leaf says nothing about whose record it is, so an export that lists
an entry it withheld by leaf hash alone cannot show it was out of the export's scope. Format 2 is
the RFC 8785 bytes of ``{"v": 2, "scope": {...}, "record": "<SHA-256 hex of the record's bytes>"}``,
where the scope holds what exports select records by, copied from the record: the jurisdiction it
was served in, its time and kind (which lets a verifier see a withheld key rotation), and its
tenant as SHA-256(record digest hex || "\n" || tenant) in hex. Anyone holding a record derives its
entry and leaf; a bundle lists a withheld entry by its scope and digest, and the verifier recomputes
its leaf and checks that the scope lies outside the export's (hashing the export's tenants with the
entry's digest to compare), without learning anything else about it. The tenant is hashed so that
an export for one tenant does not list the others by name; salted with the record's digest, equal
tenants do not show as equal hashes. It hides a tenant from a reader who cannot guess its name,
not from one who tries candidate names.

Which format a seq uses is fixed by the log itself. A trail begun with this code is format 2 from
its first record (seq 0), with no announcement; that is the default every verifier takes, so
leaving something out can only make fewer entries format 1, never more. A trail begun by an
earlier release gets, at the writer's first append with this code (under the log's lock, only if
the log holds none), one ``entry_format`` record (detail ``{"format": "2", "from_seq": "<its own
seq>"}``), itself the first entry of format 2: entries below it are format 1. An exporter cannot
move that switch: the announcement is a record in the tree which a bundle must carry with its
inclusion proof (without it, every entry counts as format 2 and a bare format 1 leaf is refused),
and the log holds at most one (``sovgw audit verify`` fails a second; monitors reading the tiles
see it). Where the whole log is at hand (the database), a log without an announcement is told
apart by its first leaf; any wrong guess there fails against the signed roots, hiding nothing.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, Final

from sqlalchemy import Connection, select

from audit import canonical, merkle, tree_store

FORMAT = 2
ANNOUNCEMENT: Final = "entry_format"  # the kind of the record that fixes the switch
NEVER = 2**63 - 1  # the switch of a trail of an earlier release, not yet announced: all format 1
SCOPE_FIELDS = ("tenant", "jurisdiction", "recorded_at", "kind")


def tenant_hash(digest: str, tenant: str | None) -> str | None:
    """The scope's tenant: ``tenant`` hashed with the record's digest (hex), None for none."""
    if tenant is None:
        return None
    return hashlib.sha256(f"{digest}\n{tenant}".encode()).hexdigest()


def scope(doc: dict[str, Any], digest: str) -> dict[str, Any]:
    """What an export selects the record by, as the record's queryable fields hold it
    (``record_fields``' tenant and jurisdiction, read here directly: every append runs this; the
    tests hold the two to the same values)."""
    tenant = (doc.get("request") or {}).get("tenant") or (doc.get("detail") or {}).get("tenant")
    node = doc.get("node") or doc.get("served_by") or {}
    return {
        "tenant": tenant_hash(digest, tenant),
        "jurisdiction": node.get("jurisdiction"),
        "recorded_at": doc["recorded_at"],
        "kind": doc["kind"],
    }


def entry_v2(doc: dict[str, Any], data: bytes) -> bytes:
    """The format 2 entry of the record ``doc`` whose canonical bytes are ``data``.

    Every append computes one, so it is written out key by key in RFC 8785 order, its strings as
    the json module writes them (as JCS does); that is a sixth of the time of ``canonical_bytes``.
    The tests hold both, and the one-file verifier's copy, to the same bytes."""
    digest = hashlib.sha256(data).hexdigest()
    sc = scope(doc, digest)
    try:
        return (
            f'{{"record":"{digest}","scope":{{"jurisdiction":{_json(sc["jurisdiction"])},'
            f'"kind":{_json(sc["kind"])},"recorded_at":{_json(sc["recorded_at"])},'
            f'"tenant":{_json(sc["tenant"])}}},"v":{FORMAT}}}'
        ).encode()
    except UnicodeEncodeError:  # a lone surrogate: the reference decides
        return canonical.canonical_bytes({"v": FORMAT, "scope": sc, "record": digest})


_STRING = json.encoder.encode_basestring  # a str as json writes it with ensure_ascii=False


def _json(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, str):
        return _STRING(value)
    return canonical.canonical_bytes(value).decode()


def withheld_line(seq: int, doc: dict[str, Any], data: bytes) -> bytes:
    """A bundle's ``withheld-entries.jsonl`` line: the entry's seq, scope and digest."""
    digest = hashlib.sha256(data).hexdigest()
    line = {"seq": seq, "scope": scope(doc, digest), "record": digest}
    return json.dumps(line, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode() + b"\n"


def entry(seq: int, data: bytes, switch: int, doc: dict[str, Any] | None = None) -> bytes:
    """The entry of record ``seq`` (canonical bytes ``data``) in a log whose format 2 begins at ``switch``."""
    if seq < switch:
        return data
    return entry_v2(canonical.parse_document(data) if doc is None else doc, data)


def leaf(seq: int, data: bytes, switch: int, doc: dict[str, Any] | None = None) -> bytes:
    return merkle.leaf_hash(entry(seq, data, switch, doc))


def announcement(seq: int) -> dict[str, str]:
    """The detail of the record at ``seq`` announcing format 2 from itself on."""
    return {"format": str(FORMAT), "from_seq": str(seq)}


def is_announcement(doc: dict[str, Any]) -> bool:
    """Whether ``doc`` is a well-formed announcement: kind, format and its own seq."""
    detail = doc.get("detail") or {}
    return (
        doc.get("kind") == ANNOUNCEMENT
        and detail.get("format") == str(FORMAT)
        and detail.get("from_seq") == str(doc.get("seq"))
    )


def announcements(conn: Connection) -> list[tuple[int, bytes]]:
    """(seq, canonical bytes) of every announcement record in the log, in order."""
    records = tree_store.RECORDS
    query = select(records.c.seq, records.c.canonical).where(records.c.kind == ANNOUNCEMENT)
    return [(seq, bytes(data)) for seq, data in conn.execute(query.order_by(records.c.seq))]


def switch(conn: Connection) -> int:
    """The seq from which the log's entries are format 2: its announcement's; 0 for a log begun in
    format 2 (or empty); ``NEVER`` for a log of an earlier release not yet announced."""
    records = tree_store.RECORDS
    found = conn.execute(
        select(records.c.seq).where(records.c.kind == ANNOUNCEMENT).order_by(records.c.seq).limit(1)
    ).scalar()
    if found is not None:
        return int(found)
    first = conn.execute(select(records.c.canonical, records.c.leaf_hash).where(records.c.seq == 0)).first()
    if first is None:
        return 0
    data = bytes(first.canonical)
    return NEVER if bytes(first.leaf_hash) == merkle.leaf_hash(data) else 0
