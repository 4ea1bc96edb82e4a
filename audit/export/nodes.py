"""What a bundle adds about the nodes its records were routed to: the signed descriptors they name
and their operators' public keys, as the trail kept them when each node entered routing.

``data/nodes/descriptors/<descriptor sha256>.json`` holds a descriptor as its operator signed it;
``data/nodes/operators.json`` maps each operator's legal name to the public keys (base64 Ed25519)
that verified its descriptors. With them the one-file verifier checks every node-agent receipt in
the exported records: signed by the node key its descriptor names, the descriptor signed by its
operator and the one the request was routed under.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, select

from audit.query.pages import RecordView
from audit.tree_store import RECORDS

DESCRIPTORS = "nodes/descriptors"
OPERATORS = "nodes/operators.json"


def node_files(conn: Connection, records: Iterable[RecordView], size: int) -> dict[str, bytes]:
    """The bundle's node files for ``records`` (none when no record names a descriptor), from the
    node identity records among the first ``size`` entries of the log."""
    wanted = {d for r in records for d in _descriptors_named(r.document)}
    if not wanted:
        return {}
    descriptors: dict[str, str] = {}
    operators: dict[str, set[str]] = {}
    rows = conn.execute(
        select(RECORDS.c.canonical)
        .where(RECORDS.c.kind == "node_identity", RECORDS.c.seq < size)
        .order_by(RECORDS.c.seq)
    )
    for (canonical,) in rows:
        detail = json.loads(canonical).get("detail", {})
        digest = detail.get("descriptor_sha256")
        if digest in wanted and "descriptor" in detail and "operator_key" in detail:
            descriptors[digest] = detail["descriptor"]
            operators.setdefault(detail["operator"], set()).add(detail["operator_key"])
    files = {f"{DESCRIPTORS}/{d}.json": (text + "\n").encode() for d, text in sorted(descriptors.items())}
    listed = {name: sorted(keys) for name, keys in sorted(operators.items())}
    files[OPERATORS] = (json.dumps(listed, indent=2, sort_keys=True) + "\n").encode()
    return files


def _descriptors_named(doc: dict[str, Any]) -> set[str]:
    """The descriptor digests a forward or completion record names (its node's, its receipt's)."""
    named = set()
    for key in ("node", "served_by"):
        ref = doc.get(key)
        if isinstance(ref, dict) and isinstance(ref.get("descriptor_sha256"), str):
            named.add(ref["descriptor_sha256"])
    check = doc.get("receipt")
    signed = check.get("receipt") if isinstance(check, dict) else None
    if isinstance(signed, dict) and isinstance(signed.get("receipt"), dict):
        digest = signed["receipt"].get("descriptor_sha256")
        if isinstance(digest, str):
            named.add(digest)
    return named
