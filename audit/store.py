"""The audit log the gateway writes through: group commit on one writer thread, signed checkpoints.

``append`` queues the event and waits for its batch: the writer thread takes every append waiting
once it holds the log's lock, commits them in one transaction (one fsync), and only then are
sequence numbers handed out. If that commit fails, every append in the batch raises ``AuditUnavailable``
and the gateway forwards nothing. Checkpoints are signed every ``checkpoint_every_records`` records,
every ``checkpoint_every_s`` seconds if anything new was appended, on ``checkpoint()`` (exports) and
on close.

Keys: the signing key comes from ``signing_key`` (base64 seed or PRIVATE+KEY string), else
``signing_key_file`` (``sovgw init`` writes one apart from the database). With neither the log
refuses to start, unless ``allow_key_beside_database`` opts in to a key generated on first start
into ``<db file>.signing-key`` (PostgreSQL: ``sovgw-audit.signing-key`` beside the pseudonym key
directory), for throwaway trails. The log's first key is announced by a ``key_rotation`` record;
a later key only through ``audit.rotation`` (``sovgw audit rotate-key``), signed by the key before
it: a log started with a key it never announced is refused.
The last signed checkpoint is also kept in a file (``<db file>.last-checkpoint``; for PostgreSQL
``sovgw-audit-<database tag>.last-checkpoint`` beside the pseudonym key directory), and every new
checkpoint must extend it: a database rolled back or stripped of checkpoints is refused at start-up.
With witnesses configured, each new checkpoint is sent to them in the background (``audit.witnessing``).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from audit import canonical, tree_store
from audit.checkpoint import CheckpointError, NoteSigner, RememberedCheckpoint, load_or_create_signer
from audit.config import NO_KEY, AuditConfig
from audit.cosignature import CosignatureVerifier
from audit.database import Database, DatabaseUrlError, open_database, sqlalchemy_url
from audit.log import AuditUnavailable
from audit.migrations import MigrationError, migrate
from audit.pg_pipeline import PipelinedAppends
from audit.promise import PromiseSigner
from audit.proofs import InclusionEvidence, inclusion_evidence
from audit.pseudonyms import PseudonymKeyError, PseudonymKeyStore
from audit.records import CheckpointRow
from audit.witnessing import Witnessing, witnessed_file
from audit.writer import CheckpointRefused, LogWriter, PendingRecord, describe
from domain.events import AdminEvent, AuditEvent

log = logging.getLogger("sovgw.audit")

MAX_BATCH = 512
T = TypeVar("T")


class AuditStartupError(Exception):
    """The log cannot start: bad URL, schema, or keys. The gateway must not serve."""


@dataclass
class _Waiting:
    recorded_at: datetime
    body: dict[str, Any]
    future: asyncio.Future[int]
    leaf: bytes = b""  # its leaf hash, once committed


class AuditStore:
    """Implements ``audit.log.AuditLog``."""

    def __init__(
        self,
        db: Database,
        writer: LogWriter,
        signer: NoteSigner,
        keys: PseudonymKeyStore,
        config: AuditConfig,
        remembered: RememberedCheckpoint,
    ):
        self.db = db
        self.signer = signer
        self.keys = keys
        self._writer = writer
        self._config = config
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="audit-writer")
        # Appends wait here; the writer thread takes them once it holds the log's lock.
        self._pending: deque[_Waiting] = deque()
        self._wakeup = asyncio.Event()
        self._idle = asyncio.Event()  # set when nothing is pending or being committed
        self._idle.set()
        self._since_checkpoint = 0
        self._broken: str | None = None  # set when a signed checkpoint would be contradicted
        self._closed = False
        self._writer_task: asyncio.Task[None] | None = None
        self._timer_task: asyncio.Task[None] | None = None
        self._reader: Database | None = None
        self._remembered = remembered
        self.witnessing: Witnessing | None = None
        self._witness_tasks: set[asyncio.Task[Any]] = set()
        self._promiser: PromiseSigner | None = None
        # PostgreSQL: batches overlap on one pipelined connection (``audit.pg_pipeline``).
        self._pipeline = (
            PipelinedAppends(config.database_url, config.lock_timeout_s, writer)
            if db.dialect == "postgresql"
            else None
        )

    def start(self) -> None:
        self._writer_task = asyncio.create_task(self._write_loop(), name="audit-writer")
        self._timer_task = asyncio.create_task(self._checkpoint_timer(), name="audit-checkpoints")

    async def append(self, event: AuditEvent) -> int:
        return (await self._committed(event))[0]

    async def append_promised(self, event: AuditEvent) -> tuple[int, str]:
        """``append``, and the log's signed promise (``audit.promise``) to include the record in a
        checkpoint within ``max_merge_delay_seconds``: one Ed25519 signature with the loaded key."""
        seq, leaf = await self._committed(event)
        promiser = self._promiser
        if promiser is None or promiser.key_id != self.signer.key_id:
            promiser = self._promiser = PromiseSigner.for_log(self.signer)
        return seq, promiser.sign(seq, leaf)

    async def _committed(self, event: AuditEvent) -> tuple[int, bytes]:
        """Commit ``event``: its sequence number and leaf hash."""
        if self._closed:
            raise AuditUnavailable("the audit log is closed")
        if self._broken:
            raise AuditUnavailable(self._broken)
        recorded_at = datetime.now(UTC)
        try:
            actor = self._actor(event)
        except PseudonymKeyError as e:
            raise AuditUnavailable(f"audit record not committed: {e}") from None
        future: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        waiting = _Waiting(recorded_at, canonical.event_body(event, actor), future)
        self._pending.append(waiting)
        self._idle.clear()
        self._wakeup.set()
        if self._pipeline is not None:
            self._pipeline.ring()
        try:
            seq = await asyncio.wait_for(asyncio.shield(future), self._config.commit_timeout_s)
        except TimeoutError:
            future.add_done_callback(_consume)
            # The batch may still commit later: a record without a forwarded request is harmless,
            # a forwarded request without a record is not.
            raise AuditUnavailable(
                f"audit record not committed within {self._config.commit_timeout_s:g} s"
            ) from None
        return seq, waiting.leaf

    async def ready(self) -> bool:
        """True when a record could be committed now: open, not refusing, database writable."""
        if self._closed or self._broken:
            return False
        try:
            await self._run(self._writer.probe)
        except AuditUnavailable:
            return False
        return True

    async def checkpoint(self) -> CheckpointRow | None:
        """Sign the current tree now (exports call this). None if the latest checkpoint covers it."""
        return await self._sign()

    async def inclusion_evidence(self, seq: int) -> InclusionEvidence:
        """Record ``seq`` with an inclusion proof to the latest signed checkpoint (for exports).

        Reads on their own connection, so they never wait behind a commit.
        """
        if self._reader is None:
            self._reader = open_database(self._config.database_url, writer=False, pool_size=2)
        try:
            return await asyncio.to_thread(inclusion_evidence, self._reader, seq)
        except SQLAlchemyError as e:
            raise AuditUnavailable(f"audit store unreadable: {describe(e)}") from None

    async def consistency_proof(self, size1: int, size2: int) -> list[bytes]:
        """The proof that tree ``size1`` is a prefix of tree ``size2``, read on its own connection."""
        if self._reader is None:
            self._reader = open_database(self._config.database_url, writer=False, pool_size=2)
        reader = self._reader

        def read() -> list[bytes]:
            with reader.engine.connect() as conn:
                return tree_store.consistency_proof(conn, size1, size2)

        try:
            return await asyncio.to_thread(read)
        except SQLAlchemyError as e:
            raise AuditUnavailable(f"audit store unreadable: {describe(e)}") from None

    async def erase_tenant_key(self, tenant: str) -> int:
        """Crypto-shred a tenant's pseudonym key and record that. Returns the erasure record's seq."""
        existed = self.keys.erase(tenant)
        return await self.append(
            AdminEvent(
                kind="erasure",
                detail={"tenant": tenant, "scope": "pseudonym_key", "key_existed": str(existed).lower()},
            )
        )

    async def aclose(self) -> None:
        """Commit what is waiting, sign a final checkpoint, release the database.

        Bounded by ``commit_timeout_s`` per step: a hung database cannot hold shutdown forever.
        """
        if self._closed:
            return
        self._closed = True
        if self._timer_task:
            self._timer_task.cancel()
        self._wakeup.set()
        timeout = self._config.commit_timeout_s
        hung = False
        try:
            await asyncio.wait_for(self._idle.wait(), timeout)  # every waiting append is answered
            await asyncio.wait_for(self._sign(), timeout)
        except (AuditUnavailable, CheckpointRefused) as e:
            log.error("no final checkpoint signed: %s", e)
        except TimeoutError:
            hung = True
            log.error("no final checkpoint signed: the database did not answer within %g s", timeout)
        except Exception:
            log.exception("no final checkpoint signed: unexpected failure")
        finally:
            if self._witness_tasks and not hung:  # the final checkpoint goes to the witnesses too
                await asyncio.wait(self._witness_tasks, timeout=timeout)
            if self.witnessing is not None:
                await self.witnessing.aclose()
            if self._writer_task:
                self._writer_task.cancel()
            if not hung:
                await self._run(self.db.dispose)
                if self._pipeline is not None:
                    await self._run(self._pipeline.close)
            self._executor.shutdown(wait=not hung)
            if self._reader is not None:
                self._reader.dispose()

    def _actor(self, event: AuditEvent) -> str | None:
        request = getattr(event, "request", None)
        if request is None:
            return None
        return self.keys.actor(request.tenant, request.api_key_id)

    async def _write_loop(self) -> None:
        while True:
            await self._wakeup.wait()
            self._wakeup.clear()
            while self._pending:
                if self._pipeline is not None:
                    await self._pipelined_round(self._pipeline)
                else:
                    await self._commit_batch()
                if self._since_checkpoint >= self._config.checkpoint_every_records:
                    await self._sign_logged()
            self._idle.set()

    async def _commit_batch(self) -> None:
        taken: list[_Waiting] = []

        def take() -> list[PendingRecord]:  # runs on the writer thread, with the lock held
            while len(taken) < MAX_BATCH and self._pending:
                taken.append(self._pending.popleft())
            return [PendingRecord(w.recorded_at, w.body) for w in taken]

        leaves: list[bytes] = []
        try:
            seqs = await self._run(self._writer.append_batch, take, leaves)
        except Exception as e:
            if not isinstance(e, AuditUnavailable):
                log.exception("audit batch failed unexpectedly")
                e = AuditUnavailable(f"audit record not committed: {type(e).__name__}")
            # Failed before taking anything (no connection, no lock): fail everyone waiting now,
            # rather than spin; later appends get a fresh attempt.
            failed = taken or [self._pending.popleft() for _ in range(len(self._pending))]
            log.error("audit batch of %d not committed: %s", len(failed), e)
            for w in failed:
                if not w.future.done():
                    w.future.set_exception(AuditUnavailable(str(e)))
            return
        self._settle(taken, seqs, leaves)

    async def _pipelined_round(self, pipeline: PipelinedAppends) -> None:
        """Commit what is waiting with batches overlapping; each append is answered as its own
        batch commits. A round is bounded so checkpoints are signed between rounds."""
        loop = asyncio.get_running_loop()

        def take(min_size: int) -> list[tuple[_Waiting, PendingRecord]]:  # on the writer thread
            batch: list[tuple[_Waiting, PendingRecord]] = []
            if len(self._pending) < min_size:
                return batch
            while len(batch) < MAX_BATCH and self._pending:
                w = self._pending.popleft()
                batch.append((w, PendingRecord(w.recorded_at, w.body)))
            return batch

        def done(items: list[_Waiting], seqs: list[int], leaves: list[bytes]) -> None:
            loop.call_soon_threadsafe(self._settle, items, seqs, leaves)

        def failed(items: list[_Waiting], error: Exception) -> None:
            log.error("audit batch of %d not committed: %s", len(items), error)
            loop.call_soon_threadsafe(self._refuse, items, error)

        budget = max(1, self._config.checkpoint_every_records - self._since_checkpoint)
        try:
            await self._run(pipeline.round, take, done, failed, budget)
        except Exception:
            log.exception("audit appends failed unexpectedly")  # what was in flight has been failed

    def _settle(self, items: list[_Waiting], seqs: list[int], leaves: list[bytes]) -> None:
        for w, seq, leaf in zip(items, seqs, leaves, strict=True):
            w.leaf = leaf
            if not w.future.done():
                w.future.set_result(seq)
        self._since_checkpoint += len(items)

    @staticmethod
    def _refuse(items: list[_Waiting], error: Exception) -> None:
        for w in items:
            if not w.future.done():
                w.future.set_exception(AuditUnavailable(str(error)))

    async def _checkpoint_timer(self) -> None:
        while True:
            await asyncio.sleep(self._config.checkpoint_every_s)
            if self._since_checkpoint:
                await self._sign_logged()

    async def _sign_logged(self) -> None:
        """Sign in the background: a failure is logged (and retried), never lost in a dead task."""
        try:
            await self._sign()
        except AuditUnavailable as e:
            log.error("checkpoint not signed: %s", e)
        except CheckpointRefused:
            pass  # _sign has marked the store broken and logged it
        except Exception:
            log.exception("checkpoint not signed: unexpected failure")

    async def _sign(self) -> CheckpointRow | None:
        pending, self._since_checkpoint = self._since_checkpoint, 0
        try:
            row = await self._run(self._sign_and_remember)
        except AuditUnavailable:
            self._since_checkpoint += max(pending, 1)  # so the timer tries again
            raise
        except CheckpointRefused as e:
            self._broken = f"audit log refuses to sign: {e}"
            log.critical("%s; no further records are accepted", self._broken)
            raise
        if row is not None and self.witnessing is not None:
            task = asyncio.create_task(self._witness(self.witnessing, row.note), name="audit-witnessing")
            self._witness_tasks.add(task)
            task.add_done_callback(self._witness_tasks.discard)
        return row

    @staticmethod
    async def _witness(witnessing: Witnessing, note: str) -> None:
        try:
            await witnessing.submit(note)
        except Exception:
            log.exception("checkpoint not witnessed: unexpected failure")

    def _sign_and_remember(self) -> CheckpointRow | None:
        try:
            remembered = self._remembered.load()
        except CheckpointError as e:
            raise CheckpointRefused(f"the last signed checkpoint kept outside the database: {e}") from None
        row = self._writer.sign_checkpoint(self.signer, self._config.log_origin, remembered)
        if row is not None:
            try:
                self._remembered.save(row.note)
            except OSError as e:
                # The database still holds it; only the protection against a rolled-back database weakens.
                log.error(
                    "cannot keep the last signed checkpoint in %s: %s", self._remembered.path, e.strerror
                )
        return row

    async def _run(self, fn: Callable[..., T], *args: Any) -> T:
        """Run blocking database work on the writer thread, in submission order."""
        return await asyncio.get_running_loop().run_in_executor(self._executor, fn, *args)


def _consume(future: asyncio.Future[int]) -> None:
    """Retrieve the outcome nobody waits for any more, so it is not reported as lost."""
    if not future.cancelled():
        future.exception()


def remembered_checkpoint_file(config: AuditConfig) -> Path:
    """Where the last signed checkpoint is kept outside the database.

    Beside a SQLite file; for PostgreSQL beside the pseudonym key directory, named after the
    database (host, port, name; not the credentials), so pointing the gateway at a new, empty
    database starts a new log instead of being refused as a rolled-back one.
    """
    if config.database_url.startswith("sqlite:///"):
        path = Path(config.database_url.removeprefix("sqlite:///"))
        return path.with_name(path.name + ".last-checkpoint")
    url = make_url(sqlalchemy_url(config.database_url))
    where = f"{url.host}:{url.port or 5432}/{url.database}"
    tag = hashlib.sha256(where.encode()).hexdigest()[:12]
    return config.pseudonym_key_dir.parent / f"sovgw-audit-{tag}.last-checkpoint"


def default_signing_key_file(config: AuditConfig) -> Path:
    """Where a generated signing key lives (its public ``.vkey`` beside it)."""
    if config.database_url.startswith("sqlite:///"):
        path = Path(config.database_url.removeprefix("sqlite:///"))
        return path.with_name(path.name + ".signing-key")
    return config.pseudonym_key_dir.parent / "sovgw-audit.signing-key"


async def open_audit_log(config: AuditConfig, *, run_migrations: bool = True) -> AuditStore:
    """Open (creating or migrating if needed) the log described by ``config`` and start its writer."""
    try:
        db = open_database(config.database_url, lock_timeout_s=config.lock_timeout_s)
    except (DatabaseUrlError, SQLAlchemyError, ValueError) as e:
        raise AuditStartupError(f"audit database: {e}") from None
    try:
        if run_migrations:
            await asyncio.to_thread(migrate, db)
        if not (config.signing_key or config.signing_key_file or config.allow_key_beside_database):
            raise AuditStartupError(NO_KEY)
        signer, created = load_or_create_signer(
            config.log_origin,
            config.signing_key,
            config.signing_key_file,
            default_signing_key_file(config),
        )
    except (MigrationError, CheckpointError, AuditStartupError) as e:
        db.dispose()
        raise AuditStartupError(str(e)) from None
    writer = LogWriter(db)
    try:
        announced = await asyncio.to_thread(writer.latest_key_id)
    except SQLAlchemyError as e:
        db.dispose()
        raise AuditStartupError(f"audit log cannot read its announced key: {describe(e)}") from None
    if announced is not None and announced != signer.key_id.hex():
        db.dispose()
        raise AuditStartupError(
            f"the signing key {signer.key_id.hex()} is not the one the log announced last ({announced}): "
            "announce a new key with `sovgw audit rotate-key --new-key-file PATH`, signed by the current one"
        )
    remembered = RememberedCheckpoint(remembered_checkpoint_file(config))
    store = AuditStore(db, writer, signer, PseudonymKeyStore(config.pseudonym_key_dir), config, remembered)
    if config.witnesses:
        try:
            witnesses = [(w.url, CosignatureVerifier.from_vkey(w.vkey)) for w in config.witnesses]
        except CheckpointError as e:
            db.dispose()
            raise AuditStartupError(f"audit witnesses: {e}") from None
        store.witnessing = Witnessing(
            witnesses,
            config.witness_quorum or len(witnesses),
            config.witness_timeout_s,
            store.consistency_proof,
            witnessed_file(remembered.path),
        )
    store.start()
    try:
        # Signing now proves the stored log extends what was signed before (a no-op if nothing is new);
        # a log rolled back behind its last checkpoint is refused here, before any request.
        await store.checkpoint()
    except (CheckpointRefused, AuditUnavailable) as e:
        await store.aclose()
        raise AuditStartupError(str(e)) from None
    try:
        if announced is None:  # the log's first key (or one written before keys were announced)
            await store.append(
                AdminEvent(
                    kind="key_rotation",
                    detail={
                        "key_name": signer.name,
                        "key_id": signer.key_id.hex(),
                        "vkey": signer.vkey(),
                        "generated": str(created).lower(),
                    },
                )
            )
    except (AuditUnavailable, SQLAlchemyError) as e:
        await store.aclose()
        raise AuditStartupError(f"audit log cannot record its signing key: {describe(e)}") from None
    return store
