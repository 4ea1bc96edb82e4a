"""What every generation route shares: reading the body as axum's ``Json`` extractor does, the
``--api-key`` check, and TGI's response headers."""

from __future__ import annotations

import time
from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from nodesim import limits
from nodesim.errors import Rejection, TgiError
from nodesim.settings import SimSettings
from nodesim.shapes import parse_json

_JSON_TYPE = "application/json"


def authorized(request: Request, settings: SimSettings) -> bool:
    """TGI compares ``Bearer KEY`` case-insensitively; only POST generation routes are guarded."""
    if settings.api_key is None:
        return True
    given = request.headers.get("authorization")
    return given is not None and given.lower() == f"Bearer {settings.api_key}".lower()


async def read_json(request: Request, received: Callable[[str, bytes], None] | None = None) -> object:
    """Content type (415), size (413), syntax (400), in axum's order and words. ``received`` sees
    the raw body first (the simulator's record of what reached the node)."""
    mime = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if not (mime == _JSON_TYPE or (mime.startswith("application/") and mime.endswith("+json"))):
        raise Rejection(415, "Expected request with `Content-Type: application/json`")
    too_large = Rejection(413, "Failed to buffer the request body: length limit exceeded")
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limits.MAX_BODY_BYTES:
        raise too_large
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limits.MAX_BODY_BYTES:
            raise too_large
    if received is not None:
        received(request.url.path, bytes(body))
    return parse_json(bytes(body))


def unauthorized() -> Response:
    return Response(status_code=401)


def rejection_response(rejection: Rejection) -> Response:
    return PlainTextResponse(rejection.text, status_code=rejection.status)


def error_response(error: TgiError) -> Response:
    return Response(error.body(), status_code=error.status, media_type=_JSON_TYPE)


def json_response(body: str, headers: dict[str, str] | None = None) -> Response:
    return Response(body.encode(), media_type=_JSON_TYPE, headers=headers)


def stream_headers(characters: int) -> dict[str, str]:
    return {
        "x-compute-type": limits.COMPUTE_TYPE,
        "x-compute-characters": str(characters),
        "x-accel-buffering": "no",
    }


def timing_headers(
    started: float, admitted: float, characters: int, prompt_tokens: int, generated_tokens: int
) -> dict[str, str]:
    """``generate_internal``'s headers: times in integer milliseconds except x-compute-time (seconds)."""
    now = time.monotonic()
    total = now - started
    inference = now - admitted
    return {
        "x-compute-type": limits.COMPUTE_TYPE,
        "x-compute-time": format(total, "f"),
        "x-compute-characters": str(characters),
        "x-total-time": str(int(total * 1000)),
        "x-validation-time": str(int((admitted - started) * 1000)),
        "x-queue-time": "0",
        "x-inference-time": str(int(inference * 1000)),
        "x-time-per-token": str(int(inference * 1000 / max(generated_tokens, 1))),
        "x-prompt-tokens": str(prompt_tokens),
        "x-generated-tokens": str(generated_tokens),
    }
