"""TGI-native routes: /generate, /generate_stream and the compat route POST / .

Bodies go upstream unchanged and answers come back byte for byte: only TGI nodes serve these routes.
The model comes from the ``x-sovgw-model`` header (the native API has no model field), else the
gateway's default model.
"""

from __future__ import annotations

from typing import Any

from domain.texts import FieldKind, TextItem
from gateway.config import NodeProtocol
from gateway.errors import Unprocessable
from gateway.protocols.request import InferenceRequest, Protocol

GENERATE_ROUTE = "/generate"
GENERATE_STREAM_ROUTE = "/generate_stream"
COMPAT_ROUTE = "/"
MODEL_HEADER = "x-sovgw-model"


def parse_generate(body: dict[str, Any], route: str, model: str | None) -> InferenceRequest:
    inputs = body.get("inputs")
    if not isinstance(inputs, str):
        raise Unprocessable("Input validation error: `inputs` must be a string", param="inputs")
    if not inputs:
        raise Unprocessable("Input validation error: `inputs` cannot be empty", param="inputs")
    parameters = body.get("parameters")
    if parameters is not None and not isinstance(parameters, dict):
        raise Unprocessable("Input validation error: `parameters` must be an object", param="parameters")
    if route == COMPAT_ROUTE:
        stream = body.get("stream", False)
        if not isinstance(stream, bool):
            raise Unprocessable("Input validation error: `stream` must be a boolean", param="stream")
    else:
        stream = route == GENERATE_STREAM_ROUTE
    texts = [TextItem(FieldKind.TGI_INPUTS, inputs)]
    grammar = (parameters or {}).get("grammar")
    if grammar is not None:
        texts.append(TextItem(FieldKind.OTHER, str(grammar)))
    return InferenceRequest(
        protocol=Protocol.TGI,
        route=route,
        model=model or None,
        stream=stream,
        texts=tuple(texts),
        upstream={NodeProtocol.TGI: (route, body)},
    )
