#!/usr/bin/env python3
"""Verify a Sovereign Gateway audit export with nothing but the log's public key.

    python3 bundle_verify.py BUNDLE --key LOG.vkey [--witness W.vkey ... --quorum K] [--jobs N]
        [--operator-key 'NAME=KEY' ...]

BUNDLE is the bag's directory or its .zip; the key (``<name>+<hex id>+<base64 key>``, or a file
holding it; repeat ``--key`` for a log whose key was rotated) must come from the log's operator by
another channel than the bundle. Needs Python 3.11+ and the ``cryptography`` package, nothing
else. Exit status: 0 pass, 1 fail, 2 not checkable.

Why one file: every bundle carries a copy of it (``data/verifier/``) for a regulator
to run alone, with no install and nothing of this project beside it. So it imports only the
standard library and ``cryptography``, and keeps its own copy of the few Merkle-tree (RFC 9162) and
signed-note (C2SP) checks that ``audit.merkle`` and ``audit.checkpoint`` also make; the tests run it
alone from an empty directory against bundles the exporter built.

The checklist, in order; every failure says what did not match:

0. The signed statement (``bundle-signature.txt``, by the log's key) matches the bundle: the tag
   manifest (hence every file, derived ones included), period, filter, scope, record counts and the
   bundled verifier's hash. A failure is named: FILE EDITED, PERIOD WIDENED, SCOPE CHANGED,
   VERIFIER REPLACED, UNSIGNED. With ``--witness``: the witnessed checkpoint (in the bundle, or
   ``--witnessed``) carries the quorum's cosignatures and the latest checkpoint extends it, else
   NOT WITNESSED, ROLLBACK or REWRITE.
1. The bag (RFC 8493): ``bagit.txt`` is a BagIt declaration; every payload file is listed in
   ``manifest-sha256.txt`` with its SHA-256 and nothing listed is missing; the tag manifest matches.
2. Checkpoints: each carries a valid Ed25519 signature by the given key (C2SP signed note), all
   name one log, and each is proven consistent with the next larger one (RFC 9162 2.1.4). KEY
   ROTATION: each checkpoint and the statement are signed by the key the log announced for their
   range (``proofs/rotations.jsonl``, every key record proven included; a withheld entry of kind
   key_rotation missing from it is named): after a rotation at seq s only the new key signs, the
   checkpoint of size s+1 also the old one.
3. Entries: a leaf is SHA-256(0x00 || entry). From the seq of the log's entry-format announcement
   (``proofs/entry-format.json``, proven included; ENTRY FORMAT otherwise) an entry is format 2,
   the RFC 8785 JSON ``{"record": <SHA-256 hex of the record's bytes>, "scope": {...}, "v": 2}``,
   its scope the record's jurisdiction, time, kind and tenant (hashed with the digest, see
   ``audit/entries.py``); before it, format 1, the record's bytes. Sequence continuity: the records,
   the withheld entries and the withheld format 1 leaves together give every sequence number from
   the range's first to its last exactly once, in order; each record says its own number.
4. The range proof: the leaf hashes of the whole range, between the stored hashes to its left and
   right, recompute the root of the latest checkpoint. So no entry in the range was dropped, added,
   altered or moved, no withheld entry's scope was changed, and the range is exactly what the log
   held when it signed.
5. Each record gives its leaf and its inclusion proof leads to the latest checkpoint's root.
6. Each record lies in the export's time range, filter and scope, and summary.csv lists exactly
   the exported records; each withheld entry lies outside them (HIDDEN RECORD otherwise).
7. Node receipts: each receipt the gateway recorded as verified is signed by the node key its
   descriptor names, under the descriptor the request was routed under, and that descriptor is
   signed by its operator. The operators' keys come from the bundle's list, which the log's
   operator compiled; ``--operator-key`` takes them from the node operators themselves instead.

What withheld entries prove. An export for one tenant or jurisdiction shows only that tenant's (or
jurisdiction's) records; every other entry in the range appears as its seq, its scope and its
record's digest (``withheld-entries.jsonl``), from which this verifier recomputes its leaf. The
leaf commits to the scope, so the scope is the one the log recorded (step 4) and it shows why the
entry was withheld: a record of the export's scope moved among the withheld entries is named,
whatever scope the exporter claims for it. Nothing else of it is revealed: not its content, and its
tenant only to a reader who guesses the name. The one thing the log must fix, not the exporter, is
where format 2 begins: the announcement is a record in the tree, proven included, the log holds one
(``sovgw audit verify`` fails a second); a bundle that lacks it has no format 1 entries.
Entries recorded before the announcement (a trail begun by an earlier release) are withheld as
bare leaf hashes (``withheld-leaves.txt``), accepted only below the announced seq: for these the
old caveat stands, and the report counts them. Such a leaf commits the exporter: the operator can
be asked to open it (show the record whose bytes hash to it), and if that record matches the
filter the export provably hid it.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import csv
import functools
import gc
import hashlib
import io
import itertools
import json
import multiprocessing
import re
import sys
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path, PurePosixPath

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

FORMAT = "sovgw-audit-export/2"
ANNOUNCEMENT = "entry_format"
MAX_PROBLEMS = 100


class Unreadable(Exception):
    """The bundle or key cannot be read at all."""


@dataclass
class Report:
    checks: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def passed(self, text: str) -> None:
        self.checks.append(text)

    def fail(self, text: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(text)
        elif len(self.problems) == MAX_PROBLEMS:
            self.problems.append("... further problems left out")

    def render(self) -> str:
        lines = [f"NOTE {n}" for n in self.notes]
        lines += [f"PASS {c}" for c in self.checks] + [f"FAIL {p}" for p in self.problems]
        lines.append("result: PASS" if self.ok else f"result: FAIL ({len(self.problems)} problems)")
        return "\n".join(lines)


# The Merkle tree (RFC 6962 / RFC 9162) and signed notes (C2SP), restated so this file stands alone.


def leaf_hash(entry: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + entry).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


class ProofError(Exception):
    pass


def verify_inclusion(leaf: bytes, index: int, size: int, proof: list[bytes], root: bytes) -> None:
    if not 0 <= index < size:
        raise ProofError(f"leaf {index} is outside a tree of size {size}")
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            raise ProofError("the inclusion proof is too long")
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
        raise ProofError("the inclusion proof is too short")
    if r != root:
        raise ProofError("the inclusion proof leads to a different root")


class InclusionChecker:
    """Inclusion proofs of many leaves in one tree, checked in leaf order.

    A proof is its path as it stands in proofs/inclusion.jsonl: ``"<hex>", "<hex>", ...`` (68 bytes
    an element). Proofs of neighbouring leaves share their upper part: once a proof has led from a
    node to the root, a later proof that reaches the same node with the same hash and the same rest
    of the path is proven there, so each interior node is hashed about once instead of once per
    leaf below it. Only proofs that reached the root stay remembered.
    """

    def __init__(self, size: int, root: bytes) -> None:
        self.size, self.root = size, root
        self._proven: dict[int, tuple[int, bytes, bytes]] = {}  # sn -> (fn, hash, rest of path)

    def check(self, leaf: bytes, index: int, path: bytes) -> None:
        if not 0 <= index < self.size:
            raise ProofError(f"leaf {index} is outside a tree of size {self.size}")
        count = (len(path) + 2) // 68
        if len(path) != max(count * 68 - 2, 0) or (path and (path[:1], path[-1:]) != (b'"', b'"')):
            raise ProofError("the inclusion proof is not a list of SHA-256 hashes")
        if path.count(b'", "') != max(count - 1, 0):
            raise ProofError("the inclusion proof is not a list of SHA-256 hashes")
        proven = self._proven
        try:
            self._walk(leaf, index, path, count)
        except BaseException:
            proven.clear()  # it holds nodes of this proof, not proven: forget them all
            raise

    def _walk(self, leaf: bytes, index: int, path: bytes, count: int) -> None:
        """From the leaf up, each node remembered as proven on the way (``check`` forgets them all
        if the walk fails); a node remembered by an earlier proof ends it. The nodes of one walk
        are on distinct levels (``sn``, its last index, falls at each step), so it never meets
        its own."""
        proven, sha256, unhex = self._proven, hashlib.sha256, binascii.unhexlify
        fn, sn, r = index, self.size - 1, leaf
        end = len(path)
        for at in range(0, count * 68, 68):
            known = proven.get(sn)
            if known is not None and known[0] == fn and known[1] == r:
                rest = known[2]
                if len(rest) == end - at and path.endswith(rest):
                    return  # proven from here on, by a proof that reached the root
            proven[sn] = (fn, r, path[at:])
            if sn == 0:
                raise ProofError("the inclusion proof is too long")
            p = unhex(path[at + 1 : at + 65])
            if fn & 1 or fn == sn:
                r = sha256(b"\x01" + p + r).digest()
                if not fn & 1:
                    while fn & 1 == 0 and fn != 0:
                        fn >>= 1
                        sn >>= 1
            else:
                r = sha256(b"\x01" + r + p).digest()
            fn >>= 1
            sn >>= 1
        if sn != 0:
            raise ProofError("the inclusion proof is too short")
        if r != self.root:
            raise ProofError("the inclusion proof leads to a different root")


def verify_consistency(size1: int, size2: int, proof: list[bytes], root1: bytes, root2: bytes) -> None:
    if size2 < size1:
        raise ProofError(f"size {size2} is smaller than {size1}")
    if size1 == size2:
        if proof or root1 != root2:
            raise ProofError(f"two different roots for size {size1}")
        return
    if size1 == 0:
        return
    if not proof:
        raise ProofError("the consistency proof is empty")
    path = list(proof)
    if size1 & (size1 - 1) == 0:
        path.insert(0, root1)
    fn, sn = size1 - 1, size2 - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            raise ProofError("the consistency proof is too long")
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            if not fn & 1:
                while fn & 1 == 0 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    if sn != 0 or fr != root1 or sr != root2:
        raise ProofError(f"the tree of size {size1} is not a prefix of the tree of size {size2}")


class CompactRange:
    """The roots of the complete subtrees of a tree's prefix, largest first."""

    def __init__(self, size: int, hashes: list[bytes]) -> None:
        if len(hashes) != size.bit_count():
            raise ProofError(f"a prefix of size {size} needs {size.bit_count()} hashes, not {len(hashes)}")
        self.size, self.hashes = size, list(hashes)

    def append(self, h: bytes, level: int = 0) -> None:
        """Add a complete subtree of 2**level leaves (a leaf when level is 0) at the end."""
        if self.size % (1 << level):
            raise ProofError(f"a subtree of {1 << level} leaves cannot start at {self.size}")
        index = self.size >> level
        hashes, sha256 = self.hashes, hashlib.sha256
        while index & 1:
            h = sha256(b"\x01" + hashes.pop() + h).digest()
            index >>= 1
        self.hashes.append(h)
        self.size += 1 << level

    def root(self) -> bytes:
        if not self.hashes:
            return hashlib.sha256(b"").digest()
        h = self.hashes[-1]
        for left in reversed(self.hashes[:-1]):
            h = node_hash(left, h)
        return h


