"""Events of every kind to record, audit settings for a test, the log on each backend, and tampering."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import text

from audit.checkpoint import NoteVerifier
from audit.config import AuditConfig
from audit.database import open_database
from domain.classification import Category, ClassificationSummary
from domain.events import (
    AdminEvent,
    CompletionEvent,
    DecisionRef,
    DenialEvent,
    EngineFailureEvent,
    ForwardEvent,
    NodeRef,
    RequestContext,
)
from gateway.local import ThreadedServer
from tests.support.system import fresh_postgres_database
from witness.server import build_app
from witness.state import WitnessState, load_or_create_key
from witness.witness import Witness

API_KEY_ID = "key-acme-ops-7"


def request(n: int = 0, tenant: str = "acme", api_key_id: str = API_KEY_ID) -> RequestContext:
    return RequestContext(
        request_id=f"req-{n:06d}",
        tenant=tenant,
        api_key_id=api_key_id,
        purpose="support",
        route="/v1/chat/completions",
        model="mistral-7b",
        stream=False,
    )


SUMMARY = ClassificationSummary(
    category=Category.PERSONAL,
    entities={"EMAIL_ADDRESS": 1, "PERSON": 2},
    detector_version="presidio-2.2",
    recognizer_hash="abc123",
    max_score=0.85,
)
DECISION = DecisionRef(decision_id="dec-1", allow=True, revision="rev-42", engine="embedded", reasons=["eea"])
NODE = NodeRef(node_id="fra-1", operator="Example GPU GmbH", jurisdiction="DE", transfer_basis="intra-EEA")


def forward(n: int = 0, tenant: str = "acme", api_key_id: str = API_KEY_ID) -> ForwardEvent:
    return ForwardEvent(
        request=request(n, tenant, api_key_id), classification=SUMMARY, decision=DECISION, node=NODE
    )


def every_kind(n: int = 0) -> list:
    """One event of every kind the gateway records."""
    return [
        forward(n),
        CompletionEvent(
            request=request(n),
            outcome="success",
            status=200,
            served_by=NODE,
            failovers=1,
            prompt_tokens=12,
            completion_tokens=40,
            latency_ms=812.5,
            first_byte_ms=95.25,
        ),
        DenialEvent(
            request=request(n + 1),
            classification=SUMMARY.model_copy(
                update={"category": Category.SPECIAL, "special_categories": ["health"]}
            ),
            decision=DECISION.model_copy(
                update={"allow": False, "reasons": ["special category outside home"]}
            ),
        ),
        EngineFailureEvent(request=request(n + 2), stage="policy", error="timeout"),
        AdminEvent(kind="policy_revision", detail={"revision": "rev-43"}),
        AdminEvent(kind="config_change", detail={"sha256": "0" * 64}),
        AdminEvent(kind="export", detail={"tenant": "acme", "from": "0", "to": "5"}),
    ]


def audit_config(tmp_path: Path, url: str | None = None, **overrides) -> AuditConfig:
    """A throwaway trail: with no key given, one generated beside the database (the explicit opt-in)."""
    overrides.setdefault("allow_key_beside_database", True)
    return AuditConfig(
        database_url=url or f"sqlite:///{tmp_path / 'audit.db'}",
        pseudonym_key_dir=tmp_path / "pseudonym-keys",
        signing_key_file=overrides.pop("signing_key_file", None),
        **overrides,
    )


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request, tmp_path) -> Iterator[str]:
    """The log's database on each backend: a SQLite file, or a fresh database on the real server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'audit.db'}"
    else:
        with fresh_postgres_database() as dsn:
            yield _dsn_to_url(dsn)


def _dsn_to_url(dsn: str) -> str:
    from psycopg.conninfo import conninfo_to_dict

    p = conninfo_to_dict(dsn)
    return f"postgresql://{p['user']}:{p.get('password', '')}@{p['host']}:{p.get('port', 5432)}/{p['dbname']}"


def tamper(url, *statements, params=None):
    """Change the database the way someone with direct access could: past the append-only triggers."""
    db = open_database(url)
    try:
        with db.engine.begin() as conn:
            if db.dialect == "sqlite":
                names = conn.exec_driver_sql(
                    "SELECT name FROM sqlite_master WHERE type = 'trigger'"
                ).scalars()
                for name in list(names):
                    conn.exec_driver_sql(f"DROP TRIGGER {name}")
            else:
                conn.exec_driver_sql("SET LOCAL session_replication_role = replica")
            for statement in statements:
                conn.execute(text(statement), params or {})
    finally:
        db.dispose()


@contextmanager
def running_witnesses(
    tmp_path: Path, count: int, log_vkey: str
) -> Iterator[list[tuple[ThreadedServer, Witness]]]:
    """``count`` witnesses of the log with ``log_vkey``, each with its own key and state, on loopback."""
    running = []
    for i in range(count):
        w = Witness(
            load_or_create_key(tmp_path / f"w{i}", f"w{i}.test"),
            [NoteVerifier.from_vkey(log_vkey)],
            WitnessState(tmp_path / f"w{i}" / "state.json"),
        )
        running.append((ThreadedServer(build_app(w)).start(), w))
    try:
        yield running
    finally:
        for server, _ in running:
            server.stop()
