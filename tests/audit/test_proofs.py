"""Evidence for one record that a regulator can check offline with nothing but the public key."""

from __future__ import annotations

import asyncio
import json

import pytest

from audit.checkpoint import NoteSigner, NoteVerifier
from audit.proofs import EvidenceError, InclusionEvidence, verify_evidence
from audit.store import open_audit_log
from tests.audit.conftest import audit_config, forward

SIGNER = NoteSigner.from_seed("sovereign-gateway.local/audit", bytes(range(32)))
KEYS = [NoteVerifier.from_vkey(SIGNER.vkey())]


def make_evidence(tmp_path, database_url, seqs):
    async def main():
        store = await open_audit_log(audit_config(tmp_path, database_url, signing_key=SIGNER.private_text()))
        for i in range(20):
            await store.append(forward(i))
        with pytest.raises(EvidenceError, match="not yet covered"):
            await store.inclusion_evidence(5)
        await store.checkpoint()
        evidence = [await store.inclusion_evidence(s) for s in seqs]
        with pytest.raises(EvidenceError, match="not yet covered"):
            await store.inclusion_evidence(21)
        await store.aclose()
        return evidence

    return asyncio.run(main())


def test_evidence_for_any_record_verifies_offline_after_a_json_round_trip(tmp_path, database_url):
    for evidence in make_evidence(tmp_path, database_url, [0, 1, 13, 20]):
        carried = InclusionEvidence.from_json(json.loads(json.dumps(evidence.to_json())))
        checkpoint = verify_evidence(carried, KEYS)
        assert checkpoint.size == 21
        assert len(carried.proof) <= 5  # log2 of the tree size, not the tree


def test_altered_evidence_is_rejected_with_what_did_not_match(tmp_path):
    (evidence,) = make_evidence(tmp_path, None, [13])
    forged_record = evidence.record.replace(b'"DE"', b'"US"')
    cases = [
        (InclusionEvidence(13, forged_record, 21, evidence.proof, evidence.checkpoint), "different root"),
        (
            InclusionEvidence(12, evidence.record, 21, evidence.proof, evidence.checkpoint),
            "says it is seq 13",
        ),
        (
            InclusionEvidence(13, evidence.record, 20, evidence.proof, evidence.checkpoint),
            "the checkpoint signs 21",
        ),
        (InclusionEvidence(13, evidence.record, 21, evidence.proof[:-1], evidence.checkpoint), "too short"),
        (
            InclusionEvidence(
                13, evidence.record, 21, evidence.proof, evidence.checkpoint.replace("\n21\n", "\n22\n")
            ),
            "no valid signature",
        ),
    ]
    for forged, why in cases:
        with pytest.raises(EvidenceError, match=why):
            verify_evidence(forged, KEYS)
    with pytest.raises(EvidenceError, match="malformed evidence"):
        InclusionEvidence.from_json({"seq": 1})
