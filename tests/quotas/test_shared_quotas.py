"""Tenant quotas end to end: real SDK clients, two gateway replicas on one real redis-server, tokens
as the nodes reported them, and a Redis that dies mid-run."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import openai
import pytest
from huggingface_hub import InferenceClient
from huggingface_hub.errors import OverloadedError

from gateway.app import create_app
from gateway.local import ThreadedServer
from gateway.quotas.windows import MINUTE_S, seconds_left
from tests.quotas.conftest import RedisServer
from tests.support.cluster import MODEL, Cluster, NodeSpec, start_cluster

REQUESTS_PER_MINUTE = 3
TOKENS_PER_DAY = 30
CHAT = [{"role": "user", "content": "Say hi"}]
PURPOSE = {"x-sovgw-purpose": "research"}  # the tenant without a quota has two


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory, redis_server: RedisServer) -> Iterator[Cluster]:
    running = start_cluster(
        tmp_path_factory.mktemp("quotas"),
        [NodeSpec("lt-1", "LT", "Baltic GPU UAB"), NodeSpec("de-1", "DE", "Rhein Rechenzentrum GmbH")],
        tenant={"quota": {"requests_per_minute": REQUESTS_PER_MINUTE, "tokens_per_day": TOKENS_PER_DAY}},
        overrides={"quotas": {"backend": "redis", "url": redis_server.url}},
    )
    yield running
    running.stop()


@pytest.fixture(scope="module")
def replica(cluster: Cluster) -> Iterator[str]:
    """A second gateway process's worth: its own app and trail, the same nodes and the same Redis."""
    audit = cluster.config.audit.model_copy(
        update={
            "database_url": f"sqlite:///{cluster.workdir / 'replica.db'}",
            "pseudonym_key_dir": Path(cluster.workdir / "replica-keys"),
        }
    )
    server = ThreadedServer(create_app(cluster.config.model_copy(update={"audit": audit}))).start(timeout=120)
    yield server.url
    server.stop()


@pytest.fixture(autouse=True)
def fresh_counters(redis_server: RedisServer) -> None:
    """Empty counters, and a test that ends inside the minute it starts in (or its requests would
    be counted in two windows)."""
    left = seconds_left(time.time(), MINUTE_S)
    if left < 15:
        time.sleep(left + 0.1)
    redis_server.client().flushall()


def forwarded(cluster: Cluster) -> int:
    return sum(node.sim.requests for node in cluster.nodes.values())


def test_the_openai_sdk_raises_rate_limit_error_with_retry_after(cluster: Cluster) -> None:
    client = cluster.openai()
    for _ in range(REQUESTS_PER_MINUTE):
        assert client.chat.completions.create(model=MODEL, messages=CHAT, max_tokens=1).choices
    before = forwarded(cluster)
    with pytest.raises(openai.RateLimitError) as refused:
        client.chat.completions.create(model=MODEL, messages=CHAT, max_tokens=1)
    error = refused.value
    assert error.code == "rate_limit_exceeded" and error.type == "requests"
    assert 1 <= int(error.response.headers["retry-after"]) <= 60
    assert f"{REQUESTS_PER_MINUTE} requests per minute" in error.message
    assert forwarded(cluster) == before  # nothing of the refused request reached a node


def test_huggingface_clients_get_tgis_429(cluster: Cluster) -> None:
    hf = InferenceClient(base_url=cluster.url, api_key=cluster.key)
    for _ in range(REQUESTS_PER_MINUTE):
        assert hf.text_generation("Hello", max_new_tokens=1)
    with pytest.raises(OverloadedError, match="quota"):
        hf.text_generation("Hello", max_new_tokens=1)
    raw = httpx.post(f"{cluster.url}/generate", json={"inputs": "Hello"}, headers=cluster.auth)
    assert raw.status_code == 429 and 1 <= int(raw.headers["retry-after"]) <= 60
    assert raw.json() == {"error": raw.json()["error"], "error_type": "overloaded"}


def test_a_tenant_without_a_quota_is_served_while_another_is_refused(cluster: Cluster) -> None:
    client, other = (
        cluster.openai(),
        cluster.openai(api_key=cluster.other_keys["other"], default_headers=PURPOSE),
    )
    for _ in range(REQUESTS_PER_MINUTE):
        client.chat.completions.create(model=MODEL, messages=CHAT, max_tokens=1)
    with pytest.raises(openai.RateLimitError):
        client.chat.completions.create(model=MODEL, messages=CHAT, max_tokens=1)
    for _ in range(REQUESTS_PER_MINUTE + 1):
        assert other.chat.completions.create(model=MODEL, messages=CHAT, max_tokens=1).choices


def test_the_limit_holds_across_two_replicas_sharing_redis(cluster: Cluster, replica: str) -> None:
    first = cluster.openai()
    second = openai.OpenAI(base_url=f"{replica}/v1", api_key=cluster.key, max_retries=0)
    served = [first, second, first]
    assert len(served) == REQUESTS_PER_MINUTE
    for client in served:
        assert client.chat.completions.create(model=MODEL, messages=CHAT, max_tokens=1).choices
    for client in (second, first):  # each replica alone has seen at most two requests
        with pytest.raises(openai.RateLimitError):
            client.chat.completions.create(model=MODEL, messages=CHAT, max_tokens=1)


