"""Lemma phrases in another word order where a language allows it, and what keeps that precise."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import gateway.classification.term_forms as term_forms
from gateway.classification.special import SpecialCategoryFinder
from gateway.classification.term_forms import TermForms, TextWords
from gateway.classification.word_order import SPAN, chunks_of
from tests.support.languages import ALL_LANGUAGES

RELIGION = "religious_or_philosophical_beliefs"
SEX_LIFE = "sex_life_or_sexual_orientation"


@pytest.fixture(scope="module")
def forms() -> TermForms:
    return TermForms(ALL_LANGUAGES)


@pytest.fixture(scope="module")
def finder() -> SpecialCategoryFinder:
    return SpecialCategoryFinder(ALL_LANGUAGES)


def _categories(forms: TermForms, text: str, lang: str) -> set[str]:
    return {m.category for m in forms.find(text, (lang,))}


@pytest.mark.parametrize(
    ("lang", "text", "category"),
    [
        ("hu", "Péter elmondta, hogy a férfiakhoz vonzódik.", SEX_LIFE),  # focus before the verb
        ("hu", "Istenben hisz a nagymamám.", RELIGION),
        ("pl", "W Boga wierzy mój wujek od dziecka.", RELIGION),
        ("pl", "Na Konfederację głosował mój sąsiad.", "political_opinions"),
        ("pl", "Członkiem związku zawodowego jest mój ojciec od lat.", "trade_union_membership"),
        ("cs", "V Boha věří můj otec už od mládí.", RELIGION),
        ("sk", "V Boha verí môj brat celý život.", RELIGION),
        ("sl", "V Boga verjame moja sestra.", RELIGION),
        ("hr", "U Boga vjeruje moj djed.", RELIGION),
        ("bg", "В Бога вярва баба ми.", RELIGION),
        ("lt", "Dievą tiki mano močiutė.", RELIGION),
        ("lv", "Dievam tic mana vecmāmiņa.", RELIGION),
        ("et", "Jumalasse usub minu vanaema.", RELIGION),
        ("fi", "Jumalaan uskoo isoäitini edelleen.", RELIGION),
        ("el", "Στον Θεό πιστεύει η γιαγιά μου.", RELIGION),
        ("ro", "În Dumnezeu crede și bunica mea.", RELIGION),
        ("it", "In Dio crede ancora mio nonno.", RELIGION),
        ("es", "En Dios cree mi abuela desde siempre.", RELIGION),
        ("pt", "Em Deus acredita a minha avó.", RELIGION),
        ("de", "Ich weiß, dass Jonas an Gott glaubt.", RELIGION),  # the verb ends a subordinate clause
        ("de", "Sie hat mir gesagt, dass ihr Bruder auf Männer steht.", SEX_LIFE),
        ("nl", "Ik weet dat mijn oma in God gelooft.", RELIGION),
        ("pl", "Tomek powiedział, że mężczyźni go pociągają.", SEX_LIFE),  # a clitic moves alone
    ],
)  # fmt: skip
def test_a_phrase_in_another_order_is_found_in_a_free_order_language(
    forms: TermForms, lang: str, text: str, category: str
) -> None:
    assert category in _categories(forms, text, lang)


def test_the_reordered_phrase_is_tied_to_its_person(finder: SpecialCategoryFinder) -> None:
    hits = finder.find("W Boga wierzy mój wujek od dziecka.", "pl")
    assert [h.category for h in hits] == [RELIGION] and hits[0].linked


def test_the_words_must_stand_in_one_sentence(forms: TermForms) -> None:
    assert RELIGION in _categories(forms, "W Boga wierzy mój wujek.", "pl")
    assert RELIGION not in _categories(forms, "Mój wujek mieszka w Boga. Wierzy w to.", "pl")
    assert RELIGION not in _categories(forms, "Istenben. Hisz a nagymamám.", "hu")


def test_the_words_must_stand_within_the_languages_span(forms: TermForms) -> None:
    # Romance languages move a clitic or a fronted complement: two words between at most.
    assert RELIGION in _categories(forms, "En Dios cree mi abuela.", "es")
    assert RELIGION not in _categories(forms, "En Dios y en la Virgen y en los santos cree mi abuela.", "es")
    assert SPAN["es"] < SPAN["pl"]
    assert RELIGION not in _categories(
        forms, "W Boga, jak mówi często mój starszy kolega z pracy, wierzy mój wujek.", "pl"
    )


def test_only_the_texts_languages_reorder_their_phrases(forms: TermForms) -> None:
    # The Polish phrase in its written order counts in any text; reordered only in Polish ones.
    assert RELIGION in _categories(forms, "wierzy w Boga", "en")
    assert RELIGION not in _categories(forms, "w Boga wierzy", "en")
    # Fixed-order languages keep their order: English, Irish, Maltese and the Nordic languages.
    assert "en" not in SPAN and "sv" not in SPAN and "ga" not in SPAN
    assert SEX_LIFE not in _categories(forms, "Women she is attracted to, they say.", "en")


def test_names_keep_their_order(forms: TermForms) -> None:
    """A party's name is no phrase of free words: "el partido más popular" is no Partido Popular."""
    assert "political_opinions" in _categories(forms, "Vota al Partido Popular.", "es")
    assert "political_opinions" not in _categories(forms, "Es el popular partido de fútbol del barrio.", "es")
    assert "political_opinions" not in _categories(forms, "Ta obywatelska koalicja sąsiadów działa.", "pl")


