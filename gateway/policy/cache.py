"""A decision cache in front of either engine.

Keyed by the SHA-256 of the input's canonical JSON (RFC 8785), so two inputs that differ only in
key order or number formatting share an entry. Every entry belongs to one policy revision: when
the engine reports a new revision the whole cache is dropped, so no decision ever outlives the
policy that made it. Each answer is a new decision with its own decision_id; only the policy's
result is reused. Bounded LRU; hits and misses are counted for metrics and the benchmark.

Requests that miss on the same input while it is being evaluated wait for that one evaluation
(and count as hits) instead of queueing their own: a burst of identical requests on a cold cache
would otherwise line up behind one another in the engine until they all time out, and as failures
are not cached, the next burst would do the same.

One caveat: the policy reads today's date (adequacy decisions start and expire on dates), so an
entry made just before midnight UTC on such a date may be served after it; entries are also
dropped after ``max_age_s``.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections import OrderedDict
from typing import Any

import rfc8785

from domain.policy import PolicyDecision, PolicyInput
from gateway.policy import metrics
from gateway.policy.engine import Evaluation, PolicyEngine, record_decision


def cache_key(inp: dict[str, Any]) -> str:
    return hashlib.sha256(rfc8785.dumps(inp)).hexdigest()


class CachedPolicyEngine:
    def __init__(self, engine: PolicyEngine, *, max_entries: int = 4096, max_age_s: float = 300.0) -> None:
        if max_entries < 1:
            raise ValueError("max_entries must be at least 1")
        self.engine = engine
        self.name = engine.name
        self._max_entries = max_entries
        self._max_age_s = max_age_s
        self._entries: OrderedDict[str, tuple[float, Evaluation]] = OrderedDict()
        self._in_flight: dict[str, asyncio.Future[Evaluation]] = {}
        self._revision = ""
        self.hits = 0
        self.misses = 0

    @property
    def revision(self) -> str:
        return self.engine.revision

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def hit_rate(self) -> float:
        total = self.hits + self.misses
        return self.hits / total if total else 0.0

    async def decide(self, inp: PolicyInput) -> PolicyDecision:
        started = time.perf_counter()
        await self.engine.check_for_changes()
        self._follow_revision(self.engine.revision)
        as_json = inp.model_dump(mode="json")
        key = cache_key(as_json)
        now = time.monotonic()
        entry = self._entries.get(key)
        if entry is not None and now - entry[0] < self._max_age_s:
            self._entries.move_to_end(key)
            self._count(hit=True)
            evaluation, hit = entry[1], True
        else:
            evaluation, hit = await self._evaluate_once(key, as_json)  # failures propagate, uncached
        if not hit:
            self._follow_revision(evaluation.revision)
            self._entries[key] = (time.monotonic(), evaluation)
            self._entries.move_to_end(key)
            while len(self._entries) > self._max_entries:
                self._entries.popitem(last=False)
        decision = record_decision(evaluation.decision())
        result = "hit" if hit else "miss"
        metrics.DECISION_SECONDS.labels(self.name, result).observe(time.perf_counter() - started)
        return decision

    def _count(self, hit: bool) -> None:
        if hit:
            self.hits += 1
            metrics.CACHE_HITS.labels(self.name).inc()
        else:
            self.misses += 1
            metrics.CACHE_MISSES.labels(self.name).inc()

    async def _evaluate_once(self, key: str, as_json: dict[str, Any]) -> tuple[Evaluation, bool]:
        """The evaluation of ``as_json``, and whether it was another request's (a hit)."""
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
            evaluation = await self.engine.evaluate(as_json)
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
            metrics.CACHE_INVALIDATIONS.labels(self.name).inc()
        self._entries.clear()
        self._revision = revision

    async def evaluate(self, inp: dict[str, Any]) -> Evaluation:
        return await self.engine.evaluate(inp)  # explain and differential runs always ask the engine

    async def check_for_changes(self) -> None:
        await self.engine.check_for_changes()

    async def ready(self) -> bool:
        return await self.engine.ready()

    async def aclose(self) -> None:
        self._entries.clear()
        await self.engine.aclose()