@dataclass(frozen=True)
class PublicKey:
    name: str
    key_id: bytes
    key: bytes

    @classmethod
    def parse(cls, text: str) -> PublicKey:
        parts = text.strip().split("+", 2)
        if len(parts) != 3:
            raise Unreadable("the key is not of the form <name>+<hex key id>+<base64 key>")
        name, id_hex, b64 = parts
        try:
            raw = base64.b64decode(b64, validate=True)
            kid = bytes.fromhex(id_hex)
        except (binascii.Error, ValueError):
            raise Unreadable("the key is not valid hex and base64") from None
        if len(raw) != 33 or raw[0] != 1:
            raise Unreadable("the key is not an Ed25519 key")
        if hashlib.sha256(name.encode() + b"\n" + raw).digest()[:4] != kid:
            raise Unreadable("the key's id does not match its name and key")
        return cls(name, kid, raw[1:])

    def open(self, note: str) -> tuple[str, int, bytes]:
        """(origin, size, root) of a checkpoint this key signed; ``ProofError`` otherwise."""
        text = self.open_text(note)
        lines = text.split("\n")
        if len(lines) < 4 or not lines[1].isdigit():
            raise ProofError("the signed text is not a checkpoint")
        try:
            root = base64.b64decode(lines[2], validate=True)
        except (binascii.Error, ValueError):
            raise ProofError("the checkpoint root is not base64") from None
        return lines[0], int(lines[1]), root

    def open_text(self, note: str) -> str:
        """The text of a note this key signed; ``ProofError`` otherwise."""
        body, sep, sigs = note.rpartition("\n\n")
        if not sep or not sigs.endswith("\n"):
            raise ProofError("not a signed note")
        text = body + "\n"
        for line in sigs[:-1].split("\n"):
            if not line.startswith("\u2014 "):
                raise ProofError("a signature line does not start with an em dash")
            name, _, b64 = line[2:].partition(" ")
            try:
                raw = base64.b64decode(b64, validate=True)
            except (binascii.Error, ValueError):
                raise ProofError("a signature is not base64") from None
            if name != self.name or raw[:4] != self.key_id:
                continue
            try:
                Ed25519PublicKey.from_public_bytes(self.key).verify(raw[4:], text.encode())
            except InvalidSignature:
                raise ProofError(f"the signature by {self.name} does not verify") from None
            return text
        raise ProofError(f"no signature by the given key ({self.name})")


# Reading the bag.


def read_bag(path: Path) -> dict[str, bytes]:
    """Every file of the bag by its path inside the bag."""
    if path.is_dir():
        return {
            p.relative_to(path).as_posix(): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()
        }
    try:
        with zipfile.ZipFile(path) as zf:
            names = [n for n in zf.namelist() if not n.endswith("/")]
            tops = {PurePosixPath(n).parts[0] for n in names}
            if len(tops) != 1:
                raise Unreadable("the zip file must hold one bag directory")
            top = tops.pop()
            return {PurePosixPath(n).relative_to(top).as_posix(): zf.read(n) for n in names}
    except (zipfile.BadZipFile, OSError) as e:
        raise Unreadable(f"cannot read {path}: {e}") from None


def check_bag(files: dict[str, bytes], report: Report) -> None:
    declaration = files.get("bagit.txt", b"").decode("utf-8", "replace")
    if not declaration.startswith("BagIt-Version: "):
        report.fail("bagit.txt is missing or is not a BagIt declaration")
    ok = True
    for manifest, scope in (("manifest-sha256.txt", "payload"), ("tagmanifest-sha256.txt", "tag")):
        listed = _manifest(files, manifest, report)
        if listed is None:
            ok = False
            continue
        for name, digest in listed.items():
            if name not in files:
                report.fail(f"{manifest} lists {name}, which is missing")
                ok = False
            elif hashlib.sha256(files[name]).hexdigest() != digest:
                report.fail(f"{name} does not match its SHA-256 in {manifest} (changed after bagging)")
                ok = False
        if scope == "payload":
            for name in files:
                if name.startswith("data/") and name not in listed:
                    report.fail(f"{name} is not listed in {manifest} (added after bagging)")
                    ok = False
    if ok:
        report.passed("bag: every file matches its SHA-256 in the manifests, none missing or added")


def _manifest(files: dict[str, bytes], name: str, report: Report) -> dict[str, str] | None:
    if name not in files:
        report.fail(f"{name} is missing")
        return None
    out = {}
    for line in files[name].decode("utf-8", "replace").splitlines():
        digest, _, path = line.partition("  ")
        if len(digest) != 64 or not path:
            report.fail(f"{name} has a malformed line")
            return None
        out[path] = digest.lower()
    return out


# Verification.


@dataclass(frozen=True)
class Signed:
    name: str
    origin: str
    size: int
    root: bytes
    key_id: str  # hex id of the given key that signed it


