"""The OpenAI-style routes of a TGI node: chat completions and completions."""

from __future__ import annotations

import json

from tests.nodesim.conftest import sse_events

CHAT = "/v1/chat/completions"
USER = [{"role": "user", "content": "Describe a river in one line"}]


def _payloads(content: bytes) -> list[dict]:
    events = sse_events(content)
    assert events[-1] == b"data: [DONE]"
    assert content.count(b"[DONE]") == 1
    return [json.loads(e[len(b"data: ") :]) for e in events[:-1]]


def test_chat_completion_has_tgi_shape(client):
    r = client.post(CHAT, json={"model": "tgi", "messages": USER, "max_tokens": 5})
    assert r.status_code == 200
    body = r.json()
    assert list(body) == ["object", "id", "created", "model", "system_fingerprint", "choices", "usage"]
    assert body["object"] == "chat.completion"
    assert body["id"] == ""
    assert body["model"] == "sim/test-7b"
    assert body["system_fingerprint"] == "3.3.6-native"
    choice = body["choices"][0]
    assert choice["message"]["role"] == "assistant"
    assert choice["logprobs"] is None
    assert choice["finish_reason"] == "length"
    assert body["usage"] == {"prompt_tokens": 7, "completion_tokens": 5, "total_tokens": 12}
    assert r.headers["x-generated-tokens"] == "5"


def test_chat_without_max_tokens_finishes_with_stop(client):
    body = client.post(CHAT, json={"messages": USER}).json()
    assert body["choices"][0]["finish_reason"] == "stop"
    assert body["choices"][0]["message"]["content"][0].isupper()


def test_chat_stream_chunks_then_exactly_one_done(client):
    r = client.post(CHAT, json={"messages": USER, "max_tokens": 4, "stream": True})
    assert r.headers["content-type"] == "text/event-stream"
    chunks = _payloads(r.content)
    assert len(chunks) == 4
    for chunk in chunks:
        assert chunk["object"] == "chat.completion.chunk"
        assert chunk["id"] == ""
        assert chunk["usage"] is None
        assert chunk["choices"][0]["delta"]["role"] == "assistant"
    assert [c["choices"][0]["finish_reason"] for c in chunks] == [None, None, None, "length"]
    text = "".join(c["choices"][0]["delta"]["content"] for c in chunks)
    assert (
        text
        == client.post(CHAT, json={"messages": USER, "max_tokens": 4}).json()["choices"][0]["message"][
            "content"
        ]
    )


def test_chat_stream_ending_on_eos_sends_an_empty_delta_with_stop(client):
    chunks = _payloads(client.post(CHAT, json={"messages": USER, "stream": True}).content)
    last = chunks[-1]["choices"][0]
    assert last["delta"] == {"role": "assistant", "content": ""}
    assert last["finish_reason"] == "stop"


def test_chat_stream_usage_chunk_when_asked(client):
    r = client.post(
        CHAT,
        json={"messages": USER, "max_tokens": 3, "stream": True, "stream_options": {"include_usage": True}},
    )
    chunks = _payloads(r.content)
    assert chunks[-1]["choices"] == []
    assert chunks[-1]["usage"] == {"prompt_tokens": 7, "completion_tokens": 3, "total_tokens": 10}
    assert chunks[-2]["choices"][0]["finish_reason"] == "length"


def test_chat_logprobs(client):
    body = client.post(CHAT, json={"messages": USER, "max_tokens": 3, "logprobs": True}).json()
    content = body["choices"][0]["logprobs"]["content"]
    assert len(content) == 3
    assert "".join(item["token"] for item in content) == body["choices"][0]["message"]["content"]
    assert all(item["logprob"] <= 0 and item["top_logprobs"] == [] for item in content)
    stream = _payloads(
        client.post(CHAT, json={"messages": USER, "max_tokens": 2, "logprobs": True, "stream": True}).content
    )
    assert all(len(c["choices"][0]["logprobs"]["content"]) == 1 for c in stream)


def test_chat_stop_sequence_finishes_with_stop(client):
    text = client.post(CHAT, json={"messages": USER, "max_tokens": 20}).json()["choices"][0]["message"][
        "content"
    ]
    word = text.split()[3].strip(".,")
    body = client.post(CHAT, json={"messages": USER, "max_tokens": 20, "stop": [word]}).json()
    assert body["choices"][0]["finish_reason"] == "stop"
    assert body["choices"][0]["message"]["content"].endswith(word)


WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Weather for a place",
        "parameters": {
            "type": "object",
            "properties": {
                "location": {"type": "string"},
                "days": {"type": "integer"},
                "unit": {"enum": ["c", "f"]},
            },
            "required": ["location"],
        },
    },
}


def test_tool_call_arguments_are_a_json_string(client):
    body = client.post(CHAT, json={"messages": USER, "tools": [WEATHER_TOOL], "tool_choice": "auto"}).json()
    message = body["choices"][0]["message"]
    assert "content" not in message
    call = message["tool_calls"][0]
    assert call["id"] == "0" and call["type"] == "function"
    assert call["function"]["name"] == "get_weather"
    arguments = json.loads(call["function"]["arguments"])
    assert set(arguments) == {"location", "days", "unit"}
    assert isinstance(arguments["days"], int) and arguments["unit"] in ("c", "f")


