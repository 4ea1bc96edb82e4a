"""GDPR Art. 9 special categories from term lists, and their technical look-alikes."""

from __future__ import annotations

import pytest

from gateway.classification.engine import DetectionEngine
from gateway.classification.special import SpecialCategoryFinder


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("My father was diagnosed with diabetes last year.", "health"),
        ("Mano mama serga vėžiu.", "health"),
        ("Sie ist wegen Depressionen krankgeschrieben.", "health"),
        ("Her genetic test showed a BRCA1 mutation.", "genetic"),
        ("We store the employee's fingerprint for door access.", "biometric"),
        ("La candidata ha indicato la sua etnia.", "racial_or_ethnic_origin"),
        ("Äänestin vaaleissa vihreitä, olen puolueen jäsen.", "political_opinions"),
        ("Ta on õigeusklik ja käib kirikus.", "religious_or_philosophical_beliefs"),
        ("Viņš ir arodbiedrības biedrs.", "trade_union_membership"),
        ("Er ist schwul und lebt mit seinem Partner.", "sex_life_or_sexual_orientation"),
    ],
)
def test_special_categories_are_reported_as_their_own_category(
    engine: DetectionEngine, text: str, category: str
) -> None:
    found = engine.analyze(text)
    assert category in found.special_categories
    assert found.entities.get(f"SPECIAL_{category.upper()}", 0) >= 1


@pytest.mark.parametrize(
    "text",
    [
        "Run diagnostics on the health check endpoint.",
        "Verify the SSH key fingerprint before connecting.",
        "Our genetic algorithm converges after 400 generations.",
        "There is a race condition in the connection pool.",
        "SELECT id FROM a UNION SELECT id FROM b",
        "A tagged union makes the error states explicit.",
        "Abort the transaction if the row version changed.",
        "Stroke width is set to 2px in the SVG.",
    ],
)
def test_technical_senses_are_not_special(engine: DetectionEngine, text: str) -> None:
    assert engine.analyze(text).special_categories == ()


@pytest.mark.parametrize(
    "prefix",
    ["", "İSTANBUL OFFICE: ", "ẞ" * 3 + " "],  # "İ" lowers to two code points; "ẞ" to one
)
def test_terms_match_in_any_case_at_the_offsets_of_the_text_given(prefix: str) -> None:
    finder = SpecialCategoryFinder(["en", "de"])
    text = prefix + "MY FATHER WAS DIAGNOSED WITH DIABETES."
    hits = finder.find(text)
    assert [h.category for h in hits] == ["health"]
    assert text[hits[0].start : hits[0].end].lower().startswith("diagnosed")


ALL_LANGUAGES = [
    "bg",
    "cs",
    "da",
    "de",
    "el",
    "en",
    "es",
    "et",
    "fi",
    "fr",
    "ga",
    "hr",
    "hu",
    "is",
    "it",
    "lt",
    "lv",
    "mt",
    "nl",
    "no",
    "pl",
    "pt",
    "ro",
    "sk",
    "sl",
    "sv",
]


@pytest.fixture(scope="module")
def finder() -> SpecialCategoryFinder:
    return SpecialCategoryFinder(ALL_LANGUAGES)


