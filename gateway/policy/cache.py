"""The decision cache: a backend's evaluations by canonical input, for one policy revision at a time."""

from __future__ import annotations

import asyncio
import hashlib
from typing import Any

import rfc8785
from cachetools import TTLCache

from gateway.policy import metrics
from gateway.policy.backend import Backend, Evaluation


def cache_key(inp: dict[str, Any]) -> str:
    """SHA-256 of the input's canonical JSON (RFC 8785): key order and number formatting do not count."""
    return hashlib.sha256(rfc8785.dumps(inp)).hexdigest()


class DecisionCache:
    """Evaluations in front of one backend: least recently used out first, none older than ``max_age_s``.

    Every entry belongs to one policy revision: when the backend reports a new one the whole cache
    is dropped, so no decision outlives the policy that made it. Only the evaluation is reused (each
    answer is still a new decision with its own id), and failures are never kept.

    Requests that miss on an input while it is being evaluated wait for that one evaluation (and
    count as hits) instead of queueing their own: a burst of identical requests on a cold cache
    would otherwise line up behind one another in the backend until they all time out, and as
    failures are not cached, the next burst would do the same.

    The policy reads today's date (adequacy decisions start and expire on dates), so an entry made
    just before midnight UTC on such a date may be served after it, for at most ``max_age_s``.
    """

    def __init__(self, backend: Backend, *, max_entries: int = 4096, max_age_s: float = 300.0) -> None:
        if max_entries < 1:
            raise ValueError("max_entries must be at least 1")
        self._backend = backend
        self._entries: TTLCache[str, Evaluation] = TTLCache(maxsize=max_entries, ttl=max_age_s)
        self._in_flight: dict[str, asyncio.Future[Evaluation]] = {}
        self._revision = ""
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def hit_rate(self) -> float:
        total = self.hits + self.misses
        return self.hits / total if total else 0.0

    async def evaluate(self, inp: dict[str, Any]) -> tuple[Evaluation, bool]:
        """The evaluation of ``inp``, and whether the cache answered it (a hit)."""
        await self._backend.check_for_changes()
        self._follow_revision(self._backend.revision)
        key = cache_key(inp)
        evaluation = self._entries.get(key)
        if evaluation is not None:
            self._count(hit=True)
            return evaluation, True
        evaluation, shared = await self._evaluate_once(key, inp)  # failures propagate, uncached
        if not shared:
            self._follow_revision(evaluation.revision)
            self._entries[key] = evaluation
        return evaluation, shared

    def clear(self) -> None:
        self._entries.clear()

    def _count(self, hit: bool) -> None:
        if hit:
            self.hits += 1
            metrics.CACHE_HITS.labels(self._backend.name).inc()
        else:
            self.misses += 1
            metrics.CACHE_MISSES.labels(self._backend.name).inc()

    async def _evaluate_once(self, key: str, inp: dict[str, Any]) -> tuple[Evaluation, bool]:
        """The backend's evaluation of ``inp``, and whether it was another request's (a hit)."""
        while (pending := self._in_flight.get(key)) is not None:
            try:
                evaluation = await asyncio.shield(pending)
            except asyncio.CancelledError:
                if not pending.cancelled():
                    raise  # this request was cancelled
                continue  # the evaluating request was cancelled (its client left): evaluate anew
            self._count(hit=True)
            return evaluation, True
        self._count(hit=False)
        future: asyncio.Future[Evaluation] = asyncio.get_running_loop().create_future()
        self._in_flight[key] = future
        try:
            evaluation = await self._backend.evaluate(inp)
        except asyncio.CancelledError:
            future.cancel()
            raise
        except Exception as e:
            future.set_exception(e)
            future.exception()  # retrieved: no "never retrieved" warning when no one else waited
            raise
        finally:
            del self._in_flight[key]
        future.set_result(evaluation)
        return evaluation, False

    def _follow_revision(self, revision: str) -> None:
        if revision == self._revision:
            return
        if self._entries:
            metrics.CACHE_INVALIDATIONS.labels(self._backend.name).inc()
        self._entries.clear()
        self._revision = revision
