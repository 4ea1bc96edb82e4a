"""Passport and identity-card numbers: machine-readable zones with check digits, and context words."""

from __future__ import annotations

import pytest

from gateway.classification.engine import DetectionEngine
from gateway.classification.mrz import MachineReadableZoneFinder, check_digit

# ICAO 9303's own specimen (Utopia) passport and identity card.
PASSPORT_ZONE = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
CARD_ZONE = "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<"


def test_check_digits_follow_icao_9303() -> None:
    assert check_digit("L898902C3") == "6"
    assert check_digit("740812") == "2"
    assert check_digit("<<<<<<<<<<<<<<") == "0"


@pytest.mark.parametrize(
    ("zone", "entity"), [(PASSPORT_ZONE, "PASSPORT_NUMBER"), (CARD_ZONE, "ID_CARD_NUMBER")]
)
def test_a_zone_with_valid_check_digits_is_a_document(zone: str, entity: str) -> None:
    hits = MachineReadableZoneFinder().find(f"Here is the scan:\n{zone}\nthanks")
    assert [h.entity for h in hits] == [entity]


@pytest.mark.parametrize("zone", [PASSPORT_ZONE, CARD_ZONE])
def test_a_zone_whose_check_digits_fail_is_not(zone: str) -> None:
    tampered = zone.replace("7408122F", "7408132F")  # a birth date that no longer fits its digit
    assert MachineReadableZoneFinder().find(tampered) == []


@pytest.fixture(scope="module")
def five_languages() -> DetectionEngine:
    return DetectionEngine(["en", "fr", "pl", "el", "hu"])


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("Numéro de passeport : 18AV12345.", "PASSPORT_NUMBER"),
        ("Mój paszport ma numer EA1234567.", "PASSPORT_NUMBER"),
        ("Το διαβατήριό μου έχει αριθμό AB1234567.", "PASSPORT_NUMBER"),
        ("Numer dowodu osobistego: ABA300000.", "ID_CARD_NUMBER"),
        ("Számú személyi igazolvány: 123456AB.", "ID_CARD_NUMBER"),
    ],
)
def test_document_numbers_after_their_words_in_other_languages(
    five_languages: DetectionEngine, text: str, entity: str
) -> None:
    assert entity in five_languages.analyze(text).entities


def test_a_number_without_a_document_word_is_not_a_document(engine: DetectionEngine) -> None:
    found = engine.analyze("Build C01X00T47 passed all 312 tests.")
    assert "PASSPORT_NUMBER" not in found.entities and "ID_CARD_NUMBER" not in found.entities
