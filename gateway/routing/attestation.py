"""Appraising a node's evidence: the checks every type shares, then one verifier per evidence type.

Every evidence must answer the gateway's own nonce, name the descriptor the gateway verified, carry
``report_data = SHA-256(nonce || descriptor digest)`` and be younger than the configured age. Then
the type's verifier checks the quote itself:

- ``simulated``: an Ed25519 signature by the descriptor's node key (tests and the demo; proves
  possession of the key, not what hardware ran; the shipped policy does not accept it).
- ``sev-snp``: an AMD SEV-SNP attestation report with its VCEK and ASK certificates, verified
  offline up to the AMD root keys pinned in ``attestation.sev_snp_roots`` (``sev_snp.py``), against
  the CRLs and minimum TCBs configured per product line; its launch measurement goes on to the
  policy. Without pinned roots it fails like the types below.
- ``tdx``, ``nvidia-cc``: Intel TDX quotes and NVIDIA GPU confidential-computing reports need their
  vendors' collateral (Intel's PCS data, NVIDIA's RIM and OCSP); no verifier for them is installed
  here, so such evidence fails: a node is never counted as attested on evidence nobody checked.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Protocol

from domain.nodes import (
    Evidence,
    NodeDescriptor,
    NodeIdentityError,
    report_data,
    verify_simulated_quote,
)
from gateway.config import AttestationConfig
from gateway.routing.sev_snp import SevSnpVerifier, load_roots
from gateway.routing.sev_snp_crl import load_crls

CLOCK_SKEW = timedelta(seconds=30)


class EvidenceVerifier(Protocol):
    """Checks the quote of one evidence type; raises ``NodeIdentityError`` saying what did not hold.
    Returns the launch measurement (hex) the quote proves, for types that carry one."""

    def verify(self, evidence: Evidence, descriptor: NodeDescriptor, now: datetime) -> str | None: ...


class SimulatedVerifier:
    def verify(self, evidence: Evidence, descriptor: NodeDescriptor, now: datetime) -> None:
        verify_simulated_quote(evidence, descriptor.node_key)


class UnavailableVerifier:
    """A hardware type whose verifier is not installed in this gateway: its evidence never passes."""

    def __init__(self, name: str, missing: str = "no verifier is installed") -> None:
        self.name, self.missing = name, missing

    def verify(self, evidence: Evidence, descriptor: NodeDescriptor, now: datetime) -> None:
        raise NodeIdentityError(f"{self.name} evidence cannot be verified here: {self.missing}")


VERIFIERS: dict[str, EvidenceVerifier] = {
    "simulated": SimulatedVerifier(),
    "sev-snp": UnavailableVerifier("AMD SEV-SNP", "no AMD root key is pinned (attestation.sev_snp_roots)"),
    "tdx": UnavailableVerifier("Intel TDX"),
    "nvidia-cc": UnavailableVerifier("NVIDIA confidential computing"),
}


def verifiers_for(attestation: AttestationConfig) -> dict[str, EvidenceVerifier]:
    """The verifiers of a gateway with these pinned AMD root keys and CRLs (no root: SEV-SNP stays
    unavailable). Raises ``ValueError`` naming a root or CRL file that cannot be used."""
    if not attestation.sev_snp_roots:
        return VERIFIERS
    roots = load_roots(attestation.sev_snp_roots)
    min_tcb = {line: m.model_dump(exclude_none=True) for line, m in attestation.sev_snp_min_tcb.items()}
    snp = SevSnpVerifier(roots, load_crls(attestation.sev_snp_crls, roots), min_tcb)
    return {**VERIFIERS, "sev-snp": snp}


def appraise(
    evidence: Evidence,
    descriptor: NodeDescriptor,
    descriptor_sha256: str,
    nonce: str,
    now: datetime,
    max_age: timedelta,
    verifiers: dict[str, EvidenceVerifier] = VERIFIERS,
) -> str | None:
    """Raises ``NodeIdentityError`` unless ``evidence`` is fresh, answers ``nonce`` and verifies;
    returns the launch measurement its quote proves, if its type carries one."""
    if evidence.nonce != nonce:
        raise NodeIdentityError("the evidence answers another nonce")
    if evidence.descriptor_sha256 != descriptor_sha256:
        raise NodeIdentityError("the evidence is bound to another descriptor")
    if evidence.report_data != report_data(nonce, descriptor_sha256):
        raise NodeIdentityError("the evidence's report data is not SHA-256(nonce || descriptor digest)")
    if evidence.issued_at > now + CLOCK_SKEW:
        raise NodeIdentityError("the evidence is dated in the future")
    if now - evidence.issued_at > max_age:
        raise NodeIdentityError("the evidence is stale")
    verifier = verifiers.get(evidence.type)
    if verifier is None:
        raise NodeIdentityError(f"no verifier for evidence type {evidence.type!r}")
    return verifier.verify(evidence, descriptor, now)
