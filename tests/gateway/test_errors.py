"""Every error status, in the shape the route's protocol uses, and never a stack trace."""

from __future__ import annotations

from pathlib import Path

import httpx
import openai
import pytest

from tests.gateway.conftest import US_MODEL
from tests.support.cluster import MODEL, Cluster, NodeSpec, start_cluster

CHAT = {"model": MODEL, "messages": [{"role": "user", "content": "hello"}], "max_tokens": 2}
GENERATE = {"inputs": "hello", "parameters": {"max_new_tokens": 2}}


def _openai_error(response: httpx.Response) -> dict:
    error = response.json()["error"]
    assert set(error) >= {"message", "type", "param", "code"}
    assert "Traceback" not in response.text
    return error


def _tgi_error(response: httpx.Response) -> dict:
    body = response.json()
    assert isinstance(body["error"], str) and isinstance(body["error_type"], str)
    return body


def test_missing_key_is_401_in_both_protocols(cluster: Cluster) -> None:
    r = httpx.post(f"{cluster.url}/v1/chat/completions", json=CHAT)
    assert r.status_code == 401 and _openai_error(r)["type"] == "authentication_error"
    r = httpx.post(f"{cluster.url}/generate", json=GENERATE, headers={"authorization": "Bearer nope"})
    assert r.status_code == 401 and _tgi_error(r)["error_type"] == "authentication"


def test_bad_json_is_400(cluster: Cluster) -> None:
    headers = {**cluster.auth, "content-type": "application/json"}
    r = httpx.post(f"{cluster.url}/v1/chat/completions", content=b"{not json", headers=headers)
    assert r.status_code == 400 and "not valid JSON" in _openai_error(r)["message"]


def test_wrong_content_type_is_415(cluster: Cluster) -> None:
    headers = {**cluster.auth, "content-type": "text/plain"}
    r = httpx.post(f"{cluster.url}/generate", content=b"hello", headers=headers)
    assert r.status_code == 415 and _tgi_error(r)


def test_oversized_body_is_413(cluster: Cluster) -> None:
    big = {**CHAT, "messages": [{"role": "user", "content": "x" * 2_100_000}]}
    r = httpx.post(f"{cluster.url}/v1/chat/completions", json=big, headers=cluster.auth)
    assert r.status_code == 413 and _openai_error(r)["code"] == "payload_too_large"


def test_too_many_messages_names_the_field(cluster: Cluster) -> None:
    many = {**CHAT, "messages": [{"role": "user", "content": "hi"}] * 300}
    r = httpx.post(f"{cluster.url}/v1/chat/completions", json=many, headers=cluster.auth)
    assert r.status_code == 400 and _openai_error(r)["param"] == "messages"


def test_bad_tgi_body_is_422_naming_inputs(cluster: Cluster) -> None:
    r = httpx.post(f"{cluster.url}/generate", json={"inputs": ""}, headers=cluster.auth)
    assert r.status_code == 422
    assert _tgi_error(r)["error"] == "Input validation error: `inputs` cannot be empty"


def test_node_validation_error_keeps_its_status_and_message(cluster: Cluster) -> None:
    body = {**GENERATE, "parameters": {"top_p": 1.5}}
    r = httpx.post(f"{cluster.url}/generate", json=body, headers=cluster.auth)
    assert r.status_code == 422 and "top_p" in _tgi_error(r)["error"]


def test_denial_is_451_in_tgi_shape(cluster: Cluster) -> None:
    headers = {**cluster.auth, "x-sovgw-model": US_MODEL}
    r = httpx.post(f"{cluster.url}/generate", json={"inputs": "Mail anna@example.de"}, headers=headers)
    assert r.status_code == 451
    body = _tgi_error(r)
    assert body["error_type"] == "policy_denied" and body["reasons"]


def test_unknown_route_is_json(cluster: Cluster) -> None:
    r = httpx.get(f"{cluster.url}/v1/nothing-here", headers=cluster.auth)
    assert r.status_code == 404 and _openai_error(r)


def test_no_healthy_allowed_node_is_503_with_retry_after(tmp_path: Path) -> None:
    running = start_cluster(tmp_path, [NodeSpec("lt-1", "LT")])
    try:
        running.nodes["lt-1"].sim.healthy = False
        _wait_for(lambda: httpx.get(f"{running.url}/ready").status_code == 503)
        r = httpx.post(f"{running.url}/v1/chat/completions", json=CHAT, headers=running.auth)
        assert r.status_code == 503 and int(r.headers["retry-after"]) > 0
        assert _openai_error(r)["code"] == "no_healthy_node"
        with pytest.raises(openai.InternalServerError):
            running.openai().chat.completions.create(**CHAT)
    finally:
        running.stop()


def test_upstream_timeout_is_504(tmp_path: Path) -> None:
    running = start_cluster(
        tmp_path, [NodeSpec("lt-1", "LT", latency_ms=3000)], overrides={"timeouts": {"first_byte_s": 0.5}}
    )
    try:
        r = httpx.post(f"{running.url}/v1/chat/completions", json=CHAT, headers=running.auth, timeout=30)
        assert r.status_code == 504 and _openai_error(r)["code"] == "upstream_timeout"
        r = httpx.post(f"{running.url}/generate", json=GENERATE, headers=running.auth, timeout=30)
        assert r.status_code == 504 and _tgi_error(r)["error_type"] == "timeout"
    finally:
        running.stop()


def _wait_for(condition, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    import time

    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.05)
