"""What analysing one text yields: entity types, counts and scores, never the values.

``MessageFindings`` is what a worker process sends back and what the per-message cache holds;
``merge`` folds the findings of all texts in a request into one summary.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from domain.classification import Category, ClassificationSummary
from domain.texts import FieldKind

NER_FAILED = "ner_unavailable"


@dataclass(frozen=True, slots=True)
class MessageFindings:
    entities: dict[str, int] = field(default_factory=dict)
    max_score: float = 0.0
    special_categories: tuple[str, ...] = ()
    language: str = ""
    risk_signals: tuple[str, ...] = ()
    # Part of the detection (the NER model) failed; the rest ran. Stricter treatment downstream.
    degraded: bool = False


def combine(parts: list[MessageFindings]) -> MessageFindings:
    """The findings of one long text analysed in pieces."""
    if len(parts) == 1:
        return parts[0]
    entities: dict[str, int] = {}
    for part in parts:
        for entity, count in part.entities.items():
            entities[entity] = entities.get(entity, 0) + count
    return MessageFindings(
        entities=entities,
        max_score=max(p.max_score for p in parts),
        special_categories=tuple(sorted({c for p in parts for c in p.special_categories})),
        language=parts[0].language,
        risk_signals=tuple(sorted({r for p in parts for r in p.risk_signals})),
        degraded=any(p.degraded for p in parts),
    )


def split_long(text: str, size: int) -> list[str]:
    """Pieces of about ``size`` characters, cut at a line break, else a sentence end, else a space.

    Cutting only there keeps an identifier, a phone number or a name in one piece (they never
    span a line break); a text shorter than one and a half pieces stays whole.
    """
    if len(text) <= size * 3 // 2:
        return [text]
    pieces = []
    start = 0
    while len(text) - start > size * 3 // 2:
        window_start = start + size // 2
        cut = -1
        for separator in ("\n", ". ", " "):
            cut = text.rfind(separator, window_start, start + size)
            if cut != -1:
                cut += len(separator)
                break
        if cut == -1:
            cut = start + size
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def merge(
    parts: Iterable[tuple[FieldKind, MessageFindings]],
    detector_version: str,
    recognizer_hash: str,
    degraded: bool = False,
) -> ClassificationSummary:
    entities: dict[str, int] = {}
    kinds: dict[str, list[FieldKind]] = {}
    special: set[str] = set()
    languages: set[str] = set()
    signals: set[str] = set()
    max_score = 0.0
    for kind, found in parts:
        degraded = degraded or found.degraded
        for entity, count in found.entities.items():
            entities[entity] = entities.get(entity, 0) + count
            if kind not in kinds.setdefault(entity, []):
                kinds[entity].append(kind)
        special.update(found.special_categories)
        if found.language:
            languages.add(found.language)
        signals.update(found.risk_signals)
        max_score = max(max_score, found.max_score)
    if special:
        category = Category.SPECIAL
    elif entities:
        category = Category.PERSONAL
    else:
        category = Category.NONE
    return ClassificationSummary(
        category=category,
        entities=dict(sorted(entities.items())),
        field_kinds={e: sorted(k) for e, k in sorted(kinds.items())},
        special_categories=sorted(special),
        max_score=round(max_score, 4),
        languages=sorted(languages),
        detector_version=detector_version,
        recognizer_hash=recognizer_hash,
        degraded=degraded,
        risk_signals=sorted(signals | ({NER_FAILED} if degraded else set())),
    )
