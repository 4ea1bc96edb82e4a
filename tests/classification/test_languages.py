"""Language identification: which languages' rules a text is analysed under, best fit first."""

from __future__ import annotations

import doctest
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from gateway.classification import language_model
from gateway.classification import languages as languages_module
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


@pytest.mark.parametrize(
    ("text", "language"),
    [("Ihre Bestellung 108585568 versandt.", "de"), ("Meeting Dienstag", "en"), ("Petr Novák", "cs")],
)
def test_latin_text_with_no_function_word_is_read_by_its_letters_then_every_latin_language(
    text: str, language: str
) -> None:
    identified = identify_languages(text, ALL_LANGUAGES)
    assert identified[0] == language
    assert "bg" not in identified and "el" not in identified
    # the reading of a few letters may be wrong: every Latin-script language's rules still run
    assert set(identified) == set(ALL_LANGUAGES) - {"bg", "el"}


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
    assert summary.language == "de"
    assert "PERSON" not in summary.entities


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # one or two words several languages share, read by them alone, misled these
        ("Tim is a sperm donor.", "en"),  # "a" and "is" are Hungarian too
        ("Lisa works as a stripper.", "en"),  # "a" and "as" are Portuguese too
        ("Som homosexuál a žijem s partnerom.", "sk"),  # "som" is Danish and Norwegian
        ("Esmu gejs.", "lv"),
        ("Tomaž ima pljučnega raka.", "sl"),  # no function word at all
        ("Hvor mange feriedager har Per igjen?", "no"),  # every word but one is Danish too
        ("Timolla on keuhkosyöpä.", "fi"),  # "on" and the letters are Estonian too
        ("Karin har bröstcancer.", "sv"),
    ],
)
def test_a_short_sentence_is_read_in_its_language_first(text: str, language: str) -> None:
    assert identify_languages(text, ALL_LANGUAGES)[0] == language


@pytest.mark.parametrize(
    ("text", "languages"),
    [
        ("Translate into English: Mein Kollege Jonas ist seit Jahren schwul.", {"en", "de"}),
        ("Prevedi v slovenščino: Anna is pregnant and will take leave in May.", {"sl", "en"}),
        ("Iztulko latviski: John has epilepsy and cannot drive.", {"lv", "en"}),
        ("Käännä ruotsiksi: Min bror är gay och bor i Stockholm.", {"fi", "sv"}),
    ],
)
def test_a_short_prompt_in_two_languages_is_analysed_under_both(text: str, languages: set[str]) -> None:
    assert languages <= set(identify_languages(text, ALL_LANGUAGES))


def test_maltese_which_the_models_do_not_read_is_still_found_by_its_words_and_letters() -> None:
    assert identify_languages("Pawlu għandu kanċer tal-pulmun.", ALL_LANGUAGES)[0] == "mt"
    assert identify_languages("Ok, nara għada.", ALL_LANGUAGES)[0] == "mt"


def test_one_configured_language_the_models_read_is_no_choice_to_make() -> None:
    assert identify_languages("Esmu gejs.", ["lv"]) == ("lv",)
    assert identify_languages("Hallo Welt", ["de", "mt"])[0] in {"de", "mt"}


def test_a_longer_text_whose_function_words_settle_it_is_not_read_by_the_models(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = (
        "Der Betriebsrat hat die Kündigung nicht akzeptiert, weil die Mitarbeiterin seit drei Jahren "
        "bei uns ist und sie mit ihrem Kind zu Hause ist. Wir haben auch mit der Personalabteilung "
        "gesprochen, und die hat sich noch nicht gemeldet."
    )
    assert 120 < len(text) <= 300
    read: list[str] = []

    def reading(piece: str, configured: tuple[str, ...]) -> list[tuple[str, float]]:
        read.append(piece)
        return []

    monkeypatch.setattr(languages_module, "read_languages", reading)
    assert identify_languages(text, ALL_LANGUAGES)[0] == "de"
    assert read == []


@pytest.mark.parametrize(
    ("text", "language", "category"),
    [
        ("Esmu gejs.", "lv", "sex_life_or_sexual_orientation"),
        ("Andris ir gejs.", "lv", "sex_life_or_sexual_orientation"),
        ("Špela je noseča.", "sl", "health"),
        ("Urša je lezbijka.", "sl", "sex_life_or_sexual_orientation"),
        ("Rok je HIV pozitiven.", "sl", "health"),
        ("Kevin is a Mormon.", "en", "religious_or_philosophical_beliefs"),
        ("Lisa works as a stripper.", "en", "sex_life_or_sexual_orientation"),
        ("Som homosexuál a žijem s partnerom.", "sk", "sex_life_or_sexual_orientation"),
    ],
)
def test_a_short_sentence_with_a_special_category_is_found_under_its_language(
    every_language: DetectionEngine, text: str, language: str, category: str
) -> None:
    summary = every_language.analyze(text)
    assert summary.language == language
    assert category in summary.special_categories


def test_a_slovene_person_is_linked_to_their_diagnosis_under_slovene_rules(
    every_language: DetectionEngine,
) -> None:
    # read as Czech before, "Rok" was no one's name and the diagnosis no one's
    summary = every_language.analyze("Rok je HIV pozitiven.")
    assert summary.entities.get("PERSON") == 1


@pytest.mark.parametrize("module", [languages_module, language_model])
def test_the_examples_in_the_modules_hold(module: ModuleType) -> None:
    assert doctest.testmod(module).failed == 0


def test_a_text_is_read_in_the_same_languages_in_every_process() -> None:
    # Worker processes hash strings with different seeds: languages the evidence ties must not be
    # ordered by a set's iteration, or one prompt would be analysed differently per worker.
    texts = ["Mælirinn sýnir 6951234 kWh.", "Slán\nÓrla\nf. 085 221 3344", "Napíš prednášku o genetike."]
    script = (
        "import json, sys\n"
        "from gateway.classification.languages import identify_languages\n"
        f"print(json.dumps([identify_languages(t, {ALL_LANGUAGES!r}) for t in json.loads(sys.argv[1])]))\n"
    )
    readings = {
        subprocess.run(
            [sys.executable, "-c", script, json.dumps(texts)],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            cwd=Path(__file__).resolve().parents[2],
        ).stdout
        for seed in range(1, 7)
    }
    assert len(readings) == 1, readings
