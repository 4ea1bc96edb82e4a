"""The offline verifier: trust nothing in the database but what a public key signed.

Full verification (no range) is a checklist, each step naming the sequence numbers it concerns:

1. every checkpoint carries a valid signature by a trusted key, and its note matches its row;
2. checkpoints never shrink in signing order, and two checkpoints of one size share one root;
3. sequence numbers run 0, 1, 2, ... without gaps or duplicates;
4. each record's bytes are canonical JSON naming its own sequence number, give its stored leaf
   hash through its entry (``audit.entries``: its scope and digest, or in a trail begun by an
   earlier release the bytes themselves below its entry-format announcement), and agree with its
   queryable columns; a log announces format 2 at most once, and a format 1 leaf after the switch
   is named;
5. the tree recomputed from the records' bytes matches every stored tree node and tree head;
6. it produces the root every checkpoint signed, so every checkpoint is consistent with the next;
7. no record lies beyond the last tree head (inserted behind the writer's back);
8. checkpoints the verifier brings (published earlier, kept by a witness) are met like the log's
   own, so deleting checkpoint rows or rewriting history with recomputed hashes cannot hide;
9. with witnesses given, the checkpoints they cosigned (a quorum each) must be extended by the
   database: truncation, rollback and rewrite are named (``audit.witnessed``);
10. each checkpoint is signed by the key the log had announced for its range, and each rotation is
   vouched for by the key it replaces (``audit.rotation``): KEY ROTATION.

With ``from_seq``/``to_seq`` only those records are re-hashed (steps 3-4), and each is proven
included in the first checkpoint that covers it, with proofs built from the stored tree; the
checkpoints are checked for signatures and proven consistent with each other the same way.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import pairwise
from typing import Any

from sqlalchemy import Connection, and_, or_, select

from audit import canonical, entries, merkle, record_fields, tree_store
from audit.checkpoint import Checkpoint, CheckpointError, NoteVerifier, split_note
from audit.cosignature import CosignatureVerifier
from audit.database import Database, open_database
from audit.records import CheckpointRow
from audit.rotation import read_rotations, schedule_problems
from audit.witnessed import check_extends, note_unfinished, published

CHUNK = 2000
MAX_PROBLEMS = 200


@dataclass(frozen=True)
class Problem:
    seqs: tuple[int, int] | None  # first and last sequence number concerned, inclusive
    message: str

    def __str__(self) -> str:
        if self.seqs is None:
            return self.message
        a, b = self.seqs
        return f"seq {a}: {self.message}" if a == b else f"seq {a}..{b}: {self.message}"


@dataclass
class VerificationReport:
    tree_size: int = 0
    records_checked: int = 0
    checkpoints_verified: int = 0
    latest_checkpoint_size: int | None = None
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problems_left_out: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, seqs: tuple[int, int] | int | None, message: str) -> None:
        if isinstance(seqs, int):
            seqs = (seqs, seqs)
        if len(self.problems) >= MAX_PROBLEMS:
            self.problems_left_out += 1
            return
        self.problems.append(Problem(seqs, message))

    def render(self) -> str:
        lines = [
            f"records checked: {self.records_checked} of {self.tree_size}",
            f"checkpoints verified: {self.checkpoints_verified}"
            + (
                f" (latest covers {self.latest_checkpoint_size} records)"
                if self.latest_checkpoint_size
                else ""
            ),
        ]
        lines += [f"note: {n}" for n in self.notes]
        lines += [f"FAIL {p}" for p in self.problems]
        if self.problems_left_out:
            lines.append(f"FAIL ... and {self.problems_left_out} more problems")
        lines.append(
            "result: " + ("PASS" if self.ok else f"FAIL ({len(self.problems) + self.problems_left_out})")
        )
        return "\n".join(lines)


@dataclass(frozen=True)
class _Signed:
    label: str  # "checkpoint #3" (a row) or "given checkpoint 1" (brought by the verifier)
    size: int
    root: bytes
    key_id: str = ""  # hex id of the log key that signed it (none for witnessed checkpoints)


def verify_log(
    source: str | Database,
    public_keys: Sequence[str | NoteVerifier],
    from_seq: int | None = None,
    to_seq: int | None = None,
    known_checkpoints: Sequence[str] = (),
    witnesses: Sequence[CosignatureVerifier] = (),
    quorum: int = 0,
    witnessed_notes: Sequence[str] = (),
) -> VerificationReport:
    """Verify the log at ``source`` (a database URL or an open ``Database``) against ``public_keys``.

    ``known_checkpoints`` are signed notes the verifier obtained elsewhere (published, or handed to
    a witness): the log must still contain exactly the tree each one signed, so deleting checkpoint
    rows or rewriting history after publication is caught. With ``witnesses``, ``witnessed_notes``
    must carry ``quorum`` cosignatures (default: all) and the database must extend them.
    """
    verifiers = [k if isinstance(k, NoteVerifier) else NoteVerifier.from_vkey(k) for k in public_keys]
    db = open_database(source, writer=False) if isinstance(source, str) else source
    report = VerificationReport()
    try:
        with db.engine.connect() as conn:
            report.tree_size = tree_store.tree_size(conn)
            signed = _verify_checkpoints(conn, verifiers, report)
            signed += _known(known_checkpoints, verifiers, report)
            for problem in schedule_problems(
                read_rotations(conn), [(s.label, s.size, s.key_id) for s in signed]
            ):
                report.add(None, f"KEY ROTATION: {problem}")
            witnessed: list[Checkpoint] = []
            if witnesses:
                witnessed = published(witnessed_notes, list(witnesses), quorum or len(witnesses), report)
                check_extends(conn, witnessed, report)
            signed += [_Signed(f"witnessed checkpoint of size {c.size}", c.size, c.root) for c in witnessed]
            if from_seq is None and to_seq is None:
                _verify_everything(conn, signed, report)
                note_unfinished(conn, report)
            else:
                _verify_range(conn, signed, from_seq or 0, to_seq, report)
    finally:
        if isinstance(source, str):
            db.dispose()
    return report


def _verify_checkpoints(
    conn: Connection, verifiers: list[NoteVerifier], report: VerificationReport
) -> list[_Signed]:
    """Steps 1-2: the checkpoints a trusted key signed, in signing order."""
    rows = [
        CheckpointRow.model_validate(r._mapping)
        for r in conn.execute(select(tree_store.CHECKPOINTS).order_by(tree_store.CHECKPOINTS.c.id))
    ]
    signed: list[_Signed] = []
    for row in rows:
        what = f"checkpoint #{row.id} (size {row.size})"
        found = _signed_by(row.note, verifiers)
        if found is None:
            report.add(None, f"{what} carries no valid signature by a trusted key ({_signers(row.note)})")
            continue
        checkpoint, key = found
        if checkpoint.size != row.size or checkpoint.root != bytes(row.root):
            report.add(None, f"{what}: its stored size or root differs from the signed note")
            continue
        signed.append(_Signed(f"checkpoint #{row.id}", row.size, checkpoint.root, key))
    report.checkpoints_verified = len(signed)
    by_size: dict[int, bytes] = {}
    largest = 0
    for s in signed:
        if s.size < largest:
            report.add(None, f"{s.label} (size {s.size}) was signed after one of size {largest}")
        largest = max(largest, s.size)
        if by_size.setdefault(s.size, s.root) != s.root:
            report.add(None, f"two signed checkpoints of size {s.size} have different roots (a fork)")
    if signed:
        report.latest_checkpoint_size = largest
    if not signed and report.tree_size:
        report.add(None, "no checkpoint signed by a trusted key: nothing vouches for these records")
    return signed


def _known(notes: Sequence[str], verifiers: list[NoteVerifier], report: VerificationReport) -> list[_Signed]:
    known = []
    for i, note in enumerate(notes, start=1):
        label = f"given checkpoint {i}"
        found = _signed_by(note, verifiers)
        if found is None:
            report.add(None, f"{label} carries no valid signature by a trusted key ({_signers(note)})")
            continue
        checkpoint, key = found
        if checkpoint.size > (report.latest_checkpoint_size or 0):
            report.add(None, f"{label} signed size {checkpoint.size}, beyond every checkpoint in the log")
        known.append(_Signed(label, checkpoint.size, checkpoint.root, key))
    return known


def _signed_by(note: str, verifiers: list[NoteVerifier]) -> tuple[Checkpoint, str] | None:
    """The checkpoint in ``note`` and the hex id of the trusted key that signed it."""
    for verifier in verifiers:
        try:
            return verifier.verify(note), verifier.key_id.hex()
        except CheckpointError:
            continue
    return None


def _signers(note: str) -> str:
    try:
        return "signed by " + ", ".join(f"{n} {k.hex()}" for n, k, _ in split_note(note)[1])
    except CheckpointError as e:
        return str(e)


def _verify_everything(conn: Connection, signed: list[_Signed], report: VerificationReport) -> None:
    switch = _entry_format(conn, report)
    targets: dict[int, list[_Signed]] = {}
    for s in signed:
        targets.setdefault(s.size, []).append(s)
    for s in targets.pop(0, []):
        if s.root != merkle.EMPTY_ROOT:
            report.add(None, f"{s.label} signs an empty tree with a root that is not empty")
    compact = merkle.CompactRange()
    expected = 0
    # The largest sizes whose roots matched: a tree head (unsigned), a signed checkpoint. A mismatch is
    # located between the last match and itself; signed ones are located by signed ones only.
    last_good = last_signed_good = 0
    head_mismatch = False
    nodes = _NodeProblems(report)
    for chunk in _chunks(conn, 0, None):
        # Heads and nodes are positions in the tree: the n-th record read is leaf n.
        heads = _heads(conn, compact.size, compact.size + len(chunk))
        stored_nodes = _nodes(conn, compact.size, compact.size + len(chunk))
        for row in chunk:
            if row.seq != expected:
                if row.seq > expected:
                    report.add((expected, row.seq - 1), "records missing (deleted or never committed)")
                else:
                    report.add(row.seq, "sequence number repeated")
                expected = row.seq
            expected += 1
            leaf = _check_record(row, switch, report)
            for level, idx, value in compact.append(leaf):
                stored = stored_nodes.pop((level, idx), None)
                nodes.check(level, idx, None if stored is None else bytes(stored), value)
            root = compact.root()
            head = heads.get(compact.size)
            if head is not None and bytes(head) != root and not head_mismatch:
                # Roots cover the whole prefix: every later head differs too, so say it once.
                head_mismatch = True
                report.add(
                    (last_good, compact.size - 1),
                    f"records changed since the batch that reached size {compact.size} (and every later one)",
                )
            elif head is not None and bytes(head) == root:
                last_good = compact.size
            for s in targets.pop(compact.size, []):
                if s.root != root:
                    report.add(
                        (last_signed_good, compact.size - 1),
                        f"records no longer produce the root signed at size {compact.size} ({s.label})",
                    )
                else:
                    last_good = last_signed_good = compact.size
            report.records_checked += 1
        for level, idx in stored_nodes:
            nodes.check(level, idx, b"", None)
    nodes.summarise()
    _check_ends(expected, report.tree_size, targets, report)


class _NodeProblems:
    """Stored interior nodes that differ from the recomputed tree: the first few, then a count."""

    SHOWN = 3

    def __init__(self, report: VerificationReport) -> None:
        self.report = report
        self.count = 0

    def check(self, level: int, idx: int, stored: bytes | None, computed: bytes | None) -> None:
        if stored == computed:
            return
        self.count += 1
        if self.count > self.SHOWN:
            return
        span = (idx << level, ((idx + 1) << level) - 1)
        what = (
            "is missing"
            if stored is None
            else "is extra"
            if computed is None
            else "does not match the records"
        )
        self.report.add(span, f"tree node level {level} index {idx} {what}")

    def summarise(self) -> None:
        if self.count > self.SHOWN:
            self.report.add(None, f"{self.count - self.SHOWN} more stored tree nodes differ from the records")


def _check_ends(
    next_seq: int, head_size: int, unreached: dict[int, list[_Signed]], report: VerificationReport
) -> None:
    """Step 7, and the checkpoints the records never reached."""
    if next_seq > head_size:
        report.add(
            (head_size, next_seq - 1), "records beyond the last tree head: inserted outside the log writer"
        )
    elif next_seq < head_size:
        report.add((next_seq, head_size - 1), f"records missing: the log had reached size {head_size}")
    for size, checkpoints in sorted(unreached.items()):
        ids = ", ".join(s.label for s in checkpoints)
        if size > next_seq:
            report.add((next_seq, size - 1), f"{ids} signed size {size} but these records are gone")
        else:
            report.add(None, f"{ids} of size {size} cannot be recomputed: records are missing")
    covered = report.latest_checkpoint_size or 0
    records = next_seq
    if records > covered:
        report.notes.append(
            f"seq {covered}..{records - 1} are not yet covered by a signed checkpoint (the next one will)"
        )


def _verify_range(
    conn: Connection, signed: list[_Signed], start: int, end: int | None, report: VerificationReport
) -> None:
    last = report.tree_size - 1 if end is None else min(end, report.tree_size - 1)
    ordered = sorted(signed, key=lambda s: s.size)
    rh = tree_store.range_hash(conn)
    try:
        # Consecutive checkpoints must be consistent, proven from the stored tree.
        for a, b in pairwise(ordered):
            if a.size and a.size < b.size:
                proof = merkle.consistency_proof(a.size, b.size, rh)
                try:
                    merkle.verify_consistency(a.size, b.size, proof, a.root, b.root)
                except merkle.ProofError as e:
                    report.add((a.size, b.size - 1), f"{a.label} and {b.label}: {e}")
            elif a.size == b.size and a.root != b.root:
                report.add(None, f"{a.label} and {b.label} sign different roots for size {a.size} (a fork)")
    except (tree_store.MissingNodeError, merkle.ProofError) as e:
        report.add(None, f"the stored tree cannot prove checkpoint consistency: {e}")
    switch = _entry_format(conn, report)
    expected = start
    for chunk in _chunks(conn, start, last + 1):
        for row in chunk:
            if row.seq != expected:
                report.add((expected, row.seq - 1), "records missing (deleted or never committed)")
                expected = row.seq
            expected += 1
            leaf = _check_record(row, switch, report)
            report.records_checked += 1
            cover = next((s for s in ordered if s.size > row.seq), None)
            if cover is None:
                continue
            try:
                proof = merkle.inclusion_proof(row.seq, cover.size, rh)
                merkle.verify_inclusion(leaf, row.seq, cover.size, proof, cover.root)
            except (tree_store.MissingNodeError, merkle.ProofError) as e:
                report.add(row.seq, f"not provably included in the checkpoint of size {cover.size}: {e}")
    if expected <= last:
        report.add((expected, last), "records missing (deleted or never committed)")
    covered = report.latest_checkpoint_size or 0
    if last >= covered:
        report.notes.append(f"seq {max(covered, start)}..{last} are not yet covered by a signed checkpoint")


def _entry_format(conn: Connection, report: VerificationReport) -> int:
    """The seq where format 2 entries begin; a second announcement is a problem (the switch is the
    log's to fix once, not anyone's to move)."""
    found = entries.announcements(conn)
    for seq, data in found:
        try:
            if not entries.is_announcement(canonical.parse_document(data)):
                report.add(seq, "an entry-format announcement that does not announce format 2 from itself")
        except ValueError:
            pass  # named as a record that is not JSON
    for seq, _ in found[1:]:
        report.add(
            seq, f"a second entry-format announcement (the log switched to format 2 at seq {found[0][0]})"
        )
    switch = entries.switch(conn) if not found else found[0][0]
    if switch == entries.NEVER:
        report.notes.append(
            "a trail of an earlier release: every entry is format 1 until this release appends to it"
        )
    return switch


def _check_record(row: Any, switch: int, report: VerificationReport) -> bytes:
    """Step 4 for one record. Returns the leaf hash of its entry as its bytes give it now."""
    data = bytes(row.canonical)
    stored = bytes(row.leaf_hash)
    try:
        doc = canonical.parse_document(data)
    except (ValueError, json.JSONDecodeError):
        report.add(row.seq, "the record is not a JSON object")
        return merkle.leaf_hash(data)
    try:
        leaf = entries.leaf(row.seq, data, switch, doc)
    except (
        KeyError,
        ValueError,
        TypeError,
        AttributeError,
    ):  # no entry can be made: the fields are named below
        leaf = merkle.leaf_hash(data)
    if stored != leaf:
        if row.seq >= switch and stored == merkle.leaf_hash(data):
            report.add(
                row.seq,
                f"a format 1 leaf after the log announced format 2 entries from seq {switch}"
                " (written by an older release, or a leaf made to hide its scope)",
            )
        else:
            report.add(row.seq, "the stored leaf hash does not match the record's bytes (record altered)")
    if canonical.canonical_bytes(doc) != data:
        report.add(row.seq, "the record's bytes are not canonical JSON (RFC 8785)")
    if doc.get("seq") != row.seq:
        report.add(row.seq, f"the record says it is seq {doc.get('seq')} (moved or renumbered)")
        return leaf
    try:
        derived = record_fields.columns(doc)
    except (KeyError, ValueError, TypeError, AttributeError):
        report.add(row.seq, "the record lacks the fields every record has")
        return leaf
    for name, value in derived.items():
        if _normal(getattr(row, name)) != _normal(value):
            report.add(row.seq, f"column {name} differs from the record's signed bytes")
    return leaf


def _normal(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return value


def _chunks(conn: Connection, start: int, end: int | None) -> Iterable[list[Any]]:
    """Records with start <= seq < end, in seq order, CHUNK at a time."""
    records = tree_store.RECORDS
    after = start - 1
    while True:
        query = select(records).where(records.c.seq > after).order_by(records.c.seq).limit(CHUNK)
        if end is not None:
            query = query.where(records.c.seq < end)
        chunk = list(conn.execute(query))
        if not chunk:
            return
        yield chunk
        after = chunk[-1].seq


def _heads(conn: Connection, start: int, end: int) -> dict[int, bytes]:
    """Tree heads reached by leaves [start, end): sizes in (start, end]."""
    heads = tree_store.HEADS
    found = conn.execute(select(heads.c.size, heads.c.root).where(heads.c.size > start, heads.c.size <= end))
    return {size: root for size, root in found}


def _nodes(conn: Connection, start: int, end: int) -> dict[tuple[int, int], bytes]:
    """Stored interior nodes completed by leaves [start, end): ends in (start, end]."""
    nodes = tree_store.NODES
    ranges = []
    for level in range(1, max(end, 1).bit_length() + 1):
        lo, hi = start >> level, end >> level
        if lo < hi:
            ranges.append(and_(nodes.c.level == level, nodes.c.idx >= lo, nodes.c.idx < hi))
    if not ranges:
        return {}
    found = conn.execute(select(nodes.c.level, nodes.c.idx, nodes.c.hash).where(or_(*ranges)))
    return {(level, idx): h for level, idx, h in found}
