"""Special-category terms across the 26 languages, in their inflected forms, and the topic frame."""

from __future__ import annotations

import pytest

from gateway.classification.engine import DetectionEngine
from gateway.classification.special import SpecialCategoryFinder
from gateway.classification.term_forms import TermForms

ALL_LANGUAGES = [
    *("bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu"),
    *("is", "it", "lt", "lv", "mt", "nl", "no", "pl", "pt", "ro", "sk", "sl", "sv"),
]


@pytest.fixture(scope="module")
def finder() -> SpecialCategoryFinder:
    return SpecialCategoryFinder(ALL_LANGUAGES)


@pytest.mark.parametrize(
    ("language", "text", "category"),
    [
        ("en", "My flatmate is HIV-positive and on antiretrovirals.", "health"),
        ("en", "Our receptionist uses a wheelchair since the accident.", "health"),
        ("en", "Her 23andMe results show she is a carrier of cystic fibrosis.", "genetic"),
        ("en", "The gym stored my palm scan and my face template.", "biometric"),
        ("en", "My neighbour is an Irish Traveller.", "racial_or_ethnic_origin"),
        ("en", "He is a card-carrying Labour member.", "political_opinions"),
        ("en", "My boss is a devout Sikh and wears a turban.", "religious_or_philosophical_beliefs"),
        ("en", "She is the shop steward for Unison at our depot.", "trade_union_membership"),
        ("en", "My brother came out as non-binary last year.", "sex_life_or_sexual_orientation"),
        ("de", "Meine Kollegin ist seit der Chemo im Rollstuhl.", "health"),
        ("de", "Der Vaterschaftstest meines Bruders war positiv.", "genetic"),
        ("fr", "Ma voisine est enceinte et diabétique.", "health"),
        ("fr", "Mon collègue est délégué syndical CFDT.", "trade_union_membership"),
        ("es", "Mi cuñada es testigo de Jehová.", "religious_or_philosophical_beliefs"),
        ("it", "Mio fratello è iscritto alla FIOM e fa sciopero.", "trade_union_membership"),
        ("pt", "A minha irmã é lésbica e vive com a companheira.", "sex_life_or_sexual_orientation"),
        ("nl", "Mijn collega is lid van GroenLinks en stemt altijd links.", "political_opinions"),
        ("pl", "Moja mama jest po chemioterapii i leczy się onkologicznie.", "health"),
        ("pl", "Mój sąsiad jest Romem.", "racial_or_ethnic_origin"),
        ("cs", "Můj švagr je členem odborů a stávkoval.", "trade_union_membership"),
        ("sk", "Moja sestra je tehotná a má cukrovku.", "health"),
        ("sl", "Moj sodelavec je musliman in moli petkrat na dan.", "religious_or_philosophical_beliefs"),
        ("hr", "Moja kolegica je na bolovanju zbog depresije.", "health"),
        ("bg", "Съпругата ми е бременна и има диабет.", "health"),
        ("el", "Η αδερφή μου είναι έγκυος και έχει διαβήτη.", "health"),
        ("hu", "A bátyám cukorbeteg és inzulint szed.", "health"),
        ("ro", "Vecinul meu este membru PSD.", "political_opinions"),
        ("da", "Min søster er gravid og har sukkersyge.", "health"),
        ("sv", "Min kollega är sjukskriven för utmattningssyndrom.", "health"),
        ("no", "Broren min er homofil og bor med kjæresten sin.", "sex_life_or_sexual_orientation"),
        ("is", "Systir mín er ólétt og með sykursýki.", "health"),
        ("fi", "Veljeni sairastaa syöpää ja on sädehoidossa.", "health"),
        ("et", "Minu õde on rase ja tal on diabeet.", "health"),
        ("lv", "Mans brālis ir arodbiedrības biedrs un streikoja.", "trade_union_membership"),
        ("lt", "Mano sesuo serga cukriniu diabetu.", "health"),
        ("ga", "Tá m'athair tinn le hailse.", "health"),
        ("mt", "Oħti hija tqila u għandha d-dijabete.", "health"),
    ],
)
def test_broad_terms_in_every_language_are_tied_to_the_person(
    finder: SpecialCategoryFinder, language: str, text: str, category: str
) -> None:
    hits = [h for h in finder.find(text, language) if h.category == category]
    assert hits and any(h.linked for h in hits)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Prepare slides for the ministry's diabetes awareness campaign aimed at schools."),
        ("en", "Draft a leaflet about diabetes for our patients."),
        ("en", "Write a guide explaining how unions bargain for their members."),
        ("de", "Entwirf eine Broschüre über Diabetes für unsere Patienten."),
        ("fr", "Rédige une brochure sur le diabète pour nos patients."),
        ("pl", "Przygotuj ulotkę o cukrzycy dla naszych pacjentów."),
        ("sv", "Skriv en broschyr om diabetes för våra patienter."),
        ("hu", "Készíts szórólapot a cukorbetegségről a betegeknek."),
    ],
)
def test_generic_people_under_a_topic_word_leave_the_topic_a_topic(
    finder: SpecialCategoryFinder, language: str, text: str
) -> None:
    hits = finder.find(text, language)
    assert hits and not any(h.linked for h in hits)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Write a report on our employee: she has diabetes."),
        ("en", "Prepare a leaflet about Anna's diabetes for her teachers."),
        ("de", "Schreibe einen Bericht: meine Mutter hat Diabetes."),
    ],
)
def test_a_single_person_under_a_topic_word_still_links(
    finder: SpecialCategoryFinder, language: str, text: str
) -> None:
    hits = finder.find(text, language)
    assert hits and all(h.linked for h in hits)


