"""Special-category terms in their inflected forms, in all 26 languages, and what keeps them precise."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from gateway.classification.engine import DetectionEngine
from gateway.classification.special import SpecialCategoryFinder
from gateway.classification.term_forms import TermForms, words_of

ALL = [
    *("bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu"),
    *("is", "it", "lt", "lv", "mt", "nl", "no", "pl", "pt", "ro", "sk", "sl", "sv"),
]


@pytest.fixture(scope="module")
def finder() -> SpecialCategoryFinder:
    return SpecialCategoryFinder(ALL)


@pytest.fixture(scope="module")
def everywhere() -> DetectionEngine:
    return DetectionEngine(ALL)


def _data(name: str) -> dict:
    source = resources.files("gateway.classification") / "data" / name
    return json.loads(source.read_text(encoding="utf-8"))


# Case endings no stem list foresaw: the forms come from the lemmatiser's dictionary.
@pytest.mark.parametrize(
    ("lang", "text", "category"),
    [
        ("pl", "Jego żona należy do związku zawodowego nauczycieli.", "trade_union_membership"),
        ("pl", "Mój wujek zagłosował na Konfederację.", "political_opinions"),
        ("fi", "Veljeni on ollut syövän takia sairaalassa.", "health"),
        ("fi", "Hän liittyi perussuomalaisiin viime vuonna.", "political_opinions"),
        ("et", "Tema õde on Keskerakonna liige.", "political_opinions"),
        ("lt", "Mano brolis yra profsąjungos narys.", "trade_union_membership"),
        ("lv", "Viņa brālis ir arodbiedrības biedrs.", "trade_union_membership"),
        ("cs", "Můj kolega je členem KSČM.", "political_opinions"),
        ("hr", "Njezin muž je član HDZ-a.", "political_opinions"),
        ("bg", "Брат ми е член на ДПС.", "political_opinions"),
        ("el", "Ο αδερφός μου ψηφίζει ΠΑΣΟΚ.", "political_opinions"),
        ("hu", "A bátyám a Jobbik tagja volt.", "political_opinions"),
        ("ro", "Fratele meu este membru al sindicatului.", "trade_union_membership"),
        ("is", "Systir mín er í stéttarfélagi.", "trade_union_membership"),
        ("mt", "Ħija tesserat mal-Partit Laburista.", "political_opinions"),
        ("ga", "Is ball de Fhine Gael é m'athair.", "political_opinions"),
        ("sk", "Moja sestra je členkou SaS.", "political_opinions"),
        ("en", "My neighbour is a member of the Green Party.", "political_opinions"),
        ("sv", "Min syster röstade på Kristdemokraterna.", "political_opinions"),
    ],
)  # fmt: skip
def test_inflected_forms_are_found_and_tied_to_the_person(
    everywhere: DetectionEngine, lang: str, text: str, category: str
) -> None:
    assert category in everywhere.analyze(text).special_categories


def test_a_gap_takes_up_to_three_words_and_plus_at_least_one(finder: SpecialCategoryFinder) -> None:
    assert finder.find("She is a member of the Scottish Labour party.", "en")
    assert not finder.find("She is a member of a very long and winding party.", "en")
    # "of + origin": an origin word after at least one other word, so a certificate is not ethnic.
    assert [h.category for h in finder.find("He is of Turkish origin.", "en")] == ["racial_or_ethnic_origin"]
    assert not finder.find("Please attach the certificate of origin.", "en")


def test_short_forms_count_only_in_the_texts_languages_unless_written_as_an_acronym() -> None:
    forms = TermForms(ALL)
    # "rak" is Polish for cancer and a word of other languages ("rak" in Swedish, "straight").
    assert forms.find("Ma raka.", ("pl",))
    assert not forms.find("Gå rak fram till dörren.", ("sv",))
    # A party's acronym is one in any language.
    assert forms.find("Er wählt die HDZ.", ("de",))
    assert not forms.find("Er wählt die hdz.", ("de",))


def test_a_therapy_word_is_not_cancelled_by_a_technical_word_inside_it(
    everywhere: DetectionEngine,
) -> None:
    assert "health" in everywhere.analyze("Mia madre fa la chemioterapia.").special_categories
    assert everywhere.analyze("The API health check of the server failed.").special_categories == ()


def test_a_secondary_languages_short_word_that_is_the_main_languages_article_links_nothing(
    everywhere: DetectionEngine,
) -> None:
    # Italian "il" is "the"; French "il" is "he": in an Italian text it is not a person.
    found = everywhere.analyze("Il saggio racconta la storia del sindacato in Italia.")
    assert found.special_categories == ()
    assert "special_topic_trade_union_membership" in found.risk_signals
    assert everywhere.analyze("Il est syndiqué à la CGT depuis dix ans.").special_categories == (
        "trade_union_membership",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Il partito ha presentato il programma elettorale a Roma.",  # a party as the topic
        "Der Krebs ist ein Sternbild des Tierkreises.",
        "Ammattiliittojen historia on pitkä.",
        "Związki zawodowe powstały w XIX wieku.",
        "The Labour Party published its manifesto on Monday.",
        "Fidesz won the 2022 election in Hungary.",
        "I am a member of the team that maintains the third-party library.",
        "I trained my classifier on the iris dataset.",
        "I would vote for the second design option.",
    ],
)
def test_a_category_as_the_texts_topic_is_not_special(everywhere: DetectionEngine, text: str) -> None:
    assert everywhere.analyze(text).special_categories == ()


def test_every_lemma_phrase_was_expanded() -> None:
    """special_forms.json is regenerated whenever the lemmas change (bench/make_special_forms.py)."""
    lemmas, forms = _data("special_lemmas.json"), _data("special_forms.json")
    for category, per_lang in lemmas.items():
        if category.startswith("_"):
            continue
        for lang, phrases in per_lang.items():
            expanded = set(forms[lang]["terms"].get(category, []))
            for phrase in phrases:
                assert " ".join(words_of(phrase)).replace("=", "") in expanded, (lang, phrase)


def test_every_language_has_every_category() -> None:
    lemmas = _data("special_lemmas.json")
    for category, per_lang in lemmas.items():
        if not category.startswith("_"):
            assert sorted(per_lang) == sorted(ALL), category


def test_the_default_configuration_analyses_every_language_with_special_terms() -> None:
    from gateway.config import ClassificationConfig

    assert sorted(ClassificationConfig().languages) == sorted(ALL)
