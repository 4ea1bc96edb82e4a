"""Whatever a policy answers, only candidate nodes with a transfer basis can be used."""

from __future__ import annotations

from domain.policy import PolicyDecision
from gateway.config import NodeConfig
from gateway.pipeline import _within
from gateway.routing.node import NodeState


def _node(node_id: str, jurisdiction: str) -> NodeState:
    config = NodeConfig(
        id=node_id, base_url="http://127.0.0.1:1", jurisdiction=jurisdiction, operator="Op", models=["m"]
    )
    return NodeState(config, healthy=True)


def _decision(allowed: dict[str, str]) -> PolicyDecision:
    return PolicyDecision(decision_id="d", allow=True, allowed_nodes=allowed, revision="r", engine="test")


def test_a_node_that_is_not_a_candidate_is_dropped() -> None:
    decision = _within(_decision({"lt-1": "intra-EEA", "elsewhere": "intra-EEA"}), [_node("lt-1", "LT")])
    assert decision.allowed_nodes == {"lt-1": "intra-EEA"}


def test_a_node_without_a_transfer_basis_is_dropped() -> None:
    candidates = [_node("lt-1", "LT"), _node("us-1", "US")]
    decision = _within(_decision({"lt-1": "intra-EEA", "us-1": "none"}), candidates)
    assert decision.allowed_nodes == {"lt-1": "intra-EEA"}
    assert _within(_decision({"us-1": ""}), candidates).allowed_nodes == {}
