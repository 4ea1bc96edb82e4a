"""The real openai SDK, pointed at the gateway, works as it would against OpenAI."""

from __future__ import annotations

import asyncio
import json

import httpx
import openai
import pytest

from tests.gateway.conftest import US_MODEL
from tests.support.cluster import MODEL, Cluster

EEA_NODES = {"lt-1", "de-1"}
MESSAGES = [{"role": "user", "content": "Say something about the Baltic sea."}]


def test_chat_completion(cluster: Cluster) -> None:
    raw = cluster.openai().chat.completions.with_raw_response.create(
        model=MODEL, messages=MESSAGES, max_tokens=8
    )
    completion = raw.parse()
    assert completion.id.startswith("chatcmpl-")  # TGI's empty id is replaced
    assert completion.choices[0].message.content
    assert completion.choices[0].finish_reason in {"stop", "length"}
    assert completion.usage is not None and completion.usage.completion_tokens > 0
    assert raw.headers["x-sovgw-node"] in EEA_NODES
    assert raw.headers["x-sovgw-transfer-basis"] == "intra-EEA"


def test_chat_stream_without_usage(cluster: Cluster) -> None:
    stream = cluster.openai().chat.completions.create(
        model=MODEL, messages=MESSAGES, max_tokens=6, stream=True
    )
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text
    assert all(c.usage is None for c in chunks)  # the usage we asked upstream for is not leaked
    assert all(c.choices for c in chunks)
    assert len({c.id for c in chunks}) == 1 and chunks[0].id.startswith("chatcmpl-")
    assert chunks[-1].choices[0].finish_reason in {"stop", "length"}


def test_chat_stream_with_include_usage(cluster: Cluster) -> None:
    stream = cluster.openai().chat.completions.create(
        model=MODEL, messages=MESSAGES, max_tokens=5, stream=True, stream_options={"include_usage": True}
    )
    chunks = list(stream)
    assert chunks[-1].choices == []
    assert chunks[-1].usage is not None and chunks[-1].usage.completion_tokens == 5


def test_completions_stream_and_not(cluster: Cluster) -> None:
    client = cluster.openai()
    done = client.completions.create(model=MODEL, prompt="Once upon a time", max_tokens=4)
    assert done.id.startswith("cmpl-") and done.choices[0].text
    chunks = list(
        client.completions.create(model=MODEL, prompt=["Once upon a time"], max_tokens=4, stream=True)
    )
    assert "".join(c.choices[0].text for c in chunks if c.choices)
    # TGI sends "" as the finish reason of unfinished chunks; OpenAI clients expect null.
    assert all(c.choices[0].finish_reason is None for c in chunks[:-1] if c.choices)


def test_async_client(cluster: Cluster) -> None:
    async def run() -> tuple[str, str]:
        client = cluster.async_openai()
        completion = await client.chat.completions.create(model=MODEL, messages=MESSAGES, max_tokens=4)
        stream = await client.chat.completions.create(
            model=MODEL, messages=MESSAGES, max_tokens=4, stream=True
        )
        streamed = "".join([c.choices[0].delta.content or "" async for c in stream if c.choices])
        await client.close()
        return completion.choices[0].message.content or "", streamed

    whole, streamed = asyncio.run(run())
    assert whole and streamed


def test_tool_calls_pass_through(cluster: Cluster) -> None:
    tools = [
        {
            "type": "function",
            "function": {
                "name": "get_weather",
                "description": "Weather for a city",
                "parameters": {
                    "type": "object",
                    "properties": {"city": {"type": "string"}},
                    "required": ["city"],
                },
            },
        }
    ]
    completion = cluster.openai().chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": "Weather in Riga?"}],
        tools=tools,
        tool_choice="required",
    )
    call = completion.choices[0].message.tool_calls[0]
    assert call.function.name == "get_weather"
    assert isinstance(json.loads(call.function.arguments), dict)  # arguments stay a JSON string


def test_models_list_shows_only_what_the_tenant_can_reach(cluster: Cluster) -> None:
    client = cluster.openai()
    assert [m.id for m in client.models.list()] == [MODEL]
    assert client.models.retrieve(MODEL).id == MODEL
    with pytest.raises(openai.NotFoundError):
        client.models.retrieve(US_MODEL)


def test_openai_stream_bytes_end_with_done(cluster: Cluster) -> None:
    body = {"model": MODEL, "messages": MESSAGES, "max_tokens": 3, "stream": True}
    with httpx.stream("POST", f"{cluster.url}/v1/chat/completions", json=body, headers=cluster.auth) as r:
        raw = r.read()
    assert r.headers["content-type"].startswith("text/event-stream")
    assert r.headers["cache-control"] == "no-cache"
    events = raw.split(b"\n\n")
    assert events[-1] == b""
    assert all(e.startswith(b"data: ") for e in events[:-1])
    assert events[-2] == b"data: [DONE]"


def test_errors_map_to_sdk_exceptions(cluster: Cluster) -> None:
    client = cluster.openai()
    with pytest.raises(openai.AuthenticationError):
        cluster.openai(api_key="sk-wrong").chat.completions.create(model=MODEL, messages=MESSAGES)
    with pytest.raises(openai.BadRequestError) as bad:
        client.chat.completions.create(model=MODEL, messages=[])
    assert bad.value.body["param"] == "messages"
    with pytest.raises(openai.NotFoundError):
        client.chat.completions.create(model="no/such-model", messages=MESSAGES)
    with pytest.raises(openai.PermissionDeniedError):
        client.chat.completions.create(
            model=MODEL, messages=MESSAGES, extra_headers={"x-sovgw-purpose": "marketing"}
        )
    with pytest.raises(openai.UnprocessableEntityError) as node_said:
        client.chat.completions.create(model=MODEL, messages=MESSAGES, temperature=-1)
    assert "temperature" in node_said.value.message


def test_policy_denial_is_451_with_reasons(cluster: Cluster) -> None:
    with pytest.raises(openai.APIStatusError) as denied:
        cluster.openai().chat.completions.create(
            model=US_MODEL, messages=[{"role": "user", "content": "Write to jonas.jonaitis@example.lt"}]
        )
    assert denied.value.status_code == 451
    assert denied.value.body["reasons"]
    assert denied.value.response.headers["x-should-retry"] == "false"
