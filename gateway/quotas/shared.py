"""Quota counters in Redis or Valkey, shared by every gateway replica and worker.

A request is one round trip: a Lua script reads the tenant's tokens of the day and increments its
requests of the minute, atomically, so replicas admitting at the same instant cannot both take the
last request. A charge is one more round trip after the answer (INCRBY and EXPIRE in a
transaction). Keys hold the tenant id and the window only, values are counts:
``sovgw:quota:{acme}:requests:29433600``. The braces keep a tenant's keys in one cluster slot.
Windows are read from this replica's clock: replicas keep time by NTP, and a few milliseconds at a
window's edge move a request by one window at most.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from typing import TypeVar

from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import RedisError

from gateway.quotas.windows import DAY_S, MINUTE_S, Limits, QuotaUnavailable, Refusal, refusal, window

log = logging.getLogger(__name__)
T = TypeVar("T")

# KEYS: this minute's request counter, today's token counter.
# ARGV: requests per minute, tokens per day (0: unlimited), seconds the minute's counter lives.
# Returns 0 (admitted), 1 (requests of the minute used up) or 2 (tokens of the day used up).
_ADMIT = """
local tokens_per_day = tonumber(ARGV[2])
if tokens_per_day > 0 and tonumber(redis.call('GET', KEYS[2]) or '0') >= tokens_per_day then
  return 2
end
local requests_per_minute = tonumber(ARGV[1])
if requests_per_minute > 0 then
  local n = redis.call('INCR', KEYS[1])
  if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[3]) end
  if n > requests_per_minute then return 1 end
end
return 0
"""
_KEPT_S = {MINUTE_S: 2 * MINUTE_S, DAY_S: 2 * DAY_S}  # a window's counter outlives it a little


class RedisQuotas:
    def __init__(self, url: str, timeout_s: float, prefix: str = "sovgw:quota") -> None:
        self._timeout_s = timeout_s
        self._prefix = prefix
        # One immediate retry: a pooled connection the server closed (a restart) is re-opened.
        self._redis = Redis.from_url(
            url,
            socket_timeout=timeout_s,
            socket_connect_timeout=timeout_s,
            retry=Retry(NoBackoff(), 1),
            health_check_interval=30,
        )
        self._admit = self._redis.register_script(_ADMIT)

    def key(self, tenant: str, counter: str, index: int) -> str:
        return f"{self._prefix}:{{{tenant}}}:{counter}:{index}"

    async def admit(self, tenant: str, limits: Limits, now: float) -> Refusal | None:
        keys = [
            self.key(tenant, "requests", window(now, MINUTE_S)),
            self.key(tenant, "tokens", window(now, DAY_S)),
        ]
        args = [limits.requests_per_minute or 0, limits.tokens_per_day or 0, _KEPT_S[MINUTE_S]]
        verdict = await self._bounded(self._admit(keys=keys, args=args), "admit")
        if verdict == 1:
            return refusal("requests", now)
        if verdict == 2:
            return refusal("tokens", now)
        return None

    async def charge(self, tenant: str, tokens: int, now: float) -> None:
        key = self.key(tenant, "tokens", window(now, DAY_S))
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incrby(key, tokens)
            pipe.expire(key, _KEPT_S[DAY_S])
            await self._bounded(pipe.execute(), "charge")

    async def ready(self) -> bool:
        try:
            await self._bounded(self._redis.ping(), "ping")
        except QuotaUnavailable:
            return False
        return True

    async def aclose(self) -> None:
        await self._redis.aclose()

    async def _bounded(self, call: Awaitable[T], what: str) -> T:
        try:
            async with asyncio.timeout(self._timeout_s):
                return await call
        except (RedisError, OSError, TimeoutError) as e:
            # The error's class only: a server's message may quote a key, and keys name tenants.
            raise QuotaUnavailable(f"quota store {what} failed ({type(e).__name__})") from None