def test_tool_call_stream_names_the_function_first_then_streams_arguments(client):
    chunks = _payloads(
        client.post(CHAT, json={"messages": USER, "tools": [WEATHER_TOOL], "stream": True}).content
    )
    calls = [c["choices"][0]["delta"]["tool_calls"][0] for c in chunks]
    assert calls[0]["function"]["name"] == "get_weather"
    assert all(call["function"]["name"] is None for call in calls[1:])
    arguments = "".join(call["function"]["arguments"] for call in calls)
    assert set(json.loads(arguments)) == {"location", "days", "unit"}
    assert chunks[-1]["choices"][0]["finish_reason"] == "stop"


def test_tool_choice_none_answers_in_text_and_unknown_tool_is_an_error(client):
    text = client.post(CHAT, json={"messages": USER, "tools": [WEATHER_TOOL], "tool_choice": "none"}).json()
    assert isinstance(text["choices"][0]["message"]["content"], str)
    missing = client.post(
        CHAT,
        json={
            "messages": USER,
            "tools": [WEATHER_TOOL],
            "tool_choice": {"type": "function", "function": {"name": "x"}},
        },
    )
    assert missing.status_code == 422
    assert missing.json()["error_type"] == "tool_error"


def test_response_format_yields_json_matching_the_schema(client):
    schema = {
        "properties": {"title": {"type": "string"}, "score": {"type": "number"}, "tags": {"type": "array"}}
    }
    body = client.post(
        CHAT, json={"messages": USER, "response_format": {"type": "json", "value": schema}}
    ).json()
    answer = json.loads(body["choices"][0]["message"]["content"])
    assert set(answer) == {"title", "score", "tags"}
    assert isinstance(answer["tags"], list)


def test_chat_seed_makes_answers_reproducible(client):
    def answer(seed: int) -> str:
        body = client.post(CHAT, json={"messages": USER, "max_tokens": 10, "seed": seed}).json()
        return body["choices"][0]["message"]["content"]

    assert answer(3) == answer(3) != answer(4)


def test_multimodal_content_parts_are_read_as_text(client):
    parts = [{"type": "text", "text": "Describe"}, {"type": "image_url", "image_url": {"url": "data:,"}}]
    r = client.post(CHAT, json={"messages": [{"role": "user", "content": parts}], "max_tokens": 2})
    assert r.status_code == 200
    assert r.json()["usage"]["prompt_tokens"] == 2


def test_completions_non_stream(client):
    r = client.post("/v1/completions", json={"model": "tgi", "prompt": "Once upon a time", "max_tokens": 4})
    body = r.json()
    assert body["object"] == "text_completion"
    assert body["choices"][0]["finish_reason"] == "length"
    assert body["choices"][0]["text"].startswith(" ")
    assert body["usage"] == {"prompt_tokens": 4, "completion_tokens": 4, "total_tokens": 8}
    assert "x-compute-time" not in r.headers and r.headers["x-generated-tokens"] == "4"


def test_completions_default_to_one_hundred_tokens(client):
    body = client.post("/v1/completions", json={"prompt": "Once"}).json()
    assert body["usage"]["completion_tokens"] == 100


def test_completions_stream_intermediate_finish_reason_is_empty_and_last_has_usage(client):
    r = client.post("/v1/completions", json={"prompt": "Once upon", "max_tokens": 3, "stream": True})
    chunks = _payloads(r.content)
    assert [c["choices"][0]["finish_reason"] for c in chunks] == ["", "", "length"]
    assert all("usage" not in c for c in chunks[:-1])
    assert chunks[-1]["usage"] == {"prompt_tokens": 2, "completion_tokens": 3, "total_tokens": 5}
    assert all(c["object"] == "text_completion" for c in chunks)


def test_completions_with_a_prompt_list_answer_each_prompt(client):
    body = client.post("/v1/completions", json={"prompt": ["a b", "c"], "max_tokens": 2}).json()
    assert [c["index"] for c in body["choices"]] == [0, 1]
    assert body["usage"]["prompt_tokens"] == 3
    chunks = _payloads(
        client.post("/v1/completions", json={"prompt": ["a b", "c"], "max_tokens": 2, "stream": True}).content
    )
    assert sorted(c["choices"][0]["index"] for c in chunks) == [0, 0, 1, 1]


def test_openai_style_response_formats_are_accepted(client):
    schema = {"type": "object", "properties": {"label": {"type": "string"}}}
    for response_format in (
        {"type": "json_schema", "json_schema": {"name": "x", "schema": schema}},
        {"type": "json_object"},
    ):
        body = client.post(CHAT, json={"messages": USER, "response_format": response_format}).json()
        assert isinstance(json.loads(body["choices"][0]["message"]["content"]), dict)


def test_malformed_tool_choice_falls_back_to_a_listed_tool(client):
    body = client.post(CHAT, json={"messages": USER, "tools": [WEATHER_TOOL], "tool_choice": {"function": 3}})
    assert body.json()["choices"][0]["message"]["tool_calls"][0]["function"]["name"] == "get_weather"
