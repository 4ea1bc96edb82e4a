"""Attestation in the residency policy, decided by the embedded engine as the gateway asks it: where
attestation is required only fresh evidence of an accepted type serves (the shipped data refuses
``simulated``), a tenant may narrow the types and the model weights, and each denial says why."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Iterator

import pytest

from domain.classification import Category
from domain.policy import CandidateNode, NodeAppraisal, PolicyDecision, PolicyInput
from gateway.policy.embedded import EmbeddedBackend
from gateway.policy.engine import PolicyEngine
from gateway.policy.source import default_rego_dir
from tests.policy.inputs import generated_inputs, node, policy_input

WEIGHTS = "sha256:" + "a" * 64
OTHER_WEIGHTS = "sha256:" + "b" * 64


@pytest.fixture(scope="module")
def engine() -> Iterator[PolicyEngine]:
    e = PolicyEngine(EmbeddedBackend(default_rego_dir()))
    yield e
    asyncio.run(e.aclose())


def decide(engine: PolicyEngine, inp: PolicyInput) -> PolicyDecision:
    return asyncio.run(engine.decide(inp))


def appraised(id: str, evidence_type: str | None, weights: str = WEIGHTS) -> CandidateNode:
    appraisal = NodeAppraisal(
        operator="Baltic GPU UAB",
        registration_number="305123456",
        country="DE",
        site="DC1, Frankfurt",
        gpu_model="NVIDIA H100",
        evidence_type=evidence_type,
        fresh=evidence_type is not None,
        model_weights_digest=weights,
        tgi_image_digest="sha256:" + "c" * 64,
        descriptor_sha256="d" * 64,
    )
    node_ = node(id, "DE", attested=evidence_type is not None, operator="Baltic GPU UAB")
    return node_.model_copy(update={"appraisal": appraisal})


NODES = [
    appraised("de-sim", "simulated"),
    appraised("de-tdx", "tdx"),
    appraised("de-snp", "sev-snp", OTHER_WEIGHTS),
    appraised("de-file", None),  # a descriptor from a file: verified identity, no evidence
]


def test_shipped_policy_refuses_simulated_evidence_where_attestation_is_required(
    engine: PolicyEngine,
) -> None:
    d = decide(engine, policy_input(Category.PERSONAL, candidates=NODES, require_attestation=True))
    # sev-snp counts only with a launch measurement the deployment lists for its model: none shipped.
    assert d.allowed_nodes == {"de-tdx": "intra-EEA"}
    assert "node de-snp (DE): its sev-snp evidence proves no launch measurement" in d.reasons
    assert (
        "node de-sim (DE): its evidence type simulated is not accepted (accepted: nvidia-cc, sev-snp, tdx)"
        in d.reasons
    )
    assert "node de-file (DE): the tenant requires attestation and the node is not attested" in d.reasons


def test_an_attested_flag_without_the_appraisal_does_not_count(engine: PolicyEngine) -> None:
    foreign = appraised("de-foreign", "tdx")
    foreign = foreign.model_copy(update={"operator": "Rhein Rechenzentrum GmbH"})
    candidates = [appraised("de-tdx", "tdx"), node("de-claim", "DE", attested=True), foreign]
    d = decide(engine, policy_input(Category.PERSONAL, candidates=candidates, require_attestation=True))
    assert d.allowed_nodes == {"de-tdx": "intra-EEA"}
    no_appraisal = "the tenant requires attestation and the node carries no appraisal of its evidence"
    assert f"node de-claim (DE): {no_appraisal}" in d.reasons
    assert (
        "node de-foreign (DE): the tenant requires attestation and its appraisal names another operator"
        in d.reasons
    )


def test_without_a_requirement_evidence_does_not_decide(engine: PolicyEngine) -> None:
    d = decide(engine, policy_input(Category.PERSONAL, candidates=NODES))
    assert set(d.allowed_nodes) == {"de-sim", "de-tdx", "de-snp", "de-file"}


def test_a_tenant_accepts_fewer_evidence_types(engine: PolicyEngine) -> None:
    d = decide(
        engine,
        policy_input(
            Category.PERSONAL, candidates=NODES, require_attestation=True, attestation_types=["tdx"]
        ),
    )
    assert d.allowed_nodes == {"de-tdx": "intra-EEA"}
    assert "node de-snp (DE): its evidence type sev-snp is not accepted (accepted: tdx)" in d.reasons


def test_a_tenant_cannot_accept_what_the_deployment_does_not(engine: PolicyEngine) -> None:
    d = decide(
        engine,
        policy_input(
            Category.PERSONAL, candidates=NODES, require_attestation=True, attestation_types=["simulated"]
        ),
    )
    assert not d.allow
    assert "node de-sim (DE): its evidence type simulated is not accepted (accepted: nothing)" in d.reasons


def test_only_the_model_weights_a_tenant_allows(engine: PolicyEngine) -> None:
    candidates = [*NODES, node("de-plain", "DE")]
    d = decide(
        engine, policy_input(Category.PERSONAL, candidates=candidates, allowed_model_digests=[WEIGHTS])
    )
    assert set(d.allowed_nodes) == {"de-sim", "de-tdx", "de-file"}
    not_allowed = "are not among the tenant's allowed_model_digests"
    assert f"node de-snp (DE): its model weights {OTHER_WEIGHTS} {not_allowed}" in d.reasons
    assert "node de-plain (DE): its model weights are not verified (no signed descriptor)" in d.reasons


def test_the_differential_inputs_exercise_the_attestation_rules(engine: PolicyEngine) -> None:
    """The inputs the OPA-versus-embedded comparison uses reach every attestation rule."""
    rules: Counter[str] = Counter()

    async def run() -> None:
        for inp in generated_inputs(seed=20260115, count=600):
            evaluation = await engine.evaluate(inp)
            rules.update(f.rule for f in evaluation.result.findings)

    asyncio.run(run())
    for rule in (
        "unattested_node",
        "attestation_not_appraised",
        "evidence_type_not_accepted",
        "model_digest_not_allowed",
    ):
        assert rules[rule] >= 10, rules
