"""Same files, same decisions: the OPA server and the embedded backend agree on every input."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx
import pytest

from gateway.policy.embedded import EmbeddedBackend
from gateway.policy.opa_server import OpaServerBackend
from tests.policy.conftest import OpaServer
from tests.policy.inputs import generated_inputs

pytestmark = pytest.mark.opa

GENERATED = 600


def rego_test_cases(opa: OpaServer) -> dict[str, dict[str, Any]]:
    response = httpx.get(f"{opa.url}/v1/data/sovgw/residency_test/cases", timeout=5)
    response.raise_for_status()
    cases = response.json()["result"]
    assert len(cases) >= 20, "the Rego tests' inputs were not found"
    return cases


def test_opa_and_embedded_engines_decide_identically(opa: OpaServer, policy_dir: Path) -> None:
    """Inputs: every case the Rego tests use (``data.sovgw.residency_test.cases``, read back from the
    OPA server, which loads the test modules too), plus 600 inputs from a seeded generator over
    tenants, settings, categories, degraded classifications and candidates in EEA, adequacy, other
    and unknown jurisdictions. Results are compared in full (allow, nodes and bases, obligations,
    every reason and the rule behind it, legal basis) together with the revision; the decision step
    after the evaluation is one and the same for both backends.
    """
    inputs = list(rego_test_cases(opa).items())
    inputs += [
        (f"generated-{i}", inp) for i, inp in enumerate(generated_inputs(seed=20260115, count=GENERATED))
    ]

    async def run() -> tuple[int, list[str], dict[str, int]]:
        server = OpaServerBackend(opa.url, timeout_s=5.0)
        embedded = EmbeddedBackend(policy_dir, timeout_s=5.0)
        mismatches: list[str] = []
        outcomes = {"allow": 0, "deny": 0}
        try:
            for name, inp in inputs:
                a, b = await server.evaluate(inp), await embedded.evaluate(inp)
                if (a.result, a.revision) != (b.result, b.revision):
                    mismatches.append(f"{name}: opa={a.result!r} embedded={b.result!r}")
                outcomes["allow" if a.result.allow else "deny"] += 1
        finally:
            await server.aclose()
            await embedded.aclose()
        return len(inputs), mismatches, outcomes

    compared, mismatches, outcomes = asyncio.run(run())
    assert compared >= GENERATED + 20
    assert mismatches == [], "\n".join(mismatches[:5])
    # The generator must exercise both outcomes, or agreement proves little.
    assert outcomes["allow"] > 100 and outcomes["deny"] > 100, outcomes
