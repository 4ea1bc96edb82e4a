"""The demo's node operators: one Ed25519 key per operator, and each simulated node behind a
node-agent that holds its own node key and serves a descriptor its operator signed."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from domain.nodes import NodeDescriptor, OperatorName, public_key_text, sign_descriptor
from nodeagent.app import AgentSettings
from nodeagent.server import ThreadedAgent

# Made-up registration numbers in each country's format.
REGISTRATIONS = {
    "LT": "305123456",
    "LV": "40103123456",
    "EE": "16123456",
    "FI": "3123456-7",
    "DE": "HRB 123456",
}
DIGEST = "sha256:" + "0" * 64  # the simulator has no image or weights to hash


class Node(Protocol):
    """What a demo node says of itself (read-only)."""

    @property
    def id(self) -> str: ...

    @property
    def jurisdiction(self) -> str: ...

    @property
    def operator(self) -> str: ...


def start_agents(
    nodes: Iterable[Node], upstreams: dict[str, str]
) -> tuple[dict[str, ThreadedAgent], list[dict[str, Any]]]:
    """A node-agent in front of each node's server (``upstreams``: node id -> its URL); returns them
    by node id, and the gateway's ``operators`` section listing each operator's public key."""
    keys: dict[str, Ed25519PrivateKey] = {}
    agents: dict[str, ThreadedAgent] = {}
    now = datetime.now(UTC).replace(microsecond=0)
    for n in nodes:
        operator_key = keys.setdefault(n.operator, Ed25519PrivateKey.generate())
        node_key = Ed25519PrivateKey.generate()
        descriptor = NodeDescriptor(
            node_id=n.id,
            operator=OperatorName(
                legal_name=n.operator, registration_number=REGISTRATIONS.get(n.jurisdiction, "DEMO-1")
            ),
            country=n.jurisdiction,
            site=f"simulated, {n.jurisdiction}",
            gpu_model="simulated",
            tgi_image_digest=DIGEST,
            model_weights_digest=DIGEST,
            node_key=public_key_text(node_key),
            valid_from=now - timedelta(minutes=5),
            valid_until=now + timedelta(days=7),
        )
        settings = AgentSettings(upstreams[n.id], sign_descriptor(descriptor, operator_key), node_key)
        agents[n.id] = ThreadedAgent(settings).start()
    operators = [{"name": name, "public_keys": [public_key_text(key)]} for name, key in keys.items()]
    return agents, operators
