"""The admission bound: past a worker's limit of inference requests in flight, a 503 at once.

Queueing without limit turns overload into latency for everyone (at 64 connections on one worker,
a p99 five times the p50); answering the surplus at once, with ``retry-after``, keeps the admitted
requests fast and tells clients and load balancers to go elsewhere or come back. A shed request is
answered before its body is read: nothing of it is classified, recorded or forwarded.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from gateway import metrics
from gateway.errors import ServiceUnavailable
from gateway.protocols.errors import error_response
from gateway.protocols.request import Protocol
from gateway.protocols.routes import REQUEST_SHAPES

RETRY_AFTER_S = 1


class Admission:
    """ASGI middleware counting the inference requests in flight (probes, metrics and the audit API
    are never shed: a load balancer must still see the worker)."""

    def __init__(self, app: ASGIApp, max_in_flight: int) -> None:
        self.app = app
        self.max_in_flight = max_in_flight
        self.in_flight = 0
        self._routes = {
            route: Protocol.OPENAI if route.startswith("/v1/") else Protocol.TGI for route in REQUEST_SHAPES
        }

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        protocol = self._routes.get(scope["path"]) if scope["type"] == "http" else None
        if protocol is None:
            await self.app(scope, receive, send)
        elif self.in_flight >= self.max_in_flight:
            await self._shed(scope, receive, send, protocol)
        else:
            self.in_flight += 1
            try:
                await self.app(scope, receive, send)
            finally:
                self.in_flight -= 1

    async def _shed(self, scope: Scope, receive: Receive, send: Send, protocol: Protocol) -> None:
        route = scope["path"]
        metrics.SHED.labels(route=route).inc()
        metrics.REQUESTS.labels(route=route, status="503").inc()
        error = ServiceUnavailable(
            "This gateway worker is at its limit of requests in flight; retry shortly.",
            retry_after=RETRY_AFTER_S,
            code="overloaded",
        )
        await error_response(error, protocol)(scope, receive, send)
