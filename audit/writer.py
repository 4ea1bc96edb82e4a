"""The blocking half of the store: commit a batch of records, sign a checkpoint.

One call, one transaction. Inside it the writer holds the log's lock (PostgreSQL advisory lock or
SQLite's write lock), reads the tree size from the last tree head, numbers the batch from there,
inserts the records, the interior nodes they complete and a new tree head, and commits: gap-free
across any number of processes. Any failure fails the whole batch; the connection is thrown away
and the next batch starts again from what is durably stored, never from what we hoped was.

Every record is committed as a format 2 entry (``audit.entries``): its leaf hashes its scope and
digest. The first batch a writer commits checks, under the lock, whether the log is a trail of an
earlier release (format 1, not yet announced) and if so commits the announcement ahead of the batch,
at the next seq; a new trail is format 2 from seq 0 and needs none.

On PostgreSQL a writer continuing its own last batch sends all of that in one round trip (a
psycopg pipeline): it numbers the batch from the frontier it kept, and a guard read under the lock
aborts the transaction if the stored tree has moved since; the batch then takes the path above.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import psycopg
from psycopg import sql
from sqlalchemy import Connection, insert, select, text
from sqlalchemy.exc import SQLAlchemyError

from audit import canonical, entries, merkle, record_fields, tree_store
from audit.checkpoint import Checkpoint, NoteSigner
from audit.database import Database
from audit.log import AuditUnavailable
from audit.records import CheckpointRow
from domain.events import AdminEvent

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
        self._checked_format = False  # the log is known to be format 2 from here on

    @property
    def frontier(self) -> merkle.CompactRange | None:
        """The tree as this writer last committed it; None when it must be read back first."""
        return self._compact

    @frontier.setter
    def frontier(self, compact: merkle.CompactRange | None) -> None:
        self._compact = compact

    def append_batch(
        self,
        batch: list[PendingRecord] | Callable[[], list[PendingRecord]],
        leaves: list[bytes] | None = None,
    ) -> list[int]:
        """Commit ``batch`` in one transaction and return the sequence numbers it got (and, into
        ``leaves`` if given, their leaf hashes).

        ``batch`` may be a function, called once: when the lock is held on the locked path, so the
        batch includes every append that arrived while this writer waited for another process.
        """
        try:
            if self.db.dialect == "postgresql" and self._compact is not None:
                pending = batch() if callable(batch) else batch
                if not pending:
                    return []
                done = self._append_pipelined(pending, self._compact)
                if done is None:  # another process appended since our last batch
                    done = self._append_locked(pending)
            else:
                done = self._append_locked(batch)
        except (SQLAlchemyError, psycopg.Error, OSError, tree_store.MissingNodeError) as e:
            self._fail()
            raise AuditUnavailable(f"audit record not committed: {describe(e)}") from None
        except AuditUnavailable:
            self._fail()
            raise
        if done is None:
            return []
        start, compact, rows = done
        self._compact = compact
        if leaves is not None:
            leaves.extend(row["leaf_hash"] for row in rows)
        return list(range(start, compact.size))

    def _append_locked(
        self, batch: list[PendingRecord] | Callable[[], list[PendingRecord]]
    ) -> _Committed | None:
        """Take the lock, read where the stored tree ends, continue it from there: any dialect."""
        with self.db.engine.begin() as conn:
            size = self._lock(conn)
            pending = batch() if callable(batch) else batch
            if not pending:
                return None
            compact = self._continue_from(conn, size)
            announce = not self._checked_format and entries.switch(conn) == entries.NEVER
            if announce:  # the first batch with this code: format 2 from here on
                pending = [_announcement(compact.size, pending[0].recorded_at), *pending]
            rows, nodes = _number(pending, compact)
            conn.execute(insert(tree_store.RECORDS), rows)
            if announce:
                rows = rows[1:]
                size += 1
            if nodes:
                conn.execute(
                    insert(tree_store.NODES), [{"level": lv, "idx": i, "hash": h} for lv, i, h in nodes]
                )
            conn.execute(
                insert(tree_store.HEADS).values(
                    size=compact.size, root=compact.root(), committed_at=datetime.now(UTC)
                )
            )
        self._checked_format = True
        return size, compact, rows

    def _append_pipelined(
        self, pending: list[PendingRecord], cached: merkle.CompactRange
    ) -> _Committed | None:
        """PostgreSQL, continuing the tree this writer committed last: one round trip per batch.

        The batch is numbered from the cached frontier before anything is sent; lock, guard, inserts
        and COMMIT then go out in one pipeline. The guard, evaluated once the lock is held, aborts the
        transaction if the stored tree no longer ends where the cache does (another process
        appended): None, and nothing was written.
        """
        compact = merkle.CompactRange(cached.size, cached.hashes)
        rows, nodes = _number(pending, compact)
        raw = self.db.engine.raw_connection()
        try:
            pg = raw.driver_connection
            assert isinstance(pg, psycopg.Connection)
            try:
                with pg.pipeline():
                    cur = pg.cursor()
                    cur.execute(_PG_LOCK, (LOG_LOCK,))
                    cur.execute(_PG_GUARD, (cached.size,))
                    cur.executemany(_PG_INSERT_RECORDS, rows)
                    if nodes:
                        cur.executemany(_PG_INSERT_NODES, nodes)
                    cur.execute(_PG_INSERT_HEAD, (compact.size, compact.root(), datetime.now(UTC)))
                    pg.commit()
            except psycopg.errors.DivisionByZero:
                pg.rollback()
                return None
        except BaseException:
            raw.invalidate()  # whatever state the failure left it in, the pool never hands it out again
            raise
        finally:
            raw.close()
        return cached.size, compact, rows

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
        except (SQLAlchemyError, OSError) as e:
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


_Committed = tuple[int, merkle.CompactRange, list[dict[str, Any]]]  # first seq, new frontier, rows


def _number(
    pending: list[PendingRecord], compact: merkle.CompactRange
) -> tuple[list[dict[str, Any]], list[tuple[int, int, bytes]]]:
    """Sequence numbers, canonical bytes and leaf hashes (of format 2 entries) for ``pending``,
    continuing ``compact`` (which advances): the record rows and the interior nodes they complete."""
    rows, nodes = [], []
    for p in pending:
        doc = canonical.document(compact.size, p.recorded_at, p.body)
        data = canonical.canonical_bytes(doc)
        leaf = merkle.leaf_hash(entries.entry_v2(doc, data))
        nodes.extend(compact.append(leaf))
        rows.append({**record_fields.columns(doc), "leaf_hash": leaf, "canonical": data})
    return rows, nodes


def _announcement(seq: int, at: datetime) -> PendingRecord:
    event = AdminEvent(kind=entries.ANNOUNCEMENT, detail=entries.announcement(seq))
    return PendingRecord(at, canonical.event_body(event, None))


def _pg_insert(table: Any, names: list[str], named: bool) -> str:
    values = [sql.Placeholder(n) if named else sql.Placeholder() for n in names]
    return (
        sql.SQL("INSERT INTO {} ({}) VALUES ({})")
        .format(
            sql.Identifier(table.name),
            sql.SQL(", ").join(map(sql.Identifier, names)),
            sql.SQL(", ").join(values),
        )
        .as_string()
    )


_PG_LOCK = "SELECT pg_advisory_xact_lock(%s)"
# Divides by zero, aborting the transaction, unless the stored tree still ends at the given size.
# Read after the lock is granted, so no other writer can move it before this transaction commits.
_PG_GUARD = (
    sql.SQL("SELECT 1 / (CASE WHEN coalesce(max(size), 0) = %s THEN 1 ELSE 0 END) FROM {}")
    .format(sql.Identifier(tree_store.HEADS.name))
    .as_string()
)
_PG_INSERT_RECORDS = _pg_insert(tree_store.RECORDS, [c.name for c in tree_store.RECORDS.columns], named=True)
_PG_INSERT_NODES = _pg_insert(tree_store.NODES, ["level", "idx", "hash"], named=False)
_PG_INSERT_HEAD = _pg_insert(tree_store.HEADS, ["size", "root", "committed_at"], named=False)
