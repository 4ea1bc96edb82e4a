"""Every default residency rule, decided by the embedded engine from Python, as the gateway calls it."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator

import pytest

from domain.classification import Category
from domain.policy import PolicyDecision, PolicyInput
from gateway.policy.embedded import EmbeddedBackend
from gateway.policy.engine import PolicyEngine
from gateway.policy.source import default_rego_dir, load_policy_source
from tests.policy.inputs import node, policy_input


@pytest.fixture(scope="module")
def engine() -> Iterator[PolicyEngine]:
    e = PolicyEngine(EmbeddedBackend(default_rego_dir()))
    yield e
    asyncio.run(e.aclose())


def decide(engine: PolicyEngine, inp: PolicyInput) -> PolicyDecision:
    return asyncio.run(engine.decide(inp))


def test_personal_data_goes_to_the_eea_only_by_default(engine: PolicyEngine) -> None:
    d = decide(engine, policy_input(Category.PERSONAL))
    assert d.allow
    assert d.allowed_nodes == {"de-1": "intra-EEA", "fr-1": "intra-EEA"}
    assert any("ch-1 (CH)" in r and "does not allow adequacy transfers" in r for r in d.reasons)


def test_personal_data_reaches_adequacy_countries_when_the_tenant_allows(engine: PolicyEngine) -> None:
    d = decide(engine, policy_input(Category.PERSONAL, allow_adequacy_transfers=True))
    assert d.allowed_nodes == {"de-1": "intra-EEA", "fr-1": "intra-EEA", "ch-1": "adequacy:CH"}
    # The US decision covers only DPF-certified organisations; none is listed in the shipped data.
    assert any("us-1 (US)" in r and "Data Privacy Framework" in r for r in d.reasons)
    assert d.legal_basis is None


def test_special_category_data_stays_in_the_home_jurisdiction(engine: PolicyEngine) -> None:
    d = decide(
        engine, policy_input(Category.SPECIAL, special_categories=["health"], allow_adequacy_transfers=True)
    )
    assert d.allowed_nodes == {"de-1": "intra-EEA"}
    assert "data category: special (health)" in d.reasons
    assert d.obligations["data_category"] == "special"


def test_special_category_list_beyond_home_needs_a_legal_basis(engine: PolicyEngine) -> None:
    without = decide(engine, policy_input(Category.SPECIAL, special_category_jurisdictions=["DE", "FR"]))
    assert without.allowed_nodes == {"de-1": "intra-EEA"}
    assert any("lists FR beyond the home jurisdiction without a legal_basis" in r for r in without.reasons)

    with_basis = decide(
        engine,
        policy_input(Category.SPECIAL, special_category_jurisdictions=["FR", "CH"], legal_basis="DPA-7"),
    )
    assert with_basis.allowed_nodes == {"fr-1": "intra-EEA"}
    assert with_basis.legal_basis == "DPA-7"
    assert any("lists CH, outside the EEA: ignored" in r for r in with_basis.reasons)


def test_degraded_classification_is_treated_as_special_category(engine: PolicyEngine) -> None:
    d = decide(engine, policy_input(Category.NONE, degraded=True, allow_adequacy_transfers=True))
    assert d.allowed_nodes == {"de-1": "intra-EEA"}
    assert "classification was degraded: treated as special-category data" in d.reasons


def test_nothing_found_keeps_the_eea_only_default(engine: PolicyEngine) -> None:
    d = decide(engine, policy_input(Category.NONE))
    assert d.allowed_nodes == {"de-1": "intra-EEA", "fr-1": "intra-EEA"}
    assert any("cannot prove absence" in r for r in d.reasons)


def test_nothing_found_with_a_legal_basis_reaches_the_tenant_set_and_records_it(
    engine: PolicyEngine,
) -> None:
    d = decide(engine, policy_input(Category.NONE, legal_basis="SCC-2021/914 module 2"))
    assert d.allowed_nodes == {
        "de-1": "intra-EEA",
        "fr-1": "intra-EEA",
        "ch-1": "none",
        "us-1": "none",
        "in-1": "none",
    }
    assert d.legal_basis == "SCC-2021/914 module 2"


def test_unknown_jurisdiction_is_never_allowed(engine: PolicyEngine) -> None:
    d = decide(
        engine,
        policy_input(Category.NONE, candidates=[node("xx-1", "XX")], allowed=["XX"], legal_basis="SCC"),
    )
    assert not d.allow
    assert "node xx-1 (XX): the jurisdiction code is not a known ISO 3166-1 code" in d.reasons
    assert "no candidate node may serve this request" in d.reasons


def test_unhealthy_and_unattested_nodes_are_never_allowed(engine: PolicyEngine) -> None:
    candidates = [node("de-1", "DE", healthy=False), node("fr-1", "FR", attested=False), node("de-2", "DE")]
    d = decide(engine, policy_input(Category.PERSONAL, candidates=candidates, require_attestation=True))
    assert d.allowed_nodes == {}
    assert "node de-1 (DE): the node is not healthy" in d.reasons
    assert "node fr-1 (FR): the tenant requires attestation and the node is not attested" in d.reasons
    # A configuration's attested flag alone proves nothing: the gateway's appraisal must show it.
    assert (
        "node de-2 (DE): the tenant requires attestation and the node carries no appraisal of its evidence"
        in d.reasons
    )

    relaxed = decide(engine, policy_input(Category.PERSONAL, candidates=candidates))
    assert relaxed.allowed_nodes == {"fr-1": "intra-EEA", "de-2": "intra-EEA"}


def test_tenant_settings_can_only_narrow(engine: PolicyEngine) -> None:
    d = decide(engine, policy_input(Category.PERSONAL, allowed=["FR"]))
    assert d.allowed_nodes == {"fr-1": "intra-EEA"}
    assert "node de-1 (DE): not one of the tenant's allowed jurisdictions" in d.reasons


def test_no_candidates_is_a_denial_with_a_reason(engine: PolicyEngine) -> None:
    d = decide(engine, policy_input(Category.PERSONAL, candidates=[]))
    assert not d.allow and d.allowed_nodes == {}
    assert "no candidate nodes were offered" in d.reasons


def test_decision_carries_revision_engine_obligations_and_a_fresh_id(engine: PolicyEngine) -> None:
    inp = policy_input(Category.PERSONAL, retention_class="legal-hold")
    first, second = decide(engine, inp), decide(engine, inp)
    assert first.revision == load_policy_source(default_rego_dir()).revision
    assert re.fullmatch(r"[0-9a-f]{64}", first.revision)
    assert first.engine == "embedded"
    assert first.obligations == {"retention_class": "legal-hold", "data_category": "personal"}
    assert re.fullmatch(r"[0-9a-f]{32}", first.decision_id) and first.decision_id != second.decision_id


def test_reasons_name_entity_types_and_request_notes_come_first(engine: PolicyEngine) -> None:
    d = decide(engine, policy_input(Category.PERSONAL))
    assert d.reasons[0] == "data category: personal (EMAIL_ADDRESS)"
    assert all(r.startswith("node ") for r in d.reasons[1:])
