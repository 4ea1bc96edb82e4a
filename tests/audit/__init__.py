"""Tests of the audit trail: canonical records, the Merkle tree, checkpoints, the store, verification."""
