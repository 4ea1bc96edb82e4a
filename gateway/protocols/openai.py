"""OpenAI-compatible routes: /v1/chat/completions and /v1/completions.

Parameters the gateway does not need to understand pass through untouched. For TGI nodes the few
quirks in TGI's Messages API are normalised on the way up (string ``stop``, ``top_p`` of 1) and on
the way back (empty ``id``, TGI's finish reasons).
"""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

from domain.texts import FieldKind, TextItem
from gateway.config import LimitConfig, NodeProtocol
from gateway.errors import InvalidRequest
from gateway.protocols.request import InferenceRequest, Protocol

CHAT_ROUTE = "/v1/chat/completions"
COMPLETIONS_ROUTE = "/v1/completions"

_ROLE_KINDS = {
    "system": FieldKind.SYSTEM,
    "developer": FieldKind.SYSTEM,
    "user": FieldKind.USER,
    "assistant": FieldKind.ASSISTANT,
    "tool": FieldKind.TOOL_RESULT,
    "function": FieldKind.TOOL_RESULT,
}
# TGI reports why generation stopped in its own words; OpenAI clients know only these.
# What huggingface_hub's InferenceClient sends as the model for a bare base URL (by version).
_PLACEHOLDER_MODELS = frozenset({"tgi", "dummy"})
_FINISH_REASONS = {"eos_token": "stop", "stop_sequence": "stop", "length": "length", "": None}


def parse_chat(body: dict[str, Any], limits: LimitConfig) -> InferenceRequest:
    model = _model(body)
    stream = _stream(body)
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        raise InvalidRequest("`messages` must be a non-empty list of messages.", param="messages")
    if len(messages) > limits.max_messages:
        raise InvalidRequest(
            f"`messages` holds {len(messages)} messages; this gateway accepts at most {limits.max_messages}.",
            param="messages",
        )
    texts: list[TextItem] = []
    for i, message in enumerate(messages):
        texts.extend(_message_texts(message, f"messages[{i}]"))
    tools = body.get("tools")
    if tools is not None:
        if not isinstance(tools, list):
            raise InvalidRequest("`tools` must be a list.", param="tools")
        # Tool descriptions and schemas are text the node reads, so they are classified too.
        texts.extend(TextItem(FieldKind.TOOL_DEFINITION, json.dumps(t, ensure_ascii=False)) for t in tools)
    return InferenceRequest(
        protocol=Protocol.OPENAI,
        route=CHAT_ROUTE,
        model=model,
        stream=stream,
        texts=tuple(texts),
        upstream=_upstream(body, CHAT_ROUTE, stream),
        include_usage=_include_usage(body),
    )


def parse_completion(body: dict[str, Any], limits: LimitConfig) -> InferenceRequest:
    model = _model(body)
    stream = _stream(body)
    prompt = body.get("prompt")
    if isinstance(prompt, str):
        prompts = [prompt]
    elif isinstance(prompt, list) and prompt and all(isinstance(p, str) for p in prompt):
        prompts = prompt
    else:
        # Token-id prompts cannot be classified without the node's tokenizer, so they are refused.
        raise InvalidRequest("`prompt` must be a string or a non-empty list of strings.", param="prompt")
    if len(prompts) > limits.max_messages:
        raise InvalidRequest(f"`prompt` holds more than {limits.max_messages} prompts.", param="prompt")
    return InferenceRequest(
        protocol=Protocol.OPENAI,
        route=COMPLETIONS_ROUTE,
        model=model,
        stream=stream,
        texts=tuple(TextItem(FieldKind.COMPLETION_PROMPT, p) for p in prompts),
        upstream=_upstream(body, COMPLETIONS_ROUTE, stream),
        include_usage=_include_usage(body),
    )


def _model(body: dict[str, Any]) -> str | None:
    model = body.get("model")
    if model is None or model in _PLACEHOLDER_MODELS:
        return None
    if not isinstance(model, str) or not model:
        raise InvalidRequest("`model` must be a non-empty string.", param="model")
    return model


def _stream(body: dict[str, Any]) -> bool:
    stream = body.get("stream", False)
    if stream is None:
        return False
    if not isinstance(stream, bool):
        raise InvalidRequest("`stream` must be a boolean.", param="stream")
    return stream


def _include_usage(body: dict[str, Any]) -> bool:
    options = body.get("stream_options")
    if options is None:
        return False
    if not isinstance(options, dict):
        raise InvalidRequest("`stream_options` must be an object.", param="stream_options")
    return bool(options.get("include_usage"))


def _message_texts(message: Any, where: str) -> list[TextItem]:
    if not isinstance(message, dict):
        raise InvalidRequest(f"`{where}` must be an object.", param=where)
    role = message.get("role")
    kind = _ROLE_KINDS.get(role) if isinstance(role, str) else None
    if kind is None:
        raise InvalidRequest(
            f"`{where}.role` must be one of {', '.join(sorted(_ROLE_KINDS))}.", param=f"{where}.role"
        )
    texts = [TextItem(kind, t) for t in _content_texts(message.get("content"), f"{where}.content")]
    tool_calls = message.get("tool_calls") or []
    if not isinstance(tool_calls, list):
        raise InvalidRequest(f"`{where}.tool_calls` must be a list.", param=f"{where}.tool_calls")
    for j, call in enumerate(tool_calls):
        function = call.get("function") if isinstance(call, dict) else None
        if not isinstance(function, dict):
            raise InvalidRequest(f"`{where}.tool_calls[{j}].function` must be an object.")
        arguments = function.get("arguments")
        if arguments is not None:
            text = arguments if isinstance(arguments, str) else json.dumps(arguments, ensure_ascii=False)
            texts.append(TextItem(FieldKind.TOOL_CALL_ARGUMENTS, text))
    return texts


def _content_texts(content: Any, where: str) -> list[str]:
    if content is None or isinstance(content, str):
        return [content] if content else []
    if not isinstance(content, list):
        raise InvalidRequest(f"`{where}` must be a string or a list of content parts.", param=where)
    texts = []
    for k, part in enumerate(content):
        if not isinstance(part, dict) or part.get("type") != "text" or not isinstance(part.get("text"), str):
            # Images and audio cannot be classified here; forwarding them unclassified would fail open.
            raise InvalidRequest(
                f"`{where}[{k}]`: only text content parts are accepted by this gateway.",
                param=f"{where}[{k}]",
            )
        texts.append(part["text"])
    return texts


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
