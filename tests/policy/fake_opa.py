"""A stand-in OPA that answers the decision query badly on purpose (slow, undefined, malformed)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from gateway.policy.source import default_rego_dir, load_policy_source, reference_of


@dataclass
class FakeOpa:
    url: str
    peers: set[tuple[str, int]]  # client addresses that asked for decisions: one per connection


@asynccontextmanager
async def fake_opa(
    decision: Any = None, *, delay_s: float = 0.0, raw_body: bytes | None = None
) -> AsyncIterator[FakeOpa]:
    """Serve the shipped policy texts and reference data on /v1/policies and /v1/data/sovgw/reference
    like a real server, so that only the decision itself misbehaves."""
    source = load_policy_source(default_rego_dir())
    peers: set[tuple[str, int]] = set()
    policies = [{"id": name, "raw": text} for name, text in source.modules.items()]

    async def list_policies(_: web.Request) -> web.Response:
        return web.json_response({"result": policies})

    async def reference(_: web.Request) -> web.Response:
        return web.json_response({"result": reference_of(source.data)})

    async def decide(request: web.Request) -> web.Response:
        if request.transport is not None:
            peers.add(request.transport.get_extra_info("peername"))
        await asyncio.sleep(delay_s)
        if raw_body is not None:
            return web.Response(body=raw_body, content_type="application/json")
        return web.json_response({} if decision is None else {"result": decision})

    app = web.Application()
    app.router.add_get("/v1/policies", list_policies)
    app.router.add_get("/v1/data/sovgw/reference", reference)
    app.router.add_post("/v1/data/sovgw/residency/decision", decide)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield FakeOpa(f"http://127.0.0.1:{port}", peers)
    finally:
        await runner.cleanup()
