"""Quota counters in this process's memory: for one gateway process with one worker.

Each worker process holds its own counters, so several workers (or replicas) would each allow the
whole limit: ``sovgw serve`` refuses more than one worker with this store and a tenant's quota
(use ``quotas.backend: redis``). One event loop runs every request of a worker, so a check is one
dict lookup and an increment with no lock.
"""

from __future__ import annotations

from gateway.quotas.windows import DAY_S, MINUTE_S, Limits, Refusal, refusal, window


class MemoryQuotas:
    def __init__(self) -> None:
        self._requests: dict[str, list[int]] = {}  # tenant -> [minute, requests in it]
        self._tokens: dict[str, list[int]] = {}  # tenant -> [day, tokens used in it]

    async def admit(self, tenant: str, limits: Limits, now: float) -> Refusal | None:
        if limits.tokens_per_day is not None:
            used = self._tokens.get(tenant)
            if used is not None and used[0] == window(now, DAY_S) and used[1] >= limits.tokens_per_day:
                return refusal("tokens", now)
        if limits.requests_per_minute is not None:
            minute = window(now, MINUTE_S)
            counted = self._requests.get(tenant)
            if counted is None or counted[0] != minute:
                counted = self._requests[tenant] = [minute, 0]
            counted[1] += 1
            if counted[1] > limits.requests_per_minute:
                return refusal("requests", now)
        return None

    async def charge(self, tenant: str, tokens: int, now: float) -> None:
        day = window(now, DAY_S)
        used = self._tokens.get(tenant)
        if used is None or used[0] != day:
            used = self._tokens[tenant] = [day, 0]
        used[1] += tokens

    async def ready(self) -> bool:
        return True

    async def aclose(self) -> None:
        return None
