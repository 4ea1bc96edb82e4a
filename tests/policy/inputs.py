"""Policy inputs for the tests: a readable builder, and a seeded generator for differential runs."""

from __future__ import annotations

import random
from typing import Any

from domain.classification import Category, ClassificationSummary
from domain.policy import (
    CandidateNode,
    NodeAppraisal,
    PolicyInput,
    RequestMeta,
    TenantPolicySettings,
    TenantView,
)
from domain.texts import FieldKind


def node(
    id: str,
    jurisdiction: str,
    *,
    healthy: bool = True,
    attested: bool = True,
    operator: str = "Example Compute",
) -> CandidateNode:
    return CandidateNode(
        id=id, operator=operator, jurisdiction=jurisdiction, healthy=healthy, attested=attested
    )


NODES = [node("de-1", "DE"), node("fr-1", "FR"), node("ch-1", "CH"), node("us-1", "US"), node("in-1", "IN")]


def policy_input(
    category: Category = Category.PERSONAL,
    *,
    candidates: list[CandidateNode] | None = None,
    home: str = "DE",
    allowed: list[str] | None = None,
    degraded: bool = False,
    special_categories: list[str] | None = None,
    **settings: Any,
) -> PolicyInput:
    entities = {"EMAIL_ADDRESS": 1} if category != Category.NONE else {}
    return PolicyInput(
        tenant=TenantView(
            id="acme",
            home_jurisdiction=home,
            allowed_jurisdictions=allowed or ["DE", "FR", "CH", "US", "IN"],
            settings=TenantPolicySettings(**settings),
        ),
        purpose="support",
        classification=ClassificationSummary(
            category=category,
            entities=entities,
            field_kinds={k: [FieldKind.USER] for k in entities},
            special_categories=special_categories or [],
            max_score=0.85 if entities else 0.0,
            languages=["en"],
            detector_version="test",
            recognizer_hash="0" * 64,
            degraded=degraded,
        ),
        candidates=NODES if candidates is None else candidates,
        request=RequestMeta(route="/v1/chat/completions", protocol="openai", model="m", stream=False),
    )


# Jurisdictions the generator draws from: EEA, adequacy countries (US only with DPF), countries
# without adequacy, and codes that are not ISO 3166 at all.
_EEA = ["DE", "FR", "IE", "NL", "PL", "SE", "NO", "LI", "IS", "GR"]
_ADEQUATE = ["CH", "GB", "JP", "KR", "CA", "BR", "IL", "NZ", "UY", "US", "FO", "JE"]
_OTHER = ["IN", "CN", "RU", "AU", "SG", "ZA"]
_UNKNOWN = ["XX", "ZZ", "QQ", "EL", "UK", "EU"]
_ALL = _EEA + _ADEQUATE + _OTHER + _UNKNOWN
_ENTITIES = ["EMAIL_ADDRESS", "PHONE_NUMBER", "IBAN_CODE", "EE_PERSONAL_CODE", "PERSON", "LOCATION"]
_SPECIAL = ["health", "religion", "sexual_orientation", "political_opinion", "trade_union"]


_EVIDENCE = ["simulated", "sev-snp", "tdx", "nvidia-cc"]
_WEIGHTS = ["sha256:" + c * 64 for c in "abc"]


def _appraisal(rng: random.Random) -> NodeAppraisal:
    return NodeAppraisal(
        operator="Example Compute",
        registration_number="HRB 1",
        country=rng.choice(_EEA),
        site="DC1",
        gpu_model="NVIDIA H100",
        evidence_type=rng.choice(_EVIDENCE),
        fresh=True,
        model_weights_digest=rng.choice(_WEIGHTS),
        tgi_image_digest="sha256:" + "d" * 64,
        descriptor_sha256="e" * 64,
    )


def _pick(rng: random.Random, pool: list[str], low: int, high: int) -> list[str]:
    return rng.sample(pool, rng.randint(low, min(high, len(pool))))


def generated_input(rng: random.Random) -> PolicyInput:
    home = rng.choice([*_EEA, "CH", "GB", "XX"])
    allowed = sorted(set(_pick(rng, _ALL, 1, 12) + ([home] if rng.random() < 0.8 else [])))
    special_list = None
    if rng.random() < 0.4:
        special_list = _pick(rng, [*_EEA, "CH", "US", "XX"], 0, 4)
    settings = TenantPolicySettings(
        allow_adequacy_transfers=rng.random() < 0.5,
        special_category_jurisdictions=special_list,
        require_attestation=rng.random() < 0.3,
        attestation_types=_pick(rng, _EVIDENCE, 0, 3) if rng.random() < 0.2 else None,
        allowed_model_digests=_pick(rng, _WEIGHTS, 1, 2) if rng.random() < 0.15 else None,
        legal_basis=rng.choice([None, None, "SCC-2021/914 module 2", 'DPA 2026-17 \u00a77 "processing"']),
        retention_class=rng.choice(["standard", "short", "legal-hold"]),
    )
    category = rng.choice(list(Category))
    entities = (
        {} if category == Category.NONE else {e: rng.randint(1, 5) for e in _pick(rng, _ENTITIES, 1, 3)}
    )
    special = _pick(rng, _SPECIAL, 1, 2) if category == Category.SPECIAL else []
    candidates = [
        CandidateNode(
            id=f"n{i}-{rng.randint(0, 999)}",
            operator=rng.choice(["Example Compute", "Nordic GPU AS", "Acme Cloud Inc."]),
            # Mostly where the tenant allows, so that the other rules get to decide.
            jurisdiction=rng.choice(allowed if rng.random() < 0.6 else _ALL),
            healthy=rng.random() < 0.9,
            attested=rng.random() < 0.6,
            appraisal=_appraisal(rng) if rng.random() < 0.4 else None,
        )
        for i in range(rng.randint(0, 6))
    ]
    return PolicyInput(
        tenant=TenantView(
            id=f"t{rng.randint(0, 99)}",
            home_jurisdiction=home,
            allowed_jurisdictions=allowed,
            settings=settings,
        ),
        purpose=rng.choice(["support", "coding", "triage"]),
        classification=ClassificationSummary(
            category=category,
            entities=entities,
            field_kinds={e: [rng.choice(list(FieldKind))] for e in entities},
            special_categories=special,
            max_score=round(rng.random(), 3),
            languages=["en"],
            detector_version="gen",
            recognizer_hash="0" * 64,
            degraded=rng.random() < 0.15,
            risk_signals=["invisible_characters"] if rng.random() < 0.1 else [],
        ),
        candidates=candidates,
        request=RequestMeta(
            route=rng.choice(["/v1/chat/completions", "/generate"]),
            protocol=rng.choice(["openai", "tgi"]),
            model=rng.choice([None, "m"]),
            stream=rng.random() < 0.5,
        ),
    )


def generated_inputs(seed: int, count: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    return [generated_input(rng).model_dump(mode="json") for _ in range(count)]
