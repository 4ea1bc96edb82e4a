"""Reading a request's JSON body: its media type, its size limit, and its parse."""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request

from gateway.errors import InvalidRequest, PayloadTooLarge, UnsupportedMediaType


async def read_json(request: Request, limit: int) -> dict[str, Any]:
    content_type = request.headers.get("content-type", "")
    if content_type.split(";")[0].strip().lower() != "application/json":
        raise UnsupportedMediaType("Expected a JSON body (content-type: application/json).")
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise PayloadTooLarge(f"The body exceeds this gateway's limit of {limit} bytes.")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise PayloadTooLarge(f"The body exceeds this gateway's limit of {limit} bytes.")
    try:
        parsed = json.loads(body)
    except ValueError:
        raise InvalidRequest("The body is not valid JSON.") from None
    if not isinstance(parsed, dict):
        raise InvalidRequest("The body must be a JSON object.")
    return parsed
