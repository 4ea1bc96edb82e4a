"""The fixed windows quotas count in (a UTC minute, a UTC day), the refusal a full window gives, and
the one interface every counter store implements."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal
from typing import Protocol as Interface

MINUTE_S = 60
DAY_S = 86_400


@dataclass(frozen=True, slots=True)
class Limits:
    """One tenant's contract; None is unlimited."""

    requests_per_minute: int | None
    tokens_per_day: int | None


@dataclass(frozen=True, slots=True)
class Refusal:
    """Which limit is reached, and in how many whole seconds its window ends."""

    limit: Literal["requests", "tokens"]
    retry_after: int


class QuotaUnavailable(Exception):
    """The counter store cannot answer: nothing may be admitted on a guess."""


class QuotaStore(Interface):
    """Counters per tenant and window. ``admit`` counts one request and says whether it may go;
    ``charge`` adds the tokens a node reported once its answer has gone."""

    async def admit(self, tenant: str, limits: Limits, now: float) -> Refusal | None: ...

    async def charge(self, tenant: str, tokens: int, now: float) -> None: ...

    async def ready(self) -> bool: ...

    async def aclose(self) -> None: ...


def window(now: float, length_s: int) -> int:
    """The index of the window of ``length_s`` seconds (aligned on the epoch) holding ``now``."""
    return int(now // length_s)


def seconds_left(now: float, length_s: int) -> int:
    """Whole seconds until the window holding ``now`` ends, at least 1 (a ``retry-after`` value)."""
    return max(1, math.ceil((window(now, length_s) + 1) * length_s - now))


def refusal(limit: Literal["requests", "tokens"], now: float) -> Refusal:
    return Refusal(limit, seconds_left(now, MINUTE_S if limit == "requests" else DAY_S))
