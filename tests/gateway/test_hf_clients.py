"""huggingface_hub's InferenceClient and the legacy text_generation client, pointed at the gateway."""

from __future__ import annotations

import httpx
import pytest
from huggingface_hub import InferenceClient
from huggingface_hub.errors import ValidationError
from text_generation import Client as LegacyClient

from tests.support.cluster import MODEL, Cluster


@pytest.fixture
def hf(cluster: Cluster) -> InferenceClient:
    return InferenceClient(base_url=cluster.url, api_key=cluster.key)


def test_chat_completion(hf: InferenceClient) -> None:
    out = hf.chat_completion(messages=[{"role": "user", "content": "hi"}], model=MODEL, max_tokens=5)
    assert out.choices[0].message.content
    streamed = list(
        hf.chat_completion(messages=[{"role": "user", "content": "hi"}], max_tokens=5, stream=True)
    )
    assert "".join(c.choices[0].delta.content or "" for c in streamed if c.choices)


def test_text_generation_with_details(hf: InferenceClient) -> None:
    out = hf.text_generation("The capital of Latvia is", max_new_tokens=6, details=True)
    assert out.generated_text
    assert out.details.generated_tokens == 6 and out.details.finish_reason == "length"


def test_text_generation_stream_with_details(hf: InferenceClient) -> None:
    events = list(hf.text_generation("Tell me a story", max_new_tokens=5, stream=True, details=True))
    assert len(events) == 5
    assert events[-1].generated_text and events[-1].details.generated_tokens == 5
    assert all(e.generated_text is None for e in events[:-1])


def test_text_generation_errors_are_typed(hf: InferenceClient) -> None:
    with pytest.raises(ValidationError, match="top_p"):
        hf.text_generation("hello", max_new_tokens=2, top_p=1.5)


def test_native_stream_bytes_have_no_done(cluster: Cluster) -> None:
    body = {"inputs": "hello", "parameters": {"max_new_tokens": 3}}
    with httpx.stream("POST", f"{cluster.url}/generate_stream", json=body, headers=cluster.auth) as r:
        raw = r.read()
    events = raw.split(b"\n\n")[:-1]
    assert len(events) == 3 and all(e.startswith(b"data: {") for e in events)
    assert b"[DONE]" not in raw


def test_legacy_text_generation_client(cluster: Cluster) -> None:
    client = LegacyClient(cluster.url, headers={"authorization": f"Bearer {cluster.key}"})
    response = client.generate("Hello", max_new_tokens=4)
    assert response.generated_text and response.details.generated_tokens == 4
    tokens = list(client.generate_stream("Hello", max_new_tokens=4))
    assert len(tokens) == 4 and tokens[-1].generated_text


def test_endpoint_info_describes_the_model_as_a_tgi_node_would(cluster: Cluster) -> None:
    # huggingface_hub asks /info of a client made for an endpoint URL (base_url clients cannot)
    hf = InferenceClient(
        model=cluster.url, token=cluster.key, provider="hf-inference", headers={"x-sovgw-model": MODEL}
    )
    info = hf.get_endpoint_info()
    assert info["model_id"] == MODEL
    assert info["max_input_tokens"] > 0 and info["max_total_tokens"] > info["max_input_tokens"]


@pytest.mark.parametrize(
    ("headers", "status", "error_type"),
    [
        ({}, 401, "authentication"),
        ({"x-sovgw-model": "nobody/unknown-model"}, 404, "not_found"),
    ],
)
def test_endpoint_info_errors_speak_tgi(
    cluster: Cluster, headers: dict[str, str], status: int, error_type: str
) -> None:
    auth = {"authorization": f"Bearer {cluster.key}"} if headers else {}
    response = httpx.get(f"{cluster.url}/info", headers={**auth, **headers}, timeout=10)
    assert response.status_code == status
    assert response.json()["error_type"] == error_type
