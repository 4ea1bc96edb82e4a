"""The floor: the gateway's server setup and upstream client with no pipeline in between.

A Starlette app under the same uvicorn options (uvloop, httptools, one worker) that parses the
request's JSON, as any gateway must, and relays it to the node with the gateway's own client: no
authentication, classification, policy or audit. What it adds over the direct path is what the
stack costs before the gateway does any work of its own, so the full pipeline's figures read
against two baselines, the node and this.

    python -m bench.sidebyside.floor_proxy --port 8001 --upstream http://127.0.0.1:8000
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from gateway.forwarding.upstream import upstream_client
from gateway.server import uvicorn_options

_UPSTREAM_ENV = "FLOOR_UPSTREAM"


def create_app(upstream: str) -> Starlette:
    client = upstream_client()

    async def chat(request: Request) -> Response:
        try:
            body = json.loads(await request.body())
        except ValueError:
            return JSONResponse({"error": {"message": "body is not JSON"}}, status_code=400)
        outgoing = client.build_request("POST", upstream + "/v1/chat/completions", json=body)
        response = await client.send(outgoing, stream=True)
        if not body.get("stream"):
            content = await response.aread()
            await response.aclose()
            return Response(content, response.status_code, media_type="application/json")

        async def relay() -> AsyncIterator[bytes]:
            try:
                async for chunk in response.aiter_raw():
                    yield chunk
            finally:
                await response.aclose()

        return StreamingResponse(relay(), response.status_code, media_type="text/event-stream")

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        async with client:
            yield

    async def ready(_: Request) -> Response:
        return PlainTextResponse("ready")

    return Starlette(
        routes=[Route("/v1/chat/completions", chat, methods=["POST"]), Route("/ready", ready)],
        lifespan=lifespan,
    )


def app_from_env() -> Starlette:
    return create_app(os.environ[_UPSTREAM_ENV])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--upstream", required=True, help="the node's base URL")
    args = parser.parse_args()
    os.environ[_UPSTREAM_ENV] = args.upstream.rstrip("/")
    loop, http = uvicorn_options()
    uvicorn.run(
        "bench.sidebyside.floor_proxy:app_from_env",
        factory=True,
        host="127.0.0.1",
        port=args.port,
        log_level="warning",
        access_log=False,
        loop=loop,
        http=http,
    )


if __name__ == "__main__":
    main()