def test_a_possessive_links_only_on_a_capitalised_word_under_a_topic(finder: SpecialCategoryFinder) -> None:
    assert not any(h.linked for h in finder.find("Summarise the company's diabetes campaign.", "en"))
    assert all(h.linked for h in finder.find("Summarise Tom's diabetes campaign.", "en"))


@pytest.mark.parametrize(
    "text",
    [
        "I would vote for the second design option.",
        "Let us compute the union of both sets.",
        "We ran a double-blind study with 40 volunteers.",
        "Ich glaube, die Lösung ist falsch.",
        "Je vous prie de trouver ci-joint la facture.",
        "Vi ber om ursäkt för förseningen.",
        "Det er rom for forbedring i rapporten.",
        "Kérem, a meleg vizet kapcsolja ki.",
    ],
)
def test_everyday_words_that_look_like_terms_are_not_special(
    every_language: DetectionEngine, text: str
) -> None:
    assert every_language.analyze(text).special_categories == ()


def test_a_phrase_shared_by_many_languages_is_tried_once() -> None:
    forms = TermForms(ALL_LANGUAGES)
    shared = [p for p in forms._first["lgbt"] if not p.rest]
    assert len(shared) == 1 and len(shared[0].languages) > 20


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "Mein Schwager ist aus der Kirche ausgetreten und ist Atheist."),
        ("it", "Il ragazzo è di etnia rom."),
        ("hu", "A kolléganőm terhes és cukorbeteg."),
        ("hu", "Minden dolgozó ujjlenyomatát tárolják, az enyémet is."),
        ("da", "Medarbejderen er muslim."),
        ("el", "Αποθηκεύουν τα δακτυλικά αποτυπώματα κάθε υπαλλήλου."),
        ("sv", "Hyresgästen är muslim och ber fem gånger om dagen."),
        ("pl", "Teściowa jest po chemioterapii."),
    ],
)
def test_kin_roles_and_their_case_forms_tie_a_term_to_a_person(
    finder: SpecialCategoryFinder, language: str, text: str
) -> None:
    hits = finder.find(text, language)
    assert hits and all(h.linked for h in hits)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Explain what rights a union member has during a strike."),
        ("sv", "Man kan gå med i facket när som helst, förklara reglerna."),
        ("ga", "I fear the history of trade unions is poorly taught."),
        ("it", "Scrivi un saggio sull'istruzione superiore e la religione."),
    ],
)
def test_singular_member_and_words_that_are_also_function_words_link_nothing(
    finder: SpecialCategoryFinder, language: str, text: str
) -> None:
    hits = finder.find(text, language)
    assert hits and not any(h.linked for h in hits)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Why do so many patients with diabetes stop taking insulin?"),
        ("de", "Wie können wir Mitarbeiterinnen unterstützen, die schwanger sind?"),
        ("fr", "Comment accompagner les salariés atteints de diabète au travail ?"),
        ("hu", "Milyen jogai vannak a terhes munkavállalóknak?"),
        ("ro", "Ce drepturi au angajatele însărcinate?"),
        ("el", "Πώς μπορούν οι εργοδότες να στηρίξουν εργαζόμενους με κατάθλιψη;"),
    ],
)
def test_a_group_is_no_person_and_takes_our_and_we_with_it(
    finder: SpecialCategoryFinder, language: str, text: str
) -> None:
    hits = finder.find(text, language)
    assert hits and not any(h.linked for h in hits)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Our accountant is a devout Catholic."),
        ("cs", "Naše účetní je věřící katolička."),
        ("de", "Meine Kollegen wissen nicht, dass meine Schwester lesbisch ist."),
    ],
)
def test_our_and_a_plural_beside_a_single_person_still_link(
    finder: SpecialCategoryFinder, language: str, text: str
) -> None:
    hits = finder.find(text, language)
    assert hits and all(h.linked for h in hits)


