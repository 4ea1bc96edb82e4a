"""Evidence on each new connection: with the scheduled refresh an hour away, a node whose agent
stops attesting leaves routing at the gateway's next new connection to it, and a new connection to
a healthy agent brings fresh evidence that later requests are routed under."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from nodeagent.server import ThreadedAgent
from tests.nodes.grid import BALTIC, Grid, GridNode, SwitchableAgent, descriptor, records, signed, start_grid

KEY = Ed25519PrivateKey.generate()
SIGNED = signed(descriptor("lt-1", BALTIC, "LT", KEY), BALTIC)
HOUR = {"interval_s": 3600, "max_age_s": 3600, "timeout_s": 2}
# Health checks that fail while the agent restarts open the node's circuit: for a second only here.
HEALTH = {"interval_s": 0.2, "timeout_s": 1.0, "failure_threshold": 2, "cooldown_s": 1}


@pytest.fixture
def grid(tmp_path: Path) -> Iterator[Grid]:
    node = GridNode("lt-1", "LT", BALTIC, SIGNED.model_dump_json().encode(), "switchable", KEY)
    running = start_grid(tmp_path, [node], [BALTIC], overrides={"attestation": HOUR, "health": HEALTH})
    yield running
    running.stop()


def _restart_agent(grid: Grid) -> SwitchableAgent:
    """The agent restarts on its port: the gateway's connections to it are gone."""
    front = grid.fronts[0]
    assert isinstance(front, ThreadedAgent) and isinstance(front.agent, SwitchableAgent)
    front.stop()
    grid.fronts[0] = ThreadedAgent(front.agent, port=front.port).start()
    return front.agent


def _evidence_of(grid: Grid, response: httpx.Response) -> str | None:
    """The evidence a served request was routed under; None when the restarting node refused it:
    its circuit open (health checks failed while the agent restarted) or, on a loaded machine, the
    new connection not answering within the grid's tight timeouts. Both fail closed; the callers
    still require fresh evidence before their deadline."""
    if (response.status_code, response.json().get("error_type")) in {(503, "unavailable"), (504, "timeout")}:
        return None
    assert response.status_code == 200, (response.status_code, response.text)
    request_id = response.headers["x-sovgw-request-id"]
    forward = next(r for r in records(grid, "forward") if r["request"]["request_id"] == request_id)
    return str(forward["node"]["evidence_sha256"])


def test_a_node_whose_agent_stops_attesting_leaves_routing_at_the_next_new_connection(grid: Grid) -> None:
    assert grid.generate().status_code == 200
    agent = grid.fronts[0]
    assert isinstance(agent, ThreadedAgent) and isinstance(agent.agent, SwitchableAgent)
    agent.agent.failing_evidence = True
    assert grid.generate().status_code == 200  # the kept-alive connection was checked when it opened

    _restart_agent(grid)
    deadline = time.monotonic() + 10
    while "lt-1" not in httpx.get(f"{grid.url}/ready").json().get("nodes_out_of_routing", {}):
        grid.generate()  # a request (or a health check) opens the new connection
        assert time.monotonic() < deadline, "the node stayed in routing until its scheduled check"
        time.sleep(0.1)
    assert httpx.get(f"{grid.url}/ready").json()["nodes_out_of_routing"] == {
        "lt-1": "its node-agent answered 503"
    }
    refused = grid.generate()
    assert refused.status_code == 503
    changes = [r["detail"] for r in records(grid, "node_identity")]
    assert [c["routable"] for c in changes] == ["True", "False"]
    assert changes[1]["reason"] == "its node-agent answered 503"


def test_a_new_connection_brings_fresh_evidence_without_waiting_for_the_schedule(grid: Grid) -> None:
    first = _evidence_of(grid, grid.generate())
    assert first is not None
    assert _evidence_of(grid, grid.generate()) == first  # same connection, no new evidence
    _restart_agent(grid)
    deadline = time.monotonic() + 10
    while (latest := _evidence_of(grid, grid.generate())) in (first, None):
        assert time.monotonic() < deadline, "no fresh evidence on the new connection"
        time.sleep(0.1)
    assert latest != first
