"""Operators, their nodes' signed descriptors, and a gateway in front of simulated nodes that carry them."""

from __future__ import annotations

import base64
import json
import secrets
import shutil
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from starlette.applications import Starlette

from domain.nodes import (
    RECEIPT_EVENT,
    RECEIPT_HEADER,
    NodeDescriptor,
    OperatorName,
    SignedDescriptor,
    SignedReceipt,
    parse_signed_descriptor,
    public_key_text,
    sign_descriptor,
)
from gateway.app import create_app
from gateway.config import GatewayConfig, hash_api_key, parse_config
from gateway.local import ThreadedServer, free_port
from gateway.policy.source import default_rego_dir
from nodeagent.app import AgentSettings, NodeAgent
from nodeagent.counting import Counts
from nodeagent.evidence import EvidenceCommand
from nodeagent.server import ThreadedAgent
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


class LyingAgent(NodeAgent):
    """Signs receipts that claim one more generated token than its server produced."""

    def _receipt(self, ids: tuple[str, str], counts: Counts, *args: Any) -> SignedReceipt:
        counts.generated_tokens = (counts.generated_tokens or 0) + 1
        return super()._receipt(ids, counts, *args)


class SwitchableAgent(NodeAgent):
    """Answers evidence requests 503 once ``failing_evidence`` is set (its hardware stopped attesting)."""

    failing_evidence = False

    async def _attestation(self, query: bytes) -> tuple[int, bytes]:
        if self.failing_evidence:
            return 503, b'{"error":"no evidence"}'
        return await super()._attestation(query)


class Middleman:
    """Sits between the gateway and an agent and changes what passes: "altered" flips a letter of
    every answer; "stripped" drops the receipt (header and trailing event)."""

    def __init__(self, upstream: str, mode: str):
        self._upstream, self._mode = upstream, mode
        self._http = httpx.AsyncClient(timeout=30)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        headers = [(k, v) for k, v in scope["headers"] if k not in (b"host", b"content-length")]
        response = await self._http.request(
            scope["method"], self._upstream + scope["path"] + _query(scope), content=body, headers=headers
        )
        content = response.content
        out = [
            (k, v)
            for k, v in response.headers.raw
            if k.lower() not in (b"content-length", b"transfer-encoding")
        ]
        if scope["method"] == "POST" and self._mode == "altered":
            content = content.replace(b"e", b"E", 1)
        if scope["method"] == "POST" and self._mode == "stripped":
            content = content.split(RECEIPT_EVENT)[0]
            out = [(k, v) for k, v in out if k.lower() != RECEIPT_HEADER.encode()]
        out.append((b"content-length", str(len(content)).encode()))
        await send({"type": "http.response.start", "status": response.status_code, "headers": out})
        await send({"type": "http.response.body", "body": content})


def _query(scope: dict[str, Any]) -> str:
    query = scope.get("query_string", b"")
    return f"?{query.decode()}" if query else ""


@dataclass(frozen=True)
class GridNode:
    """A simulated node. ``descriptor``: the content of the file its configuration points at; empty,
    a file that does not exist; None, no identity at all."""

    id: str
    jurisdiction: str
    operator: Operator
    descriptor: bytes | None = None
    # Behind a node-agent with this node key (which serves the descriptor instead of a file):
    # "honest", "lying" (counts), "switchable" (evidence can be made to fail), "altered" or
    # "stripped" (a middleman after the agent).
    agent: str | None = None
    node_key: Ed25519PrivateKey | None = None
    evidence_command: tuple[str, ...] | None = None  # the agent's hardware evidence, else simulated


@dataclass
class Grid:
    config: GatewayConfig
    gateway: ThreadedServer
    sims: dict[str, tuple[Starlette, ThreadedServer]]
    key: str
    workdir: Path
    fronts: list[ThreadedServer | ThreadedAgent] = field(default_factory=list)
    keys: dict[str, str] = field(default_factory=dict)  # tenant -> API key, besides acme's ``key``

    @property
    def url(self) -> str:
        return self.gateway.url

    @property
    def auth(self) -> dict[str, str]:
        return {"authorization": f"Bearer {self.key}"}

    def sim(self, node_id: str) -> SimState:
        return self.sims[node_id][0].state.sim

    def headers(self, tenant: str = "acme") -> dict[str, str]:
        return {"authorization": f"Bearer {self.keys.get(tenant, self.key)}"}

    def generate(
        self, text: str = "What is the capital of Lithuania?", tenant: str = "acme"
    ) -> httpx.Response:
        body = {"inputs": text, "parameters": {"max_new_tokens": 8}}
        return httpx.post(f"{self.url}/generate", json=body, headers=self.headers(tenant), timeout=30)

    def stream(self, text: str = "Tell me about Tallinn.", tenant: str = "acme") -> httpx.Response:
        body = {"inputs": text, "parameters": {"max_new_tokens": 6}}
        return httpx.post(f"{self.url}/generate_stream", json=body, headers=self.headers(tenant), timeout=30)

    def stop(self) -> None:
        self.gateway.stop()
        for server in [*self.fronts, *(server for _, server in self.sims.values())]:
            server.stop()


