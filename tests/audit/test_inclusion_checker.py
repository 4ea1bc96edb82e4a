"""The one-file verifier checks a bundle's inclusion proofs in leaf order, reusing what earlier
proofs proved: it accepts exactly the proofs the plain RFC 9162 check accepts."""

from __future__ import annotations

import hashlib

import pytest

from audit import bundle_verify, merkle

SIZES = (1, 2, 3, 5, 8, 13, 37, 64, 100)


def _tree(size: int):
    leaves = [merkle.leaf_hash(f"record {i}".encode()) for i in range(size)]

    def rh(start: int, end: int) -> bytes:
        return merkle.root(leaves[start:end])

    return leaves, rh, rh(0, size)


def _path(proof: list[bytes]) -> bytes:
    return ", ".join(f'"{h.hex()}"' for h in proof).encode()


@pytest.mark.parametrize("size", SIZES)
def test_every_valid_proof_passes_in_order(size):
    leaves, rh, root = _tree(size)
    checker = bundle_verify.InclusionChecker(size, root)
    for i in range(size):
        checker.check(leaves[i], i, _path(merkle.inclusion_proof(i, size, rh)))


@pytest.mark.parametrize("size", [2, 3, 5, 8, 13, 37])
def test_a_proof_altered_anywhere_fails_even_after_its_neighbours_passed(size):
    leaves, rh, root = _tree(size)
    for target in range(size):
        proof = merkle.inclusion_proof(target, size, rh)
        for k in range(len(proof)):
            checker = bundle_verify.InclusionChecker(size, root)
            for i in range(target):  # the neighbours' proofs are remembered first
                checker.check(leaves[i], i, _path(merkle.inclusion_proof(i, size, rh)))
            bad = list(proof)
            bad[k] = hashlib.sha256(bad[k]).digest()
            with pytest.raises(bundle_verify.ProofError):
                checker.check(leaves[target], target, _path(bad))


@pytest.mark.parametrize("size", [s for s in SIZES if s > 1])
def test_a_wrong_leaf_a_wrong_index_or_a_cut_or_padded_proof_fails(size):
    leaves, rh, root = _tree(size)
    checker = bundle_verify.InclusionChecker(size, root)
    for i in range(size):
        proof = merkle.inclusion_proof(i, size, rh)
        checker.check(leaves[i], i, _path(proof))
        other = (i + 1) % size
        for leaf, index, path in (
            (leaves[other], i, proof),  # another record at this position
            (leaves[i], other, proof),  # this record claimed at another position
            (leaves[i], i, proof[:-1]),
            (leaves[i], i, [*proof, root]),
            (leaves[i], size, proof),
        ):
            with pytest.raises(bundle_verify.ProofError):
                checker.check(leaf, index, _path(path))


def test_a_path_that_is_not_a_list_of_hashes_fails():
    leaves, rh, root = _tree(5)
    path = _path(merkle.inclusion_proof(2, 5, rh))
    checker = bundle_verify.InclusionChecker(5, root)
    for bad in (path[:-1], path.replace(b'", "', b'","', 1), path.replace(path[1:3], b"zz", 1)):
        with pytest.raises((bundle_verify.ProofError, ValueError)):
            checker.check(leaves[2], 2, bad)
