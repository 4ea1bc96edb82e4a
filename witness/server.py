"""The witness over HTTP: ``POST /add-checkpoint`` as C2SP tlog-witness specifies it."""

from __future__ import annotations

import asyncio

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from witness.state import StateError
from witness.witness import Refused, Witness

MAX_BODY = 64 * 1024  # a checkpoint and a proof of up to 64 hashes fit many times over


def build_app(witness: Witness) -> Starlette:
    async def add_checkpoint(request: Request) -> Response:
        body = await request.body()
        if len(body) > MAX_BODY:
            return PlainTextResponse("request too large\n", status_code=413)
        try:
            # the state file is fsynced before answering: off the event loop
            cosignature = await asyncio.to_thread(witness.add_checkpoint, body)
        except Refused as e:
            if e.known_size is not None:
                return Response(f"{e.known_size}\n", 409, media_type="text/x.tlog.size")
            return PlainTextResponse(e.message + "\n", status_code=e.status)
        except StateError:
            return PlainTextResponse("the witness cannot record its state\n", status_code=500)
        return PlainTextResponse(cosignature)

    async def vkey(request: Request) -> Response:
        return PlainTextResponse(witness.vkey() + "\n")

    return Starlette(
        routes=[
            Route("/add-checkpoint", add_checkpoint, methods=["POST"]),
            Route("/vkey", vkey, methods=["GET"]),
        ]
    )
