"""What the join of two adjacent texts adds: findings that exist only because the texts meet.

A seam is the tail of one text and the head of the next (see ``accounting.seams``). Both sides
are already classified as parts of their own texts, so the seam reports only what the join
creates: an e-mail address or IBAN split across the two, a name in one tied to a health term in
the other. Anything found the same on one side alone is left out, so a request's counts do not
grow with the number of messages an entity sits next to.
"""

from __future__ import annotations

from dataclasses import dataclass

from gateway.classification.engine import DetectionEngine
from gateway.classification.findings import MessageFindings
from gateway.classification.special import SPECIAL_ENTITIES


@dataclass(frozen=True, slots=True)
class Seam:
    """The unit of work for a seam: ``text[:join]`` is one side's tail, ``text[join:]`` the next head."""

    text: str
    join: int


def analyse(engine: DetectionEngine, work: str | Seam) -> MessageFindings:
    return engine.analyze(work) if isinstance(work, str) else seam_findings(engine, work)


def seam_findings(engine: DetectionEngine, seam: Seam) -> MessageFindings:
    tail, head = seam.text[: seam.join], seam.text[seam.join :]
    # Both readings in one pass, as the model may read the join: run together (an identifier
    # split in two) and as two words. The line break between them is never part of a finding.
    second = len(tail) + len(head) + 1
    found, summary = engine.findings(f"{tail}{head}\n{tail} {head}")
    # Where each side lies in the text analysed: (start, side) per copy.
    regions = ((0, 0), (len(tail), 1), (second, 0), (second + len(tail) + 1, 1))
    sides = (tail, head)
    alone: dict[int, tuple[set[tuple[str, int, int]], tuple[str, ...]]] = {}

    def seen_alone(side: int) -> tuple[set[tuple[str, int, int]], tuple[str, ...]]:
        # Analysed only when needed: most seams hold nothing, or only what crosses the join.
        if side not in alone:
            side_found, side_summary = engine.findings(sides[side])
            alone[side] = ({(f.entity, f.start, f.end) for f in side_found}, side_summary.risk_signals)
        return alone[side]

    per_copy: list[dict[str, int]] = [{}, {}]
    scores: list[float] = []
    for f in found:
        copy = 0 if f.end <= second else 1
        if f.start < second <= f.end:
            continue  # spans the line break between the two readings: not a text the model sees
        joined = copy * second + len(tail) + copy  # where the head starts in this copy
        if f.start >= joined or f.end <= joined - copy:  # within one side: new only if unseen there
            start, side = next((a, i) for a, i in reversed(regions) if f.start >= a)
            if (f.entity, f.start - start, f.end - start) in seen_alone(side)[0]:
                continue
        per_copy[copy][f.entity] = per_copy[copy].get(f.entity, 0) + 1
        scores.append(f.score)
    # The two readings show the same join: an entity counts as often as the richer one has it.
    counts = {e: max(c.get(e, 0) for c in per_copy) for e in {*per_copy[0], *per_copy[1]}}
    signals = set(summary.risk_signals)
    if signals:
        signals -= {s for side in (0, 1) for s in seen_alone(side)[1]}
    return MessageFindings(
        entities=dict(sorted(counts.items())),
        max_score=max(scores, default=0.0),
        special_categories=tuple(
            sorted(e.removeprefix("SPECIAL_").lower() for e in counts if e in SPECIAL_ENTITIES)
        ),
        risk_signals=tuple(sorted(signals)),
        degraded=summary.degraded,
    )
