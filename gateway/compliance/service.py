"""What the compliance API and console share: a read-only view of the trail, tokens, and the log.

Reads go through their own read-only connections (never the writer's), off the event loop. Every
authenticated use of a token is recorded in the log before anything is read: if the record cannot
be committed, nothing is shown (fail closed, as for inference).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from anyio import to_thread
from cachetools import TTLCache

from audit.checkpoint import CheckpointError, NoteVerifier
from audit.database import Database, open_database
from audit.query.counts import DailyCountCache
from audit.query.integrity import TrailStatus, trail_status
from gateway.compliance.tokens import TokenInfo, TokenRejected, TokenStore, access_event
from gateway.config import GatewayConfig

log = logging.getLogger("sovgw.compliance")
T = TypeVar("T")


class ComplianceService:
    STATUS_TTL_S = 5.0

    def __init__(self, config: GatewayConfig, audit: Callable[[], Any]) -> None:
        """``audit`` returns the running ``AuditStore`` (it exists only once the app has started)."""
        self.config = config
        self._audit = audit
        self._reader: Database | None = None
        self._lock = threading.Lock()
        self.counts = DailyCountCache()
        # The trail's quick verification, shared by page views for a few seconds: it reads O(log n)
        # hashes per checkpoint, and every console page shows it. Used on the event loop only.
        self._status: TTLCache[str, TrailStatus] = TTLCache(maxsize=1, ttl=self.STATUS_TTL_S)

    @property
    def audit(self) -> Any:
        return self._audit()

    def reader(self) -> Database:
        with self._lock:
            if self._reader is None:
                # The token table must exist before a read-only connection can look in it.
                writer = open_database(self.config.audit.database_url)
                try:
                    TokenStore(writer).ensure_schema()
                finally:
                    writer.dispose()
                self._reader = open_database(self.config.audit.database_url, writer=False, pool_size=4)
            return self._reader

    def trusted_keys(self) -> list[NoteVerifier]:
        """The log's own signing key and any keys configured as trusted (earlier, rotated keys)."""
        keys = [NoteVerifier.from_vkey(self.audit.signer.vkey())]
        for vkey in self.config.compliance.trusted_keys:
            try:
                keys.append(NoteVerifier.from_vkey(vkey))
            except CheckpointError as e:
                log.error("a configured trusted key is unusable: %s", e)
        return keys

    async def read(self, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn(conn, *args)`` on a read-only connection in a worker thread."""

        def run() -> T:
            with self.reader().engine.connect() as conn:
                return fn(conn, *args)

        return await to_thread.run_sync(run)

    async def status(self) -> TrailStatus:
        """The trail's quick verification, at most ``STATUS_TTL_S`` old."""
        found = self._status.get("status")
        if found is None:
            found = await self.read(trail_status, self.trusted_keys())
            self._status["status"] = found
        return found

    async def authenticate(self, token: str, action: str) -> TokenInfo:
        """What the token grants, after recording its use. ``TokenRejected`` if it grants nothing."""
        store = TokenStore(self.reader())
        try:
            info = await to_thread.run_sync(store.authenticate, token)
        except TokenRejected as e:
            if e.token_id is not None:  # a real token, revoked or expired: worth a record
                await self.audit.append(access_event(e.token_id, action, result="refused", reason=str(e)))
            raise
        await self.audit.append(access_event(info.token_id, action, role=info.role.value, result="allowed"))
        return info

    def dispose(self) -> None:
        with self._lock:
            if self._reader is not None:
                self._reader.dispose()
                self._reader = None
