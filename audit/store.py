"""The audit log the gateway writes through: group commit, a writer thread, signed checkpoints.

``append`` queues the event and waits for its batch (``audit.group_commit``): every append waiting
is committed in one transaction (one fsync), and only then are sequence numbers handed out. If that
commit fails, every append in the batch raises ``AuditUnavailable`` and the gateway forwards nothing.
Checkpoints are signed every ``checkpoint_every_records`` records, every ``checkpoint_every_s``
seconds if anything new was appended, on ``checkpoint()`` (exports) and on close.

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
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy.exc import SQLAlchemyError

from audit import canonical, tree_store
from audit.checkpoint import CheckpointError, NoteSigner, RememberedCheckpoint, load_or_create_signer
from audit.config import NO_KEY, AuditConfig
from audit.cosignature import CosignatureVerifier
from audit.database import Database, DatabaseUrlError, open_database
from audit.group_commit import GroupCommit
from audit.key_files import default_signing_key_file, remembered_checkpoint_file
from audit.log import AuditUnavailable
from audit.migrations import MigrationError, migrate
from audit.pg_pipeline import CommitStats, PipelinedAppends
from audit.promise import PromiseSigner
from audit.proofs import InclusionEvidence, inclusion_evidence
from audit.pseudonyms import PseudonymKeyError, PseudonymKeyStore
from audit.records import CheckpointRow
from audit.witnessing import Witnessing, witnessed_file
from audit.writer import CheckpointRefused, LogWriter, describe
from domain.events import AdminEvent, AuditEvent

log = logging.getLogger("sovgw.audit")

T = TypeVar("T")
__all__ = [
    "AuditStartupError",
    "AuditStore",
    "default_signing_key_file",
    "open_audit_log",
    "remembered_checkpoint_file",
]


class AuditStartupError(Exception):
    """The log cannot start: bad URL, schema, or keys. The gateway must not serve."""


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
        self._broken: str | None = None  # set when a signed checkpoint would be contradicted
        self._closed = False
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
        # Appends queue here and commit in batches (SQLite on the writer thread, PostgreSQL overlapping).
        self._group = GroupCommit(
            writer,
            self._pipeline,
            self._run,
            config.commit_timeout_s,
            config.checkpoint_every_records,
            self._sign_logged,
        )

    def start(self) -> None:
        self._group.start()
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
        return await self._group.commit(recorded_at, canonical.event_body(event, actor))

    @property
    def commit_stats(self) -> CommitStats | None:
        """Records per commit and commit round trips of overlapping batches (PostgreSQL only)."""
        return self._pipeline.stats if self._pipeline is not None else None

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
        self._group.wake()
        timeout = self._config.commit_timeout_s
        hung = False
        try:
            await asyncio.wait_for(self._group.drained(), timeout)  # every waiting append is answered
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
            self._group.cancel()
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

    async def _checkpoint_timer(self) -> None:
        while True:
            await asyncio.sleep(self._config.checkpoint_every_s)
            if self._group.since_checkpoint:
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
        pending, self._group.since_checkpoint = self._group.since_checkpoint, 0
        try:
            row = await self._run(self._sign_and_remember)
        except AuditUnavailable:
            self._group.since_checkpoint += max(pending, 1)  # so the timer tries again
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
