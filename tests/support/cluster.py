"""A real gateway in front of real simulated TGI nodes, all on loopback ports, for end-to-end tests."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openai
from starlette.applications import Starlette

from gateway.app import create_app
from gateway.config import GatewayConfig, hash_api_key, parse_config
from gateway.local import ThreadedServer, free_port
from gateway.services import build_services
from nodesim.app import create_app as create_sim
from nodesim.settings import SimSettings
from nodesim.state import SimState

MODEL = "test/model-a"


@dataclass(frozen=True)
class NodeSpec:
    id: str
    jurisdiction: str
    operator: str = "Test Operator"
    models: tuple[str, ...] = (MODEL,)
    protocol: str = "tgi"
    latency_ms: float = 0
    tokens_per_second: float = 0
    max_concurrent: int = 128


@dataclass
class Node:
    spec: NodeSpec
    app: Starlette
    server: ThreadedServer

    @property
    def sim(self) -> SimState:
        return self.app.state.sim


@dataclass
class Cluster:
    config: GatewayConfig
    gateway: ThreadedServer
    nodes: dict[str, Node]
    key: str
    workdir: Path
    other_keys: dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return self.gateway.url

    def openai(self, **kwargs: Any) -> openai.OpenAI:
        return openai.OpenAI(
            base_url=f"{self.url}/v1", api_key=kwargs.pop("api_key", self.key), max_retries=0, **kwargs
        )

    def async_openai(self, **kwargs: Any) -> openai.AsyncOpenAI:
        return openai.AsyncOpenAI(
            base_url=f"{self.url}/v1", api_key=kwargs.pop("api_key", self.key), max_retries=0, **kwargs
        )

    @property
    def auth(self) -> dict[str, str]:
        return {"authorization": f"Bearer {self.key}"}

    def stop(self) -> None:
        self.gateway.stop()
        for node in self.nodes.values():
            node.server.stop()


def start_cluster(
    workdir: Path,
    nodes: list[NodeSpec],
    *,
    tenant: dict[str, Any] | None = None,
    overrides: dict[str, Any] | None = None,
    services: Callable[[GatewayConfig], Any] = build_services,
    classifier: str = "inline",
) -> Cluster:
    """Start simulated nodes and a gateway in front of them.

    ``classifier`` "inline" (the default here) builds the detection engine in the gateway process,
    which starts faster; "process" uses the worker pool a deployment uses.
    """
    started: dict[str, Node] = {}
    for spec in nodes:
        app = create_sim(
            SimSettings(
                jurisdiction=spec.jurisdiction,
                model=spec.models[0],
                node_id=spec.id,
                latency_ms=spec.latency_ms,
                tokens_per_second=spec.tokens_per_second,
                max_concurrent=spec.max_concurrent,
            )
        )
        started[spec.id] = Node(spec, app, ThreadedServer(app).start())
    key = f"sk-test-{secrets.token_urlsafe(12)}"
    other = f"sk-other-{secrets.token_urlsafe(12)}"
    data: dict[str, Any] = {
        "audit": {
            "database_url": f"sqlite:///{workdir / 'audit.db'}",
            "pseudonym_key_dir": str(workdir / "keys"),
            "allow_key_beside_database": True,  # a throwaway trail
        },
        "classification": {"executor": classifier},
        "health": {"interval_s": 0.2, "timeout_s": 1.0, "failure_threshold": 2, "cooldown_s": 30},
        "timeouts": {"connect_s": 1, "first_byte_s": 5, "total_s": 20},
        "nodes": [
            {
                "id": n.spec.id,
                "base_url": n.server.url,
                "jurisdiction": n.spec.jurisdiction,
                "operator": n.spec.operator,
                "models": list(n.spec.models),
                "protocol": n.spec.protocol,
            }
            for n in started.values()
        ],
        "tenants": [
            {
                "id": "acme",
                "home_jurisdiction": "LT",
                "allowed_jurisdictions": ["LT", "LV", "EE", "FI", "DE"],
                "purposes": ["support"],
                "api_keys": [{"id": "k1", "sha256": hash_api_key(key)}],
                **(tenant or {}),
            },
            {
                "id": "other",
                "home_jurisdiction": "DE",
                "allowed_jurisdictions": ["DE"],
                "purposes": ["research", "support"],
                "api_keys": [{"id": "k2", "sha256": hash_api_key(other)}],
            },
        ],
    }
    for section, values in (overrides or {}).items():
        data[section] = {**data.get(section, {}), **values} if isinstance(values, dict) else values
    config = parse_config(data, "test")
    gateway = ThreadedServer(create_app(config, services), free_port()).start(timeout=120)
    return Cluster(config, gateway, started, key, workdir, {"other": other})
