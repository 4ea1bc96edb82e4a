"""Injected failures, overload, health, crashes and keep-alive: what failover tests lean on."""

from __future__ import annotations

import json
import threading
import time

import httpx
import pytest

from tests.nodesim.conftest import running_node, sse_events

CHAT = "/v1/chat/completions"
USER = [{"role": "user", "content": "hello"}]


def test_fail_rate_one_fails_every_non_stream_request_with_a_tgi_error(make_client):
    client = make_client(fail_rate=1.0)
    seen = set()
    for _ in range(12):
        r = client.post("/generate", json={"inputs": "x", "parameters": {"max_new_tokens": 2}})
        seen.add((r.status_code, r.json()["error_type"]))
    assert seen == {(500, "incomplete_generation"), (424, "generation")}


def test_failures_are_reproducible_from_the_seed(make_client):
    def outcomes(seed: int) -> list[int]:
        client = make_client(fail_rate=0.5, seed=seed)
        body = {"inputs": "x", "parameters": {"max_new_tokens": 1}}
        return [client.post("/generate", json=body).status_code for _ in range(20)]

    first = outcomes(5)
    assert first == outcomes(5)
    assert 200 in first and any(code >= 400 for code in first)


def test_native_stream_failure_is_an_in_band_event_then_close(make_client):
    client = make_client(fail_rate=1.0)
    positions = set()
    for _ in range(8):
        r = client.post("/generate_stream", json={"inputs": "x", "parameters": {"max_new_tokens": 5}})
        assert r.status_code == 200
        events = sse_events(r.content)
        assert events[-1] == (
            b'data: {"error":"Request failed during generation: simulated node failure",'
            b'"error_type":"generation"}'
        )
        assert b"[DONE]" not in r.content
        positions.add(len(events) - 1)
    assert 0 in positions or len(positions) > 1  # sometimes before any token, at various points


def test_openai_stream_failure_is_an_in_band_error_then_done(make_client):
    client = make_client(fail_rate=1.0)
    r = client.post(CHAT, json={"messages": USER, "max_tokens": 5, "stream": True})
    events = sse_events(r.content)
    assert events[-1] == b"data: [DONE]"
    error = json.loads(events[-2][6:])
    assert error == {
        "error": {
            "message": "Request failed during generation: simulated node failure",
            "http_status_code": 424,
        }
    }


def test_fail_rate_can_be_changed_at_run_time(client):
    client.app.state.sim.fail_rate = 1.0
    assert client.post("/generate", json={"inputs": "x"}).status_code in (424, 500)
    client.app.state.sim.fail_rate = 0.0
    assert client.post("/generate", json={"inputs": "x"}).status_code == 200


def test_unhealthy_node_answers_503_on_every_health_route(client):
    for path in ("/health", "/", "/ping"):
        assert (client.get(path).status_code, client.get(path).content) == (200, b"")
    client.app.state.sim.healthy = False
    for path in ("/health", "/", "/ping"):
        r = client.get(path)
        assert r.status_code == 503
        assert r.json() == {"error": "unhealthy", "error_type": "healthcheck"}


def _hold_requests(url: str, count: int, path: str = "/generate") -> list[threading.Thread]:
    def call() -> None:
        httpx.post(url + path, json={"inputs": "x", "parameters": {"max_new_tokens": 1}}, timeout=10)

    threads = [threading.Thread(target=call) for _ in range(count)]
    for thread in threads:
        thread.start()
    return threads


def _wait_until(condition, what: str) -> None:
    deadline = time.monotonic() + 5
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.01)


def _wait_for_in_flight(node, count: int) -> None:
    _wait_until(lambda: node.sim.in_flight >= count, "requests never arrived")


def _wait_for_idle(node) -> None:
    # The server finishes its bookkeeping just after the client has read the last byte.
    _wait_until(lambda: node.sim.in_flight == 0, "permits were not given back")


def test_beyond_max_concurrent_the_node_is_overloaded():
    with running_node(max_concurrent=2, latency_ms=600, max_batch_size=1) as node:
        threads = _hold_requests(node.url, 2)
        _wait_for_in_flight(node, 2)
        r = httpx.post(node.url + "/generate", json={"inputs": "x"})
        assert r.status_code == 429
        assert r.json() == {"error": "Model is overloaded", "error_type": "overloaded"}
        stream = httpx.post(node.url + "/generate_stream", json={"inputs": "x"})
        assert stream.status_code == 200
        assert stream.content == b'data: {"error":"Model is overloaded","error_type":"overloaded"}\n\n'
        chat = httpx.post(node.url + CHAT, json={"messages": USER, "stream": True})
        assert chat.content == (
            b'data: {"error":{"message":"Model is overloaded","http_status_code":429}}\n\ndata: [DONE]\n\n'
        )
        metrics = httpx.get(node.url + "/metrics").text
        assert "tgi_queue_size 1" in metrics
        assert "tgi_batch_current_size 1" in metrics
        assert 'tgi_request_failure{err="overloaded"} 3' in metrics
        for thread in threads:
            thread.join()
        _wait_for_idle(node)
        assert httpx.post(node.url + "/generate", json={"inputs": "x"}).status_code == 200


