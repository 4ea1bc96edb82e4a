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


@pytest.mark.parametrize(
    "text",
    [
        "Cartão de cidadão 00000000 0 ZZ4",
        "O número do meu cartão de cidadão é 15223496 4 ZX2.",
        "Cartão do Cidadão n.º 152234964ZX2",
        "In-numru tal-karta tal-identità tiegħi huwa 123456M.",
        "My Maltese ID card number is 0012345M.",
        "Numer dowodu osobistego: ABA300000.",
        "Mój dowód osobisty ma numer AXX 323453.",
        "Numéro de carte nationale d'identité : 880692310285.",
        "Seria și numărul cărții de identitate: RX 123456.",
        "Номерът на личната ми карта е 645123456.",  # not a Dutch BSN by coincidence of its digits
        "Manas ID kartes numurs ir PA1234567.",
        "Číslo môjho občianskeho preukazu je EA123456.",
    ],
)
def test_identity_card_numbers_of_every_state_are_id_card_numbers(
    every_language: DetectionEngine, text: str
) -> None:
    assert every_language.analyze(text).entities == {"ID_CARD_NUMBER": 1}


@pytest.mark.parametrize(
    "text",
    [
        "O número do meu cartão de cidadão é 15223496 4 ZX9.",  # check digit fails
        "Numer dowodu osobistego: ABA400000.",  # check digit fails
        "Mój dowód osobisty ma numer AXX 123453.",
        "Kod produktu ABA300000 jest niedostępny.",  # valid, but no card named
        "The identity card reader model 12345678 supports NFC.",  # the number is the reader's
    ],
)
def test_card_numbers_failing_their_check_or_named_otherwise_are_not_id_cards(
    every_language: DetectionEngine, text: str
) -> None:
    assert "ID_CARD_NUMBER" not in every_language.analyze(text).entities


def test_a_passport_word_makes_a_nine_digit_number_a_passport_number(every_language: DetectionEngine) -> None:
    found = every_language.analyze("My passport number is 533401234 and it expires in May.")
    assert found.entities == {"PASSPORT_NUMBER": 1}
