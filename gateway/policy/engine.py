"""The policy engine the pipeline asks: one decision step over a backend, through the cache when set."""

from __future__ import annotations

import time
from typing import Any

from domain.policy import PolicyDecision, PolicyInput
from gateway.policy import metrics
from gateway.policy.backend import Backend, Evaluation
from gateway.policy.cache import DecisionCache


class PolicyEngine:
    """Decisions from ``backend`` (embedded or an OPA server), with a decision cache of ``cache_size``
    entries unless it is 0. A failure raises :class:`~gateway.policy.errors.PolicyEngineError`."""

    def __init__(self, backend: Backend, *, cache_size: int = 0, cache_max_age_s: float = 300.0) -> None:
        self.backend = backend
        self.name = backend.name
        self.cache = (
            DecisionCache(backend, max_entries=cache_size, max_age_s=cache_max_age_s) if cache_size else None
        )

    @property
    def revision(self) -> str:
        """The revision of the policy and data the next decision will use ("" before the first load)."""
        return self.backend.revision

    async def decide(self, inp: PolicyInput) -> PolicyDecision:
        started = time.perf_counter()
        as_json = inp.model_dump(mode="json")
        if self.cache is None:
            evaluation, cache = await self.backend.evaluate(as_json), "off"
        else:
            evaluation, hit = await self.cache.evaluate(as_json)
            cache = "hit" if hit else "miss"
        decision = evaluation.decision()
        metrics.DECISIONS.labels(decision.engine, "allow" if decision.allow else "deny").inc()
        metrics.DECISION_SECONDS.labels(self.name, cache).observe(time.perf_counter() - started)
        return decision

    async def evaluate(self, inp: dict[str, Any]) -> Evaluation:
        """The backend's answer for an input in JSON form, never from the cache (explain, tests)."""
        return await self.backend.evaluate(inp)

    async def refresh(self) -> bool:
        """Look for a new policy revision now; True when it changed."""
        return await self.backend.refresh()

    async def ready(self) -> bool:
        return await self.backend.ready()

    async def aclose(self) -> None:
        if self.cache is not None:
            self.cache.clear()
        await self.backend.aclose()
