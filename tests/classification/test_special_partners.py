"""Same-sex partners named through kinship, in many languages, and the couples that say nothing."""

from __future__ import annotations

import pytest

from gateway.classification.engine import DetectionEngine
from gateway.classification.special import SpecialCategoryFinder
from gateway.classification.term_forms import TextWords

ALL_LANGUAGES = [
    *("bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu"),
    *("is", "it", "lt", "lv", "mt", "nl", "no", "pl", "pt", "ro", "sk", "sl", "sv"),
]
SEX_LIFE = "sex_life_or_sexual_orientation"


@pytest.fixture(scope="module")
def finder() -> SpecialCategoryFinder:
    return SpecialCategoryFinder(ALL_LANGUAGES)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Mark is bringing his husband to the Christmas party."),
        ("en", "Our new intern lives with her girlfriend in Leeds."),
        ("en", "Please seat Tom next to his partner Daniel."),
        ("de", "Jonas kommt mit seinem Mann zur Weihnachtsfeier."),
        ("fr", "Mon frère vit avec son mari à Lyon depuis trois ans."),
        ("es", "Mi hermana y su esposa acaban de adoptar un niño."),
        ("es", "Javier vino a la cena con su novio."),
        ("it", "Luca è venuto al matrimonio con il suo compagno."),
        ("pt", "O João foi ao jantar com o marido dele."),
        ("nl", "Pieter komt met zijn man naar het personeelsfeest."),
        ("pl", "Moja koleżanka mieszka ze swoją dziewczyną."),
        ("cs", "Petr přišel na večírek se svým manželem."),
        ("hr", "Moja kolegica živi sa svojom djevojkom."),
        ("sl", "Moja sestra živi s svojo punco."),
        ("bg", "Иван дойде на партито със съпруга си."),
        ("el", "Ο Νίκος ήρθε στο πάρτι με τον σύζυγό του."),
        ("ro", "Andrei a venit la petrecere cu soțul lui."),
        ("hu", "Péter a férjével jött a karácsonyi buliba."),
        ("fi", "Mikko tuli juhliin miehensä kanssa."),
        ("et", "Mart tuli peole oma abikaasa Jaaniga."),
        ("lv", "Jānis atnāca uz ballīti ar savu vīru."),
        ("lt", "Tomas atėjo į vakarėlį su savo vyru."),
        ("sv", "Erik kommer till julfesten med sin man."),
        ("no", "Ola kommer på julebordet med mannen sin."),
        ("is", "Jón kom í veisluna með manninum sínum."),
        ("ga", "Tháinig Seán chuig an gcóisir lena fhear céile."),
        ("mt", "Mark ġie l-festa ma' żewġu."),
    ],
)
def test_a_partner_of_the_same_sex_is_sex_life_data_tied_to_the_person(
    finder: SpecialCategoryFinder, language: str, text: str
) -> None:
    hits = [h for h in finder.find(text, language) if h.category == SEX_LIFE]
    assert hits and all(h.linked for h in hits)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Mark is bringing his wife to the Christmas party."),
        ("en", "Anna met a man at the conference and they talked about her husband."),
        ("en", "Tom and his business partner Daniel signed the lease."),
        ("en", "Claire told me her husband starts a new job on Monday."),
        ("de", "Anna kommt mit ihrem Mann zur Weihnachtsfeier."),
        ("fr", "Mon frère vit avec sa femme à Lyon."),
        ("fr", "Claire et son mari arrivent demain."),
        ("es", "Javier vino a la cena con su novia."),
        ("pl", "Marek przyszedł na wesele ze swoją żoną."),
        ("pt", "O João foi ao jantar com a mulher dele."),
        ("el", "Η Μαρία ήρθε στο πάρτι με τον σύζυγό της."),
        ("ro", "Andrei a venit la petrecere cu soția lui."),
        ("hu", "Anna a férjével jött a karácsonyi buliba."),
        ("fi", "Liisa tuli juhliin miehensä kanssa."),
        ("sv", "Anna kommer till julfesten med sin man."),
        ("no", "Kari kommer på julebordet med mannen sin."),
        ("mt", "Maria ġiet il-festa ma' żewġha."),
    ],
)
def test_a_partner_of_the_other_sex_says_nothing(
    finder: SpecialCategoryFinder, language: str, text: str
) -> None:
    assert not [h for h in finder.find(text, language) if h.category == SEX_LIFE]


def test_one_languages_marker_is_not_read_in_another() -> None:
    # Irish "í" (she) is Icelandic "in": it must not make Jón a woman.
    finder = SpecialCategoryFinder(ALL_LANGUAGES)
    assert [h for h in finder.find("Jón kom í veisluna með manninum sínum.", "is") if h.category == SEX_LIFE]


@pytest.mark.parametrize(
    "text",
    [
        "Write a report on same-sex marriage law in the EU.",
        "A husband and his wife run the bakery on the corner.",
        "Prepare a lecture on the history of marriage in Europe.",
    ],
)
def test_topic_texts_about_partners_are_not_special(every_language: DetectionEngine, text: str) -> None:
    assert SEX_LIFE not in every_language.analyze(text).special_categories


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "She has a girlfriend called Mia."),
        ("es", "Pedro tiene novio desde hace un año."),
        ("pt", "O Rui tem namorado."),
    ],
)
def test_having_a_partner_of_the_same_sex_counts_too(
    finder: SpecialCategoryFinder, language: str, text: str
) -> None:
    assert [h for h in finder.find(text, language) if h.category == SEX_LIFE]


def test_having_a_partner_of_the_other_sex_does_not(finder: SpecialCategoryFinder) -> None:
    assert not [h for h in finder.find("She has a boyfriend called Tom.", "en") if h.category == SEX_LIFE]


def test_a_long_text_of_partner_words_is_read_in_time_linear_in_its_length() -> None:
    """Every partner word looks back to its own sentence's start through ends found once, and at
    most a few dozen words: a hostile 400 KB of them once took 89 s of CPU. Counted in steps, not
    timed: ten times the text may cost no more than twenty times the work."""
    import gateway.classification.partners as partners

    def steps(text: str) -> int:
        calls = 0
        real = partners.SameSexPartners._name

        def counted(self: partners.SameSexPartners, written: str) -> str | None:
            nonlocal calls
            calls += 1
            return real(self, written)

        finder = partners.SameSexPartners(["en"])
        finder._name = counted.__get__(finder)  # type: ignore[method-assign]
        finder.find(text, TextWords(text), ("en",))
        return calls

    one_sentence = "their husband " * 200  # an owner word that tells no sex: each looks back
    assert steps(one_sentence * 10) <= 20 * steps(one_sentence)
