"""Errors in the client's protocol: OpenAI's ``{"error": {...}}`` or TGI's ``{"error", "error_type"}``."""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse

from gateway.errors import GatewayError
from gateway.protocols.request import Protocol


def error_body(error: GatewayError, protocol: Protocol) -> dict[str, Any]:
    if protocol is Protocol.OPENAI:
        shaped = {
            "message": error.message,
            "type": error.openai_type,
            "param": error.param,
            "code": error.code,
        }
        return {"error": {**shaped, **error.details}}
    return {"error": error.message, "error_type": error.tgi_type, **error.details}


def error_response(error: GatewayError, protocol: Protocol) -> JSONResponse:
    return JSONResponse(error_body(error, protocol), status_code=error.status, headers=error.headers)
