"""GDPR Art. 9 special categories from term lists, and their technical look-alikes."""

from __future__ import annotations

import pytest

from gateway.classification.engine import DetectionEngine
from gateway.classification.special import SpecialCategoryFinder


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("My father was diagnosed with diabetes last year.", "health"),
        ("Mano mama serga vėžiu.", "health"),
        ("Sie ist wegen Depressionen krankgeschrieben.", "health"),
        ("Her genetic test showed a BRCA1 mutation.", "genetic"),
        ("We store the employee's fingerprint for door access.", "biometric"),
        ("La candidata ha indicato la sua etnia.", "racial_or_ethnic_origin"),
        ("Äänestin vaaleissa vihreitä, olen puolueen jäsen.", "political_opinions"),
        ("Ta on õigeusklik ja käib kirikus.", "religious_or_philosophical_beliefs"),
        ("Viņš ir arodbiedrības biedrs.", "trade_union_membership"),
        ("Er ist schwul und lebt mit seinem Partner.", "sex_life_or_sexual_orientation"),
    ],
)
def test_special_categories_are_reported_as_their_own_category(
    engine: DetectionEngine, text: str, category: str
) -> None:
    found = engine.analyze(text)
    assert category in found.special_categories
    assert found.entities.get(f"SPECIAL_{category.upper()}", 0) >= 1


@pytest.mark.parametrize(
    "text",
    [
        "Run diagnostics on the health check endpoint.",
        "Verify the SSH key fingerprint before connecting.",
        "Our genetic algorithm converges after 400 generations.",
        "There is a race condition in the connection pool.",
        "SELECT id FROM a UNION SELECT id FROM b",
        "A tagged union makes the error states explicit.",
        "Abort the transaction if the row version changed.",
        "Stroke width is set to 2px in the SVG.",
    ],
)
def test_technical_senses_are_not_special(engine: DetectionEngine, text: str) -> None:
    assert engine.analyze(text).special_categories == ()


@pytest.mark.parametrize(
    "prefix",
    ["", "İSTANBUL OFFICE: ", "ẞ" * 3 + " "],  # "İ" lowers to two code points; "ẞ" to one
)
def test_terms_match_in_any_case_at_the_offsets_of_the_text_given(prefix: str) -> None:
    finder = SpecialCategoryFinder(["en", "de"])
    text = prefix + "MY FATHER WAS DIAGNOSED WITH DIABETES."
    hits = finder.find(text)
    assert [h.category for h in hits] == ["health"]
    assert text[hits[0].start : hits[0].end].lower().startswith("diagnosed")
