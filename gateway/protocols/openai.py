"""OpenAI-compatible routes: /v1/chat/completions and /v1/completions.

Each request is validated against its shape (``openai_models``), every string in it accounted for
(``accounting``), and what goes upstream is dumped from the validated model. For TGI nodes the few
quirks in TGI's Messages API are normalised on the way up (string ``stop``, ``top_p`` of 1) and on
the way back (empty ``id``, TGI's finish reasons).
"""

from __future__ import annotations

import time
import uuid
from typing import Any, TypeVar

from pydantic import ValidationError

from gateway.config import LimitConfig, NodeProtocol
from gateway.errors import GatewayError, InvalidRequest
from gateway.protocols.accounting import Texts, UnknownFields, invalid, seams
from gateway.protocols.openai_models import ChatRequest, CompletionRequest, Sampling
from gateway.protocols.request import InferenceRequest, Protocol

CHAT_ROUTE = "/v1/chat/completions"
COMPLETIONS_ROUTE = "/v1/completions"

# What huggingface_hub's InferenceClient sends as the model for a bare base URL (by version).
_PLACEHOLDER_MODELS = frozenset({"tgi", "dummy"})
# TGI reports why generation stopped in its own words; OpenAI clients know only these.
_FINISH_REASONS = {"eos_token": "stop", "stop_sequence": "stop", "length": "length", "": None}
_Shape = TypeVar("_Shape", bound=Sampling)


def _refuse(param: str, message: str) -> GatewayError:
    return InvalidRequest(message, param=param or None)


def parse_chat(
    body: dict[str, Any], limits: LimitConfig, unknown: UnknownFields = UnknownFields.CLASSIFY
) -> InferenceRequest:
    chat = _validated(ChatRequest, body)
    if len(chat.messages) > limits.max_messages:
        raise InvalidRequest(
            f"`messages` holds {len(chat.messages)} messages; "
            f"this gateway accepts at most {limits.max_messages}.",
            param="messages",
        )
    texts = Texts(unknown, _refuse)
    texts.walk(chat)
    # Joins the model reads across content parts and from one message to the next; the texts
    # themselves are classified (and cached) one by one.
    visible = [t for message in chat.messages for t in message.visible if t]
    texts.items.extend(seams(visible))
    return _request(chat, texts, CHAT_ROUTE)


def parse_completion(
    body: dict[str, Any], limits: LimitConfig, unknown: UnknownFields = UnknownFields.CLASSIFY
) -> InferenceRequest:
    completion = _validated(CompletionRequest, body)
    prompts = [completion.prompt] if isinstance(completion.prompt, str) else completion.prompt
    if not prompts:
        raise InvalidRequest("`prompt` must be a string or a non-empty list of strings.", param="prompt")
    if len(prompts) > limits.max_messages:
        raise InvalidRequest(f"`prompt` holds more than {limits.max_messages} prompts.", param="prompt")
    texts = Texts(unknown, _refuse)
    texts.walk(completion)
    return _request(completion, texts, COMPLETIONS_ROUTE)


def _validated(shape: type[_Shape], body: dict[str, Any]) -> _Shape:
    try:
        return shape.model_validate(body)
    except ValidationError as e:
        raise invalid(e, _refuse) from None


def _request(parsed: Sampling, texts: Texts, route: str) -> InferenceRequest:
    stream = bool(parsed.stream)
    # What goes upstream is the validated model, unknown keys only as they were accounted for.
    body = parsed.model_dump(exclude_unset=True)
    return InferenceRequest(
        protocol=Protocol.OPENAI,
        route=route,
        model=None if parsed.model in _PLACEHOLDER_MODELS else parsed.model,
        stream=stream,
        texts=tuple(texts.items),
        upstream=_upstream(body, route, stream),
        include_usage=bool(parsed.stream_options and parsed.stream_options.include_usage),
    )


def _upstream(
    body: dict[str, Any], route: str, stream: bool
) -> dict[NodeProtocol, tuple[str, dict[str, Any]]]:
    plain = dict(body)
    if stream:
        # Always ask for the usage chunk so the completion record has token counts; it is dropped
        # again for clients that did not ask for it.
        plain["stream_options"] = {**(body.get("stream_options") or {}), "include_usage": True}
    tgi = dict(plain)
    if isinstance(tgi.get("stop"), str):
        tgi["stop"] = [tgi["stop"]]
    top_p = tgi.get("top_p")
    if isinstance(top_p, int | float) and top_p >= 1:
        del tgi["top_p"]  # TGI rejects 1.0, which means "no nucleus sampling" to OpenAI clients
    return {NodeProtocol.TGI: (route, tgi), NodeProtocol.OPENAI: (route, plain)}


def completion_id(route: str) -> str:
    prefix = "chatcmpl" if route == CHAT_ROUTE else "cmpl"
    return f"{prefix}-{uuid.uuid4().hex}"


def normalise_response(payload: dict[str, Any], response_id: str) -> dict[str, Any]:
    """Fix TGI's empty ``id`` and its finish reasons in a completion or a stream chunk (in place)."""
    if not payload.get("id"):
        payload["id"] = response_id
    if not payload.get("created"):
        payload["created"] = int(time.time())
    for choice in payload.get("choices") or ():
        if isinstance(choice, dict) and "finish_reason" in choice:
            reason = choice["finish_reason"]
            choice["finish_reason"] = _FINISH_REASONS.get(reason, reason)
    return payload


def stream_error(message: str, status: int, error_type: str) -> dict[str, Any]:
    """An in-band error event the openai SDK raises as ``APIError``."""
    return {
        "error": {
            "message": message,
            "type": error_type,
            "param": None,
            "code": None,
            "http_status_code": status,
        }
    }
