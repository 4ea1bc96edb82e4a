"""What every generation route shares: reading the body as axum's ``Json`` extractor does, the
``--api-key`` check, TGI's response headers, and ``Reply``: a whole answer either server can write
(Starlette as a ``Response``, the fast path in ``nodesim.fastpath`` as bytes)."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response

from nodesim import limits
from nodesim.errors import Rejection, TgiError
from nodesim.settings import SimSettings
from nodesim.shapes import parse_json

_JSON_TYPE = "application/json"
_TOO_LARGE = (413, "Failed to buffer the request body: length limit exceeded")


@dataclass(frozen=True, slots=True)
class Reply:
    """A whole answer: what a route hands to Starlette as a ``Response``, or the fast path writes."""

    status: int
    body: bytes = b""
    media_type: str | None = None
    headers: dict[str, str] | None = None

    def raw_headers(self) -> list[tuple[bytes, bytes]]:
        """The headers as Starlette's ``Response`` sends them: the route's own, then
        content-length, then content-type (text types with their charset)."""
        out = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in (self.headers or {}).items()]
        if not (self.status < 200 or self.status in (204, 304)):
            out.append((b"content-length", b"%d" % len(self.body)))
        if self.media_type is not None:
            charset = "; charset=utf-8" if self.media_type.startswith("text/") else ""
            out.append((b"content-type", (self.media_type + charset).encode("latin-1")))
        return out


def response(reply: Reply) -> Response:
    return Response(reply.body, reply.status, reply.headers, reply.media_type)


def authorized(headers: Mapping[str, str], settings: SimSettings) -> bool:
    """TGI compares ``Bearer KEY`` case-insensitively; only POST generation routes are guarded."""
    if settings.api_key is None:
        return True
    given = headers.get("authorization")
    return given is not None and given.lower() == f"Bearer {settings.api_key}".lower()


def check_head(headers: Mapping[str, str]) -> None:
    """Before the body is read, in axum's order: the content type (415), a declared size over the
    limit (413)."""
    mime = headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if not (mime == _JSON_TYPE or (mime.startswith("application/") and mime.endswith("+json"))):
        raise Rejection(415, "Expected request with `Content-Type: application/json`")
    declared = headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limits.MAX_BODY_BYTES:
        raise Rejection(*_TOO_LARGE)


def refusal(headers: Mapping[str, str], settings: SimSettings) -> Reply | None:
    """A generation route's answer before its body is read: the key (401), then ``check_head``."""
    if not authorized(headers, settings):
        return UNAUTHORIZED
    try:
        check_head(headers)
    except Rejection as rejection:
        return rejected(rejection)
    return None


async def read_body(request: Request) -> bytes:
    """The body, refused (413) as soon as it outgrows the limit."""
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limits.MAX_BODY_BYTES:
            raise Rejection(*_TOO_LARGE)
    return bytes(body)


async def read_json(request: Request, received: Callable[[str, bytes], None] | None = None) -> object:
    """Content type (415), size (413), syntax (400), in axum's order and words. ``received`` sees
    the raw body first (the simulator's record of what reached the node)."""
    check_head(request.headers)
    body = await read_body(request)
    if received is not None:
        received(request.url.path, body)
    return parse_json(body)


UNAUTHORIZED = Reply(401)


def rejected(rejection: Rejection) -> Reply:
    return Reply(rejection.status, rejection.text.encode(), "text/plain")


def failed(error: TgiError) -> Reply:
    return Reply(error.status, error.body(), _JSON_TYPE)


def json_reply(body: str, headers: dict[str, str] | None = None) -> Reply:
    return Reply(200, body.encode(), _JSON_TYPE, headers)


def unauthorized() -> Response:
    return response(UNAUTHORIZED)


def rejection_response(rejection: Rejection) -> Response:
    return response(rejected(rejection))


def error_response(error: TgiError) -> Response:
    return response(failed(error))


def json_response(body: str, headers: dict[str, str] | None = None) -> Response:
    return response(json_reply(body, headers))


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