def verify_bundle(
    files: dict[str, bytes],
    keys: PublicKey | list[PublicKey],
    witnesses: list[WitnessKey] | None = None,
    quorum: int = 0,
    witnessed: str | None = None,
    jobs: int = 1,
    operator_keys: dict[str, list[str]] | None = None,
) -> Report:
    """With ``witnesses``: the bundle's (or the given) witnessed checkpoint needs ``quorum`` of their
    cosignatures (default all), and the bundle's latest checkpoint must extend it. ``jobs``: how
    many processes read the records (1: this one); the report is the same whatever their number.
    ``operator_keys``: node operators' keys obtained from the operators themselves, used instead of
    the bundle's list (which the log's operator compiled) to check node descriptors."""
    keys = keys if isinstance(keys, list) else [keys]
    with _gc_paused():
        return _verify_bundle(files, keys, witnesses, quorum, witnessed, jobs, operator_keys)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """The cyclic garbage collector off while records are read: their JSON makes millions of
    containers and no cycles, and collecting among them took more time than parsing them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _verify_bundle(
    files: dict[str, bytes],
    keys: list[PublicKey],
    witnesses: list[WitnessKey] | None,
    quorum: int,
    witnessed: str | None,
    jobs: int,
    operator_keys: dict[str, list[str]] | None,
) -> Report:
    report = Report()
    check_bag(files, report)
    try:
        manifest = json.loads(files["data/export.json"])
    except (KeyError, ValueError):
        report.fail("data/export.json is missing or is not JSON")
        return report
    if manifest.get("format") != FORMAT:
        report.fail(f"data/export.json is not a {FORMAT} export")
        return report
    report.notes.append(_about(manifest))
    statement_key = _statement(files, keys, report)
    signed = _checkpoints(files, manifest, keys, report)
    if not signed:
        return report
    anchor = signed[-1]
    switch = _entry_format(files, anchor, report)
    _key_rotations(files, signed, statement_key, switch, report)
    if witnesses:
        _witnessed(files, anchor, witnesses, quorum or len(witnesses), witnessed, report)
    entries = _entries(files, manifest, switch, report, jobs)
    if entries is None:
        return report
    _range(files, manifest, entries, anchor, report)
    _records(files, manifest, entries, anchor, report)
    _node_receipts(files, entries, report, operator_keys)
    return report


class WitnessKey:
    """A witness's cosignature key (C2SP tlog-cosignature, type 0x04)."""

    def __init__(self, text: str) -> None:
        name, _, rest = text.strip().partition("+")
        id_hex, _, b64 = rest.partition("+")
        try:
            raw = base64.b64decode(b64, validate=True)
        except (binascii.Error, ValueError):
            raise Unreadable("the witness key is not valid base64") from None
        if len(raw) != 33 or raw[0] != 4:
            raise Unreadable(f"witness key {name!r} is not a cosignature (type 0x04) key")
        if hashlib.sha256(name.encode() + b"\n" + raw).digest()[:4].hex() != id_hex:
            raise Unreadable(f"witness key {name!r}: its id does not match its name and key")
        self.name, self.key_id, self.key = name, bytes.fromhex(id_hex), raw[1:]

    def cosigned(self, note: str) -> bool:
        body, _, sigs = note.rpartition("\n\n")
        for line in sigs.splitlines():
            name, _, b64 = line[2:].partition(" ")
            try:
                raw = base64.b64decode(b64, validate=True)
            except (binascii.Error, ValueError):
                continue
            if name != self.name or raw[:4] != self.key_id or len(raw) != 4 + 8 + 64:
                continue
            signed = f"cosignature/v1\ntime {int.from_bytes(raw[4:12], 'big')}\n{body}\n".encode()
            try:
                Ed25519PublicKey.from_public_bytes(self.key).verify(raw[12:], signed)
                return True
            except InvalidSignature:
                return False
        return False


def _witnessed(
    files: dict[str, bytes],
    anchor: Signed,
    witnesses: list[WitnessKey],
    quorum: int,
    given: str | None,
    report: Report,
) -> None:
    """The witnessed checkpoint has the quorum, and the bundle's latest checkpoint extends it."""
    note = given or files.get("data/checkpoints/witnessed.note", b"").decode("utf-8", "replace")
    if not note:
        report.fail("NOT WITNESSED: the bundle holds no witnessed checkpoint and none was given")
        return
    names = [w.name for w in witnesses if w.cosigned(note)]
    if len(names) < quorum:
        report.fail(f"NOT WITNESSED: {len(names)} of the required {quorum} witness cosignatures")
        return
    lines = note.split("\n")
    try:
        origin, size, root = lines[0], int(lines[1]), base64.b64decode(lines[2], validate=True)
    except (IndexError, ValueError, binascii.Error):
        report.fail("the witnessed checkpoint is not a checkpoint")
        return
    if origin != anchor.origin:
        report.fail("the witnessed checkpoint belongs to another log")
    elif size > anchor.size:
        report.fail(
            f"ROLLBACK: the witnesses cosigned size {size}; the bundle's latest checkpoint has {anchor.size}"
        )
    else:
        found = _jsonl(files, "data/proofs/witnessed-consistency.json")
        path = found[0].get("path", []) if found and found[0].get("from_size") == size else []
        try:
            verify_consistency(size, anchor.size, [bytes.fromhex(h) for h in path], root, anchor.root)
        except (ProofError, ValueError) as e:
            report.fail(
                f"REWRITE: the bundle's checkpoints do not extend the witnessed one of size {size}: {e}"
            )
            return
        report.passed(f"the latest checkpoint extends the one witnessed at size {size} by {', '.join(names)}")


STATEMENT_LINES = {
    "origin": "the log named in export.json is not the one signed for",
    "anchor": "export.json names another anchor checkpoint than the signed one",
    "period": "PERIOD WIDENED: the period in export.json is not the signed one",
    "filter": "the filter in export.json is not the signed one",
    "scope": "SCOPE CHANGED: the access scope in export.json is not the signed one",
    "records": "the record counts in export.json are not the signed ones",
    "tagmanifest-sha256": "FILE EDITED: the manifests changed after signing (a file edited, re-hashed)",
    "verifier-sha256": "VERIFIER REPLACED: data/verifier/bundle_verify.py is not the verifier signed for",
}


def _statement(files: dict[str, bytes], keys: list[PublicKey], report: Report) -> str | None:
    """The signed statement covers every file (through the tag manifest) and the export's scope.
    Returns the id of the key that signed it."""
    note = files.get("bundle-signature.txt")
    if note is None:
        report.fail("UNSIGNED: bundle-signature.txt is missing, so no file of this bundle is authenticated")
        return None
    try:
        signed, key_id = _open_text(note.decode("utf-8", "replace"), keys)
        expected = _statement_text(files)
    except ProofError as e:
        report.fail(f"bundle-signature.txt: {e}")
        return None
    except (KeyError, ValueError, TypeError):
        report.fail("the signed statement cannot be rebuilt: export.json or a listed file is missing")
        return None
    found = {line.partition(" ")[0]: line for line in signed.splitlines()[1:]}
    differ = [key for line in expected.splitlines()[1:] if found.get(key := line.partition(" ")[0]) != line]
    if signed.splitlines()[:1] != ["sovgw-audit-bundle/v1"] or set(found) != set(STATEMENT_LINES):
        report.fail("bundle-signature.txt is not a sovgw-audit-bundle/v1 statement")
    for key in differ:
        report.fail(STATEMENT_LINES.get(key, key))
    if not differ:
        report.passed("the signed statement covers every file, the period and the scope; none changed")
    return key_id


