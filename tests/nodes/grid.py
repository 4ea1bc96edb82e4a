"""Operators, their nodes' signed descriptors, and a gateway in front of simulated nodes that carry them."""

from __future__ import annotations

import base64
import json
import secrets
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from starlette.applications import Starlette

from domain.nodes import NodeDescriptor, OperatorName, SignedDescriptor, public_key_text, sign_descriptor
from gateway.app import create_app
from gateway.config import GatewayConfig, hash_api_key, parse_config
from gateway.local import ThreadedServer, free_port
from nodesim.app import create_app as create_sim
from nodesim.settings import SimSettings
from nodesim.state import SimState

MODEL = "test/model-a"
WEIGHTS = "sha256:" + "a" * 64
IMAGE = "sha256:" + "b" * 64


@dataclass(frozen=True)
class Operator:
    name: str
    registration_number: str
    key: Ed25519PrivateKey = field(default_factory=Ed25519PrivateKey.generate)

    @property
    def public_key(self) -> str:
        return public_key_text(self.key)

    def config(self) -> dict[str, Any]:
        return {"name": self.name, "public_keys": [self.public_key]}


BALTIC = Operator("Baltic GPU UAB", "305123456")
RHEIN = Operator("Rhein Rechenzentrum GmbH", "HRB 12345")


def descriptor(
    node_id: str,
    operator: Operator,
    country: str,
    node_key: Ed25519PrivateKey,
    *,
    valid_for: timedelta = timedelta(days=30),
    starts: timedelta = timedelta(days=-1),
    **fields: Any,
) -> NodeDescriptor:
    now = datetime.now(UTC).replace(microsecond=0)
    values: dict[str, Any] = {
        "node_id": node_id,
        "operator": OperatorName(legal_name=operator.name, registration_number=operator.registration_number),
        "country": country,
        "site": f"DC1, {country}",
        "gpu_model": "NVIDIA H100 80GB",
        "tgi_image_digest": IMAGE,
        "model_weights_digest": WEIGHTS,
        "tls_certificate_sha256": None,
        "node_key": public_key_text(node_key),
        "valid_from": now + starts,
        "valid_until": now + starts + valid_for,
        **fields,
    }
    return NodeDescriptor(**values)


def signed(d: NodeDescriptor, by: Operator) -> SignedDescriptor:
    return sign_descriptor(d, by.key)


@dataclass(frozen=True)
class GridNode:
    """A simulated node. ``descriptor``: the content of the file its configuration points at; empty,
    a file that does not exist; None, no identity at all."""

    id: str
    jurisdiction: str
    operator: Operator
    descriptor: bytes | None = None


@dataclass
class Grid:
    config: GatewayConfig
    gateway: ThreadedServer
    sims: dict[str, tuple[Starlette, ThreadedServer]]
    key: str
    workdir: Path

    @property
    def url(self) -> str:
        return self.gateway.url

    @property
    def auth(self) -> dict[str, str]:
        return {"authorization": f"Bearer {self.key}"}

    def sim(self, node_id: str) -> SimState:
        return self.sims[node_id][0].state.sim

    def generate(self, text: str = "What is the capital of Lithuania?") -> httpx.Response:
        body = {"inputs": text, "parameters": {"max_new_tokens": 8}}
        return httpx.post(f"{self.url}/generate", json=body, headers=self.auth, timeout=30)

    def stop(self) -> None:
        self.gateway.stop()
        for _, server in self.sims.values():
            server.stop()


def start_grid(
    workdir: Path,
    nodes: list[GridNode],
    operators: list[Operator],
    *,
    tenant: dict[str, Any] | None = None,
    overrides: dict[str, Any] | None = None,
) -> Grid:
    sims: dict[str, tuple[Starlette, ThreadedServer]] = {}
    node_configs = []
    for spec in nodes:
        app = create_sim(SimSettings(jurisdiction=spec.jurisdiction, model=MODEL, node_id=spec.id))
        sims[spec.id] = (app, ThreadedServer(app).start())
        entry: dict[str, Any] = {
            "id": spec.id,
            "base_url": sims[spec.id][1].url,
            "jurisdiction": spec.jurisdiction,
            "operator": spec.operator.name,
            "models": [MODEL],
        }
        if spec.descriptor is not None:
            path = workdir / f"{spec.id}.descriptor.json"
            if spec.descriptor:
                path.write_bytes(spec.descriptor)
            entry["descriptor"] = str(path)
        node_configs.append(entry)
    key = f"sk-test-{secrets.token_urlsafe(12)}"
    data: dict[str, Any] = {
        "audit": {
            "database_url": f"sqlite:///{workdir / 'audit.db'}",
            "pseudonym_key_dir": str(workdir / "keys"),
            "signing_key": base64.b64encode(secrets.token_bytes(32)).decode(),
        },
        "classification": {"executor": "inline"},
        "health": {"interval_s": 0.2, "timeout_s": 1.0, "failure_threshold": 2, "cooldown_s": 30},
        "timeouts": {"connect_s": 1, "first_byte_s": 5, "total_s": 20},
        "attestation": {"interval_s": 0.5, "max_age_s": 5, "timeout_s": 2},
        "operators": [o.config() for o in operators],
        "nodes": node_configs,
        "tenants": [
            {
                "id": "acme",
                "home_jurisdiction": "LT",
                "allowed_jurisdictions": ["LT", "LV", "EE", "FI", "DE"],
                "purposes": ["support"],
                "api_keys": [{"id": "k1", "sha256": hash_api_key(key)}],
                **(tenant or {}),
            }
        ],
        **(overrides or {}),
    }
    config = parse_config(data, "test")
    gateway = ThreadedServer(create_app(config), free_port()).start(timeout=120)
    return Grid(config, gateway, sims, key, workdir)


def records(grid: Grid, kind: str) -> list[dict[str, Any]]:
    with sqlite3.connect(grid.workdir / "audit.db") as db:
        rows = db.execute("SELECT canonical FROM audit_records WHERE kind = ? ORDER BY seq", (kind,))
        return [json.loads(r[0]) for r in rows]
