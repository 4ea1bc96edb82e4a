"""When tokens are due: ``latency_ms`` before the first, ``1 / tokens_per_second`` between the rest."""

from __future__ import annotations

import asyncio

from gateway.nodesim.settings import SimSettings


class Schedule:
    def __init__(self, settings: SimSettings) -> None:
        self.first = settings.latency_ms / 1000
        self.between = 1 / settings.tokens_per_second if settings.tokens_per_second > 0 else 0.0

    @property
    def paced(self) -> bool:
        return self.first > 0 or self.between > 0

    def before(self, index: int) -> float:
        """Seconds to wait before token ``index`` of a stream."""
        return self.first if index == 0 else self.between

    def total(self, tokens: int) -> float:
        return self.first + self.between * max(tokens - 1, 0)

    async def sleep_total(self, tokens: int) -> None:
        delay = self.total(tokens)
        if delay > 0:
            await asyncio.sleep(delay)
