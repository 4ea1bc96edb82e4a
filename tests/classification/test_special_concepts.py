"""Special categories concept by concept: stated about a named person in 26 languages, and as topics."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from gateway.classification.engine import DetectionEngine
from gateway.classification.special import CATEGORIES

TABLE = Path(__file__).resolve().parent / "concepts" / "special_concepts.txt"
LANGUAGES = [
    *("bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu"),
    *("is", "it", "lt", "lv", "mt", "nl", "no", "pl", "pt", "ro", "sk", "sl", "sv"),
]
TOPIC = "topic"
# Sex life and beliefs were checked concept by concept in every language; the other categories by
# their main concepts.
MIN_CONCEPTS = {"sex_life_or_sexual_orientation": 20, "religious_or_philosophical_beliefs": 20}


def _rows() -> list[tuple[str, str, str, str]]:
    rows = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            category, concept, language, text = line.split("|", 3)
            rows.append((category, concept, language, text))
    return rows


ROWS = _rows()
GROUPS: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
for _category, _concept, _language, _text in ROWS:
    GROUPS[(_category, _language)].append((_concept, _text))


@pytest.fixture(scope="module")
def engine() -> DetectionEngine:
    return DetectionEngine(LANGUAGES)


@pytest.mark.parametrize(
    ("category", "language"),
    sorted(key for key in GROUPS if key[0] != TOPIC),
    ids=lambda value: str(value),
)
def test_each_concept_stated_about_a_person_is_its_category(
    engine: DetectionEngine, category: str, language: str
) -> None:
    missed = [
        f"{concept}: {text}"
        for concept, text in GROUPS[(category, language)]
        if category not in engine.analyze(text).special_categories
    ]
    assert missed == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_concept_as_a_topic_names_no_one(engine: DetectionEngine, language: str) -> None:
    flagged = [
        f"{concept}: {text} -> {found}"
        for concept, text in GROUPS[(TOPIC, language)]
        if (found := engine.analyze(text).special_categories)
    ]
    assert flagged == []


def test_the_table_covers_every_category_and_its_topics_in_every_language() -> None:
    for category in (*CATEGORIES, TOPIC):
        assert {lang for cat, lang in GROUPS if cat == category} == set(LANGUAGES), category
    for category, least in MIN_CONCEPTS.items():
        for language in LANGUAGES:
            concepts = {concept for concept, _ in GROUPS[(category, language)]}
            assert len(concepts) >= least, (category, language, len(concepts))


def test_the_table_is_well_formed() -> None:
    assert {category for category, *_ in ROWS} == {*CATEGORIES, TOPIC}
    assert {language for _, _, language, _ in ROWS} == set(LANGUAGES)
    texts = [text for *_, text in ROWS]
    assert len(texts) == len(set(texts)), "a probe is listed twice"
