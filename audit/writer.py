"""The blocking half of the store: commit a batch of records, sign a checkpoint.

One call, one transaction. Inside it the writer holds the log's lock (PostgreSQL advisory lock or
SQLite's write lock), reads the tree size from the last tree head, numbers the batch from there,
inserts the records, the interior nodes they complete and a new tree head, and commits: gap-free
across any number of processes. Any failure fails the whole batch; the connection is thrown away
and the next batch starts again from what is durably stored, never from what we hoped was.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, insert, select, text
from sqlalchemy.exc import SQLAlchemyError

from audit import canonical, merkle, record_fields, tree_store
from audit.checkpoint import Checkpoint, NoteSigner
from audit.database import Database
from audit.log import AuditUnavailable
from audit.records import CheckpointRow

LOG_LOCK = 0x736F7667_0002  # advisory lock key: appends and checkpoints


class CheckpointRefused(Exception):
    """Signing would contradict a checkpoint already signed: the stored log is not its extension."""


@dataclass(frozen=True)
class PendingRecord:
    recorded_at: datetime
    body: dict[str, Any]  # the event's JSON, API key id already replaced by the actor


class LogWriter:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._compact: merkle.CompactRange | None = None  # valid only for the size it holds

    def append_batch(self, batch: list[PendingRecord] | Callable[[], list[PendingRecord]]) -> list[int]:
        """Commit ``batch`` in one transaction and return the sequence numbers it got.

        ``batch`` may be a function, called once the lock is held: then the batch includes every
        append that arrived while this writer waited for another process to commit (the longer the
        wait, the bigger the batch), and no append waits more than one commit once the lock is free.
        """
        try:
            with self.db.engine.begin() as conn:
                size = self._lock(conn)
                pending = batch() if callable(batch) else batch
                if not pending:
                    return []
                compact = self._continue_from(conn, size)
                rows, nodes = [], []
                for p in pending:
                    doc = canonical.document(compact.size, p.recorded_at, p.body)
                    data = canonical.canonical_bytes(doc)
                    leaf = merkle.leaf_hash(data)
                    nodes.extend(compact.append(leaf))
                    rows.append({**record_fields.columns(doc), "leaf_hash": leaf, "canonical": data})
                conn.execute(insert(tree_store.RECORDS), rows)
                if nodes:
                    conn.execute(
                        insert(tree_store.NODES), [{"level": lv, "idx": i, "hash": h} for lv, i, h in nodes]
                    )
                conn.execute(
                    insert(tree_store.HEADS).values(
                        size=compact.size, root=compact.root(), committed_at=datetime.now(UTC)
                    )
                )
        except (SQLAlchemyError, OSError, tree_store.MissingNodeError) as e:
            self._fail()
            raise AuditUnavailable(f"audit record not committed: {describe(e)}") from None
        except AuditUnavailable:
            self._fail()
            raise
        self._compact = compact
        return list(range(size, compact.size))

    def sign_checkpoint(
        self, signer: NoteSigner, origin: str, remembered: Checkpoint | None = None
    ) -> CheckpointRow | None:
        """Sign the current tree unless the latest checkpoint already covers it with this key.

        Before signing, the stored tree must prove consistent with the latest checkpoint in the
        database and with ``remembered`` (the last one this signer kept outside the database, which
        catches a database rolled back or stripped of its checkpoints); otherwise
        ``CheckpointRefused`` and nothing is signed.
        """
        try:
            with self.db.engine.begin() as conn:
                size = self._lock(conn)
                last = tree_store.latest_checkpoint(conn)
                if size == 0 and (remembered is None or remembered.size == 0):
                    return None  # an empty log has nothing to attest
                covered = last is not None and last.size == size and last.key_id == signer.key_id.hex()
                if covered and (remembered is None or remembered.size <= size):
                    return None  # nothing new to sign
                root = tree_store.root(conn, size)
                if size and tree_store.head_root(conn, size) != root:
                    raise CheckpointRefused(f"the stored tree of size {size} does not match its tree head")
                if last is not None:
                    self._check_extends(conn, last.size, bytes(last.root), size, root, "the checkpoint")
                if remembered is not None:
                    self._check_extends(
                        conn, remembered.size, remembered.root, size, root, "this signer's checkpoint"
                    )
                note = signer.sign(Checkpoint(origin, size, root))
                row = CheckpointRow(
                    size=size,
                    root=root,
                    key_name=signer.name,
                    key_id=signer.key_id.hex(),
                    note=note,
                    signed_at=datetime.now(UTC),
                )
                conn.execute(insert(tree_store.CHECKPOINTS).values(**row.model_dump(exclude={"id"})))
        except tree_store.MissingNodeError as e:
            raise CheckpointRefused(f"the stored tree is incomplete: {e}") from None
        except (SQLAlchemyError, OSError) as e:
            self._fail()
            raise AuditUnavailable(f"checkpoint not committed: {describe(e)}") from None
        return row

    def latest_key_id(self) -> str | None:
        """The key id named by the latest key rotation record, if any."""
        with self.db.engine.connect() as conn:
            data = conn.execute(
                select(tree_store.RECORDS.c.canonical)
                .where(tree_store.RECORDS.c.kind == "key_rotation")
                .order_by(tree_store.RECORDS.c.seq.desc())
                .limit(1)
            ).scalar()
        if data is None:
            return None
        return canonical.parse_document(data).get("detail", {}).get("key_id")

    def probe(self) -> None:
        """Raise ``AuditUnavailable`` unless a write transaction can start now."""
        path = self.db.path
        if path is not None:
            # Taking the lock does not touch the files; read-only or immutable ones fail only at commit.
            for p in (path, path.with_name(path.name + "-wal"), path.parent):
                if p.exists() and not os.access(p, os.W_OK):
                    raise AuditUnavailable(f"audit store not writable: {p.name} is read-only")
        try:
            with self.db.engine.begin() as conn:
                self._lock(conn)
        except SQLAlchemyError as e:
            self._fail()
            raise AuditUnavailable(f"audit store not writable: {describe(e)}") from None

    def _lock(self, conn: Connection) -> int:
        if self.db.dialect == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": LOG_LOCK})
        # SQLite: BEGIN IMMEDIATE already holds the write lock.
        return tree_store.tree_size(conn)

    def _continue_from(self, conn: Connection, size: int) -> merkle.CompactRange:
        cached = self._compact
        if cached is not None and cached.size == size:
            return merkle.CompactRange(cached.size, cached.hashes)
        # Another process appended, or we are starting: reload the frontier and check it.
        compact = tree_store.compact_range(conn, size)
        if size and tree_store.head_root(conn, size) != compact.root():
            raise AuditUnavailable(f"the stored tree of size {size} does not match its tree head")
        return compact

    def _check_extends(
        self, conn: Connection, old_size: int, old_root: bytes, size: int, root: bytes, what: str
    ) -> None:
        if size < old_size:
            raise CheckpointRefused(f"the log has {size} records but {what} of size {old_size} was signed")
        proof = tree_store.consistency_proof(conn, old_size, size)
        try:
            merkle.verify_consistency(old_size, size, proof, old_root, root)
        except merkle.ProofError as e:
            raise CheckpointRefused(f"not consistent with {what} of size {old_size}: {e}") from None

    def _fail(self) -> None:
        self._compact = None
        self.db.dispose()


def describe(e: BaseException) -> str:
    """A one-line cause fit for logs and clients: the driver's message, never the SQL parameters."""
    orig = getattr(e, "orig", None) or e
    line = str(orig).strip().split("\n", 1)[0][:200]
    return f"{type(orig).__name__}: {line}" if line else type(orig).__name__
