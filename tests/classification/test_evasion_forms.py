"""Phone numbers and IBANs in the evasion forms users write: slashes, spaced '00', look-alike
letters for digits, remarks between groups; and the look-alikes that stay unreported."""

from __future__ import annotations

import pytest

from gateway.classification.engine import DetectionEngine
from gateway.classification.evasion import EvadedNumberFinder
from gateway.classification.normalise import normalise


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("Mój numer komórki to +48/512/247/714.", "PHONE_NUMBER"),  # slashes after a '+'
        ("Ruf mich bitte unter 0 0 4 9 1 5 1 5 9 9 7 2 8 3 7 an.", "PHONE_NUMBER"),  # '00' spaced
        ("Soita minulle numeroon +358 4l2 lO5 38O kuuden jälkeen.", "PHONE_NUMBER"),  # O, l for 0, 1
        ("Meine IBAN lautet DE84 9145 2441 O646 OO13 O4.", "IBAN_CODE"),
        ("Il mio IBAN è IT48 I945 8073 0215 7368 1930 364.", "IBAN_CODE"),  # the account's own I
        ("Il mio IBAN è IT47 O262 1299 7220 0332 2453 832.", "IBAN_CODE"),  # and its own O
        ("Mans IBAN ir LV34 (banka) BANK 6C90 BD54 82A9 0.", "IBAN_CODE"),  # a remark, letters after
        ("Numer telefonu 512\n345\n678", "PHONE_NUMBER"),  # a phone word of two words
        ("IBAN:\nGB33\nBUKB\n2020\n1555\n5555\n55", "IBAN_CODE"),  # one group a line
        ("IBAN GB33·BUKB·2020·1555·5555·55", "IBAN_CODE"),
        ("IBAN GB33|BUKB|2020|1555|5555|55", "IBAN_CODE"),
        ("Cell. 347 - 123 - 4567, chiamami dopo pranzo.", "PHONE_NUMBER"),  # a phone word after, too
        ("Ar cieņu\nIlze\ntālr. 29 123 456", "PHONE_NUMBER"),  # grouped like an amount, after tālr.
        ("Με εκτίμηση,\nΝίκος\nκιν. 694 123 4567", "PHONE_NUMBER"),  # signature abbreviations
        ("Cumprimentos,\nInês\ntlm. 912 345 678", "PHONE_NUMBER"),
    ],
)
def test_evasion_forms_are_found(every_language: DetectionEngine, text: str, entity: str) -> None:
    assert entity in every_language.analyze(text).entities


@pytest.mark.parametrize(
    "text",
    [
        "Scores this season: 12/45/78/90/33 across the five rounds.",  # a list, no '+'
        "Temperatures were +12/14/16/18 °C during the week.",  # no numbering plan holds it
        "Mans IBAN ir LV35 (banka) BANK 6C90 BD54 82A9 0.",  # one check digit off: mod 97 fails
        "Meine IBAN lautet DE84 9145 2441 O646 OO13 O5.",  # look-alikes, and mod 97 fails
        "IBAN:\nGB34\nBUKB\n2020\n1555\n5555\n55",  # one group a line, check digits wrong
        "Il codice prodotto è 0 0 1 2 3 4 5 6.",  # '00' spaced, too short for any plan
        "Revenue rose to 29 123 456 EUR, from 27 500 000.",  # an amount with no phone word
    ],
)
def test_look_alikes_that_fail_their_checks_are_not_reported(
    every_language: DetectionEngine, text: str
) -> None:
    found = every_language.analyze(text).entities
    assert "PHONE_NUMBER" not in found and "IBAN_CODE" not in found


def test_letters_are_read_as_digits_only_inside_runs_of_digit_groups() -> None:
    assert normalise("+358 4l2 lO5 38O").text == "+358 412 105 380"
    assert normalise("+358 4l2 lO5 38O").risk_signals == ("confusable_characters",)
    # Too few digits around them, or words: left as written.
    for text in ("I have 10 lO apples", "html5 and mp3 files", "Room l0l, ext 12345", "Il lO"):
        assert normalise(text).text == text
        assert normalise(text).risk_signals == ()


def test_a_phone_word_right_before_the_number_outranks_an_unlabelled_identifier(
    every_language: DetectionEngine,
) -> None:
    # The digits also pass a Greek AMKA's check; "Contact details:" says what they are.
    found = every_language.analyze("Contact details: John Smith, 020 7946 0123.").entities
    assert "PHONE_NUMBER" in found and "GR_AMKA" not in found


def test_a_phone_word_after_the_number_does_not_hide_the_one_right_before_it() -> None:
    hits = EvadedNumberFinder().find("Cell. 347 - 123 - 4567, chiamami dopo pranzo.", ("it",))
    assert [h.entity for h in hits] == ["PHONE_NUMBER"] and hits[0].labelled


@pytest.mark.parametrize(
    "text",
    [
        "Kostenlose Hotline: 0800 123 4567",  # freephone
        "Servicenummer: +49 800 1234567",
        "Infoline: +33 8 99 12 34 56",  # premium rate
        "Call our freephone 0800 123 4567 for the brochure.",
    ],
)
def test_service_lines_are_no_ones_phone_number(every_language: DetectionEngine, text: str) -> None:
    assert "PHONE_NUMBER" not in every_language.analyze(text).entities


def test_a_persons_number_beside_a_service_line_is_still_found(every_language: DetectionEngine) -> None:
    text = "Hotline 0800 123 4567, or call me on 0151 23456789."
    assert every_language.analyze(text).entities.get("PHONE_NUMBER") == 1
