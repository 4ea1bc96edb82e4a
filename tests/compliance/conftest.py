"""The compliance routes alone over a built trail, with a token for each kind of holder."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from audit.database import open_database
from audit.query.scope import AccessScope, Role
from audit.store import open_audit_log
from gateway.compliance.routes import compliance_routes
from gateway.compliance.tokens import TokenStore
from gateway.config import ApiKey, ComplianceConfig, GatewayConfig, NodeConfig, TenantConfig
from tests.compliance.trail import Trail, build_trail

INFERENCE_KEY = "sk-sovgw-acme-inference-key"


def gateway_config(trail: Trail) -> GatewayConfig:
    from gateway.config import hash_api_key

    return GatewayConfig(
        nodes=[
            NodeConfig(
                id="fra-1", base_url="http://127.0.0.1:9", jurisdiction="DE", operator="Example", models=["m"]
            )
        ],
        tenants=[
            TenantConfig(
                id="acme",
                home_jurisdiction="DE",
                allowed_jurisdictions=["DE"],
                purposes=["support"],
                api_keys=[ApiKey(id="k1", sha256=hash_api_key(INFERENCE_KEY))],
            )
        ],
        audit=trail.config,
        compliance=ComplianceConfig(secure_cookies=False),
    )


def make_app(config: GatewayConfig, state: dict | None = None) -> Starlette:
    """The compliance routes alone, over the trail's log; ``state["audit"]`` is the running store."""
    state = {} if state is None else state

    @contextlib.asynccontextmanager
    async def lifespan(app):
        state["audit"] = await open_audit_log(config.audit)
        try:
            yield
        finally:
            await state["audit"].aclose()

    return Starlette(routes=compliance_routes(config, lambda: state["audit"]), lifespan=lifespan)


SCOPES = {
    "officer": AccessScope(Role.OFFICER, tenants=("acme",)),
    "officer2": AccessScope(Role.OFFICER, tenants=("globex", "initech")),
    "regulator": AccessScope(
        Role.REGULATOR,
        jurisdictions=("CH",),
        since=datetime(2026, 11, 2, tzinfo=UTC),
        until=datetime(2026, 11, 6, tzinfo=UTC),
    ),
    "admin": AccessScope(Role.ADMIN),
}


@dataclass
class Env:
    trail: Trail
    config: GatewayConfig
    client: TestClient
    tokens: dict[str, str]
    token_ids: dict[str, str]

    def auth(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[who]}"}


def issue_tokens(trail: Trail) -> tuple[dict[str, str], dict[str, str]]:
    db = open_database(trail.url)
    try:
        store = TokenStore(db)
        store.ensure_schema()
        tokens, ids = {}, {}
        for who, scope in SCOPES.items():
            tokens[who], info = store.create(scope, label=f"test {who}")
            ids[who] = info.token_id
        return tokens, ids
    finally:
        db.dispose()


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> Iterator[Env]:
    trail = build_trail(tmp_path_factory.mktemp("trail"))
    tokens, ids = issue_tokens(trail)
    config = gateway_config(trail)
    with TestClient(make_app(config), base_url="http://127.0.0.1") as client:
        yield Env(trail, config, client, tokens, ids)
