"""Seams report what the join of two texts adds, and only that: no entity counts twice."""

from __future__ import annotations

import pytest

from domain.classification import Category
from domain.texts import FieldKind, TextItem
from gateway.classification.engine import DetectionEngine
from gateway.classification.findings import merge
from gateway.classification.seams import Seam, analyse
from gateway.protocols.accounting import seams


def _summary(engine: DetectionEngine, messages: list[str]):  # type: ignore[no-untyped-def]
    """What a request of these messages reports, its seams included (as the classifier merges)."""
    items = [TextItem(FieldKind.USER, m) for m in messages] + seams(messages)
    parts = [(i.kind, analyse(engine, Seam(i.text, i.join) if i.join >= 0 else i.text)) for i in items]
    return merge(parts, "test", "test")


@pytest.mark.parametrize(
    ("messages", "entity"),
    [
        (["Please write to jonas.petraitis@example.lt about it", "Sure, will do."], "EMAIL_ADDRESS"),
        (["Thanks.", "Please write to jonas.petraitis@example.lt about it"], "EMAIL_ADDRESS"),
        (["Jonas Petraitis is my colleague.", "He was diagnosed with diabetes last year."], "SPECIAL_HEALTH"),
    ],
)
def test_an_entity_within_one_message_counts_once(
    engine: DetectionEngine, messages: list[str], entity: str
) -> None:
    alone = merge([(FieldKind.USER, engine.analyze(m)) for m in messages], "test", "test")
    joined = _summary(engine, messages)
    assert joined.entities == alone.entities
    assert joined.entities[entity] == 1


def test_an_address_split_across_parts_is_found_at_the_seam(engine: DetectionEngine) -> None:
    summary = _summary(engine, ["Mail me at jonas.petraitis@exam", "ple.lt please"])
    assert summary.entities == {"EMAIL_ADDRESS": 1}
    assert summary.field_kinds == {"EMAIL_ADDRESS": [FieldKind.SEAM]}


def test_a_person_in_one_message_makes_a_health_term_in_the_next_special(engine: DetectionEngine) -> None:
    messages = ["Patient: Jonas Petraitis.", "Diagnosis: type 2 diabetes, insulin twice daily."]
    alone = merge([(FieldKind.USER, engine.analyze(m)) for m in messages], "test", "test")
    assert alone.category is Category.PERSONAL  # each message alone: a name, and a topic
    joined = _summary(engine, messages)
    assert joined.category is Category.SPECIAL
    assert joined.special_categories == ["health"]
    assert FieldKind.SEAM in joined.field_kinds["SPECIAL_HEALTH"]


def test_plain_messages_add_nothing_at_their_seam(engine: DetectionEngine) -> None:
    summary = _summary(engine, ["The meeting is at noon.", "Bring the slides and the budget."])
    assert summary.category is Category.NONE
    assert summary.entities == {}
