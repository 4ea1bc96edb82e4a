"""The native TGI routes: /generate, /generate_stream and the compat POST /."""

from __future__ import annotations

import json

from tests.nodesim.conftest import sse_events


def test_generate_with_details_reports_tokens_and_length_finish(client):
    r = client.post(
        "/generate", json={"inputs": "Tell me a story", "parameters": {"max_new_tokens": 6, "details": True}}
    )
    assert r.status_code == 200
    body = r.json()
    details = body["details"]
    assert details["finish_reason"] == "length"
    assert details["generated_tokens"] == 6
    assert details["seed"] is None
    assert details["prefill"] == []
    assert [set(t) for t in details["tokens"]] == [{"id", "text", "logprob", "special"}] * 6
    assert body["generated_text"] == "".join(t["text"] for t in details["tokens"])
    assert body["generated_text"].startswith(" ")  # continues the prompt, as a base model does


def test_generate_without_details_is_only_the_text(client):
    r = client.post("/generate", json={"inputs": "Tell me a story", "parameters": {"max_new_tokens": 3}})
    assert list(r.json()) == ["generated_text"]


def test_non_stream_headers_carry_timings_and_token_counts(client):
    r = client.post("/generate", json={"inputs": "one two three", "parameters": {"max_new_tokens": 4}})
    assert r.headers["x-compute-type"] == "gpu+optimized"
    assert r.headers["x-prompt-tokens"] == "3"
    assert r.headers["x-generated-tokens"] == "4"
    assert r.headers["x-compute-characters"] == "13"
    float(r.headers["x-compute-time"])
    for name in ("x-total-time", "x-validation-time", "x-queue-time", "x-inference-time", "x-time-per-token"):
        assert r.headers[name].isdigit(), name


def test_same_request_same_answer_and_the_seed_changes_it(client):
    def text(seed: int | None) -> str:
        params = {"max_new_tokens": 12, "seed": seed, "do_sample": True}
        return client.post("/generate", json={"inputs": "What is a river?", "parameters": params}).json()[
            "generated_text"
        ]

    assert text(7) == text(7)
    assert text(7) != text(8)


def test_the_node_seed_changes_every_answer(make_client):
    body = {"inputs": "What is a river?", "parameters": {"max_new_tokens": 12}}
    first = make_client(seed=1).post("/generate", json=body).json()
    second = make_client(seed=2).post("/generate", json=body).json()
    assert first != second


def test_seed_is_reported_only_when_sampling(client):
    sampled = client.post(
        "/generate",
        json={
            "inputs": "x y",
            "parameters": {"max_new_tokens": 2, "details": True, "seed": 42, "do_sample": True},
        },
    ).json()
    assert sampled["details"]["seed"] == 42


def test_without_max_new_tokens_the_model_stops_on_its_own_eos_token(client):
    r = client.post("/generate", json={"inputs": "Hello", "parameters": {"details": True}})
    details = r.json()["details"]
    assert details["finish_reason"] == "eos_token"
    last = details["tokens"][-1]
    assert last == {"id": 2, "text": "</s>", "logprob": last["logprob"], "special": True}
    assert "</s>" not in r.json()["generated_text"]
    assert 9 <= details["generated_tokens"] <= 49


def test_stop_sequence_ends_the_answer_including_the_match(client):
    full = client.post("/generate", json={"inputs": "Hello", "parameters": {"max_new_tokens": 30}}).json()
    word = full["generated_text"].split()[4]
    r = client.post(
        "/generate",
        json={"inputs": "Hello", "parameters": {"max_new_tokens": 30, "stop": [word], "details": True}},
    ).json()
    assert r["details"]["finish_reason"] == "stop_sequence"
    assert r["generated_text"].endswith(word)
    assert full["generated_text"].startswith(r["generated_text"])