@pytest.mark.parametrize(
    ("language", "text", "category"),
    [
        ("fr", "Mon mari est atteint de la maladie de Crohn.", "health"),
        ("pl", "Moja siostra choruje na padaczkę od dziecka.", "health"),
        ("cs", "Jeho babička je věřící a chodí do kostela.", "religious_or_philosophical_beliefs"),
        ("hu", "A férjem a szakszervezet bizalmija.", "trade_union_membership"),
        ("el", "Ο αδελφός μου είναι γκέι.", "sex_life_or_sexual_orientation"),
        ("bg", "Колегата ми е член на синдиката на учителите.", "trade_union_membership"),
        ("ro", "Soția mea a fost diagnosticată cu scleroză multiplă.", "health"),
        ("sv", "Hon är medlem i facket sedan 2015.", "trade_union_membership"),
        ("is", "Hann er samkynhneigður og býr með manni sínum.", "sex_life_or_sexual_orientation"),
        ("ga", "Tá mo dheartháir ina bhall den cheardchumann.", "trade_union_membership"),
    ],
)
def test_terms_in_every_language_count_when_tied_to_a_person(
    finder: SpecialCategoryFinder, language: str, text: str, category: str
) -> None:
    hits = [h for h in finder.find(text, language) if h.category == category]
    assert hits and all(h.linked for h in hits)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Write an essay on the history of trade unions in Wales."),
        ("de", "Fasse die Geschichte der Gewerkschaftsbewegung zusammen."),
        ("fr", "Explique la différence entre le catholicisme et l'islam."),
        ("pl", "Napisz artykuł o historii związków zawodowych."),
        ("nl", "Geef een overzicht van de geschiedenis van de vakbeweging."),
    ],
)
def test_a_category_that_is_only_the_topic_is_not_linked(
    finder: SpecialCategoryFinder, language: str, text: str
) -> None:
    hits = finder.find(text, language)
    assert hits and not any(h.linked for h in hits)


def test_a_named_person_links_a_term_without_pronouns(finder: SpecialCategoryFinder) -> None:
    text = "Quorin Petraitis — trade union delegate since 2019."  # a name no first-name list holds
    assert not any(h.linked for h in finder.find(text, "en"))
    assert all(h.linked for h in finder.find(text, "en", names=[(0, 16)]))


def test_a_topic_is_reported_as_a_signal_not_as_special_data(engine: DetectionEngine) -> None:
    topic = engine.analyze("I need an essay about the history of the trade union movement.")
    assert topic.special_categories == () and not topic.entities
    assert "special_topic" in topic.risk_signals
    assert "special_topic_trade_union_membership" in topic.risk_signals
    personal = engine.analyze("I joined the trade union last year after the layoffs.")
    assert personal.special_categories == ("trade_union_membership",)
    assert "special_topic" not in personal.risk_signals


@pytest.mark.parametrize(
    "text",
    [
        "Anna has epilepsy.",
        "Tom joined the union last year and now chairs the works council.",
        "Jonas yra Tėvynės sąjungos narys ir balsuoja už juos.",
    ],
)
def test_a_first_name_opening_the_sentence_ties_the_term_to_a_person(
    every_language: DetectionEngine, text: str
) -> None:
    assert every_language.analyze(text).special_categories


@pytest.mark.parametrize(
    "text",
    [
        "Explica la historia de los sindicatos en España.",  # a surname that is also a country
        "Union membership fell across Europe in 2023.",
        "Rose gardens and diabetes: a study of hospital grounds.",
    ],
)
def test_a_capitalised_word_that_is_no_first_name_leaves_a_topic_a_topic(
    every_language: DetectionEngine, text: str
) -> None:
    found = every_language.analyze(text)
    assert found.special_categories == () and "special_topic" in found.risk_signals


@pytest.mark.parametrize(
    "text",
    [
        "Choruję na depresję i biorę leki przeciwdepresyjne.",  # a first-person verb, no pronoun
        "Głosowałem na Konfederację w ostatnich wyborach.",
        "Trpím cukrovkou a potřebuji pravidelné přestávky.",
        "Som členom odborov v našom podniku.",
        "Bolujem od depresije i uzimam lijekove.",
        "Sufăr de depresie și iau antidepresive.",
        "Kuulun ammattiliittoon ja haluan osallistua lakkoon.",
        "Sergu depresija ir vartoju vaistus.",
        "Soffro di emicrania cronica, come lo spiego al datore di lavoro?",
        "Tá dúlagar orm agus glacaim cógas dó.",
        "Notre stagiaire est protestante et demande congé pour le culte.",  # "our" and a role
    ],
)
def test_first_person_verbs_and_plural_possessives_tie_a_term_to_a_person(
    every_language: DetectionEngine, text: str
) -> None:
    assert every_language.analyze(text).special_categories


