"""TGI-native routes: /generate, /generate_stream and the compat route POST / .

The body is validated against TGI's own request shape, every string in it accounted for, and what
goes upstream is dumped from the validated model; answers come back byte for byte (only TGI nodes
serve these routes). Validation failures are 422s in TGI's words, as TGI answers them. The model
comes from the ``x-sovgw-model`` header (the native API has no model field), else the gateway's
default model.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import ValidationError

from domain.texts import FieldKind
from gateway.config import NodeProtocol
from gateway.errors import GatewayError, Unprocessable
from gateway.protocols.accounting import Accounted, Nested, Text, Texts, Token, UnknownFields, invalid
from gateway.protocols.request import InferenceRequest, Protocol

GENERATE_ROUTE = "/generate"
GENERATE_STREAM_ROUTE = "/generate_stream"
COMPAT_ROUTE = "/"
MODEL_HEADER = "x-sovgw-model"
_PREFIX = "Input validation error: "

Number = Annotated[float | None, Token()]
Count = Annotated[int | None, Token()]
Flag = Annotated[bool | None, Token()]


class Grammar(Accounted):
    type: Annotated[Literal["json", "regex", "json_schema"], Token()]
    value: Annotated[Any, Text(FieldKind.GRAMMAR)] = None


class Parameters(Accounted):
    """TGI 3.3's generation parameters."""

    best_of: Count = None
    decoder_input_details: Flag = None
    details: Flag = None
    do_sample: Flag = None
    frequency_penalty: Number = None
    grammar: Annotated[Grammar | None, Nested()] = None
    max_new_tokens: Count = None
    repetition_penalty: Number = None
    return_full_text: Flag = None
    seed: Count = None
    stop: Annotated[list[str] | None, Text(FieldKind.STOP_SEQUENCE)] = None
    temperature: Number = None
    top_k: Count = None
    top_n_tokens: Count = None
    top_p: Number = None
    truncate: Count = None
    typical_p: Number = None
    watermark: Flag = None
    adapter_id: Annotated[str | None, Text(FieldKind.ADAPTER_ID)] = None


class GenerateRequest(Accounted):
    inputs: Annotated[str, Text(FieldKind.TGI_INPUTS)]
    parameters: Annotated[Parameters | None, Nested()] = None
    stream: Flag = None  # the compat route's switch; TGI ignores it on the others


def _refuse(param: str, message: str) -> GatewayError:
    return Unprocessable(message if message.startswith(_PREFIX) else _PREFIX + message, param=param or None)


def parse_generate(
    body: dict[str, Any], route: str, model: str | None, unknown: UnknownFields = UnknownFields.CLASSIFY
) -> InferenceRequest:
    try:
        request = GenerateRequest.model_validate(body)
    except ValidationError as e:
        raise invalid(e, _refuse, _PREFIX) from None
    if not request.inputs:
        raise Unprocessable(f"{_PREFIX}`inputs` cannot be empty", param="inputs")
    texts = Texts(unknown, _refuse)
    texts.walk(request)
    stream = bool(request.stream) if route == COMPAT_ROUTE else route == GENERATE_STREAM_ROUTE
    return InferenceRequest(
        protocol=Protocol.TGI,
        route=route,
        model=model or None,
        stream=stream,
        texts=tuple(texts.items),
        upstream={NodeProtocol.TGI: (route, request.model_dump(exclude_unset=True))},
    )
