"""Appraising evidence: it must answer the gateway's nonce, be bound to the verified descriptor, be
fresh, and carry a quote its type's verifier accepts; hardware types have no verifier here."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from domain.nodes import NodeIdentityError, descriptor_digest, simulated_evidence
from gateway.routing.attestation import appraise
from tests.nodes.grid import BALTIC, descriptor

NODE_KEY = Ed25519PrivateKey.generate()
DESCRIPTOR = descriptor("lt-1", BALTIC, "LT", NODE_KEY)
DIGEST = descriptor_digest(DESCRIPTOR)
NOW = datetime.now(UTC)
MAX_AGE = timedelta(minutes=5)


def test_simulated_evidence_of_the_node_key_over_the_nonce_and_descriptor_passes() -> None:
    nonce = secrets.token_hex(32)
    appraise(simulated_evidence(nonce, DIGEST, NODE_KEY, NOW), DESCRIPTOR, DIGEST, nonce, NOW, MAX_AGE)


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("replayed", "answers another nonce"),
        ("other descriptor", "bound to another descriptor"),
        ("report data", "report data is not SHA-256"),
        ("stale", "stale"),
        ("future", "dated in the future"),
        ("other key", "not signed by the descriptor's node key"),
        ("sev-snp", "AMD SEV-SNP evidence cannot be verified here"),
        ("tdx", "Intel TDX evidence cannot be verified here"),
        ("nvidia-cc", "NVIDIA confidential computing evidence cannot be verified here"),
    ],
)
def test_evidence_that_does_not_hold_fails_closed_saying_why(case: str, message: str) -> None:
    nonce = secrets.token_hex(32)
    evidence = simulated_evidence(nonce, DIGEST, NODE_KEY, NOW)
    if case == "replayed":
        evidence = simulated_evidence(secrets.token_hex(32), DIGEST, NODE_KEY, NOW)
    elif case == "other descriptor":
        evidence = simulated_evidence(nonce, "f" * 64, NODE_KEY, NOW)
    elif case == "report data":
        evidence = evidence.model_copy(update={"report_data": "0" * 64})
    elif case == "stale":
        evidence = simulated_evidence(nonce, DIGEST, NODE_KEY, NOW - timedelta(minutes=6))
    elif case == "future":
        evidence = simulated_evidence(nonce, DIGEST, NODE_KEY, NOW + timedelta(minutes=2))
    elif case == "other key":
        evidence = simulated_evidence(nonce, DIGEST, Ed25519PrivateKey.generate(), NOW)
    else:
        evidence = evidence.model_copy(update={"type": case})
    with pytest.raises(NodeIdentityError, match=message):
        appraise(evidence, DESCRIPTOR, DIGEST, nonce, NOW, MAX_AGE)
