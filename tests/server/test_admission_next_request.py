"""Through the whole gateway: a client that sends its next request the moment it has its answer is
never shed, even at a bound of one request in flight, while the previous request's completion record
is still being written."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.support.cluster import MODEL, Cluster, NodeSpec, start_cluster

CHAT = {"model": MODEL, "messages": [{"role": "user", "content": "hello"}], "max_tokens": 2}


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    running = start_cluster(
        tmp_path_factory.mktemp("admission-next"),
        [NodeSpec("lt-1", "LT")],
        overrides={"server": {"max_in_flight": 1}},
    )
    yield running
    running.stop()


def test_back_to_back_requests_of_one_client_are_all_served_at_a_bound_of_one(cluster: Cluster) -> None:
    with httpx.Client(base_url=cluster.url, headers=cluster.auth, timeout=30) as client:
        statuses = [client.post("/v1/chat/completions", json=CHAT).status_code for _ in range(40)]
        streamed = [
            client.post("/v1/chat/completions", json=CHAT | {"stream": True}).status_code for _ in range(10)
        ]
    assert statuses == [200] * 40
    assert streamed == [200] * 10
