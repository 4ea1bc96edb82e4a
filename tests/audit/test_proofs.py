"""Evidence for one record that a regulator can check offline with nothing but the public key."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import event

from audit import canonical, merkle, tree_store
from audit.checkpoint import NoteSigner, NoteVerifier
from audit.database import open_database
from audit.migrations import migrate
from audit.proofs import EvidenceError, InclusionEvidence, verify_evidence
from audit.store import open_audit_log
from audit.writer import LogWriter, PendingRecord
from tests.audit.conftest import audit_config, forward, tamper

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


def test_a_proof_from_the_database_costs_logarithmic_reads(tmp_path):
    db = open_database(f"sqlite:///{tmp_path / 'audit.db'}")
    migrate(db)
    writer = LogWriter(db)
    body = canonical.event_body(forward(0), "actor")
    for _ in range(8):
        writer.append_batch([PendingRecord(datetime.now(UTC), body)] * 500)
    n = 4000
    statements = []
    event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    with db.engine.connect() as conn:
        every_leaf = [
            bytes(h)
            for (h,) in conn.execute(
                tree_store.RECORDS.select()
                .with_only_columns(tree_store.RECORDS.c.leaf_hash)
                .order_by(tree_store.RECORDS.c.seq)
            )
        ]
        root = tree_store.root(conn, n)
        assert root == merkle.root(every_leaf)  # the stored subtrees add up to the tree of all leaves
        leaves = dict(
            conn.execute(
                tree_store.RECORDS.select()
                .with_only_columns(tree_store.RECORDS.c.seq, tree_store.RECORDS.c.leaf_hash)
                .where(tree_store.RECORDS.c.seq.in_([0, 2047, 2048, 3999]))
            ).all()
        )
        for seq in (0, 2047, 2048, 3999):
            statements.clear()
            proof = tree_store.inclusion_proof(conn, seq, n)
            assert len(statements) <= 2  # its leaves, then its interior nodes: never one query per hash
            merkle.verify_inclusion(bytes(leaves[seq]), seq, n, proof, root)
        statements.clear()
        proof = tree_store.consistency_proof(conn, 1000, n)
        assert len(statements) <= 2
        merkle.verify_consistency(1000, n, proof, tree_store.root(conn, 1000), root)
    db.dispose()


def test_a_proof_over_a_tree_missing_a_stored_hash_names_the_hash(tmp_path):
    url = f"sqlite:///{tmp_path / 'audit.db'}"
    db = open_database(url)
    migrate(db)
    body = canonical.event_body(forward(0), "actor")
    LogWriter(db).append_batch([PendingRecord(datetime.now(UTC), body)] * 8)
    db.dispose()
    tamper(url, "DELETE FROM audit_tree_nodes WHERE level = 1 AND idx = 2")  # leaves 4 and 5
    db = open_database(url, writer=False)
    try:
        with db.engine.connect() as conn:
            leaves = [tree_store.perfect_hash(conn, 0, i) for i in range(4)]
            assert tree_store.root(conn, 4) == merkle.root(leaves)  # reads that do not need it still work
            for read in (
                lambda: tree_store.root(conn, 7),
                lambda: tree_store.consistency_proof(conn, 6, 8),
                lambda: tree_store.inclusion_proof(conn, 6, 8),
            ):
                with pytest.raises(tree_store.MissingNodeError, match="level 1 index 2"):
                    read()
    finally:
        db.dispose()


def test_stored_hashes_are_looked_up_by_key_on_sqlite_never_by_scanning_the_tree(tmp_path):
    """A writer continuing a tree another process extended reads its frontier every batch, and
    checkpoints read proofs: a scan of every stored node made each cost more as the log grew."""
    db = open_database(f"sqlite:///{tmp_path / 'audit.db'}")
    migrate(db)
    writer = LogWriter(db)
    body = canonical.event_body(forward(0), "actor")
    writer.append_batch([PendingRecord(datetime.now(UTC), body)] * 1000)
    statements: list[tuple[str, object]] = []
    event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append((args[2], args[3])))
    with db.engine.connect() as conn:
        frontier = tree_store.compact_range(conn, 999)
        proof = tree_store.consistency_proof(conn, 500, 999)
        reads = list(statements)
        plans = [conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params).all() for sql, params in reads]
        merkle.verify_consistency(500, 999, proof, tree_store.root(conn, 500), frontier.root())
    node_reads = [plan for (sql, _), plan in zip(reads, plans, strict=True) if "audit_tree_nodes" in sql]
    assert node_reads
    for plan in node_reads:
        details = " ".join(row[-1] for row in plan)
        assert "SCAN audit_tree_nodes" not in details, details
    db.dispose()
