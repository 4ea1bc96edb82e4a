"""The trail as C2SP tlog-tiles for monitors: `/checkpoint`, `/tile/<L>/<N>`, `/tile/entries/<N>`.

Public and read-only, like a static file server: full tiles never change and are cached for a year;
partial tiles and the checkpoint for a few seconds. The checkpoint served is the latest one the
witness quorum cosigned when witnesses are configured, else the latest signed one.
"""

from __future__ import annotations

from sqlalchemy import Connection
from sqlalchemy.exc import SQLAlchemyError
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from audit import tiles, tree_store
from gateway.compliance.service import ComplianceService

IMMUTABLE = "public, max-age=31536000, immutable"
FRESH = "public, max-age=5"


def _latest_size(conn: Connection) -> int:
    latest = tree_store.latest_checkpoint(conn)
    return latest.size if latest else 0


def tile_routes(service: ComplianceService) -> list[BaseRoute]:
    async def checkpoint(request: Request) -> Response:
        witnessing = getattr(service.audit, "witnessing", None)
        note = witnessing.latest.note if witnessing is not None and witnessing.latest else None
        if witnessing is None:
            try:
                latest = await service.read(tree_store.latest_checkpoint)
            except SQLAlchemyError:
                return PlainTextResponse("the trail cannot be read\n", 503)
            note = latest.note if latest else None
        if note is None:
            return PlainTextResponse("no published checkpoint yet\n", 404, headers={"Cache-Control": FRESH})
        return PlainTextResponse(note, headers={"Cache-Control": FRESH})

    async def tile(request: Request) -> Response:
        try:
            wanted = tiles.parse_path(request.path_params["path"])
        except tiles.TileNotFound as e:
            return PlainTextResponse(f"{e}\n", 404)

        def read(conn: Connection) -> bytes:
            return tiles.read_tile(conn, wanted, _latest_size(conn))

        try:
            data = await service.read(read)
        except tiles.TileNotFound as e:
            return PlainTextResponse(f"{e}\n", 404, headers={"Cache-Control": FRESH})
        except (SQLAlchemyError, tree_store.MissingNodeError):
            return PlainTextResponse("the trail cannot be read\n", 503)
        cache = IMMUTABLE if wanted.full else FRESH
        return Response(data, media_type="application/octet-stream", headers={"Cache-Control": cache})

    return [
        Route("/checkpoint", checkpoint, methods=["GET"]),
        Route("/tile/{path:path}", tile, methods=["GET"]),
    ]