def start_grid(
    workdir: Path,
    nodes: list[GridNode],
    operators: list[Operator],
    *,
    tenant: dict[str, Any] | None = None,
    overrides: dict[str, Any] | None = None,
    accept_simulated: bool = False,
    tenants: dict[str, list[str]] | None = None,
    attestation_data: dict[str, Any] | None = None,
) -> Grid:
    """``accept_simulated``: the policy's attestation data accepts simulated evidence (tests only);
    ``attestation_data``: more of that data (e.g. ``allowed_measurements``).
    ``tenants``: more tenants (id -> allowed jurisdictions, the first its home), each with a key."""
    sims: dict[str, tuple[Starlette, ThreadedServer]] = {}
    fronts: list[ThreadedServer | ThreadedAgent] = []
    node_configs = []
    for spec in nodes:
        app = create_sim(SimSettings(jurisdiction=spec.jurisdiction, model=MODEL, node_id=spec.id))
        sims[spec.id] = (app, ThreadedServer(app).start())
        url = sims[spec.id][1].url
        if spec.agent is not None:
            assert spec.node_key is not None and spec.descriptor is not None
            command = EvidenceCommand(spec.evidence_command) if spec.evidence_command else None
            settings = AgentSettings(url, parse_signed_descriptor(spec.descriptor), spec.node_key, command)
            kind = {"lying": LyingAgent, "switchable": SwitchableAgent}.get(spec.agent, NodeAgent)
            agent = kind(settings)
            fronts.append(ThreadedAgent(agent).start())
            if spec.agent in ("altered", "stripped"):
                fronts.append(ThreadedServer(Middleman(fronts[-1].url, spec.agent)).start())
            url = fronts[-1].url
        entry: dict[str, Any] = {
            "id": spec.id,
            "base_url": url,
            "jurisdiction": spec.jurisdiction,
            "operator": spec.operator.name,
            "models": [MODEL],
        }
        if spec.agent is not None:
            entry["descriptor"] = "agent"
        elif spec.descriptor is not None:
            path = workdir / f"{spec.id}.descriptor.json"
            if spec.descriptor:
                path.write_bytes(spec.descriptor)
            entry["descriptor"] = str(path)
        node_configs.append(entry)
    key = f"sk-test-{secrets.token_urlsafe(12)}"
    keys = {name: f"sk-{name}-{secrets.token_urlsafe(12)}" for name in tenants or {}}
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
            },
            *(
                {
                    "id": name,
                    "home_jurisdiction": where[0],
                    "allowed_jurisdictions": where,
                    "purposes": ["support"],
                    "api_keys": [{"id": f"k-{name}", "sha256": hash_api_key(keys[name])}],
                    **(tenant or {}),
                }
                for name, where in (tenants or {}).items()
            ),
        ],
        **(overrides or {}),
    }
    if accept_simulated or attestation_data:
        rego = workdir / "rego"
        shutil.copytree(default_rego_dir(), rego)
        data_file = rego / "sovgw" / "reference" / "attestation" / "data.json"
        reference = json.loads(data_file.read_text())
        if accept_simulated:
            reference["accepted_evidence_types"] = ["simulated"]
        data_file.write_text(json.dumps({**reference, **(attestation_data or {})}))
        data["policy"] = {"rego_dir": str(rego)}
    config = parse_config(data, "test")
    gateway = ThreadedServer(create_app(config), free_port()).start(timeout=120)
    return Grid(config, gateway, sims, key, workdir, fronts, keys)


def records(grid: Grid, kind: str) -> list[dict[str, Any]]:
    with sqlite3.connect(grid.workdir / "audit.db") as db:
        rows = db.execute("SELECT canonical FROM audit_records WHERE kind = ? ORDER BY seq", (kind,))
        return [json.loads(r[0]) for r in rows]
