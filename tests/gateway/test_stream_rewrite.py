"""What an OpenAI-route client receives for each chunk a TGI node streams: the chunk the node sent,
with the gateway's completion id, mapped finish reasons and the null usage dropped unless asked for."""

from __future__ import annotations

import json
from typing import Any

import pytest

from gateway.protocols.openai import CHAT_ROUTE
from gateway.protocols.openai_stream import OpenAIStream
from gateway.protocols.request import InferenceRequest, Protocol
from gateway.protocols.usage import Usage


def _stream(include_usage: bool) -> OpenAIStream:
    request = InferenceRequest(Protocol.OPENAI, CHAT_ROUTE, "m", True, (), {}, include_usage=include_usage)
    return OpenAIStream(request, Usage())


def _chunk(delta: dict[str, Any], finish: str | None = None, created: int = 1795943088) -> dict[str, Any]:
    return {
        "object": "chat.completion.chunk",
        "id": "",
        "created": created,
        "model": "m",
        "system_fingerprint": "3.3.6-native",
        "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}],
        "usage": None,
    }


def _event(payload: dict[str, Any]) -> bytes:
    # serde's layout: compact, non-ASCII as is
    return b"data: " + json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode() + b"\n\n"


def _received(stream: OpenAIStream, payload: dict[str, Any]) -> list[tuple[str, Any]]:
    out = stream(_event(payload))
    assert out.startswith(b"data: ") and out.endswith(b"}\n\n")
    return list(json.loads(out[6:]).items())  # key order as sent


TRICKY_CONTENT = [
    "plain",
    'quoted "id":"" and ,"usage":null} inside',
    "error",
    '"finish_reason":"eos_token" as text',
    "ūnicode ą ž — 🚢\n\ttabs\\backslash",
]


@pytest.mark.parametrize("content", TRICKY_CONTENT)
@pytest.mark.parametrize("include_usage", [False, True])
def test_a_token_chunk_gets_the_completion_id_and_keeps_everything_else(
    content: str, include_usage: bool
) -> None:
    stream = _stream(include_usage)
    payload = _chunk({"role": "assistant", "content": content})
    expected = dict(payload, id=stream._id)
    if not include_usage:
        del expected["usage"]
    assert _received(stream, payload) == list(expected.items())
    assert _received(stream, payload)[1] == ("id", stream._id)  # the same id on every chunk


def test_a_tool_call_keeps_its_own_empty_id() -> None:
    stream = _stream(False)
    call = {"index": 0, "id": "", "type": "function", "function": {"name": "f", "arguments": ""}}
    received = dict(_received(stream, _chunk({"tool_calls": [call]})))
    assert received["id"] == stream._id
    assert received["choices"][0]["delta"]["tool_calls"] == [call]


@pytest.mark.parametrize(
    ("node", "client"), [("eos_token", "stop"), ("stop_sequence", "stop"), ("length", "length")]
)
def test_finish_reasons_are_mapped(node: str, client: str) -> None:
    received = dict(_received(_stream(False), _chunk({"content": "."}, finish=node)))
    assert received["choices"][0]["finish_reason"] == client and "usage" not in received


def test_a_chunk_without_a_creation_time_gets_one() -> None:
    assert dict(_received(_stream(False), _chunk({"content": "x"}, created=0)))["created"] > 0


def test_the_usage_chunk_reaches_only_a_client_that_asked_and_is_recorded_either_way() -> None:
    usage_chunk = dict(
        _chunk({}), choices=[], usage={"prompt_tokens": 2, "completion_tokens": 5, "total_tokens": 7}
    )
    quiet = _stream(False)
    assert quiet(_event(usage_chunk)) == b""
    assert quiet._usage.completion_tokens == 5
    asked = _stream(True)
    assert json.loads(asked(_event(usage_chunk))[6:])["usage"]["completion_tokens"] == 5