def test_german_adjectives_are_found_in_their_declined_forms(finder: SpecialCategoryFinder) -> None:
    hits = finder.find("Der Bewerber gehört der sorbischen Minderheit an.", "de")
    assert [h.category for h in hits] == ["racial_or_ethnic_origin"] and hits[0].linked


@pytest.mark.parametrize(
    ("language", "text", "category"),
    [
        ("en", "My husband tested positive for COVID-19 and has pneumonia.", "health"),
        ("de", "Meine Frau hat Bluthochdruck und geht zur Physiotherapie.", "health"),
        ("pl", "Moja żona ma nadciśnienie i łuszczycę.", "health"),
        ("fi", "Vaimollani on korkea verenpaine.", "health"),
        ("fr", "Mon compagnon et moi sommes en couple libre.", "sex_life_or_sexual_orientation"),
        ("sv", "Min sambo och jag har ett öppet förhållande.", "sex_life_or_sexual_orientation"),
    ],
)
def test_everyday_conditions_and_sex_life_terms_are_found(
    finder: SpecialCategoryFinder, language: str, text: str, category: str
) -> None:
    hits = [h for h in finder.find(text, language) if h.category == category]
    assert hits and any(h.linked for h in hits)


@pytest.mark.parametrize(
    "text",
    [
        "The Virgin Atlantic flight to Boston was delayed.",
        "Keep the instruments in a sterile environment.",
        "Der Lehrer erklärt die Jungfrau und andere Sternzeichen.",
        "See the TOC at the start of the document.",
    ],
)
def test_words_left_out_of_the_lists_for_their_other_senses(
    every_language: DetectionEngine, text: str
) -> None:
    assert every_language.analyze(text).special_categories == ()


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ga", "Tá diaibéiteas air le fada."),
        ("mt", "Għandu d-dijabete minn mindu kien żgħir."),
        ("hu", "Neki cukorbetegsége van."),
        ("bg", "На нея ѝ откриха диабет."),
    ],
)
def test_third_person_forms_of_irish_maltese_hungarian_and_bulgarian_link(
    finder: SpecialCategoryFinder, language: str, text: str
) -> None:
    hits = finder.find(text, language)
    assert hits and all(h.linked for h in hits)
