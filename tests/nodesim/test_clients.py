"""The real SDK clients against a real simulator server: what the gateway's users will run."""

from __future__ import annotations

import pytest
from huggingface_hub import InferenceClient
from huggingface_hub.errors import OverloadedError, ValidationError
from openai import OpenAI
from text_generation import Client as LegacyClient

from tests.nodesim.conftest import running_node

PROMPT = "Explain what a harbor is"


def test_inference_client_text_generation_with_details(node):
    client = InferenceClient(base_url=node.url)
    output = client.text_generation(PROMPT, max_new_tokens=6, details=True, return_full_text=False)
    assert output.details.finish_reason == "length"
    assert output.details.generated_tokens == 6
    assert output.generated_text == "".join(t.text for t in output.details.tokens)


def test_inference_client_text_generation_stream_with_details(node):
    client = InferenceClient(base_url=node.url)
    events = list(
        client.text_generation(PROMPT, max_new_tokens=4, details=True, stream=True, return_full_text=False)
    )
    assert len(events) == 4
    assert events[-1].details.finish_reason == "length"
    assert events[-1].generated_text == "".join(e.token.text for e in events)
    plain = list(client.text_generation(PROMPT, max_new_tokens=4, stream=True))
    assert plain == [e.token.text for e in events]


def test_inference_client_chat_completion(node):
    client = InferenceClient(base_url=node.url)
    answer = client.chat_completion([{"role": "user", "content": PROMPT}], max_tokens=5)
    assert answer.choices[0].finish_reason == "length"
    assert answer.usage.completion_tokens == 5
    streamed = client.chat_completion([{"role": "user", "content": PROMPT}], max_tokens=5, stream=True)
    text = "".join(chunk.choices[0].delta.content for chunk in streamed if chunk.choices)
    assert text == answer.choices[0].message.content


def test_inference_client_raises_typed_errors_from_in_band_events(node):
    client = InferenceClient(base_url=node.url)
    with pytest.raises(ValidationError, match="top_p"):
        list(client.text_generation(PROMPT, top_p=1.0, stream=True))
    with pytest.raises(ValidationError, match="top_p"):
        client.text_generation(PROMPT, top_p=1.0)


def test_inference_client_sees_overload_as_overloaded_error():
    with running_node(max_concurrent=1) as busy:
        busy.sim.admit(0)  # one request in flight, held by the test
        client = InferenceClient(base_url=busy.url)
        with pytest.raises(OverloadedError):
            list(client.text_generation(PROMPT, stream=True))


@pytest.mark.filterwarnings("ignore:The `dict` method is deprecated")
def test_legacy_text_generation_client(node):
    client = LegacyClient(node.url)
    response = client.generate(PROMPT, max_new_tokens=5)
    assert response.details.generated_tokens == 5
    assert response.details.finish_reason.value == "length"
    tokens = list(client.generate_stream(PROMPT, max_new_tokens=5))
    assert [t.token.text for t in tokens] == [t.text for t in response.details.tokens]
    assert tokens[-1].generated_text == response.generated_text


def test_openai_sdk_chat_stream_and_completions(node):
    client = OpenAI(base_url=node.url + "/v1", api_key="unused", max_retries=0)
    stream = client.chat.completions.create(
        model="tgi",
        messages=[{"role": "user", "content": PROMPT}],
        max_tokens=4,
        stream=True,
        stream_options={"include_usage": True},
    )
    chunks = list(stream)
    assert "".join(c.choices[0].delta.content for c in chunks if c.choices)
    assert chunks[-1].usage.completion_tokens == 4
    completion = client.completions.create(model="tgi", prompt=PROMPT, max_tokens=3)
    assert completion.choices[0].finish_reason == "length"
    assert [m.id for m in client.models.list()] == ["sim/test-7b"]


def test_openai_sdk_tool_call(node):
    client = OpenAI(base_url=node.url + "/v1", api_key="unused", max_retries=0)
    tool = {
        "type": "function",
        "function": {
            "name": "lookup",
            "parameters": {"type": "object", "properties": {"term": {"type": "string"}}},
        },
    }
    answer = client.chat.completions.create(
        model="tgi", messages=[{"role": "user", "content": PROMPT}], tools=[tool]
    )
    call = answer.choices[0].message.tool_calls[0]
    assert call.function.name == "lookup"
    assert isinstance(call.function.arguments, str) and '"term"' in call.function.arguments
