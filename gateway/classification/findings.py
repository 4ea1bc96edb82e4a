"""What analysing one text yields: entity types, counts and scores, never the values.

``MessageFindings`` is what a worker process sends back and what the per-message cache holds;
``merge`` folds the findings of all texts in a request into one summary.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from gateway.classification.summary import Category, ClassificationSummary
from gateway.texts import FieldKind


@dataclass(frozen=True, slots=True)
class MessageFindings:
    entities: dict[str, int] = field(default_factory=dict)
    max_score: float = 0.0
    special_categories: tuple[str, ...] = ()
    language: str = ""
    risk_signals: tuple[str, ...] = ()


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
        risk_signals=sorted(signals),
    )
