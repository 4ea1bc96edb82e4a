"""Language identification: which languages' rules a text is analysed under, best fit first."""

from __future__ import annotations

import pytest

from gateway.classification.engine import DetectionEngine
from gateway.classification.languages import guess_language, identify_languages, rank_languages

ALL_LANGUAGES = [
    *("bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu"),
    *("is", "it", "lt", "lv", "mt", "nl", "no", "pl", "pt", "ro", "sk", "sl", "sv"),
]


@pytest.mark.parametrize(
    "text",
    [
        "Mart tuli peole oma abikaasaga.",
        "Minu vend käib igal pühapäeval kirikus.",
        "Ema läks pärast tööd koos sõbraga poodi.",
        "Tööle asumisel skanniti tema sõrmejäljed.",
        "Tal on diabeet ja ta võtab insuliini.",
    ],
)
def test_estonian_is_read_as_estonian_not_finnish(text: str) -> None:
    assert guess_language(text, ALL_LANGUAGES) == "et"


@pytest.mark.parametrize(
    "text",
    [
        "Veljeni käy joka sunnuntai kirkossa.",
        "Hänellä on diabetes ja hän käyttää insuliinia.",
        "Äiti meni töiden jälkeen kauppaan ystävänsä kanssa.",
    ],
)
def test_finnish_stays_finnish(text: str) -> None:
    assert guess_language(text, ALL_LANGUAGES) == "fi"


def test_a_short_text_where_estonian_and_finnish_are_close_is_analysed_under_both() -> None:
    ranked = rank_languages("Mart tuli peole oma abikaasaga.", ALL_LANGUAGES)
    assert ranked[0] == "et" and "fi" in ranked


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # "ą" and "ę" are Polish letters as much as Lithuanian ones
        ("Moja sąsiadka chodzi co niedzielę na mszę.", "pl"),
        ("Mano kaimynė kiekvieną sekmadienį eina į mišias.", "lt"),
        # "ü" is German (and Hungarian) as much as Estonian
        ("Welche Rechte hat ein Betriebsrat bei Kündigungen?", "de"),
        ("Naskenovali mu odtlačky prstov pri nástupe do práce.", "sk"),
        ("How can our company support employees who fast during Ramadan?", "en"),
        ("Ramadán alatt böjtöl, ezért nem jön ebédelni.", "hu"),
    ],
)
def test_letters_several_languages_write_do_not_decide_alone(text: str, language: str) -> None:
    assert guess_language(text, ALL_LANGUAGES) == language


@pytest.mark.parametrize("text", ["Ihre Bestellung 108585568 versandt.", "Meeting Dienstag", "Petr Novák"])
def test_latin_text_with_no_function_word_is_not_read_as_bulgarian_or_greek(text: str) -> None:
    identified = identify_languages(text, ALL_LANGUAGES)
    assert identified[0] == "en"  # written all over the EU, with no home country of its own
    assert "bg" not in identified and "el" not in identified
    assert {"de", "cs", "fi", "mt"} <= set(identified)


def test_cyrillic_or_greek_text_with_no_function_word_is_read_in_its_script() -> None:
    assert identify_languages("Здравей свят", ALL_LANGUAGES) == ("bg",)
    assert identify_languages("Ευχαριστώ πολύ", ["bg", "en", "el"])[0] == "el"
    # only languages of another script configured: the configured ones, not none
    assert identify_languages("Здравей свят", ["en", "de"]) == ("en", "de")


def test_text_with_no_letter_is_analysed_under_every_language_english_first() -> None:
    identified = identify_languages("0151/23456789 !!", ALL_LANGUAGES)
    assert identified[0] == "en" and set(identified) == set(ALL_LANGUAGES)


def test_a_short_latin_note_gets_no_bulgarian_reading(every_language: DetectionEngine) -> None:
    # Under Bulgarian rules (the first configured language) the capitalised German words read
    # as a person's name.
    _, summary = every_language.findings("Ihre Bestellung 108585568 wurde versandt.")
    assert summary.language == "en"
    assert "PERSON" not in summary.entities
