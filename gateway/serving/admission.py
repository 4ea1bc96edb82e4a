"""The admission bound: past a worker's limit of requests in flight, or once its event loop runs
late, an inference request gets a 503 at once.

Queueing without limit turns overload into latency for everyone (at 64 connections on one worker,
a p99 five times the p50); answering the surplus at once, with ``retry-after``, keeps the admitted
requests fast and tells clients and load balancers to go elsewhere or come back. A shed request is
answered before its body is read: nothing of it is classified, recorded or forwarded.

A count alone does not know what a request costs, so the worker also watches its event loop: a
timer asks to run every ``LoopLag.INTERVAL_S`` and measures how late it runs, which is how long any
ready callback (a request's next step) waits. Past ``max_loop_lag_s`` new requests are shed until
the loop catches up.
"""

from __future__ import annotations

import asyncio

from starlette.types import ASGIApp, Receive, Scope, Send

from gateway import metrics
from gateway.errors import ServiceUnavailable
from gateway.protocols.errors import error_response
from gateway.protocols.request import Protocol
from gateway.protocols.routes import REQUEST_SHAPES

RETRY_AFTER_S = 1
RELEASE = "sovgw.admission.release"  # the scope key of an admitted request's release


def answered(scope: Scope) -> None:
    """The app's word that a request's whole answer has gone: it no longer counts as in flight."""
    release = scope.get(RELEASE)
    if release is not None:
        release()


class LoopLag:
    """How late this event loop runs a callback that is due: measured by a timer of its own."""

    INTERVAL_S = 0.01
    DECAY = 0.5  # per tick: a late tick raises the figure at once, on-time ticks lower it by half

    def __init__(self) -> None:
        self.lag_s = 0.0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._due = 0.0
        self._timer: asyncio.TimerHandle | None = None

    def start(self) -> None:
        """Start measuring on the running loop (again after a restart of the loop)."""
        loop = asyncio.get_running_loop()
        if self._loop is loop and self._timer is not None:
            return
        self._loop = loop
        self._schedule(loop.time())

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _schedule(self, now: float) -> None:
        assert self._loop is not None
        self._due = now + self.INTERVAL_S
        self._timer = self._loop.call_at(self._due, self._tick)

    def _tick(self) -> None:
        assert self._loop is not None
        now = self._loop.time()
        late = max(0.0, now - self._due)
        self.lag_s = late if late > self.lag_s else self.lag_s * self.DECAY + late * (1 - self.DECAY)
        self._schedule(now)


class Admission:
    """ASGI middleware counting the inference requests in flight and watching the loop's lag (probes,
    metrics and the audit API are never shed: a load balancer must still see the worker)."""

    def __init__(self, app: ASGIApp, max_in_flight: int, max_loop_lag_s: float = 0.0) -> None:
        self.app = app
        self.max_in_flight = max_in_flight
        self.max_loop_lag_s = max_loop_lag_s  # 0: the count alone
        self.lag = LoopLag()
        self.in_flight = 0
        self._routes = {
            route: Protocol.OPENAI if route.startswith("/v1/") else Protocol.TGI for route in REQUEST_SHAPES
        }

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        protocol = self._routes.get(scope["path"]) if scope["type"] == "http" else None
        if protocol is None:
            await self.app(scope, receive, send)
        elif self.in_flight >= self.max_in_flight:
            await self._shed(scope, receive, send, protocol, "in_flight")
        elif self.max_loop_lag_s and self._late():
            await self._shed(scope, receive, send, protocol, "loop_lag")
        else:
            await self._admitted(scope, receive, send)

    async def _admitted(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.in_flight += 1
        held = True

        def release() -> None:
            nonlocal held
            if held:
                held = False
                self.in_flight -= 1

        # The app frees the place once a whole answer has gone (``answered``): the work after it (a
        # completion record) keeps no client waiting, and counting it would shed a client that sends
        # its next request the moment it has its answer. A callback, not a wrapped ``send``: a
        # stream's every chunk would pay for the wrapper.
        scope[RELEASE] = release
        try:
            await self.app(scope, receive, send)
        finally:
            release()

    def _late(self) -> bool:
        self.lag.start()  # a no-op once running: the first request starts it on the server's loop
        return self.lag.lag_s > self.max_loop_lag_s

    async def _shed(
        self, scope: Scope, receive: Receive, send: Send, protocol: Protocol, reason: str
    ) -> None:
        route = scope["path"]
        metrics.SHED.labels(route=route, reason=reason).inc()
        metrics.REQUESTS.labels(route=route, status="503").inc()
        error = ServiceUnavailable(
            "This gateway worker is at its limit of work in flight; retry shortly.",
            retry_after=RETRY_AFTER_S,
            code="overloaded",
        )
        await error_response(error, protocol)(scope, receive, send)