def own_sha256() -> str:
    """The SHA-256 of this file: compare it with the hash the project's release publishes."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def _verifier(files: dict[str, bytes], published: str | None, report: Report) -> None:
    """Which verifier ran, and whether it and the bundled copy are the published release.

    The bundled copy is a convenience: a verifier that came with the evidence proves nothing about
    the evidence. Run one obtained independently (``published`` is the hash its release states)."""
    own = own_sha256()
    bundled = hashlib.sha256(files.get("data/verifier/bundle_verify.py", b"")).hexdigest()
    report.notes.append(f"this verifier's sha256 is {own}: compare it with the release's published hash")
    if published is not None:
        published = published.strip().lower()
        if own != published:
            report.fail(
                f"UNTRUSTED VERIFIER: this verifier ({own}) is not the published one ({published}):"
                " obtain the release's bundle_verify.py and run that"
            )
        else:
            report.passed("this verifier is the published release")
    if own != bundled:
        report.notes.append(
            f"VERIFIER DIFFERS: the bundled verifier (sha256 {bundled}) is not this one: run the one you"
            " obtained independently, not the bundled copy"
            + (
                " (the bundled copy is not the published release either)"
                if published and published != bundled
                else ""
            )
        )


@dataclass(frozen=True)
class Rotation:
    """A key rotation the log announced: at ``seq``, signed over by ``previous_key_id``."""

    seq: int
    previous_key_id: str
    key_id: str


def signing_problem(key_id: str, size: int, rotations: list[Rotation]) -> str | None:
    """Why ``key_id`` may not sign a checkpoint of ``size`` (as ``audit/rotation.py`` rules): after a
    rotation at s only the new key signs, the checkpoint of size s+1 also the old one; before the
    first rotation no key announced later."""
    held = [r for r in rotations if r.seq < size]
    if not held:
        later = next((r for r in rotations if r.key_id == key_id), None)
        return f"its key {key_id} was announced only at seq {later.seq}, after this range" if later else None
    last = held[-1]
    if key_id == last.key_id or (key_id == last.previous_key_id and size == last.seq + 1):
        return None
    what = "a retired key" if any(r.previous_key_id == key_id for r in held) else "a key never announced"
    return f"signed by {what} ({key_id}): the log rotated to {last.key_id} at seq {last.seq}"


def _key_rotations(
    files: dict[str, bytes], signed: list[Signed], statement_key: str | None, switch: int, report: Report
) -> None:
    """KEY ROTATION: the rotations in proofs/rotations.jsonl are in the log, and each checkpoint and
    the statement are signed by the key the log had announced for their range."""
    anchor = signed[-1]
    rotations: list[Rotation] = []
    proven: set[int] = set()  # every key record proven in the log: rotations and a first key
    for line in _jsonl(files, "data/proofs/rotations.jsonl"):
        try:
            record = line["record"].encode()
            doc = json.loads(record)
            detail = doc["detail"]
            if doc.get("kind") != "key_rotation" or doc.get("seq") != line["seq"]:
                raise ProofError("the record is not the key rotation it is listed as")
            path = [bytes.fromhex(h) for h in line["path"]]
            leaf = leaf_hash(entry_of(line["seq"], record, doc, switch))
            verify_inclusion(leaf, line["seq"], anchor.size, path, anchor.root)
            proven.add(line["seq"])
            if "previous_key_id" in detail:  # else the announcement of the log's first key
                rotations.append(Rotation(line["seq"], detail["previous_key_id"], detail["key_id"]))
        except (ProofError, KeyError, ValueError, TypeError, AttributeError) as e:
            report.fail(f"KEY ROTATION: proofs/rotations.jsonl line for seq {line.get('seq')}: {e}")
            return
    rotations.sort(key=lambda r: r.seq)
    listed = {r.seq for r in rotations}
    for data in _lines_holding(files.get("data/withheld-entries.jsonl", b""), b'"key_rotation"'):
        found = json.loads(data)
        seq = found.get("seq")
        if found.get("scope", {}).get("kind") == "key_rotation" and seq not in proven:
            report.fail(
                f"KEY ROTATION: the withheld key record at seq {seq} is missing from"
                " proofs/rotations.jsonl (a rotation hidden among the withheld entries)"
            )
    for data in _lines_holding(files.get("data/records.jsonl", b""), b'"previous_key_id"'):
        if b'"key_rotation"' in data:
            doc = json.loads(data)
            if doc.get("kind") == "key_rotation" and doc.get("seq") not in listed:
                where = f"the rotation at seq {doc.get('seq')}"
                report.fail(f"KEY ROTATION: {where} is missing from proofs/rotations.jsonl")
    problems = [
        (f"checkpoint {s.name} (size {s.size})", signing_problem(s.key_id, s.size, rotations)) for s in signed
    ]
    if statement_key is not None:
        problems.append(("bundle-signature.txt", signing_problem(statement_key, anchor.size, rotations)))
    for what, why in problems:
        if why:
            report.fail(f"KEY ROTATION: {what}: {why}")
    if rotations and not any(why for _, why in problems):
        report.passed(
            f"each checkpoint is signed by the key the log announced for it ({len(rotations)} rotations)"
        )


def _lines_holding(data: bytes, needle: bytes) -> Iterator[bytes]:
    """The lines of ``data`` that hold ``needle`` (no newline in it), found without splitting the rest."""
    at = data.find(needle)
    while at >= 0:
        end = data.find(b"\n", at)
        end = len(data) if end < 0 else end
        yield data[data.rfind(b"\n", 0, at) + 1 : end]
        at = data.find(needle, end)


def _statement_text(files: dict[str, bytes]) -> str:
    """What ``audit/export/statement.py`` signs, rebuilt from the bundle."""
    m = json.loads(files["data/export.json"])

    def compact(value: object) -> str:
        return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True)

    lines = [
        "sovgw-audit-bundle/v1",
        f"origin {m['origin']}",
        f"anchor {m['anchor']}",
        f"period {m['from']} {m['to']}",
        f"filter {compact(m['filter'])}",
        f"scope {compact(m['scope'])}",
        f"records {m['records']} withheld {m['withheld']}",
        f"tagmanifest-sha256 {hashlib.sha256(files['tagmanifest-sha256.txt']).hexdigest()}",
        f"verifier-sha256 {hashlib.sha256(files['data/verifier/bundle_verify.py']).hexdigest()}",
    ]
    return "\n".join(lines) + "\n"


def _open_text(note: str, keys: list[PublicKey]) -> tuple[str, str]:
    first: ProofError | None = None
    for key in keys:
        try:
            return key.open_text(note), key.key_id.hex()
        except ProofError as e:
            first = first or e
    raise first or ProofError("no key given")


def _open(note: str, keys: list[PublicKey]) -> tuple[str, int, bytes, str]:
    """(origin, size, root, signer's key id) by the first of ``keys`` that signed ``note``; the first
    key's complaint otherwise."""
    first: ProofError | None = None
    for key in keys:
        try:
            return (*key.open(note), key.key_id.hex())
        except ProofError as e:
            first = first or e
    raise first or ProofError("no key given")


def _about(manifest: dict) -> str:
    """What the export says it holds: compare it with what was asked for."""
    flt = manifest.get("filter") or {}
    scope = manifest.get("scope") or {}
    narrowed = ", ".join(f"{k} {v}" for k, v in flt.items() if v) or "no filter"
    within = scope.get("role", "?")
    if scope.get("tenants"):
        within += " of tenants " + ", ".join(scope["tenants"])
    if scope.get("jurisdictions"):
        within += " of jurisdictions " + ", ".join(scope["jurisdictions"])
    return (
        f"export of {manifest.get('origin')} from {manifest.get('from')} to {manifest.get('to')}, "
        f"{narrowed}, made within the scope of {within}"
    )


def _checkpoints(
    files: dict[str, bytes], manifest: dict, keys: list[PublicKey], report: Report
) -> list[Signed]:
    signed: list[Signed] = []
    for name in manifest.get("checkpoints", []):
        note = files.get(f"data/{name}")
        if note is None:
            report.fail(f"checkpoint {name} is missing")
            continue
        try:
            origin, size, root, key_id = _open(note.decode("utf-8", "replace"), keys)
        except ProofError as e:
            report.fail(f"checkpoint {name}: {e}")
            continue
        signed.append(Signed(name, origin, size, root, key_id))
    if not signed or len(signed) != len(manifest.get("checkpoints", [])):
        return []
    if manifest.get("anchor") != signed[-1].name:
        report.fail("export.json names another checkpoint as the latest than its list does")
        return []
    if {s.origin for s in signed} != {manifest.get("origin")}:
        report.fail("the checkpoints do not all belong to the log named in export.json")
        return []
    names = ", ".join(f"{k.name} ({k.key_id.hex()})" for k in keys)
    report.passed(f"{len(signed)} checkpoints, each signed by a given key: {names}")
    proofs = {
        (p["from_size"], p["to_size"]): p["path"] for p in _jsonl(files, "data/proofs/consistency.jsonl")
    }
    consistent = True
    for a, b in itertools.pairwise(signed):
        try:
            if a.size >= b.size:
                raise ProofError("checkpoints are not in increasing size")
            path = [bytes.fromhex(h) for h in proofs.get((a.size, b.size), [])]
            verify_consistency(a.size, b.size, path, a.root, b.root)
        except (ProofError, ValueError) as e:
            report.fail(f"checkpoints of size {a.size} and {b.size} are not consistent: {e}")
            consistent = False
    if consistent and len(signed) > 1:
        report.passed("each checkpoint is consistent with the next: one history, no fork")
    return signed if consistent else []


def _jsonl(files: dict[str, bytes], name: str) -> list[dict]:
    try:
        return [json.loads(line) for line in files.get(name, b"").splitlines() if line.strip()]
    except ValueError:
        return []


@dataclass
class Entries:
    first: int
    last: int
    leaves: dict[int, bytes]  # seq -> leaf hash, for every entry in the range
    shown: list[int]  # the seq of each record, in file order
    outside: dict[int, list[str]]  # seq -> why that record lies outside the export (only those that do)
    forwards: dict[tuple[object, object], object]  # (request id, attempt) -> node, of each forward record
    receipted: list[dict]  # the completion records that carry a node receipt


_scan = json.scanner.make_scanner(json.JSONDecoder())  # type: ignore[attr-defined]
_decode = json.JSONDecoder().decode


def _document(text: str) -> object:
    """``json.loads(text)``, a step shorter for the usual line: one value, no whitespace around it."""
    try:
        doc, end = _scan(text, 0)
    except StopIteration:
        end = -1
    return doc if end == len(text) else _decode(text)


def _entries(
    files: dict[str, bytes], manifest: dict, switch: int, report: Report, jobs: int = 1
) -> Entries | None:
    """Every record read once: its leaf, whether it lies in the export, what the receipt check
    needs; in ``jobs`` processes, each a run of lines, their results joined in file order."""
    rng = manifest.get("range")
    read = _read_all(files.get("data/records.jsonl", b""), switch, Selection(manifest), jobs)
    if read.unreadable is not None:
        report.fail(f"records.jsonl line {read.unreadable} is not a record")
        return None
    shown, leaves = read.shown, read.leaves
    problems = [f"record seq {seq} lacks the fields its entry holds" for seq in read.lacking]
    previous = -1
    for seq in shown:
        if seq <= previous:
            problems.append(f"record seq {seq} comes after seq {previous} in records.jsonl (reordered)")
        previous = max(previous, seq)
    if rng is None:
        if shown:
            report.fail("export.json says the range is empty but records.jsonl holds records")
            return None
        report.passed("no records in the exported time range")
        return Entries(0, -1, {}, [], {}, {}, [])
    first, last = rng["first_seq"], rng["last_seq"]
    for problem in problems:
        report.fail(problem)
    ok = not problems
    old = 0
    for text in files.get("data/withheld-leaves.txt", b"").decode("ascii", "replace").splitlines():
        seq_text, _, h = text.partition(" ")
        try:
            seq, leaf = int(seq_text), bytes.fromhex(h)
        except ValueError:
            report.fail("withheld-leaves.txt has a malformed line")
            return None
        if seq >= switch:
            report.fail(
                f"HIDDEN SCOPE: withheld seq {seq} is given as a bare leaf, but the log's entries are"
                f" format 2 from seq {switch}: its scope must be shown (a record may be hidden behind it)"
            )
            ok = False
        if seq in leaves:
            report.fail(f"seq {seq} appears both as a record and as a withheld leaf")
            ok = False
        leaves[seq] = leaf
        old += 1
    hidden = _withheld_entries(files, manifest, switch, leaves, report)
    if hidden is None:
        return None
    withheld = len(leaves) - len(shown)
    missing = [s for s in range(first, last + 1) if s not in leaves]
    extra = [s for s in leaves if not first <= s <= last]
    if missing:
        report.fail(f"sequence numbers missing from the range: {_spans(missing)} (records dropped)")
        ok = False
    if extra:
        report.fail(f"entries outside the declared range {first}..{last}: {_spans(sorted(extra))}")
        ok = False
    if ok:
        report.passed(
            f"sequence {first}..{last} complete: {len(shown)} records and {withheld} withheld entries"
        )
    if withheld - old and not hidden:
        report.passed(
            f"{withheld - old} withheld entries each lie outside the export's period, filter and scope"
        )
    if old:
        report.notes.append(
            f"{old} entries recorded before the log's switch to format 2 at seq {switch} are withheld as bare"
            " leaf hashes: they prove the range complete, not that none of them matches the filter; the"
            " operator can be asked to open any of them"
        )
    return Entries(first, last, leaves, shown, read.outside, read.forwards, read.receipted) if ok else None


@dataclass
class _Read:
    """What reading a run of records.jsonl lines gives (``_entries`` checks it)."""

    shown: list[int] = field(default_factory=list)  # the seq of each record, in file order
    leaves: dict[int, bytes] = field(default_factory=dict)
    outside: dict[int, list[str]] = field(default_factory=dict)
    forwards: dict[tuple[object, object], object] = field(default_factory=dict)
    receipted: list[dict] = field(default_factory=list)
    lacking: list[int] = field(default_factory=list)  # records without the fields their entry holds
    unreadable: int | None = None  # the number of the first line that is not a record

    def extend(self, later: _Read) -> None:
        """Followed by the run of lines after this one."""
        self.shown += later.shown
        self.leaves.update(later.leaves)
        self.outside.update(later.outside)
        self.forwards.update(later.forwards)
        self.receipted += later.receipted
        self.lacking += later.lacking


def _read_all(data: bytes, switch: int, selection: Selection, jobs: int) -> _Read:
    """``_read`` of every line of ``data`` (what follows its last newline is no line), in one
    process or cut into ``jobs`` runs of whole lines read side by side."""
    end = data.rfind(b"\n") + 1
    cuts = [0]
    for i in range(1, max(jobs, 1)):
        at = data.find(b"\n", max(end * i // jobs, cuts[-1]), end) + 1
        if at > cuts[-1]:
            cuts.append(at)
    cuts.append(end)
    runs = [(a, b, data.count(b"\n", 0, a) + 1) for a, b in itertools.pairwise(cuts) if b > a]
    if len(runs) < 2:
        return _read(data, 1, switch, selection)
    global _READING
    _READING = (data, switch, selection)
    try:
        methods = multiprocessing.get_all_start_methods()
        if "fork" in methods:  # the children see the parent's bytes: nothing to copy to them
            with multiprocessing.get_context("fork").Pool(len(runs)) as pool:
                parts = pool.starmap(_read_run, runs)
        else:
            with multiprocessing.get_context().Pool(len(runs)) as pool:
                parts = pool.starmap(_read, [(data[a:b], n, switch, selection) for a, b, n in runs])
    finally:
        _READING = None
    whole = parts[0]
    for part in parts[1:]:
        if whole.unreadable is not None:
            break
        whole.extend(part)
        whole.unreadable = part.unreadable
    return whole


_READING: tuple[bytes, int, Selection] | None = None  # what forked readers read from


def _read_run(start: int, end: int, first_line: int) -> _Read:
    data, switch, selection = _READING  # type: ignore[misc]
    return _read(data[start:end], first_line, switch, selection)


def _read(data: bytes, first_line: int, switch: int, selection: Selection) -> _Read:
    """Each line of ``data`` (what follows its last newline is no line) parsed once: its seq, leaf,
    place in the export and, for forwards and receipts, what the receipt check needs. Stops at the
    first line that is not a record."""
    out = _Read()
    shown, leaves, outside, forwards = out.shown, out.leaves, out.outside, out.forwards
    sha256 = hashlib.sha256
    with _gc_paused():
        for n, line in enumerate(data.split(b"\n")[:-1], first_line):
            try:
                # records are UTF-8 (RFC 8785): no encoding to detect per line
                doc: dict = _document(line.decode("utf-8", "surrogatepass"))  # type: ignore[assignment]
                seq = doc["seq"]
                if not isinstance(seq, int):
                    raise TypeError
            except (ValueError, KeyError, TypeError):
                out.unreadable = n
                return out
            shown.append(seq)
            try:
                request = doc.get("request") or {}
                node = doc.get("node") or doc.get("served_by") or {}
                tenant = request.get("tenant") or (doc.get("detail") or {}).get("tenant")
                jurisdiction = node.get("jurisdiction")
                leaves[seq] = sha256(b"\x00" + _entry(seq, line, doc, switch, tenant, jurisdiction)).digest()
            except (KeyError, TypeError, AttributeError):
                out.lacking.append(seq)
                continue
            why = selection.outside(doc.get("recorded_at"), tenant.__eq__, jurisdiction)
            if why:
                outside[seq] = why
            kind = doc.get("kind")
            if kind == "forward":
                forwards[(request.get("request_id"), doc.get("attempt", 1))] = doc.get("node") or {}
            elif kind == "completion":
                check = doc.get("receipt")
                if isinstance(check, dict) and check.get("receipt") is not None:
                    out.receipted.append(doc)
    return out


def _withheld_entries(
    files: dict[str, bytes], manifest: dict, switch: int, leaves: dict[int, bytes], report: Report
) -> int | None:
    """Each line of withheld-entries.jsonl: its leaf into ``leaves``, and its scope outside the
    export's. Returns how many are in the export's scope (each named), None when unreadable."""
    selection = Selection(manifest)
    sha256 = hashlib.sha256
    hidden = 0
    for n, line in enumerate(files.get("data/withheld-entries.jsonl", b"").splitlines(), 1):
        try:
            seq, entry, sc, digest = _withheld_entry(line)
        except (ValueError, KeyError, TypeError, AttributeError):
            report.fail(f"withheld-entries.jsonl line {n} is not a withheld entry")
            return None
        if seq < switch:
            report.fail(f"withheld entry seq {seq} lies before the log's switch to format 2 at seq {switch}")
        if seq in leaves:
            report.fail(f"seq {seq} appears both as a record and as a withheld entry")
        if sc.get("kind") == ANNOUNCEMENT and seq != switch:
            report.fail(
                f"ENTRY FORMAT: a second entry-format announcement at seq {seq} (the first is {switch})"
            )
        leaves[seq] = sha256(b"\x00" + entry).digest()

        def tenant_is(name: str, digest: str = digest, hashed: object = sc.get("tenant")) -> bool:
            return tenant_hash(digest, name) == hashed

        if not selection.outside(sc.get("recorded_at"), tenant_is, sc.get("jurisdiction")):
            hidden += 1
            report.fail(
                f"HIDDEN RECORD: withheld entry seq {seq} is in the export's scope: the export hides a record"
            )
    return hidden


def _withheld_entry(line: bytes) -> tuple[int, bytes, dict, str]:
    """(seq, entry bytes, scope, record digest) of a withheld-entries.jsonl line."""
    # A line that opens with '{"' is UTF-8 to json.loads too (no BOM, no NUL among its first bytes).
    found = _document(line.decode("utf-8", "surrogatepass")) if line[:2] == b'{"' else json.loads(line)
    seq, sc, digest = found["seq"], found["scope"], found["record"]  # type: ignore[index]
    if not isinstance(seq, int) or not isinstance(sc, dict) or not isinstance(digest, str):
        raise TypeError
    return seq, _scope_entry(digest, sc), sc, digest


def _scope_entry(digest: str, scope: dict) -> bytes:
    """``_canonical({"record": digest, "scope": scope, "v": 2})``, written out key by key when the
    scope is what the log writes (its four fields, each a string or null), as most are."""
    try:
        j, k, r, t = scope["jurisdiction"], scope["kind"], scope["recorded_at"], scope["tenant"]
    except KeyError:
        return _canonical({"record": digest, "scope": scope, "v": 2})
    if len(scope) != 4 or not all(v is None or type(v) is str for v in (j, k, r, t)):
        return _canonical({"record": digest, "scope": scope, "v": 2})
    return (
        f'{{"record":{_STRING(digest)},"scope":{{"jurisdiction":{_json(j)},"kind":{_json(k)},'
        f'"recorded_at":{_json(r)},"tenant":{_json(t)}}},"v":2}}'
    ).encode()


_ENCODE = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode
_STRING = json.encoder.encode_basestring  # a str as json writes it with ensure_ascii=False, as JCS does


def _canonical(value: object) -> bytes:
    """RFC 8785 bytes of an entry (strings, null and small integers, where json writes what JCS does)."""
    return _ENCODE(value).encode()


def _json(value: object) -> str:
    return "null" if value is None else _STRING(value) if isinstance(value, str) else _ENCODE(value)


def tenant_hash(digest: str, tenant: str) -> str:
    return hashlib.sha256(f"{digest}\n{tenant}".encode()).hexdigest()


def entry_of(seq: int, data: bytes, doc: dict, switch: int) -> bytes:
    """What the leaf of record ``seq`` hashes (``audit/entries.py``): its bytes before ``switch``,
    from it on its format 2 entry, the scope derived from the record as the log's fields are."""
    request = doc.get("request") or {}
    node = doc.get("node") or doc.get("served_by") or {}
    tenant = request.get("tenant") or (doc.get("detail") or {}).get("tenant")
    return _entry(seq, data, doc, switch, tenant, node.get("jurisdiction"))


def _entry(seq: int, data: bytes, doc: dict, switch: int, tenant: object, jurisdiction: object) -> bytes:
    """``entry_of`` with the record's tenant and jurisdiction already read. Written out key by key
    in RFC 8785 order: the same bytes as ``_canonical`` of the entry, a third of the time."""
    if seq < switch:
        return data
    digest = hashlib.sha256(data).hexdigest()
    hashed = None if tenant is None else tenant_hash(digest, tenant)  # type: ignore[arg-type]
    return (
        f'{{"record":"{digest}","scope":{{"jurisdiction":{_json(jurisdiction)},'
        f'"kind":{_json(doc["kind"])},"recorded_at":{_json(doc["recorded_at"])},'
        f'"tenant":{_json(hashed)}}},"v":2}}'
    ).encode()


def _entry_format(files: dict[str, bytes], anchor: Signed, report: Report) -> int:
    """The seq from which entries are format 2: the log's announcement, proven in the latest
    checkpoint. Without one every entry is format 2 (0), so no bare leaf can hide a scope."""
    raw = files.get("data/proofs/entry-format.json")
    if raw is None:
        report.notes.append("the bundle holds no entry-format announcement: every entry is taken as format 2")
        return 0
    try:
        line = json.loads(raw)
        seq, record = line["seq"], line["record"].encode()
        doc = json.loads(record)
        detail = doc.get("detail") or {}
        if (
            doc.get("kind") != ANNOUNCEMENT
            or doc.get("seq") != seq
            or detail.get("format") != "2"
            or detail.get("from_seq") != str(seq)
        ):
            raise ProofError("the record is not an announcement of format 2 from its own seq")
        if line["tree_size"] != anchor.size:
            raise ProofError("its proof is not against the latest checkpoint")
        path = [bytes.fromhex(h) for h in line["path"]]
        verify_inclusion(leaf_hash(entry_of(seq, record, doc, seq)), seq, anchor.size, path, anchor.root)
    except (ProofError, KeyError, ValueError, TypeError, AttributeError) as e:
        report.fail(f"ENTRY FORMAT: proofs/entry-format.json: {e}")
        return 0
    report.passed(f"the log announced format 2 entries from seq {seq}, proven in the latest checkpoint")
    return seq


def _spans(seqs: list[int]) -> str:
    out, start = [], None
    for i, s in enumerate(seqs):
        if start is None:
            start = s
        if i + 1 == len(seqs) or seqs[i + 1] != s + 1:
            out.append(f"{start}" if start == s else f"{start}..{s}")
            start = None
    text = ", ".join(out[:10])
    return text + (", ..." if len(out) > 10 else "")


def _range(files: dict[str, bytes], manifest: dict, entries: Entries, anchor: Signed, report: Report) -> None:
    if entries.last < entries.first:
        return
    try:
        proof = json.loads(files.get("data/proofs/range.json", b""))
        if (proof["first_seq"], proof["last_seq"], proof["tree_size"]) != (
            entries.first,
            entries.last,
            anchor.size,
        ):
            raise ProofError("the range proof is for another range or tree")
        tree = CompactRange(entries.first, [bytes.fromhex(h) for h in proof["left"]])
        for seq in range(entries.first, entries.last + 1):
            tree.append(entries.leaves[seq])
        for sub in proof["right"]:
            if sub["start"] != tree.size:
                raise ProofError("the right side of the range proof has a gap")
            tree.append(bytes.fromhex(sub["hash"]), sub["level"])
        if tree.size != anchor.size:
            raise ProofError(f"the range proof covers {tree.size} leaves, not {anchor.size}")
        if tree.root() != anchor.root:
            raise ProofError(
                "the entries of the range do not recompute the signed root: an entry was dropped, added"
                " or altered, or a withheld entry's scope or digest is not the one the log holds"
                " (scope falsified)"
            )
    except (ProofError, ValueError, KeyError, TypeError) as e:
        report.fail(f"range {entries.first}..{entries.last} against checkpoint {anchor.size}: {e}")
        return
    report.passed(
        f"the range {entries.first}..{entries.last} recomputes the signed root of size {anchor.size}: "
        "nothing dropped, added, altered or moved"
    )


def _inclusion_proof(line: bytes) -> tuple[int, int, bytes] | None:
    """A proofs/inclusion.jsonl line as (seq, tree size, path), the path as ``InclusionChecker``
    reads it; None for a line that is not a proof.

    The exporter's lines (``{"seq": N, "tree_size": M, "path": [...]}``) are cut apart where the
    fields stand, as a JSON parse of each line is most of the cost of a large bundle; any other
    line goes through the JSON parser, and both give the same proof."""
    head, sep, rest = line.partition(b', "tree_size": ')
    size, sep2, path = rest.partition(b', "path": [')
    seq = head[8:]
    if head[:8] == b'{"seq": ' and sep and sep2 and path[-2:] == b"]}" and seq.isdigit() and size.isdigit():
        return int(seq), int(size), path[:-2]
    try:
        p = json.loads(line)
        hashes = [bytes.fromhex(h).hex() for h in p["path"]]
        return p["seq"], p["tree_size"], ", ".join(f'"{h}"' for h in hashes).encode()
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def _records(
    files: dict[str, bytes], manifest: dict, entries: Entries, anchor: Signed, report: Report
) -> None:
    lines = files.get("data/proofs/inclusion.jsonl", b"").splitlines()
    by_seq: dict[int, tuple[int, int, bytes]] | None = None  # when the lines are not in record order
    checker = InclusionChecker(anchor.size, anchor.root)
    problems_before = len(report.problems)
    outside, leaves, size = entries.outside, entries.leaves, anchor.size
    for i, seq in enumerate(entries.shown):
        line = lines[i] if i < len(lines) else b""
        # The line the exporter writes for this record opens with exactly this (what
        # _inclusion_proof would read from it), so its path is cut out directly.
        head = b'{"seq": %d, "tree_size": %d, "path": [' % (seq, size)
        proof: tuple[int, int, bytes] | None
        if line.startswith(head) and line.endswith(b"]}"):
            proof = (seq, size, line[len(head) : -2])
        else:
            proof = _inclusion_proof(line) if line else None
            if proof is None or proof[0] != seq:
                if by_seq is None:
                    by_seq = {p[0]: p for p in map(_inclusion_proof, lines) if p is not None}
                proof = by_seq.get(seq)
        try:
            if proof is None or proof[1] != size:
                raise ProofError("no inclusion proof against the latest checkpoint")
            checker.check(leaves[seq], seq, proof[2])
        except (ProofError, ValueError) as e:
            report.fail(f"seq {seq}: {e}")
        for why in outside.get(seq, ()):
            report.fail(f"seq {seq}: {why}")
    if len(report.problems) == problems_before and entries.shown:
        report.passed(f"{len(entries.shown)} records proven included in the checkpoint of size {size}")
        report.passed("every record lies in the export's time range, filter and scope")
    rows = csv.reader(io.StringIO(files.get("data/summary.csv", b"").decode("utf-8", "replace")))
    header = next(rows, [])
    at = header.index("seq") if "seq" in header else -1
    listed = [int(r[at]) if 0 <= at < len(r) and r[at].isdigit() else -1 for r in rows if r]
    if listed != entries.shown:
        report.fail("summary.csv does not list exactly the exported records")
    else:
        report.passed("summary.csv lists exactly the exported records")


_FIXED_UTC = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]\.[0-9]{6}Z")


def instant(text: object) -> str:
    """The time ``text`` names, in UTC as ``YYYY-MM-DDTHH:MM:SS.ffffffZ``; ValueError or TypeError
    when it names none.

    Fixed width, most significant field first: these strings sort as the times do, so comparing
    them compares the times. Records hold their time in this form already (``audit/canonical.py``),
    so a million of them cost a pattern match and a look-up of their (few) dates instead of a parse
    each; anything else goes through ``datetime`` and comes out in the same form."""
    if type(text) is str and _FIXED_UTC.fullmatch(text) and _is_date(text[:10]):
        return text
    at = datetime.fromisoformat(text).astimezone(UTC)  # type: ignore[arg-type]
    return at.replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


@functools.lru_cache(maxsize=4096)
def _is_date(text: str) -> bool:
    try:
        date(int(text[:4]), int(text[5:7]), int(text[8:10]))
    except ValueError:
        return False
    return True


def _time(text: str | None) -> str | None:
    return instant(text) if text else None


class Selection:
    """What an export selects: its time range, filter and access scope, from export.json. Each
    shown record must lie inside it, each withheld entry outside."""

    def __init__(self, manifest: dict) -> None:
        self.since, self.until = _time(manifest.get("from")), _time(manifest.get("to"))
        self.filter = manifest.get("filter") or {}
        self.scope = manifest.get("scope") or {}
        self.role = self.scope.get("role")
        regulator = self.role == "regulator"  # only a regulator's scope has a time range
        self.scope_since = _time(self.scope.get("since")) if regulator else None
        self.scope_until = _time(self.scope.get("until")) if regulator else None

    def outside(
        self, recorded_at: object, tenant_is: Callable[[str], object], jurisdiction: object
    ) -> list[str]:
        """Why an entry with this time, tenant (``tenant_is(name)``: whether it is ``name``) and
        jurisdiction lies outside the export's time range, filter and scope; empty when inside."""
        out = []
        try:
            at = instant(recorded_at)
        except (ValueError, TypeError):
            return ["the record has no readable recorded_at"]
        flt, scope = self.filter, self.scope
        if (self.since and at < self.since) or (self.until and at >= self.until):
            out.append("recorded outside the export's time range")
        if flt.get("tenant") and tenant_is(flt["tenant"]) is not True:
            out.append("belongs to another tenant than the export's filter")
        if flt.get("jurisdiction") and jurisdiction != flt["jurisdiction"]:
            out.append("was served in another jurisdiction than the export's filter")
        if self.role == "officer" and not any(tenant_is(t) is True for t in scope.get("tenants", [])):
            out.append("belongs to a tenant outside the exporter's scope")
        if self.role == "regulator":
            if jurisdiction not in scope.get("jurisdictions", []):
                out.append("was served in a jurisdiction outside the exporter's scope")
            s, u = self.scope_since, self.scope_until
            if (s and at < s) or (u and at >= u):
                out.append("recorded outside the exporter's time range")
        return out


PROMISE_CONTEXT = b"sovgw-promise/v1\x00"


def check_promise(files: dict[str, bytes], keys: list[PublicKey], text: str, report: Report) -> None:
    """A client's ``x-sovgw-promise`` (format in ``audit/promise.py``) against this bundle: signed by
    a given key, and, when its seq lies in the export's range, the bundle's entry at that seq (a
    record, a withheld entry or a withheld leaf, each tied to the signed root by the range proof) is the
    one promised."""
    try:
        raw = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != 145 or raw[0] != 1:
        report.fail("a promise is not a version 1 promise (145 bytes, base64)")
        return
    log_id, seq, leaf = raw[1:33], int.from_bytes(raw[41:49], "big"), raw[49:81]
    key = next(
        (k for k in keys if hashlib.sha256(k.name.encode() + b"\n\x01" + k.key).digest() == log_id), None
    )
    try:
        if key is None:
            raise InvalidSignature
        Ed25519PublicKey.from_public_bytes(key.key).verify(raw[81:], PROMISE_CONTEXT + raw[:81])
    except InvalidSignature:
        report.fail(f"INVALID PROMISE for seq {seq}: not signed by a given key")
        return
    try:
        manifest = json.loads(files["data/export.json"])
    except (KeyError, ValueError):
        return  # verify_bundle has said so
    claimed = _jsonl(files, "data/proofs/entry-format.json")
    switch = claimed[0].get("seq", 0) if claimed else 0  # verify_bundle proves it
    with _gc_paused():
        entries = _entries(files, manifest, switch if isinstance(switch, int) else 0, Report())
    if entries is None or seq not in entries.leaves:
        report.notes.append(f"promise for seq {seq}: outside what this bundle holds, so not checked here")
    elif entries.leaves[seq] != leaf:
        report.fail(f"BROKEN PROMISE: seq {seq} in this bundle is not the record promised to the client")
    else:
        report.passed(f"promise for seq {seq} kept: the bundle's entry at seq {seq} is the one promised")


# -- Node receipts ----------------------------------------------------------------------------
# Each completion record whose node-agent receipt the gateway recorded as verified is checked
# again here, from the bundle alone: the receipt's Ed25519 signature by the node key its descriptor
# names (data/nodes/descriptors/<digest>.json), that descriptor's signature by a key its operator
# is listed with (data/nodes/operators.json), and its digest against the one the request was routed
# under (the forward record's, else the completion's). Canonical bytes as in domain/nodes.py: a
# context line, then the RFC 8785 JSON of the value (its keys are ASCII and its numbers integers,
# for which sorted compact JSON is RFC 8785).

NODE_DESCRIPTOR_CONTEXT = b"sovgw-node-descriptor/v1\n"
NODE_RECEIPT_CONTEXT = b"sovgw-node-receipt/v1\n"


def _node_jcs(value: object) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _ed25519_valid(key: object, signature: object, message: bytes) -> bool:
    try:
        if not isinstance(key, str) or not isinstance(signature, str):
            return False
        public = Ed25519PublicKey.from_public_bytes(base64.b64decode(key, validate=True))
        public.verify(base64.b64decode(signature, validate=True), message)
    except (InvalidSignature, binascii.Error, ValueError, TypeError):
        return False
    return True


def _node_receipts(
    files: dict[str, bytes], entries: Entries, report: Report, pinned: dict[str, list[str]] | None
) -> None:
    forwards = entries.forwards
    try:
        operators = json.loads(files.get("data/nodes/operators.json", b"{}"))
    except ValueError:
        operators = None
    if not isinstance(operators, dict):
        report.fail("data/nodes/operators.json is not a JSON object of operators and their keys")
        return
    if pinned is not None:
        for name, listed in sorted(operators.items()):
            if not isinstance(listed, list) or not set(listed) & set(pinned.get(name, [])):
                report.notes.append(f"the bundle lists other keys for {name} than those pinned")
        operators = pinned
    checked, before, other = 0, len(report.problems), 0
    for doc in entries.receipted:
        check = doc["receipt"]
        if check.get("status") != "verified":
            other += 1  # the gateway recorded this receipt as faulty; the record says why
            continue
        checked += 1
        try:
            problems = _receipt_problems(doc, check["receipt"], forwards, operators, files)
        except (AttributeError, KeyError, TypeError):
            problems = ["unreadable, or its descriptor is not a node descriptor"]
        for problem in problems:
            report.fail(f"receipt of seq {doc.get('seq')}: {problem}")
    if other:
        report.notes.append(f"{other} receipts were recorded as faulty by the gateway (not rechecked)")
    if checked and len(report.problems) == before:
        how = " (with the operator keys given)" if pinned is not None else ""
        report.passed(
            f"{checked} node receipts signed by their nodes, under descriptors their operators signed{how}"
        )


def _receipt_problems(
    doc: dict, signed: dict, forwards: dict, operators: dict, files: dict[str, bytes]
) -> list[str]:
    try:
        receipt, signature = signed["receipt"], signed["signature"]
        routed = forwards.get((doc["request"]["request_id"], doc.get("attempt", 1))) or doc["served_by"]
        digest = routed["descriptor_sha256"]
    except (KeyError, TypeError):
        return ["unreadable, or no descriptor digest on the record it was routed under"]
    name = f"data/nodes/descriptors/{digest}.json"
    try:
        held = json.loads(files[name])
        descriptor = held["descriptor"]
    except (KeyError, ValueError, TypeError):
        return [f"no descriptor {digest} in data/nodes/descriptors"]
    problems = []
    message = NODE_DESCRIPTOR_CONTEXT + _node_jcs(descriptor)
    if hashlib.sha256(message).hexdigest() != digest:
        problems.append(
            f"descriptor digest differs from the forward record's ({name} holds another descriptor)"
        )
    operator = descriptor.get("operator", {}).get("legal_name") if isinstance(descriptor, dict) else None
    keys = operators.get(operator)
    if not isinstance(keys, list) or not any(_ed25519_valid(k, held.get("signature"), message) for k in keys):
        problems.append(f"descriptor not signed by its operator ({operator})")
    if not isinstance(receipt, dict) or receipt.get("descriptor_sha256") != digest:
        problems.append("the receipt names another descriptor than the one the request was routed under")
    node_key = descriptor.get("node_key") if isinstance(descriptor, dict) else None
    if not _ed25519_valid(node_key, signature, NODE_RECEIPT_CONTEXT + _node_jcs(receipt)):
        problems.append("signature invalid (not by the node key its descriptor names)")
    return problems


def read_keys(value: str) -> list[PublicKey]:
    """A key given as itself, or a file holding one key per line."""
    path = Path(value)
    try:
        text = path.read_text() if path.is_file() else value
    except OSError as e:
        raise Unreadable(f"cannot read the key file: {e}") from None
    keys = [PublicKey.parse(line) for line in text.split()]
    if not keys:
        raise Unreadable("no key given")
    return keys


def read_operator_keys(values: list[str]) -> dict[str, list[str]] | None:
    """``NAME=KEY`` (an operator's legal name and its Ed25519 key, base64), given as itself or in a
    file of such lines; None when none is given."""
    keys: dict[str, list[str]] = {}
    for value in values:
        path = Path(value)
        try:
            lines = path.read_text().splitlines() if path.is_file() else [value]
        except OSError as e:
            raise Unreadable(f"cannot read the operator key file: {e}") from None
        for line in filter(str.strip, lines):
            name, sep, key = line.partition("=")  # a legal name has no '=', a key's padding may
            name, key = name.strip(), key.strip()
            if not sep or not name or not _ed25519_key(key):
                raise Unreadable("an operator key is NAME=KEY: a legal name and a base64 Ed25519 key")
            keys.setdefault(name, []).append(key)
    return keys or None


def _ed25519_key(text: str) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(base64.b64decode(text, validate=True))
    except (binascii.Error, ValueError):
        return False
    return True


def _lines(value: str) -> list[str]:
    path = Path(value)
    return path.read_text().split() if path.is_file() else [value]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("bundle", type=Path, help="the bag's directory or .zip file")
    parser.add_argument(
        "--key", required=True, action="append", help="the log's public key, or a file of them; repeatable"
    )
    parser.add_argument(
        "--witness", action="append", default=[], help="a witness's cosignature key, or a file of them"
    )
    parser.add_argument(
        "--quorum", type=int, default=0, help="cosignatures required (default: all witnesses)"
    )
    parser.add_argument("--witnessed", type=Path, help="a witnessed checkpoint obtained from a witness")
    parser.add_argument(
        "--promise",
        action="append",
        default=[],
        help="a promise a client was given (x-sovgw-promise), or a file of them; repeatable",
    )
    parser.add_argument(
        "--operator-key",
        action="append",
        default=[],
        help="NAME=KEY: a node operator's key obtained from the operator, or a file of such lines; "
        "repeatable. Given, node descriptors must be signed by these keys, not by the bundle's list",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=1,
        help="processes that read the records side by side (default 1: this one); same report",
    )
    parser.add_argument(
        "--verifier-sha256",
        help="the verifier's SHA-256 as its release publishes it: fail unless this verifier is that one",
    )


def run(args: argparse.Namespace) -> int:
    """Verify the bundle ``args`` name and print the report: 0 pass, 1 fail, 2 not checkable."""
    try:
        keys = [k for value in args.key for k in read_keys(value)]
        witnesses = [WitnessKey(line) for value in args.witness for line in _lines(value)]
        witnessed = args.witnessed.read_text() if args.witnessed else None
        promises = _promises(args.promise)
        operator_keys = read_operator_keys(args.operator_key)
        files = read_bag(args.bundle)
    except (Unreadable, OSError) as e:
        print(f"cannot verify: {e}", file=sys.stderr)
        return 2
    if not files:
        print(f"cannot verify: {args.bundle} holds no files", file=sys.stderr)
        return 2
    report = verify_bundle(files, keys, witnesses, args.quorum, witnessed, max(args.jobs, 1), operator_keys)
    for promise in promises:
        check_promise(files, keys, promise, report)
    _verifier(files, args.verifier_sha256, report)
    print(report.render())
    return 0 if report.ok else 1


def _promises(values: list[str]) -> list[str]:
    """Header values, given as themselves or in files (one a line, ``x-sovgw-promise:`` optional)."""
    out = []
    for value in values:
        path = Path(value)
        for line in path.read_text().splitlines() if path.is_file() else [value]:
            text = line.split(":", 1)[1] if line.lower().startswith("x-sovgw-promise:") else line
            if text.strip():
                out.append(text.strip())
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Verify an audit export with the log's public key.")
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
