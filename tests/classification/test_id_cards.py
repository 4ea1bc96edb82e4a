"""Identity-card numbers in running text: the states whose card numbers carry a check digit."""

from __future__ import annotations

import pytest

from gateway.classification.engine import DetectionEngine


@pytest.mark.parametrize(
    "text",
    [
        "Mijn identiteitskaart heeft kaartnummer 591-1917064-58.",
        "Numéro de carte d'identité : 591 1917064 58",
        "eID 000-0011032-71, valid until 2031",
        "Identity card 591191706458 was renewed last month.",
    ],
)
def test_belgian_eid_card_numbers_with_a_valid_check_are_id_card_numbers(
    engine: DetectionEngine, text: str
) -> None:
    assert engine.analyze(text).entities == {"ID_CARD_NUMBER": 1}


@pytest.mark.parametrize(
    "text",
    [
        "Mijn identiteitskaart heeft kaartnummer 591-1917064-59.",  # check digits fail
        "Order 591-1917064-58 shipped on Monday.",  # valid, but named as an order
        "Batch 591191706458 passed quality control.",
    ],
)
def test_numbers_failing_the_check_or_named_otherwise_are_not_id_cards(
    engine: DetectionEngine, text: str
) -> None:
    assert "ID_CARD_NUMBER" not in engine.analyze(text).entities


def test_the_portuguese_citizen_card_keeps_its_own_type(engine: DetectionEngine) -> None:
    assert engine.analyze("Cartão de cidadão 00000000 0 ZZ4").entities == {"PT_CITIZEN_CARD": 1}
