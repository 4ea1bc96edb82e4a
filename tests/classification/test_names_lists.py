"""The shipped name lists: names common in each country, no common words, and the case forms of the
inflecting languages; a listed first name opening a sentence is someone unless it is also a word."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from gateway.classification.engine import DetectionEngine
from gateway.classification.names import NameFinder

ALL = [
    *("bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu"),
    *("is", "it", "lt", "lv", "mt", "nl", "no", "pl", "pt", "ro", "sk", "sl", "sv"),
]


@pytest.fixture(scope="module")
def names() -> NameFinder:
    return NameFinder(ALL)


def _lists(lang: str) -> dict:
    path = resources.files("gateway.classification") / "data" / "names" / f"{lang}.json"
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    "word",
    [
        "Mai",  # German month, a Danish name
        "Tonna",  # Hungarian "tonne"; once a form of Icelandic "Tonni"
        "Tenho",  # Portuguese "I have", a Finnish name
        "Italia",  # a country
        "France",
    ],
)
def test_words_and_countries_are_no_first_names(names: NameFinder, word: str) -> None:
    assert not names.is_first_name(word)


def test_no_list_holds_a_country_as_a_first_name() -> None:
    for lang in ALL:
        first = set(_lists(lang)["first"])
        assert not first & {"France", "Italia", "Georgia", "Polska", "España"}, lang


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        ("en", "Maria is asexual.", "Maria"),
        ("en", "Sara confided that she is gay.", "Sara"),
        ("en", "Emma is pregnant.", "Emma"),
        ("pl", "Anna jest w ciąży.", "Anna"),
        ("it", "Giulia risponde solo al telefono.", "Giulia"),
        ("de", "Emma ist schwanger.", "Emma"),
        ("fi", "Liisa on raskaana.", "Liisa"),
        ("hu", "Katalin terhes.", "Katalin"),
    ],
)
def test_a_listed_first_name_opening_a_sentence_is_someone(
    names: NameFinder, lang: str, text: str, name: str
) -> None:
    assert [(text[s.start : s.end], s.score >= 0.5) for s in names.find(text, lang)] == [(name, True)]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Will you help me with the report?"),
        ("en", "May I ask a question?"),
        ("pl", "Róża kwitnie w ogrodzie."),  # a rose
        ("it", "Stella cadente nel cielo di agosto."),  # a star
        ("da", "Hans gentest viste en arvelig mutation."),  # his
        ("sv", "Hans bil står utanför."),
        ("sl", "Kaj pomeni ta napaka?"),  # what
        ("en", "Tenho uma dúvida sobre o contrato."),  # a mixed text guessed as English
    ],
)
def test_a_first_name_that_is_also_a_word_stays_unsure_opening_a_sentence(
    names: NameFinder, lang: str, text: str
) -> None:
    assert [s for s in names.find(text, lang) if s.score >= 0.5] == []


def test_a_word_name_opening_a_sentence_still_ties_a_term_to_someone(every_language: DetectionEngine) -> None:
    # "Hans" is unsure, not absent: the genetic test is still someone's.
    result = every_language.analyze("Hans gentest viste en arvelig mutation.")
    assert "PERSON" not in result.entities
    assert result.special_categories


def test_sentence_opening_names_tie_special_categories_to_a_person(every_language: DetectionEngine) -> None:
    result = every_language.analyze("Emma is pregnant.")
    assert result.entities.get("PERSON") == 1
    assert "health" in result.special_categories
