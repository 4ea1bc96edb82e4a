"""Health data about a named patient, put in any field the model or the node operator can read, is
classified: the request is special-category data and is served only in the tenant's home
jurisdiction (LT), sent by the client's own SDK wherever the SDK can send that field."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import openai
import pytest
from huggingface_hub import InferenceClient

from tests.support.cluster import MODEL, Cluster

HEALTH = "Jonas Petraitis was diagnosed with diabetes and HIV."
SCHEMA = {"type": "object", "properties": {"note": {"type": "string", "description": HEALTH}}}
HI = [{"role": "user", "content": "Say hello."}]


@pytest.fixture
def served(cluster: Cluster) -> Iterator[Callable[[], set[str]]]:
    """The nodes that received a body from the gateway during the test."""
    for node in cluster.nodes.values():
        node.sim.received.clear()
    yield lambda: {node_id for node_id, node in cluster.nodes.items() if node.sim.received}


def _chat(cluster: Cluster, **kwargs: Any) -> httpx.Headers:
    kwargs.setdefault("messages", HI)
    raw = cluster.openai().chat.completions.with_raw_response.create(model=MODEL, max_tokens=2, **kwargs)
    raw.parse()
    return raw.headers


def _completion(cluster: Cluster, **kwargs: Any) -> httpx.Headers:
    raw = cluster.openai().completions.with_raw_response.create(
        model=MODEL, prompt="Say hello.", max_tokens=2, **kwargs
    )
    raw.parse()
    return raw.headers


def _stays_home(headers: httpx.Headers, served: set[str]) -> None:
    assert headers["x-sovgw-data-category"] == "special"
    assert headers["x-sovgw-jurisdiction"] == "LT" and served == {"lt-1"}


def test_without_the_sentence_the_same_requests_are_not_special(cluster: Cluster) -> None:
    """The control: what makes each request below special is the sentence in the field under test."""
    assert _chat(cluster, user="customer-42", stop=["END"])["x-sovgw-data-category"] == "none"
    assert _completion(cluster, user="customer-42")["x-sovgw-data-category"] == "none"


CHAT_FIELDS: dict[str, dict[str, Any]] = {
    "message name": {"messages": [{"role": "user", "content": "Say hello.", "name": HEALTH}]},
    "stop": {"stop": [HEALTH]},
    "user": {"user": HEALTH},
    "metadata": {"metadata": {"note": HEALTH}},
    "response_format schema": {
        "response_format": {"type": "json_schema", "json_schema": {"name": "answer", "schema": SCHEMA}}
    },
    "legacy functions": {"functions": [{"name": "lookup", "description": HEALTH, "parameters": SCHEMA}]},
    "tools": {"tools": [{"type": "function", "function": {"name": "lookup", "description": HEALTH}}]},
    "prediction": {"prediction": {"type": "content", "content": HEALTH}},
    "extra key in a content part": {
        "messages": [{"role": "user", "content": [{"type": "text", "text": "Say hello.", "note": HEALTH}]}]
    },
    "reasoning_content": {
        "messages": [
            *HI,
            {"role": "assistant", "content": "Hello.", "reasoning_content": HEALTH},
            {"role": "user", "content": "Again."},
        ]
    },
    "tool-call arguments": {
        "messages": [
            *HI,
            {
                "role": "assistant",
                "tool_calls": [
                    {
                        "id": "call_1",
                        "type": "function",
                        "function": {"name": "lookup", "arguments": f'{{"patient": "{HEALTH}"}}'},
                    }
                ],
            },
            {"role": "tool", "tool_call_id": "call_1", "content": "done"},
        ]
    },
}
CHAT_EXTRA_BODY: dict[str, dict[str, Any]] = {
    "unknown top-level key": {"patient_note": HEALTH},
    "nested unknown key": {"x_context": {"notes": [{"text": HEALTH}]}},
    "vLLM guided_json": {"guided_json": SCHEMA},
    "vLLM guided_choice": {"guided_choice": [HEALTH, "no"]},
    "chat_template_kwargs": {"chat_template_kwargs": {"patient": HEALTH}},
}


@pytest.mark.parametrize("field", list(CHAT_FIELDS))
def test_chat_field_is_classified(cluster: Cluster, served: Callable[[], set[str]], field: str) -> None:
    _stays_home(_chat(cluster, **CHAT_FIELDS[field]), served())


@pytest.mark.parametrize("field", list(CHAT_EXTRA_BODY))
def test_chat_extra_body_is_classified(cluster: Cluster, served: Callable[[], set[str]], field: str) -> None:
    _stays_home(_chat(cluster, extra_body=CHAT_EXTRA_BODY[field]), served())


@pytest.mark.parametrize(
    ("field", "kwargs"),
    [
        ("stop", {"stop": [HEALTH]}),
        ("user", {"user": HEALTH}),
        ("unknown key", {"extra_body": {"patient_note": HEALTH}}),
        ("vLLM guided_regex", {"extra_body": {"guided_regex": HEALTH}}),
    ],
)
def test_completion_field_is_classified(
    cluster: Cluster, served: Callable[[], set[str]], field: str, kwargs: dict[str, Any]
) -> None:
    _stays_home(_completion(cluster, **kwargs), served())


def test_a_name_split_across_two_content_parts_is_found_in_the_join(
    cluster: Cluster, served: Callable[[], set[str]]
) -> None:
    parts = [
        {"type": "text", "text": "Jonas Petraitis was diagnosed with dia"},
        {"type": "text", "text": "betes."},
    ]
    _stays_home(_chat(cluster, messages=[{"role": "user", "content": parts}]), served())


def test_an_email_split_across_two_messages_is_found_in_the_join(cluster: Cluster) -> None:
    whole = _chat(cluster, messages=[{"role": "user", "content": "Write to jonas.petraitis@example.lt now."}])
    split = _chat(
        cluster,
        messages=[
            {"role": "user", "content": "Write to jonas.petrai"},
            {"role": "user", "content": "tis@example.lt now."},
        ],
    )
    assert whole["x-sovgw-data-category"] == split["x-sovgw-data-category"] == "personal"


@pytest.fixture
def hf(cluster: Cluster) -> InferenceClient:
    return InferenceClient(base_url=cluster.url, api_key=cluster.key)


@pytest.mark.parametrize(
    ("field", "kwargs"),
    [
        ("parameters.stop", {"stop": [HEALTH]}),
        ("parameters.adapter_id", {"adapter_id": HEALTH}),
        ("parameters.grammar", {"grammar": {"type": "json", "value": SCHEMA}}),
    ],
)
def test_native_parameter_is_classified(
    cluster: Cluster, hf: InferenceClient, served: Callable[[], set[str]], field: str, kwargs: dict[str, Any]
) -> None:
    """huggingface_hub's text_generation POSTs to / ; the same parameters on /generate follow."""
    hf.text_generation("Say hello.", max_new_tokens=2, **kwargs)
    assert served() == {"lt-1"}
    # The SDK does not show response headers: the body it sent, as the node got it, sent again.
    (path, sent), *_ = cluster.nodes["lt-1"].sim.received
    headers = {**cluster.auth, "content-type": "application/json"}
    again = httpx.post(f"{cluster.url}{path}", content=sent, headers=headers, timeout=30)
    assert field.removeprefix("parameters.") in json.loads(sent)["parameters"]
    _stays_home(again.headers, served())


