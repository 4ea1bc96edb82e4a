"""The Merkle tree against the transparency-dev/merkle test vectors (see data/ for their origin)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from audit import merkle

VECTORS = json.loads((Path(__file__).parent / "data/transparency_dev_merkle_vectors.json").read_text())
LEAVES = [bytes.fromhex(x) for x in VECTORS["leaf_inputs_hex"]]
LEAF_HASHES = [merkle.leaf_hash(x) for x in LEAVES]
ROOTS = [bytes.fromhex(x) for x in VECTORS["root_hashes_by_size"]]
SOME_HASH = bytes.fromhex("abacaba000000000000000000000000000000000000000000060061e00123456")


def h(values: list[str]) -> list[bytes]:
    return [bytes.fromhex(v) for v in values]


def list_rh(size: int) -> merkle.RangeHash:
    def rh(start: int, end: int) -> bytes:
        return merkle.root(LEAF_HASHES[start:end])

    assert size <= len(LEAF_HASHES)
    return rh


def test_leaf_hashes_match_the_vectors():
    assert h(VECTORS["node_hashes_by_level"][0]) == LEAF_HASHES


@pytest.mark.parametrize("size", range(9))
def test_root_of_every_prefix_matches_the_vectors(size):
    assert merkle.root(LEAF_HASHES[:size]) == ROOTS[size]


def test_compact_range_stores_every_complete_subtree_once_and_tracks_the_root():
    compact = merkle.CompactRange()
    stored: dict[tuple[int, int], bytes] = {}
    for size, leaf in enumerate(LEAF_HASHES, start=1):
        for level, idx, value in compact.append(leaf):
            assert (level, idx) not in stored
            stored[(level, idx)] = value
        assert compact.root() == ROOTS[size]
    for level, hashes in enumerate(VECTORS["node_hashes_by_level"][1:], start=1):
        for idx, value in enumerate(h(hashes)):
            assert stored[(level, idx)] == value


@pytest.mark.parametrize("vector", VECTORS["inclusion_proofs"], ids=lambda v: f"{v['leaf']}-of-{v['size']}")
def test_inclusion_proofs_match_and_verify(vector):
    index, size, proof = vector["leaf"] - 1, vector["size"], h(vector["proof"])
    assert merkle.inclusion_proof(index, size, list_rh(size)) == proof
    merkle.verify_inclusion(LEAF_HASHES[index], index, size, proof, ROOTS[size])


def _inclusion_corruptions(index, size, proof, root, leaf):
    """The probes transparency-dev/merkle's verify_test.go runs against every good proof."""
    probes = [
        (index - 1, size, root, leaf, proof),
        (index + 1, size, root, leaf, proof),
        (index ^ 2, size, root, leaf, proof),
        (index, size * 2, root, leaf, proof),
        (index, size // 2, root, leaf, proof),
        (index, size, root, b"WrongLeaf", proof),
        (index, size, merkle.EMPTY_ROOT, leaf, proof),
        (index, size, SOME_HASH, leaf, proof),
        (index, size, root, leaf, [*proof, b""]),
        (index, size, root, leaf, [*proof, root]),
        (index, size, root, leaf, [b"", *proof]),
        (index, size, root, leaf, [root, *proof]),
    ]
    for i in range(len(proof)):
        flipped = list(proof)
        flipped[i] = bytes([flipped[i][0] ^ 8]) + flipped[i][1:]
        probes.append((index, size, root, leaf, flipped))
    if proof:
        probes.append((index, size, root, leaf, proof[:-1]))
    if len(proof) > 1:
        probes.append((index, size, root, leaf, [proof[0], SOME_HASH, *proof[1:]]))
    return probes


@pytest.mark.parametrize("vector", VECTORS["inclusion_proofs"], ids=lambda v: f"{v['leaf']}-of-{v['size']}")
def test_corrupted_inclusion_proofs_are_rejected(vector):
    index, size, proof = vector["leaf"] - 1, vector["size"], h(vector["proof"])
    for probe in _inclusion_corruptions(index, size, proof, ROOTS[size], LEAF_HASHES[index]):
        with pytest.raises(merkle.ProofError):
            merkle.verify_inclusion(probe[3], probe[0], probe[1], probe[4], probe[2])


@pytest.mark.parametrize(
    "vector", VECTORS["consistency_proofs"], ids=lambda v: f"{v['size1']}-to-{v['size2']}"
)
def test_consistency_proofs_match_and_verify(vector):
    size1, size2, proof = vector["size1"], vector["size2"], h(vector["proof"])
    assert merkle.consistency_proof(size1, size2, list_rh(size2)) == proof
    merkle.verify_consistency(size1, size2, proof, ROOTS[size1], ROOTS[size2])


@pytest.mark.parametrize(
    "vector",
    [v for v in VECTORS["consistency_proofs"] if v["proof"]],
    ids=lambda v: f"{v['size1']}-to-{v['size2']}",
)
def test_corrupted_consistency_proofs_are_rejected(vector):
    s1, s2, proof = vector["size1"], vector["size2"], h(vector["proof"])
    r1, r2 = ROOTS[s1], ROOTS[s2]
    probes = [
        (s1 - 1, s2, r1, r2, proof),
        (s1 + 1, s2, r1, r2, proof),
        (s1 ^ 2, s2, r1, r2, proof),
        (s1, s2 * 2, r1, r2, proof),
        (s1, s2 // 2, r1, r2, proof),
        (s1, s2, b"WrongRoot", r2, proof),
        (s1, s2, r1, b"WrongRoot", proof),
        (s1, s2, r2, r1, proof),
        (s1, s2, r1, r2, []),
        (s1, s2, r1, r2, [*proof, b""]),
        (s1, s2, r1, r2, [*proof, r1]),
        (s1, s2, r1, r2, [*proof, r2]),
        (s1, s2, r1, r2, [b"", *proof]),
        (s1, s2, r1, r2, [r1, *proof]),
        (s1, s2, r1, r2, [r2, *proof]),
        (s1, s2, r1, r2, [proof[0], *proof]),
        (s1, s2, r1, r2, proof[:-1]),
    ]
    for i in range(len(proof)):
        flipped = list(proof)
        flipped[i] = bytes([flipped[i][0] ^ 16]) + flipped[i][1:]
        probes.append((s1, s2, r1, r2, flipped))
    for a, b, ra, rb, p in probes:
        with pytest.raises(merkle.ProofError):
            merkle.verify_consistency(a, b, p, ra, rb)


def test_trivially_consistent_sizes():
    merkle.verify_consistency(0, 0, [], merkle.EMPTY_ROOT, merkle.EMPTY_ROOT)
    merkle.verify_consistency(0, 5, [], merkle.EMPTY_ROOT, ROOTS[5])
    with pytest.raises(merkle.ProofError, match="cannot shrink"):
        merkle.verify_consistency(2, 1, [], ROOTS[2], ROOTS[1])
    with pytest.raises(merkle.ProofError, match="two different roots"):
        merkle.verify_consistency(1, 1, [], ROOTS[1], ROOTS[2])


def test_proofs_from_stored_subtrees_cost_logarithmic_reads():
    n = 1000
    leaves = [merkle.leaf_hash(i.to_bytes(4, "big")) for i in range(n)]
    compact = merkle.CompactRange()
    stored = {}
    for i, leaf in enumerate(leaves):
        stored[(0, i)] = leaf
        stored.update({(lv, idx): v for lv, idx, v in compact.append(leaf)})
    reads = []

    def perfect(level, idx):
        reads.append((level, idx))
        return stored[(level, idx)]

    rh = merkle.range_hash_from_perfect(perfect)
    root = merkle.root(leaves)
    for index in (0, 1, 511, 512, 998, 999):
        reads.clear()
        proof = merkle.inclusion_proof(index, n, rh)
        merkle.verify_inclusion(leaves[index], index, n, proof, root)
        assert len(reads) <= 2 * n.bit_length()
    for size1 in (1, 7, 512, 513, 999):
        reads.clear()
        proof = merkle.consistency_proof(size1, n, rh)
        merkle.verify_consistency(size1, n, proof, merkle.root(leaves[:size1]), root)
        assert len(reads) <= 2 * n.bit_length()


def test_out_of_range_proof_requests_are_refused():
    with pytest.raises(merkle.ProofError, match="outside a tree of size 3"):
        merkle.inclusion_proof(3, 3, list_rh(3))
    with pytest.raises(merkle.ProofError, match="from size 4 to size 3"):
        merkle.consistency_proof(4, 3, list_rh(3))
