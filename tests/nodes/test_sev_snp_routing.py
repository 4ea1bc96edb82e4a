"""SEV-SNP nodes through the gateway: node-agents run an evidence command that produces a report per
nonce (signed by a test chain); the gateway pins the chain's root. A node whose report verifies and
whose launch measurement the policy allows serves; a guest that allows DEBUG, a chain under another
root or a report of another TCB than its VCEK's leaves routing with the reason, and a measurement
the policy does not list is denied."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tests.nodes import snp_chain
from tests.nodes.grid import BALTIC, RHEIN, WEIGHTS, Grid, GridNode, descriptor, records, signed, start_grid
from tests.nodes.snp_chain import MEASUREMENT, TCB, Chain, Report, milan_tcb

PINNED, FOREIGN = Chain(), Chain()
SPACED = {"interval_s": 5, "max_age_s": 60, "timeout_s": 15}
OTHER_IMAGE = bytes(48)  # a launch measurement the policy does not list
# node -> (operator, its chain, the report its guest produces)
NODES: dict[str, tuple[Any, Chain, Report]] = {
    "lt-1": (BALTIC, PINNED, Report()),
    "lv-1": (BALTIC, PINNED, Report(policy=0x30000 | 1 << 19)),  # DEBUG allowed
    "ee-1": (RHEIN, PINNED, Report(measurement=OTHER_IMAGE)),
    "fi-1": (RHEIN, FOREIGN, Report()),
    "de-1": (RHEIN, PINNED, Report(reported_tcb=milan_tcb({**TCB, "microcode": TCB["microcode"] + 1}))),
}
OUT = {"lv-1", "fi-1", "de-1"}


@pytest.fixture(scope="module")
def grid(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Grid]:
    workdir = tmp_path_factory.mktemp("snp")
    ark = workdir / "ark-milan.pem"
    ark.write_text(PINNED.pem(PINNED.ark))
    nodes = []
    for node_id, (operator, chain, report) in NODES.items():
        key = Ed25519PrivateKey.generate()
        chain.save(workdir / node_id, report)
        doc = signed(descriptor(node_id, operator, node_id[:2].upper(), key), operator)
        command = (sys.executable, str(Path(snp_chain.__file__)), str(workdir / node_id))
        nodes.append(
            GridNode(
                node_id, node_id[:2].upper(), operator, doc.model_dump_json().encode(), "honest", key, command
            )
        )
    running = start_grid(
        workdir,
        nodes,
        [BALTIC, RHEIN],
        tenant={"policy": {"require_attestation": True}},
        tenants={"lt": ["LT"], "lv": ["LV"], "ee": ["EE"], "fi": ["FI"], "de": ["DE"]},
        # Each check starts a Python process per node: checks are spaced for a loaded machine.
        overrides={"attestation": {**SPACED, "sev_snp_roots": {"Milan": str(ark)}}},
        attestation_data={"allowed_measurements": {WEIGHTS: [MEASUREMENT.hex()]}},
    )
    yield running
    running.stop()


def _out_of_routing(grid: Grid) -> dict[str, str]:
    """Once every node's first check is done (each runs a Python process: slow on a loaded machine)."""
    deadline = time.monotonic() + 60
    while True:
        out: dict[str, str] = httpx.get(f"{grid.url}/ready").json().get("nodes_out_of_routing", {})
        if set(out) == OUT or time.monotonic() > deadline:
            return out
        time.sleep(0.2)


def test_a_verified_report_with_an_allowed_measurement_serves(grid: Grid) -> None:
    assert "lt-1" not in _out_of_routing(grid)
    deadline = time.monotonic() + 60
    # Not out of routing is not yet in it: lt-1's first check (a Python process) may still be running.
    while (response := grid.generate(tenant="lt")).status_code == 503 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert response.status_code == 200, response.text
    request_id = response.headers["x-sovgw-request-id"]
    forward = next(r for r in records(grid, "forward") if r["request"]["request_id"] == request_id)
    assert forward["node"]["node_id"] == "lt-1"
    assert forward["node"]["evidence_sha256"]


def test_a_debug_guest_a_foreign_chain_and_another_tcb_leave_routing(grid: Grid) -> None:
    out = _out_of_routing(grid)
    assert out.get("lv-1") == "the SEV-SNP guest policy allows DEBUG: its memory is open to the host"
    assert out.get("fi-1") == "the SEV-SNP ASK is not signed by a pinned AMD root key (ARK)"
    microcode = f"microcode 0x{TCB['microcode']:02x} vs 0x{TCB['microcode'] + 1:02x} in the report"
    assert out.get("de-1") == f"the SEV-SNP VCEK was issued for another TCB than the report's: {microcode}"
    assert "lt-1" not in out and "ee-1" not in out
    for tenant in ("lv", "fi", "de"):
        assert grid.generate(tenant=tenant).status_code != 200
    served = {r["node"]["node_id"] for r in records(grid, "forward")}
    assert not served & OUT


def test_a_measurement_the_policy_does_not_list_is_denied_saying_so(grid: Grid) -> None:
    assert "ee-1" not in _out_of_routing(grid)  # its evidence verified: the policy refuses it
    response = grid.generate(tenant="ee")
    assert response.status_code == 451, response.text
    not_listed = f"its launch measurement {OTHER_IMAGE.hex()} is not among the allowed_measurements"
    assert not_listed in response.text
    assert "ee-1" not in {r["node"]["node_id"] for r in records(grid, "forward")}
