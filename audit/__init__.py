"""The audit trail: append-only records in a verifiable Merkle log with signed checkpoints."""
