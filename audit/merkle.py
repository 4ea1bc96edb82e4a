"""The RFC 6962 / RFC 9162 Merkle tree: hashes, roots, inclusion and consistency proofs.

Leaves hash as SHA-256(0x00 || entry), interior nodes as SHA-256(0x01 || left || right); a tree of
n leaves splits at k, the largest power of two below n. Proof generation is written against a
``RangeHash`` (the hash of the subtree over leaves [start, end)) so the same code serves an
in-memory list of leaves and a database of stored complete subtrees, where every range a proof asks
for costs O(log n) reads.

>>> root([leaf_hash(b"")]).hex()[:16]
'6e340b9cffb37a98'
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

HASH_SIZE = 32
EMPTY_ROOT = hashlib.sha256(b"").digest()

# The hash of the subtree over leaves [start, end).
RangeHash = Callable[[int, int], bytes]


class ProofError(Exception):
    """A proof does not prove what it claims; the message says what did not match."""


def leaf_hash(entry: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + entry).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def split_point(n: int) -> int:
    """The largest power of two strictly smaller than ``n`` (n >= 2)."""
    return 1 << ((n - 1).bit_length() - 1)


def is_perfect(start: int, end: int) -> bool:
    """True when [start, end) is one complete, aligned subtree (what a store keeps as one node)."""
    size = end - start
    return size > 0 and size & (size - 1) == 0 and start % size == 0


def root(leaves: Sequence[bytes]) -> bytes:
    """The root over leaf hashes (not entries)."""
    if not leaves:
        return EMPTY_ROOT
    return _list_range_hash(leaves)(0, len(leaves))


def _list_range_hash(leaves: Sequence[bytes]) -> RangeHash:
    def rh(start: int, end: int) -> bytes:
        if end - start == 1:
            return leaves[start]
        k = split_point(end - start)
        return node_hash(rh(start, start + k), rh(start + k, end))

    return rh


def range_hash_from_perfect(perfect: Callable[[int, int], bytes]) -> RangeHash:
    """A ``RangeHash`` built from ``perfect(level, index)``, the stored hash of a complete subtree.

    A range that is not itself a complete subtree is the right edge of some tree; it splits into at
    most log2(n) complete ones, so any range costs O(log n) lookups.
    """

    def rh(start: int, end: int) -> bytes:
        if is_perfect(start, end):
            level = (end - start).bit_length() - 1
            return perfect(level, start >> level)
        k = split_point(end - start)
        return node_hash(rh(start, start + k), rh(start + k, end))

    return rh


def inclusion_proof(index: int, size: int, rh: RangeHash) -> list[bytes]:
    """RFC 9162 2.1.3.1: the audit path for leaf ``index`` in the tree of ``size`` leaves."""
    if not 0 <= index < size:
        raise ProofError(f"leaf {index} is outside a tree of size {size}")
    return _path(index, 0, size, rh)


def _path(index: int, start: int, end: int, rh: RangeHash) -> list[bytes]:
    if end - start == 1:
        return []
    mid = start + split_point(end - start)
    if index < mid:
        return [*_path(index, start, mid, rh), rh(mid, end)]
    return [*_path(index, mid, end, rh), rh(start, mid)]


def consistency_proof(size1: int, size2: int, rh: RangeHash) -> list[bytes]:
    """RFC 9162 2.1.4.1: the proof that the tree of ``size1`` is a prefix of the tree of ``size2``."""
    if not 0 <= size1 <= size2:
        raise ProofError(f"no consistency proof from size {size1} to size {size2}")
    if size1 == 0 or size1 == size2:
        return []
    return _subproof(size1, 0, size2, True, rh)


def _subproof(m: int, start: int, end: int, whole: bool, rh: RangeHash) -> list[bytes]:
    if m == end - start:
        return [] if whole else [rh(start, end)]
    k = split_point(end - start)
    if m <= k:
        return [*_subproof(m, start, start + k, whole, rh), rh(start + k, end)]
    return [*_subproof(m - k, start + k, end, False, rh), rh(start, start + k)]


def verify_inclusion(
    leaf: bytes, index: int, size: int, proof: Sequence[bytes], expected_root: bytes
) -> None:
    """RFC 9162 2.1.3.2. Raises ``ProofError`` unless ``leaf`` is at ``index`` under ``expected_root``."""
    if not 0 <= index < size:
        raise ProofError(f"leaf {index} is outside a tree of size {size}")
    _require_hashes([leaf, expected_root, *proof])
    fn, sn = index, size - 1
    r = leaf
    for p in proof:
        if sn == 0:
            raise ProofError(f"inclusion proof for leaf {index} in size {size} is too long")
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while fn & 1 == 0 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise ProofError(f"inclusion proof for leaf {index} in size {size} is too short")
    if r != expected_root:
        raise ProofError(f"inclusion proof for leaf {index} in size {size} leads to a different root")


def verify_consistency(size1: int, size2: int, proof: Sequence[bytes], root1: bytes, root2: bytes) -> None:
    """RFC 9162 2.1.4.2. Raises ``ProofError`` unless tree ``size1`` is a prefix of tree ``size2``."""
    if size2 < size1:
        raise ProofError(f"size {size2} is smaller than {size1}: a tree cannot shrink")
    if size1 == size2:
        if proof:
            raise ProofError(f"equal sizes {size1} need an empty consistency proof")
        if root1 != root2:
            raise ProofError(f"two different roots for the same size {size1}")
        return
    if size1 == 0:
        if proof:
            raise ProofError("a consistency proof from the empty tree must be empty")
        return
    if not proof:
        raise ProofError(f"missing consistency proof from size {size1} to {size2}")
    _require_hashes([root1, root2, *proof])
    path = list(proof)
    if size1 & (size1 - 1) == 0:  # size1 is a power of two: its root is the first node
        path.insert(0, root1)
    fn, sn = size1 - 1, size2 - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            raise ProofError(f"consistency proof from size {size1} to {size2} is too long")
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while fn & 1 == 0 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise ProofError(f"consistency proof from size {size1} to {size2} is too short")
    if fr != root1:
        raise ProofError(f"consistency proof does not lead to the root of size {size1}")
    if sr != root2:
        raise ProofError(f"consistency proof does not lead to the root of size {size2}")


def _require_hashes(values: Sequence[bytes]) -> None:
    for v in values:
        if len(v) != HASH_SIZE:
            raise ProofError(f"a hash of {len(v)} bytes where {HASH_SIZE} were expected")


class CompactRange:
    """The right frontier of a growing tree: the roots of its complete subtrees, largest first.

    Appending a leaf merges equal-sized subtrees and yields each complete subtree it finishes, so a
    writer stores every node exactly once and never reads more than O(log n) hashes to continue.
    """

    def __init__(self, size: int = 0, hashes: Sequence[bytes] = ()) -> None:
        if len(hashes) != size.bit_count():
            raise ValueError(
                f"a compact range of size {size} has {size.bit_count()} hashes, not {len(hashes)}"
            )
        self.size = size
        self.hashes = list(hashes)

    @staticmethod
    def frontier(size: int) -> list[tuple[int, int]]:
        """(level, index) of the complete subtrees that make up a tree of ``size``, largest first."""
        out = []
        start = 0
        for level in range(size.bit_length() - 1, -1, -1):
            if size >> level & 1:
                out.append((level, start >> level))
                start += 1 << level
        return out

    def append(self, leaf: bytes) -> list[tuple[int, int, bytes]]:
        """Add one leaf; return the (level, index, hash) of every interior node it completed."""
        completed = []
        index = self.size
        h = leaf
        level = 0
        while index >> level & 1:
            h = node_hash(self.hashes.pop(), h)
            level += 1
            completed.append((level, index >> level, h))
        self.hashes.append(h)
        self.size += 1
        return completed

    def root(self) -> bytes:
        if not self.hashes:
            return EMPTY_ROOT
        h = self.hashes[-1]
        for left in reversed(self.hashes[:-1]):
            h = node_hash(left, h)
        return h
