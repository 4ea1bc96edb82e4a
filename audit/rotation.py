"""Signing-key rotation announced in the log itself, and which key may sign which range.

``rotate_key`` appends a ``key_rotation`` record naming the new key (its verifier line) and the key
it replaces, then signs a checkpoint covering that record with the current key: the old key vouches
for its successor inside the tree. From then on the log's checkpoints are signed by the new key
(the gateway refuses to start with any other).

The rule every verifier applies (``audit.verify``, bundles, ``bundle_verify.py``): with rotations at
sequence numbers s1 < s2 < ..., a checkpoint of size n is signed by the key the latest rotation
below n announced; the checkpoint of size s+1, the first to hold rotation s, may also be signed by
the key it replaces. Before the first rotation any trusted key may sign, except one announced only
later. So an old key (stolen, say) cannot sign for the range after its successor was announced,
and a key cannot sign before it was announced.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from audit import canonical, tree_store
from audit.checkpoint import NoteSigner
from audit.config import AuditConfig
from audit.records import CheckpointRow
from domain.events import AdminEvent


class RotationError(Exception):
    """The rotation cannot be made as asked; nothing was recorded."""


@dataclass(frozen=True)
class Rotation:
    seq: int
    previous_key_id: str  # hex of the 4-byte signed-note key id
    key_id: str
    vkey: str

    @classmethod
    def from_document(cls, doc: dict[str, Any]) -> Rotation | None:
        """The rotation a record announces; None for other records and for first-key announcements."""
        detail = doc.get("detail") or {}
        if doc.get("kind") != "key_rotation" or "previous_key_id" not in detail:
            return None
        return cls(doc["seq"], detail["previous_key_id"], detail["key_id"], detail["vkey"])


def read_rotations(conn: Connection, below: int | None = None) -> list[Rotation]:
    """The rotations the log announced (with seq < ``below``), in order."""
    records = tree_store.RECORDS
    query = select(records.c.canonical).where(records.c.kind == "key_rotation").order_by(records.c.seq)
    if below is not None:
        query = query.where(records.c.seq < below)
    found = (Rotation.from_document(canonical.parse_document(data)) for (data,) in conn.execute(query))
    return [r for r in found if r is not None]


def signing_problem(key_id: str, size: int, rotations: Iterable[Rotation]) -> str | None:
    """Why ``key_id`` may not sign a checkpoint of ``size`` under ``rotations``; None when it may."""
    ordered = sorted(rotations, key=lambda r: r.seq)
    held = [r for r in ordered if r.seq < size]
    if not held:
        later = next((r for r in ordered if r.key_id == key_id), None)
        if later is not None:
            return f"its key {key_id} was announced only at seq {later.seq}, after this range"
        return None
    last = held[-1]
    if key_id == last.key_id or (key_id == last.previous_key_id and size == last.seq + 1):
        return None
    what = "a retired key" if any(r.previous_key_id == key_id for r in held) else "a key never announced"
    return f"signed by {what} ({key_id}): the log rotated to {last.key_id} at seq {last.seq}"


def schedule_problems(rotations: list[Rotation], signed: Iterable[tuple[str, int, str]]) -> list[str]:
    """Each signed checkpoint (label, size, key id) against the rotations, and each rotation vouched
    for by a checkpoint that the key it replaces signed over it."""
    signed = list(signed)
    problems = [
        f"{label} (size {size}): {why}"
        for label, size, key in signed
        if (why := signing_problem(key, size, rotations))
    ]
    for r in rotations:
        if not any(size > r.seq and key == r.previous_key_id for _, size, key in signed):
            problems.append(
                f"the rotation to key {r.key_id} at seq {r.seq} is not covered by a checkpoint of the key "
                f"it replaces ({r.previous_key_id}): nothing vouches for the new key"
            )
    return problems


async def rotate_key(config: AuditConfig, new_key: NoteSigner) -> tuple[int, CheckpointRow]:
    """Announce ``new_key`` with the configured (current) key; returns the record's seq and the
    checkpoint, signed by the current key, that covers it."""
    from audit.store import open_audit_log  # the store opens logs; this module only reads them

    store = await open_audit_log(config)
    try:
        old = store.signer
        if new_key.key_id == old.key_id:
            raise RotationError(f"the new key {new_key.key_id.hex()} is the current key")
        if new_key.name != old.name:
            raise RotationError(f"the new key is named {new_key.name!r}, the log's keys {old.name!r}")
        seq = await store.append(
            AdminEvent(
                kind="key_rotation",
                detail={
                    "key_name": new_key.name,
                    "key_id": new_key.key_id.hex(),
                    "vkey": new_key.vkey(),
                    "previous_key_id": old.key_id.hex(),
                    "generated": "false",
                },
            )
        )
        row = await store.checkpoint()
        if row is None or row.size <= seq:
            raise RotationError("no checkpoint covers the announcement; run the command again")
        return seq, row
    finally:
        await store.aclose()