@pytest.mark.parametrize("route", ["/generate", "/generate_stream", "/"])
@pytest.mark.parametrize(
    "body",
    [
        {"inputs": "Say hello.", "parameters": {"max_new_tokens": 2, "stop": [HEALTH]}},
        {"inputs": "Say hello.", "parameters": {"max_new_tokens": 2, "adapter_id": HEALTH}},
        {"inputs": "Say hello.", "parameters": {"max_new_tokens": 2}, "patient_note": HEALTH},
        {"inputs": "Say hello.", "parameters": {"max_new_tokens": 2, "x_note": {"a": [HEALTH]}}},
    ],
    ids=["stop", "adapter_id", "unknown key", "unknown parameter"],
)
def test_native_routes_classify_every_field(
    cluster: Cluster, served: Callable[[], set[str]], route: str, body: dict[str, Any]
) -> None:
    r = httpx.post(f"{cluster.url}{route}", json=body, headers=cluster.auth, timeout=30)
    assert r.status_code == 200, r.text
    _stays_home(r.headers, served())


@pytest.mark.parametrize(
    ("route", "body", "field"),
    [
        ("/v1/chat/completions", {"model": MODEL, "messages": HI, "stream_options": 5}, "stream_options"),
        ("/v1/chat/completions", {"model": MODEL, "messages": HI, "stop": {"a": 1}}, "stop"),
        (
            "/v1/chat/completions",
            {"model": MODEL, "messages": [{"role": "user", "content": [{"type": "image_url"}]}]},
            "messages[0].content[0].type",
        ),
        ("/v1/chat/completions", {"model": MODEL, "messages": HI, "tool_choice": 5, "tools": 1}, "tools"),
        ("/v1/completions", {"model": MODEL, "prompt": [1, 2]}, "prompt[0]"),
        ("/v1/completions", {"model": MODEL, "prompt": "x", "top_k": "many"}, "top_k"),
    ],
)
def test_openai_type_errors_are_400s_naming_the_field(
    cluster: Cluster, served: Callable[[], set[str]], route: str, body: dict[str, Any], field: str
) -> None:
    r = httpx.post(f"{cluster.url}{route}", json=body, headers=cluster.auth)
    assert r.status_code == 400
    assert r.json()["error"]["param"] == field and f"`{field}`" in r.json()["error"]["message"]
    assert served() == set()


@pytest.mark.parametrize("route", ["/generate", "/generate_stream", "/"])
def test_native_type_errors_are_422s_in_tgi_words(
    cluster: Cluster, served: Callable[[], set[str]], route: str
) -> None:
    body = {"inputs": "x", "parameters": {"stop": "END"}}
    r = httpx.post(f"{cluster.url}{route}", json=body, headers=cluster.auth)
    assert r.status_code == 422 and r.json()["error_type"] == "validation"
    assert r.json()["error"].startswith("Input validation error: `parameters.stop`")
    assert served() == set()


def test_refusals_do_not_echo_the_text(cluster: Cluster) -> None:
    body = {"model": MODEL, "messages": [{"role": HEALTH, "content": "x"}]}
    r = httpx.post(f"{cluster.url}/v1/chat/completions", json=body, headers=cluster.auth)
    assert r.status_code == 400 and "Petraitis" not in r.text


def test_sdk_refusal_names_the_field(cluster: Cluster) -> None:
    with pytest.raises(openai.BadRequestError) as refused:
        _chat(cluster, extra_body={"stream_options": {"include_usage": "yes"}})
    assert refused.value.param == "stream_options.include_usage"