def test_prepositions_and_articles_keep_their_place_before_their_word() -> None:
    # "a férfiakhoz" moves as one chunk; a clitic ("go") is a chunk of its own.
    slots = [frozenset({"x"})] * 3
    assert chunks_of("hu", ["vonzódik", "a", "férfiakhoz|nőkhöz"], slots) == [[0], [1, 2]]
    assert chunks_of("pl", ["pociągają", "ją|go", "mężczyźni|kobiety"], slots) == [[0], [1], [2]]
    assert chunks_of("de", ["glaubt", "an", "gott"], slots) == [[0], [1, 2]]
    # A phrase that is one chunk has no other order: "jest gejem" is the copula and its word.
    assert chunks_of("pl", ["jest", "gejem"], slots[:2]) is None
    # A preposition last stays with the word before it.
    assert chunks_of("de", ["fetisch", "für"], slots[:2]) is None


def test_a_chunks_article_must_stand_before_its_word(forms: TermForms) -> None:
    assert SEX_LIFE in _categories(forms, "Péter a férfiakhoz vonzódik.", "hu")
    assert SEX_LIFE not in _categories(forms, "Péter férfiakhoz a vonzódik.", "hu")


def test_a_text_split_into_words_knows_which_separators_end_a_sentence() -> None:
    index = TextWords("Anna went home. Then she slept, well")
    assert index.crosses(0, 4, ".!?") and not index.crosses(0, 2, ".!?")
    assert index.crosses(4, 6, ",") and not index.crosses(3, 5, ".")
    assert not TextWords("  Anna went").crosses(0, 1, ".")


def _synthetic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, terms: dict[str, list[str]]) -> TermForms:
    """A TermForms over English phrases written here, in place of the shipped lists."""
    data = tmp_path / "data"
    data.mkdir()
    entry = {"forms": {"man": ["man", "men"], "like": ["like", "likes"]}, "terms": terms, "fixed": []}
    (data / "special_forms.json").write_text(json.dumps({"en": entry}), encoding="utf-8")

    class Files:
        @staticmethod
        def files(_package: str) -> Path:
            return tmp_path

    monkeypatch.setattr(term_forms, "resources", Files)
    return TermForms(["en"])


def test_the_longest_phrase_matching_at_a_word_counts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    forms = _synthetic(tmp_path, monkeypatch, {"health": ["sick"], "genetic": ["sick cell anaemia"]})
    [match] = forms.find("She has sick cell anaemia.", ("en",))
    assert match.category == "genetic" and (match.start, match.end) == (8, 25)
    [match] = forms.find("She is sick.", ("en",))
    assert match.category == "health"


def test_a_word_that_must_not_follow_keeps_a_phrase_from_matching(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    forms = _synthetic(tmp_path, monkeypatch, {"sex_life_or_sexual_orientation": ["like man !s|shoes"]})
    assert forms.find("He likes men.", ("en",))
    assert forms.find("He likes men", ("en",))  # the text's end: nothing follows
    assert not forms.find("He likes men's shoes.", ("en",))
    assert not forms.find("He likes men’s shoes.", ("en",))
    assert not forms.find("He likes men shoes.", ("en",))


def test_liking_mens_clothes_is_no_orientation(forms: TermForms) -> None:
    assert SEX_LIFE in _categories(forms, "He likes men.", "en")
    assert SEX_LIFE not in _categories(forms, "He likes men's shoes.", "en")
    assert SEX_LIFE not in _categories(forms, "She prefers women’s cuts.", "en")