def tokens_used(redis_server: RedisServer, expected: int) -> int:
    """Today's tokens of acme in Redis, once the answer's charge (made after it went) is in."""
    deadline = time.monotonic() + 5
    while True:
        keys = redis_server.client().keys("sovgw:quota:{acme}:tokens:*")
        used = int(redis_server.client().get(keys[0]) or 0) if keys else 0
        if used >= expected or time.monotonic() > deadline:
            return used


def test_the_token_quota_counts_the_tokens_the_node_reported(
    cluster: Cluster, redis_server: RedisServer
) -> None:
    with httpx.Client(base_url=cluster.url, headers=cluster.auth) as http:
        body = {"inputs": "one two three four five", "parameters": {"max_new_tokens": 7}}
        answer = http.post("/generate", json=body)
        assert answer.status_code == 200
        reported = int(answer.headers["x-prompt-tokens"]) + int(answer.headers["x-generated-tokens"])
        assert reported < TOKENS_PER_DAY
        assert tokens_used(redis_server, reported) == reported
    # A stream's tokens come from its usage chunk; this answer crosses the limit and is served.
    stream = cluster.openai().chat.completions.create(
        model=MODEL, messages=CHAT, max_tokens=20, stream=True, stream_options={"include_usage": True}
    )
    chunks = list(stream)  # read to its end
    usage = chunks[-1].usage
    assert usage is not None
    total = reported + usage.prompt_tokens + usage.completion_tokens
    assert total > TOKENS_PER_DAY
    assert tokens_used(redis_server, total) == total
    with pytest.raises(openai.RateLimitError) as refused:  # the next one is refused, for the day
        cluster.openai().chat.completions.create(model=MODEL, messages=CHAT, max_tokens=1)
    assert refused.value.type == "tokens"
    assert refused.value.response.headers["x-should-retry"] == "false"
    assert int(refused.value.response.headers["retry-after"]) <= 86_400


def test_redis_holds_no_personal_data(cluster: Cluster, redis_server: RedisServer) -> None:
    email, name = "ieva.kalnina@example.lv", "Ieva Kalniņa"
    prompt = f"Write to {name} at {email} about her IBAN LT12 1000 0111 0100 1000"
    with httpx.Client(base_url=cluster.url, headers=cluster.auth) as http:
        assert (
            http.post("/generate", json={"inputs": prompt, "parameters": {"max_new_tokens": 2}}).status_code
            == 200
        )
    client = redis_server.client()
    tokens_used(redis_server, 1)
    keys = [k.decode() for k in client.scan_iter()]
    assert keys
    for key in keys:
        assert re.fullmatch(r"sovgw:quota:\{acme\}:(requests|tokens):\d+", key), key
        assert client.get(key).decode().isdigit()  # counts, nothing else
    dump = " ".join(keys + [client.get(k).decode() for k in keys])
    for value in (email, name, "Ieva", "LT12", cluster.key):
        assert value not in dump


def test_refusals_are_counted_by_tenant_and_limit(cluster: Cluster) -> None:
    def refusals() -> float:
        text = httpx.get(f"{cluster.url}/metrics").text
        found = re.search(r'sovgw_quota_refusals_total\{limit="requests",tenant="acme"\} ([0-9.]+)', text)
        return float(found[1]) if found else 0.0

    before = refusals()
    client = cluster.openai()
    for _ in range(REQUESTS_PER_MINUTE):
        client.chat.completions.create(model=MODEL, messages=CHAT, max_tokens=1)
    for _ in range(2):
        with pytest.raises(openai.RateLimitError):
            client.chat.completions.create(model=MODEL, messages=CHAT, max_tokens=1)
    assert refusals() == before + 2


def test_redis_down_refuses_with_503_and_reports_not_ready_then_recovers(
    cluster: Cluster, redis_server: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    client = cluster.openai()
    assert client.chat.completions.create(model=MODEL, messages=CHAT, max_tokens=1).choices
    redis_server.kill()
    personal = [{"role": "user", "content": "Ieva Kalniņa, ieva.kalnina@example.lv, is ill"}]
    try:
        before = forwarded(cluster)
        with pytest.raises(openai.InternalServerError) as refused:
            client.chat.completions.create(model=MODEL, messages=personal, max_tokens=1)  # type: ignore[arg-type]
        assert refused.value.status_code == 503 and refused.value.code == "quota_unavailable"
        native = httpx.post(f"{cluster.url}/generate", json={"inputs": "Hello"}, headers=cluster.auth)
        assert native.status_code == 503 and native.json()["error_type"] == "unavailable"
        assert "quota" in native.json()["error"] and native.headers["retry-after"]
        assert forwarded(cluster) == before
        assert "quota store admit failed (ConnectionError)" in caplog.text  # the class, no message
        assert "ieva" not in caplog.text.lower()
        ready = httpx.get(f"{cluster.url}/ready")
        assert ready.status_code == 503 and ready.json()["checks"]["quotas"] is False
        assert "quotas: the quota store cannot be reached" in ready.json()["reasons"]
        other = cluster.openai(
            api_key=cluster.other_keys["other"], default_headers=PURPOSE
        )  # no quota: Redis is not asked
        assert other.chat.completions.create(model=MODEL, messages=CHAT, max_tokens=1).choices
    finally:
        redis_server.start()  # the same port: the gateway reconnects on its own
    assert httpx.get(f"{cluster.url}/ready").status_code == 200
    assert client.chat.completions.create(model=MODEL, messages=CHAT, max_tokens=1).choices
