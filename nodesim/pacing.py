"""When tokens are due: ``latency_ms`` before the first, ``1 / tokens_per_second`` between the rest."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

from nodesim.errors import SimulatedCrash, TgiError
from nodesim.settings import SimSettings
from nodesim.sse import Pacer
from nodesim.state import SimState


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


class StreamSteps:
    """The token steps of one stream, in time, with the failures a test or the fail rate injects.

    Iterating yields each step's index when it is due, or bytes to send as they are: keep-alive
    comments while waiting, and an injected failure's in-band events, after which iteration ends with
    ``failed`` set. The crash hook drops the connection (``SimulatedCrash``) at its step, or after
    the last one.
    """

    def __init__(
        self,
        state: SimState,
        schedule: Schedule,
        count: int,
        crash_after: int | None,
        failure_events: Callable[[TgiError], tuple[bytes, ...]],
    ) -> None:
        self._state = state
        self._schedule = schedule
        self._count = count
        self._crash_after = crash_after
        self._failure_events = failure_events
        self.failed = False

    async def __aiter__(self) -> AsyncIterator[int | bytes]:
        state = self._state
        fail_at = state.failure_point(self._count) if state.draw_failure() else None
        pacer = Pacer(state.settings.keep_alive_seconds)
        for index in range(self._count):
            delay = self._schedule.before(index)
            if delay:
                async for ping in pacer.wait(delay):
                    yield ping
            if index == self._crash_after:
                raise SimulatedCrash
            if index == fail_at:
                failure = TgiError.generation("simulated node failure")
                state.count_failure(failure)
                self.failed = True
                for out in self._failure_events(failure):
                    yield out
                return
            yield index
            pacer.sent()
        if self._crash_after is not None:
            raise SimulatedCrash
