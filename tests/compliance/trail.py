"""A populated audit trail for the compliance tests: several tenants, jurisdictions, kinds and days.

Records go through the store's own writer (``LogWriter.append_batch``) with chosen recording times,
so the tree, tree heads and checkpoints are exactly what the gateway would have written.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from audit import canonical
from audit.checkpoint import NoteSigner
from audit.config import AuditConfig
from audit.database import open_database
from audit.migrations import migrate
from audit.writer import LogWriter, PendingRecord
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

SIGNER = NoteSigner.from_seed("sovereign-gateway.local/audit", bytes(range(32)))
ORIGIN = "sovereign-gateway.local/audit"
TENANTS = ("acme", "globex", "initech")
NODES = (
    NodeRef(node_id="fra-1", operator="Example GPU GmbH", jurisdiction="DE", transfer_basis="intra-EEA"),
    NodeRef(node_id="par-1", operator="Calcul SAS", jurisdiction="FR", transfer_basis="intra-EEA"),
    NodeRef(node_id="zrh-1", operator="Alpine Compute AG", jurisdiction="CH", transfer_basis="adequacy:CH"),
)
PURPOSES = ("support", "analytics")
START = datetime(2026, 11, 1, tzinfo=UTC)
DAYS = 10


def summary(category: Category) -> ClassificationSummary:
    entities = {} if category is Category.NONE else {"EMAIL_ADDRESS": 1, "PERSON": 2}
    special = ["health"] if category is Category.SPECIAL else []
    return ClassificationSummary(
        category=category,
        entities=entities,
        special_categories=special,
        detector_version="presidio-2.2",
        recognizer_hash="abc123",
    )


def request(n: int, tenant: str, purpose: str) -> RequestContext:
    return RequestContext(
        request_id=f"req-{n:06d}",
        tenant=tenant,
        api_key_id=f"key-{tenant}",
        purpose=purpose,
        route="/v1/chat/completions",
        model="mistral-7b",
        stream=False,
    )


def events_for(n: int, rng: random.Random):  # type: ignore[no-untyped-def]
    """The records one request leaves: a forward and its completion (served, failed at the node or
    refused by it), or a denial (451, 503, or from before denials carried their status), or a
    failure. A record given as a dict is a document body as written before a field existed."""
    tenant = TENANTS[n % len(TENANTS)]
    purpose = PURPOSES[n % 2]
    category = (Category.NONE, Category.PERSONAL, Category.SPECIAL)[rng.randrange(3)]
    req = request(n, tenant, purpose)
    roll = rng.random()
    if roll < 0.15:
        decision = DecisionRef(
            decision_id=f"d{n}", allow=False, revision="rev-1", engine="embedded", reasons=["no basis"]
        )
        status = 503 if roll < 0.04 else 451
        denial = DenialEvent(request=req, classification=summary(category), decision=decision, status=status)
        if roll >= 0.12:  # recorded before denials said what the client was answered
            old = canonical.event_body(denial, f"actor-{tenant}")
            del old["status"]
            return [old]
        return [denial]
    if roll < 0.18:
        return [EngineFailureEvent(request=req, stage="policy", error="timeout")]
    node = NODES[rng.randrange(len(NODES))]
    decision = DecisionRef(
        decision_id=f"d{n}",
        allow=True,
        revision="rev-1",
        engine="embedded",
        legal_basis="SCC-2021/914" if node.jurisdiction == "CH" else None,
    )
    if roll < 0.21:
        outcome, status = "upstream_error", 502  # the node failed
    elif roll < 0.23:
        outcome, status = "upstream_error", 422  # the node refused the request's values
    else:
        outcome, status = "success", 200
    return [
        ForwardEvent(request=req, classification=summary(category), decision=decision, node=node),
        CompletionEvent(
            request=req, outcome=outcome, status=status, served_by=node, latency_ms=120.5, prompt_tokens=9
        ),
    ]


@dataclass(frozen=True)
class Trail:
    config: AuditConfig
    url: str
    vkey: str
    size: int


def audit_config(tmp_path: Path, url: str | None = None) -> AuditConfig:
    return AuditConfig(
        database_url=url or f"sqlite:///{tmp_path / 'audit.db'}",
        pseudonym_key_dir=tmp_path / "pseudonym-keys",
        signing_key=SIGNER.private_text(),
        checkpoint_every_records=50,
    )


def build_trail(tmp_path: Path, url: str | None = None, requests: int = 120, seed: int = 7) -> Trail:
    """``requests`` requests spread over ``DAYS`` days, checkpoints every 40 records."""
    config = audit_config(tmp_path, url)
    db = open_database(config.database_url)
    try:
        migrate(db)
        writer = LogWriter(db)
        rng = random.Random(seed)
        rotation = AdminEvent(
            kind="key_rotation",
            detail={"key_name": SIGNER.name, "key_id": SIGNER.key_id.hex(), "vkey": SIGNER.vkey()},
        )
        writer.append_batch([PendingRecord(START - timedelta(hours=1), canonical.event_body(rotation, None))])
        written = 1
        for n in range(requests):
            at = START + timedelta(seconds=n * DAYS * 86400 // requests)
            batch = []
            for i, event in enumerate(events_for(n, rng)):
                if isinstance(event, dict):
                    body = event
                else:
                    actor = f"actor-{event.request.tenant}" if hasattr(event, "request") else None
                    body = canonical.event_body(event, actor)
                batch.append(PendingRecord(at + timedelta(milliseconds=i), body))
            writer.append_batch(batch)
            written += len(batch)
            if written // 40 != (written - len(batch)) // 40:
                writer.sign_checkpoint(SIGNER, ORIGIN)
        writer.sign_checkpoint(SIGNER, ORIGIN)
    finally:
        db.dispose()
    return Trail(config, config.database_url, SIGNER.vkey(), written)