def test_decoder_input_details_returns_the_prompt_as_prefill(client):
    r = client.post(
        "/generate",
        json={
            "inputs": "alpha beta",
            "parameters": {"max_new_tokens": 1, "details": True, "decoder_input_details": True},
        },
    )
    prefill = r.json()["details"]["prefill"]
    assert [p["text"] for p in prefill] == ["alpha", " beta"]
    assert prefill[0]["logprob"] is None


def test_generate_stream_bytes_are_tgi_framed_without_done(client):
    r = client.post(
        "/generate_stream", json={"inputs": "Hi there", "parameters": {"max_new_tokens": 3, "details": True}}
    )
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/event-stream"
    assert r.headers["cache-control"] == "no-cache"
    assert r.headers["x-accel-buffering"] == "no"
    assert r.headers["x-compute-characters"] == "8"
    assert "x-prompt-tokens" not in r.headers
    events = sse_events(r.content)
    assert b"[DONE]" not in r.content
    assert all(e.startswith(b"data: {") and b"\n" not in e for e in events)
    payloads = [json.loads(e[len(b"data: ") :]) for e in events]
    assert [p["index"] for p in payloads] == [1, 2, 3]
    assert all(p["generated_text"] is None and p["details"] is None for p in payloads[:-1])
    assert payloads[-1]["details"] == {
        "finish_reason": "length",
        "generated_tokens": 3,
        "seed": None,
        "input_length": 2,
    }
    assert payloads[-1]["generated_text"] == "".join(p["token"]["text"] for p in payloads)
    # compact JSON, exactly as serde_json writes it
    assert events[0] == b"data: " + json.dumps(payloads[0], separators=(",", ":")).encode()


def test_stream_and_non_stream_give_the_same_answer(client):
    body = {"inputs": "Compare the two", "parameters": {"max_new_tokens": 8}}
    text = client.post("/generate", json=body).json()["generated_text"]
    events = sse_events(client.post("/generate_stream", json=body).content)
    assert json.loads(events[-1][6:])["generated_text"] == text


def test_compat_route_answers_a_list_and_returns_full_text_by_default(client):
    r = client.post("/", json={"inputs": "Say:", "parameters": {"max_new_tokens": 3}})
    assert r.status_code == 200
    body = r.json()
    assert isinstance(body, list) and len(body) == 1
    assert body[0]["generated_text"].startswith("Say: ")
    explicit = client.post(
        "/", json={"inputs": "Say:", "parameters": {"max_new_tokens": 3, "return_full_text": False}}
    )
    assert explicit.json()[0]["generated_text"] == body[0]["generated_text"][len("Say:") :]


def test_compat_route_streams_like_generate_stream(client):
    r = client.post(
        "/",
        json={
            "inputs": "Say:",
            "stream": True,
            "parameters": {"max_new_tokens": 2, "return_full_text": False},
        },
    )
    assert r.headers["content-type"] == "text/event-stream"
    events = sse_events(r.content)
    assert len(events) == 2 and b"[DONE]" not in r.content
    same = client.post("/generate_stream", json={"inputs": "Say:", "parameters": {"max_new_tokens": 2}})
    assert same.content == r.content


def test_non_ascii_text_is_sent_as_utf8_not_escaped(client):
    r = client.post("/", json={"inputs": "Grüße", "parameters": {"max_new_tokens": 1}})
    assert "Grüße".encode() in r.content


def test_different_prompts_get_different_answers(client):
    def text(prompt: str) -> str:
        return client.post("/generate", json={"inputs": prompt, "parameters": {"max_new_tokens": 8}}).json()[
            "generated_text"
        ]

    answers = {text(f"question number {i}") for i in range(10)}
    assert len(answers) == 10


def test_x_compute_time_is_plain_seconds(client):
    r = client.post("/generate", json={"inputs": "x", "parameters": {"max_new_tokens": 1}})
    value = r.headers["x-compute-time"]
    assert "e" not in value and float(value) < 5