@pytest.mark.parametrize(
    "text",
    [
        "Quali sono le principali religioni nel mondo?",  # "sono": "they are" as well as "I am"
        "Care sunt simptomele depresiei?",
        "Koji su simptomi depresije?",
        "Cad iad na hairíonna a bhaineann le diaibéiteas?",
        "Jakie są objawy depresji u dorosłych?",
        "Welche Rechte hat ein Betriebsrat bei Kündigungen?",
        "Sto preparando una presentazione sul diabete di tipo 2.",  # "I am preparing a talk"
        "Piszę pracę o historii związków zawodowych w Polsce.",
    ],
)
def test_questions_about_a_subject_stay_topics_in_every_language(
    every_language: DetectionEngine, text: str
) -> None:
    assert every_language.analyze(text).special_categories == ()


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # a topic word inside a party's name ("gibanja": a movement's history) frames nothing
        ("Stric je član Gibanja Svoboda.", "political_opinions"),
        # "naapurini" is my neighbour, one person, even under a request word
        ("Summarise: Naapurini on kokoomuksen jäsen.", "political_opinions"),
        ("Tiivistä: Setäni on kokoomuksen jäsen.", "political_opinions"),
    ],
)
def test_a_person_stays_linked_beside_a_name_or_owned_role(
    every_language: DetectionEngine, text: str, category: str
) -> None:
    assert category in every_language.analyze(text).special_categories


@pytest.mark.parametrize(
    "text",
    [
        "Write an essay on the history of the Labour movement.",
        "Ich schreibe eine Hausarbeit über die Geschichte der Gewerkschaften.",
        "Kirjoita essee naapureiden ammattiliittojen historiasta.",
        "Napiši esej o zgodovini sindikalnega gibanja v Sloveniji.",
    ],
)
def test_topic_words_outside_a_name_still_frame(every_language: DetectionEngine, text: str) -> None:
    assert every_language.analyze(text).special_categories == ()


def test_a_party_after_a_capitalised_verb_is_no_surname(every_language: DetectionEngine) -> None:
    # "Stemte" (voted) opening the sentence is no first name, so the party is the term
    text = "Stemte Fremskrittspartiet ved forrige valg, men er usikker nå, hjelp meg å skrive et brev."
    assert "political_opinions" in every_language.analyze(text).special_categories


@pytest.mark.parametrize(
    "text",
    [
        "O exame de ADN confirmou que o Sr. Henrique Baptista é o pai biológico do menor.",
        "Der Bericht wurde von Hans-Christian Patberg geschrieben.",
    ],
)
def test_a_term_written_as_a_surname_after_a_first_name_stays_a_name(
    every_language: DetectionEngine, text: str
) -> None:
    assert "religious_or_philosophical_beliefs" not in every_language.analyze(text).special_categories


@pytest.mark.parametrize(
    "text",
    [
        "Summarise: Pracownik jest członkiem związku zawodowego Solidarność.",
        "Summarise: Je členem odborů a zastupuje kolegy při vyjednávání.",
        "Summarise: Angajatul este membru al sindicatului din fabrică.",
    ],
)
def test_an_english_request_word_frames_no_sentence_in_another_language(
    every_language: DetectionEngine, text: str
) -> None:
    assert "trade_union_membership" in every_language.analyze(text).special_categories


def test_voting_for_a_named_party_without_for(every_language: DetectionEngine) -> None:
    voted = "Tom voted Labour at the last election and told the whole office about it."
    assert "political_opinions" in every_language.analyze(voted).special_categories
    # a party's budget or an act's name after "voted" is no one's vote
    for text in (
        "The parliament voted Labour's budget down.",
        "The committee voted Reform Act amendments through.",
    ):
        assert every_language.analyze(text).special_categories == ()
