"""Once a worker's event loop runs late, inference requests are shed at once in the client's protocol,
counted by reason; probes still pass, and admission resumes when the loop catches up."""

from __future__ import annotations

import asyncio
import time

import httpx
from prometheus_client import REGISTRY
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

from gateway.serving.admission import Admission, LoopLag


async def _ok(_request) -> JSONResponse:
    return JSONResponse({"ok": True})


def _app(max_loop_lag_s: float) -> Admission:
    inner = Starlette(
        routes=[
            Route("/v1/chat/completions", _ok, methods=["POST"]),
            Route("/generate", _ok, methods=["POST"]),
            Route("/health", _ok, methods=["GET"]),
        ]
    )
    return Admission(inner, max_in_flight=100, max_loop_lag_s=max_loop_lag_s)


def _shed(route: str, reason: str) -> float:
    return REGISTRY.get_sample_value("sovgw_requests_shed_total", {"route": route, "reason": reason}) or 0.0


def test_the_lag_is_how_late_a_due_timer_runs_and_it_falls_once_the_loop_is_free() -> None:
    async def main() -> tuple[float, float, float]:
        lag = LoopLag()
        lag.start()
        await asyncio.sleep(0.05)
        quiet = lag.lag_s
        time.sleep(0.2)  # noqa: ASYNC251 - a callback that holds the loop, the case measured
        await asyncio.sleep(0.001)  # the overdue tick runs first
        blocked = lag.lag_s
        await asyncio.sleep(LoopLag.INTERVAL_S * 20)
        lag.stop()
        return quiet, blocked, lag.lag_s

    quiet, blocked, recovered = asyncio.run(main())
    assert quiet < 0.05
    assert blocked > 0.15
    assert recovered < 0.05


def test_past_the_lag_limit_requests_get_503_with_retry_after_in_their_protocol_and_are_counted() -> None:
    app = _app(max_loop_lag_s=0.05)

    async def main() -> list[httpx.Response]:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://gw") as client:
            app.lag.start()
            admitted = await client.post("/v1/chat/completions", json={})
            app.lag.lag_s = 100.0  # as a loop blocked that long leaves it: it halves every 10 ms tick
            chat = await client.post("/v1/chat/completions", json={})
            tgi = await client.post("/generate", json={})
            health = await client.get("/health")
            app.lag.stop()
            return [admitted, chat, tgi, health]

    before = _shed("/v1/chat/completions", "loop_lag"), _shed("/generate", "loop_lag")
    admitted, chat, tgi, health = asyncio.run(main())
    assert admitted.status_code == 200
    assert chat.status_code == 503 and chat.headers["retry-after"] == "1"
    assert chat.json()["error"]["type"] == "service_unavailable"
    assert chat.json()["error"]["code"] == "overloaded"
    assert tgi.status_code == 503 and tgi.headers["retry-after"] == "1"
    assert tgi.json()["error_type"] == "unavailable"
    assert health.status_code == 200  # probes are never shed
    after = _shed("/v1/chat/completions", "loop_lag"), _shed("/generate", "loop_lag")
    assert (after[0] - before[0], after[1] - before[1]) == (1, 1)


def test_without_a_lag_limit_a_late_loop_sheds_nothing() -> None:
    app = _app(max_loop_lag_s=0.0)

    async def main() -> int:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://gw") as client:
            app.lag.lag_s = 10.0
            return (await client.post("/v1/chat/completions", json={})).status_code

    assert asyncio.run(main()) == 200