def test_crash_hook_drops_the_connection_after_n_tokens_without_an_error_event():
    with running_node() as node:
        node.sim.fail_next_stream_after_tokens = 2
        received = b""
        with (
            pytest.raises(httpx.RemoteProtocolError),
            httpx.stream(
                "POST",
                node.url + "/generate_stream",
                json={"inputs": "x", "parameters": {"max_new_tokens": 6}},
            ) as r,
        ):
            for chunk in r.iter_bytes():
                received += chunk
        events = sse_events(received)
        assert len(events) == 2
        assert b"error" not in received
        # The hook fires once; the next stream is whole again, and the permit was given back.
        assert node.sim.fail_next_stream_after_tokens is None
        again = httpx.post(
            node.url + "/generate_stream", json={"inputs": "x", "parameters": {"max_new_tokens": 6}}
        )
        assert len(sse_events(again.content)) == 6
        _wait_for_idle(node)


def test_crash_hook_on_an_openai_stream_sends_no_done():
    with running_node() as node:
        node.sim.fail_next_stream_after_tokens = 0
        with (
            pytest.raises(httpx.RemoteProtocolError),
            httpx.stream("POST", node.url + CHAT, json={"messages": USER, "stream": True}) as r,
        ):
            assert r.status_code == 200
            assert r.read() == b""


def test_latency_and_pacing_delay_the_tokens():
    with running_node(latency_ms=150, tokens_per_second=50) as node:
        started = time.monotonic()
        arrivals = []
        with httpx.stream(
            "POST", node.url + "/generate_stream", json={"inputs": "x", "parameters": {"max_new_tokens": 5}}
        ) as r:
            for _line in r.iter_lines():
                if _line:
                    arrivals.append(time.monotonic() - started)
        assert len(arrivals) == 5
        assert arrivals[0] >= 0.14
        assert arrivals[-1] - arrivals[0] >= 4 * 0.02 * 0.9


def test_keep_alive_comment_while_waiting_for_a_slow_first_token():
    with running_node(latency_ms=450, keep_alive_seconds=0.2) as node:
        r = httpx.post(
            node.url + "/generate_stream", json={"inputs": "x", "parameters": {"max_new_tokens": 1}}
        )
        assert r.content.startswith(b":\n\n:\n\ndata: {")
        assert r.content.count(b":\n\n") == 2


def test_metrics_count_requests_successes_and_failures(client):
    client.post("/generate", json={"inputs": "x", "parameters": {"max_new_tokens": 1}})
    client.post("/generate_stream", json={"inputs": "x", "parameters": {"max_new_tokens": 1}})
    client.post("/generate", json={"inputs": "x", "parameters": {"top_p": 1.0}})
    client.post(
        "/generate", content=b"{", headers={"content-type": "application/json"}
    )  # not counted, as in TGI
    text = client.get("/metrics").text
    assert "# TYPE tgi_request_count counter" in text
    assert "tgi_request_count 3\n" in text
    assert "tgi_request_success 2\n" in text
    assert 'tgi_request_failure{err="validation"} 1\n' in text
    for gauge in ("tgi_queue_size 0", "tgi_batch_current_size 0", "tgi_batch_current_max_tokens 0"):
        assert gauge in text
    assert "tgi_batch_max_total_tokens " in text


def test_info_describes_the_simulated_node(make_client):
    info = make_client(jurisdiction="FR", node_id="paris-1", max_concurrent=7).get("/info").json()
    assert set(info) >= {
        "model_id",
        "model_sha",
        "model_pipeline_tag",
        "max_concurrent_requests",
        "max_best_of",
        "max_stop_sequences",
        "max_input_tokens",
        "max_total_tokens",
        "validation_workers",
        "max_client_batch_size",
        "router",
        "version",
        "sha",
        "docker_label",
    }
    assert info["router"] == "sovereign-gateway node simulator"
    assert info["jurisdiction"] == "FR" and info["node_id"] == "paris-1"
    assert info["max_concurrent_requests"] == 7
    assert info["model_id"] == "sim/test-7b"


def test_models_and_tokenize(client):
    assert client.get("/v1/models").json() == {
        "object": "list",
        "data": [{"id": "sim/test-7b", "object": "model", "created": 0, "owned_by": "sim/test-7b"}],
    }
    tokens = client.post("/tokenize", json={"inputs": "hello  wide world"}).json()
    assert [(t["text"], t["start"], t["stop"]) for t in tokens] == [
        ("hello", 0, 5),
        ("wide", 7, 11),
        ("world", 12, 17),
    ]
    assert all(isinstance(t["id"], int) for t in tokens)


@pytest.mark.parametrize(
    "overrides",
    [{"fail_rate": 1.5}, {"max_concurrent": 0}, {"latency_ms": -1}, {"keep_alive_seconds": 0}],
)
def test_impossible_settings_are_refused(overrides):
    from tests.nodesim.conftest import settings

    with pytest.raises(ValueError):
        settings(**overrides)


def test_a_client_leaving_mid_stream_frees_its_slot():
    with running_node(max_concurrent=1, tokens_per_second=20) as node:
        body = {"inputs": "x", "parameters": {"max_new_tokens": 200}}
        with httpx.stream("POST", node.url + "/generate_stream", json=body) as r:
            lines = r.iter_lines()  # held: dropping it would close the response right away
            next(lines)
            assert node.sim.in_flight == 1
        _wait_for_idle(node)
        assert httpx.post(node.url + "/generate", json={"inputs": "x"}).status_code == 200


def test_non_stream_answers_take_latency_plus_pacing(make_client):
    client = make_client(latency_ms=100, tokens_per_second=100)
    started = time.monotonic()
    r = client.post("/generate", json={"inputs": "x", "parameters": {"max_new_tokens": 6}})
    elapsed = time.monotonic() - started
    assert r.status_code == 200
    assert elapsed >= 0.1 + 5 * 0.01 - 0.01
    assert int(r.headers["x-inference-time"]) >= 140
