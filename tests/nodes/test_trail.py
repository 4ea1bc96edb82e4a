"""Nodes behind node-agents, end to end: the trail names the descriptor and evidence each request was
routed under, and each completion carries the agent's receipt as the gateway checked it; a lying
agent, an answer altered on the way and a missing receipt are recorded as the operator's faults."""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from domain.nodes import descriptor_digest
from tests.nodes.grid import BALTIC, RHEIN, Grid, GridNode, descriptor, records, signed, start_grid

KEYS = {n: Ed25519PrivateKey.generate() for n in ("lt-1", "lv-1", "ee-1", "fi-1")}
SIGNED = {
    "lt-1": signed(descriptor("lt-1", BALTIC, "LT", KEYS["lt-1"]), BALTIC),
    "lv-1": signed(descriptor("lv-1", BALTIC, "LV", KEYS["lv-1"]), BALTIC),
    "ee-1": signed(descriptor("ee-1", RHEIN, "EE", KEYS["ee-1"]), RHEIN),
    "fi-1": signed(descriptor("fi-1", RHEIN, "FI", KEYS["fi-1"]), RHEIN),
}


def _node(node_id: str, operator: Any, agent: str) -> GridNode:
    return GridNode(
        node_id,
        node_id[:2].upper(),
        operator,
        SIGNED[node_id].model_dump_json().encode(),
        agent,
        KEYS[node_id],
    )


@pytest.fixture(scope="module")
def grid(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Grid]:
    nodes = [
        _node("lt-1", BALTIC, "honest"),
        _node("lv-1", BALTIC, "lying"),
        _node("ee-1", RHEIN, "altered"),
        _node("fi-1", RHEIN, "stripped"),
    ]
    running = start_grid(
        tmp_path_factory.mktemp("trail"),
        nodes,
        [BALTIC, RHEIN],
        tenant={"policy": {"require_attestation": True}},
        tenants={"lt": ["LT"], "lv": ["LV"], "ee": ["EE"], "fi": ["FI"]},
        accept_simulated=True,
    )
    yield running
    running.stop()


def _completion(grid: Grid, request_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        for record in records(grid, "completion"):
            if record["request"]["request_id"] == request_id:
                return record
        time.sleep(0.05)
    raise AssertionError(f"no completion record for {request_id}")


def _forward(grid: Grid, request_id: str) -> dict[str, Any]:
    return next(r for r in records(grid, "forward") if r["request"]["request_id"] == request_id)


def test_an_attested_node_serves_and_the_trail_names_its_descriptor_evidence_and_receipt(grid: Grid) -> None:
    for response in (grid.generate(tenant="lt"), grid.stream(tenant="lt")):
        assert response.status_code == 200, response.text
        assert b"sovgw-receipt" not in response.content  # the trailer never reaches the client
        request_id = response.headers["x-sovgw-request-id"]
        node = _forward(grid, request_id)["node"]
        assert node["descriptor_sha256"] == descriptor_digest(SIGNED["lt-1"].descriptor)
        assert re.fullmatch(r"[0-9a-f]{64}", node["evidence_sha256"])
        completion = _completion(grid, request_id)
        assert completion["served_by"]["evidence_sha256"] == node["evidence_sha256"]
        receipt = completion["receipt"]
        assert receipt["status"] == "verified", receipt
        assert receipt["problems"] == []
        signed_receipt = receipt["receipt"]["receipt"]
        assert signed_receipt["request_id"] == request_id
        assert signed_receipt["decision_id"] == response.headers["x-sovgw-decision-id"]
        # A native stream without details carries no count of its own: the agent counted its events.
        assert signed_receipt["generated_tokens"] == (completion["completion_tokens"] or 6)


def test_the_stream_through_an_agent_is_what_the_node_sent(grid: Grid) -> None:
    response = grid.stream("Tell me about Kaunas.", tenant="lt")
    assert response.content.count(b'"token":') == 6
    assert response.content.endswith(b"\n\n")


def test_an_agent_that_lies_about_token_counts_is_caught(grid: Grid) -> None:
    response = grid.generate(tenant="lv")
    assert response.status_code == 200
    completion = _completion(grid, response.headers["x-sovgw-request-id"])
    assert completion["receipt"]["status"] == "invalid"
    assert completion["receipt"]["problems"] == ["the receipt claims 9 generated tokens, the answer said 8"]
    metrics = httpx.get(f"{grid.url}/metrics").text
    assert re.search(
        r'sovgw_operator_faults_total\{operator="Baltic GPU UAB",status="invalid"\} [1-9]', metrics
    )


def test_an_answer_altered_between_agent_and_gateway_is_caught(grid: Grid) -> None:
    for response in (grid.generate(tenant="ee"), grid.stream(tenant="ee")):
        assert response.status_code == 200
        completion = _completion(grid, response.headers["x-sovgw-request-id"])
        assert completion["receipt"]["status"] == "invalid"
        assert (
            "the response digest differs from the bytes the gateway received"
            in completion["receipt"]["problems"]
        )


def test_a_missing_receipt_is_recorded_as_such(grid: Grid) -> None:
    for response in (grid.generate(tenant="fi"), grid.stream(tenant="fi")):
        assert response.status_code == 200
        completion = _completion(grid, response.headers["x-sovgw-request-id"])
        assert completion["receipt"] == {
            "status": "missing",
            "problems": ["the node-agent sent no receipt"],
            "receipt": None,
        }


def test_shipped_policy_refuses_simulated_evidence_and_a_silent_agent_leaves_routing(tmp_path: Path) -> None:
    grid = start_grid(
        tmp_path,
        [_node("lt-1", BALTIC, "honest")],
        [BALTIC],
        tenant={"policy": {"require_attestation": True}},
    )
    try:
        refused = grid.generate()
        assert refused.status_code == 451
        assert (
            "node lt-1 (LT): its evidence type simulated is not accepted (accepted: nvidia-cc, sev-snp, tdx)"
            in refused.text
        )
        grid.fronts[0].stop()  # the node-agent goes away: no fresh evidence
        deadline = time.monotonic() + 10
        while "lt-1" not in httpx.get(f"{grid.url}/ready").json().get("nodes_out_of_routing", {}):
            assert time.monotonic() < deadline, "the node stayed in routing"
            time.sleep(0.1)
        assert httpx.get(f"{grid.url}/ready").json()["nodes_out_of_routing"] == {
            "lt-1": "its node-agent could not be reached"
        }
        changes = [r["detail"] for r in records(grid, "node_identity")]
        assert [c["routable"] for c in changes] == ["True", "False"]
        assert changes[0]["evidence_sha256"] and changes[1]["reason"] == "its node-agent could not be reached"
    finally:
        grid.stop()


def test_the_trail_holds_no_plain_hash_of_what_was_sent_or_answered(grid: Grid) -> None:
    """Receipts carry MACs under a one-time key the gateway forgets: a hash of a prompt or an
    answer would still be personal data."""
    response = grid.generate("Mari Tamm, isikukood 49403136526, asks about her invoice.", tenant="lt")
    assert response.status_code == 200
    _completion(grid, response.headers["x-sovgw-request-id"])
    sent = grid.sim("lt-1").received[-1][1]
    stored = b"".join(p.read_bytes() for p in grid.workdir.glob("audit.db*"))  # the WAL too
    for body in (sent, response.content):
        assert hashlib.sha256(body).hexdigest().encode() not in stored
    assert b"49403136526" not in stored
