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
HEALTH, SEX_LIFE = "health", "sex_life_or_sexual_orientation"
RELIGION, BIOMETRIC = "religious_or_philosophical_beliefs", "biometric"


@pytest.fixture(scope="module")
def finder() -> SpecialCategoryFinder:
    return SpecialCategoryFinder(ALL_LANGUAGES)


@pytest.mark.parametrize(
    ("language", "text", "category"),
    [
        # broad terms in every language
        ("en", "My flatmate is HIV-positive and on antiretrovirals.", HEALTH),
        ("en", "Our receptionist uses a wheelchair since the accident.", HEALTH),
        ("en", "Her 23andMe results show she is a carrier of cystic fibrosis.", "genetic"),
        ("en", "The gym stored my palm scan and my face template.", BIOMETRIC),
        ("en", "My neighbour is an Irish Traveller.", "racial_or_ethnic_origin"),
        ("en", "He is a card-carrying Labour member.", "political_opinions"),
        ("en", "My boss is a devout Sikh and wears a turban.", RELIGION),
        ("en", "She is the shop steward for Unison at our depot.", "trade_union_membership"),
        ("en", "My brother came out as non-binary last year.", SEX_LIFE),
        ("de", "Meine Kollegin ist seit der Chemo im Rollstuhl.", HEALTH),
        ("de", "Der Vaterschaftstest meines Bruders war positiv.", "genetic"),
        ("fr", "Ma voisine est enceinte et diabétique.", HEALTH),
        ("fr", "Mon collègue est délégué syndical CFDT.", "trade_union_membership"),
        ("es", "Mi cuñada es testigo de Jehová.", RELIGION),
        ("it", "Mio fratello è iscritto alla FIOM e fa sciopero.", "trade_union_membership"),
        ("pt", "A minha irmã é lésbica e vive com a companheira.", SEX_LIFE),
        ("nl", "Mijn collega is lid van GroenLinks en stemt altijd links.", "political_opinions"),
        ("pl", "Moja mama jest po chemioterapii i leczy się onkologicznie.", HEALTH),
        ("pl", "Mój sąsiad jest Romem.", "racial_or_ethnic_origin"),
        ("cs", "Můj švagr je členem odborů a stávkoval.", "trade_union_membership"),
        ("sk", "Moja sestra je tehotná a má cukrovku.", HEALTH),
        ("sl", "Moj sodelavec je musliman in moli petkrat na dan.", RELIGION),
        ("hr", "Moja kolegica je na bolovanju zbog depresije.", HEALTH),
        ("bg", "Съпругата ми е бременна и има диабет.", HEALTH),
        ("el", "Η αδερφή μου είναι έγκυος και έχει διαβήτη.", HEALTH),
        ("hu", "A bátyám cukorbeteg és inzulint szed.", HEALTH),
        ("ro", "Vecinul meu este membru PSD.", "political_opinions"),
        ("da", "Min søster er gravid og har sukkersyge.", HEALTH),
        ("sv", "Min kollega är sjukskriven för utmattningssyndrom.", HEALTH),
        ("no", "Broren min er homofil og bor med kjæresten sin.", SEX_LIFE),
        ("is", "Systir mín er ólétt og með sykursýki.", HEALTH),
        ("fi", "Veljeni sairastaa syöpää ja on sädehoidossa.", HEALTH),
        ("et", "Minu õde on rase ja tal on diabeet.", HEALTH),
        ("lv", "Mans brālis ir arodbiedrības biedrs un streikoja.", "trade_union_membership"),
        ("lt", "Mano sesuo serga cukriniu diabetu.", HEALTH),
        ("ga", "Tá m'athair tinn le hailse.", HEALTH),
        ("mt", "Oħti hija tqila u għandha d-dijabete.", HEALTH),
        # everyday conditions and sex life
        ("en", "My husband tested positive for COVID-19 and has pneumonia.", HEALTH),
        ("de", "Meine Frau hat Bluthochdruck und geht zur Physiotherapie.", HEALTH),
        ("pl", "Moja żona ma nadciśnienie i łuszczycę.", HEALTH),
        ("fi", "Vaimollani on korkea verenpaine.", HEALTH),
        ("fr", "Mon compagnon et moi sommes en couple libre.", SEX_LIFE),
        ("sv", "Min sambo och jag har ett öppet förhållande.", SEX_LIFE),
        # how people say it: wards and surgery, practice, devices, affairs, contraception, transition
        ("en", "Please note that Tom has an appointment at the oncology ward on Monday.", HEALTH),
        ("hu", "A nagymamám a kardiológián van, holnap műtik.", HEALTH),
        ("et", "Minu ema on onkoloogiaosakonnas ravil.", HEALTH),
        ("mt", "Ommi qiegħda l-isptar.", HEALTH),
        ("en", "He unlocks the office door with his face since the new scanners went in.", BIOMETRIC),
        ("en", "My colleague Dave is having an affair with his secretary.", SEX_LIFE),
        ("en", "Laura is trans and changed her legal name last year.", SEX_LIFE),
        ("de", "Sie nimmt seit Jahren die Pille.", SEX_LIFE),
        ("fr", "Mon collègue trompe sa femme avec sa secrétaire.", SEX_LIFE),
        ("pl", "Mój kolega ma romans z sekretarką.", SEX_LIFE),
        ("hu", "A kollégám viszonyt folytat a titkárnőjével.", SEX_LIFE),
        ("bg", "Тя пие противозачатъчни хапчета.", SEX_LIFE),
        ("el", "Η Μαρία είναι λεσβία.", SEX_LIFE),
        # words the dictionaries lack inflect like a known word of the same ending
        ("hr", "Moja sestra pati od anksioznosti.", HEALTH),
        ("hu", "A szomszédom ateistának vallja magát.", RELIGION),
    ],
)
def test_terms_are_found_and_tied_to_the_person(
    finder: SpecialCategoryFinder, language: str, text: str, category: str
) -> None:
    hits = [h for h in finder.find(text, language) if h.category == category]
    assert hits and any(h.linked for h in hits)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # a single person under a topic word
        ("en", "Write a report on our employee: she has diabetes."),
        ("en", "Prepare a leaflet about Anna's diabetes for her teachers."),
        ("de", "Schreibe einen Bericht: meine Mutter hat Diabetes."),
        # kin, roles and their case forms
        ("de", "Mein Schwager ist aus der Kirche ausgetreten und ist Atheist."),
        ("it", "Il ragazzo è di etnia rom."),
        ("hu", "A kolléganőm terhes és cukorbeteg."),
        ("hu", "Minden dolgozó ujjlenyomatát tárolják, az enyémet is."),
        ("da", "Medarbejderen er muslim."),
        ("el", "Αποθηκεύουν τα δακτυλικά αποτυπώματα κάθε υπαλλήλου."),
        ("sv", "Hyresgästen är muslim och ber fem gånger om dagen."),
        ("pl", "Teściowa jest po chemioterapii."),
        # "our" and a plural beside a single person
        ("en", "Our accountant is a devout Catholic."),
        ("cs", "Naše účetní je věřící katolička."),
        ("de", "Meine Kollegen wissen nicht, dass meine Schwester lesbisch ist."),
        # third-person forms where subjects are dropped or pronouns are clitics and endings
        ("ga", "Tá diaibéiteas air le fada."),
        ("mt", "Għandu d-dijabete minn mindu kien żgħir."),
        ("hu", "Neki cukorbetegsége van."),
        ("bg", "На нея ѝ откриха диабет."),
        ("hu", "Kórházban fekszik, mert szívinfarktusa volt."),
        ("hu", "Ramadán alatt böjtöl, ezért nem jön ebédelni."),
        ("hu", "Felvételkor beszkennelték az ujjlenyomatait."),
        ("mt", "Jinsab l-isptar wara attakk tal-qalb."),
        ("bg", "Ходи на църква всяка неделя и пости."),
        ("el", "Νηστεύει κάθε Σαρακοστή."),
        ("et", "Tööle asumisel skanniti tema sõrmejäljed."),
        ("cs", "Naskenovali mu otisky prstů při nástupu do práce."),
        ("sl", "Ob zaposlitvi so mu skenirali prstne odtise."),
        ("es", "Le registraron la huella dactilar y una muestra de voz en el banco."),
        # a first name the name finder was unsure of
        ("pt", "A Joana é militante do Partido Comunista e vota sempre à esquerda."),
    ],
)
def test_a_person_ties_the_term(finder: SpecialCategoryFinder, language: str, text: str) -> None:
    hits = finder.find(text, language)
    assert hits and all(h.linked for h in hits)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # generic people under a topic word
        ("en", "Prepare slides for the ministry's diabetes awareness campaign aimed at schools."),
        ("en", "Draft a leaflet about diabetes for our patients."),
        ("en", "Write a guide explaining how unions bargain for their members."),
        ("de", "Entwirf eine Broschüre über Diabetes für unsere Patienten."),
        ("fr", "Rédige une brochure sur le diabète pour nos patients."),
        ("pl", "Przygotuj ulotkę o cukrzycy dla naszych pacjentów."),
        ("sv", "Skriv en broschyr om diabetes för våra patienter."),
        ("hu", "Készíts szórólapot a cukorbetegségről a betegeknek."),
        # a singular member, and words that are also another language's function words
        ("en", "Explain what rights a union member has during a strike."),
        ("sv", "Man kan gå med i facket när som helst, förklara reglerna."),
        ("ga", "I fear the history of trade unions is poorly taught."),
        ("it", "Scrivi un saggio sull'istruzione superiore e la religione."),
        # a group is no person, and takes "our" and "we" with it
        ("en", "Why do so many patients with diabetes stop taking insulin?"),
        ("de", "Wie können wir Mitarbeiterinnen unterstützen, die schwanger sind?"),
        ("fr", "Comment accompagner les salariés atteints de diabète au travail ?"),
        ("hu", "Milyen jogai vannak a terhes munkavállalóknak?"),
        ("ro", "Ce drepturi au angajatele însărcinate?"),
        ("el", "Πώς μπορούν οι εργοδότες να στηρίξουν εργαζόμενους με κατάθλιψη;"),
        # the writer wants to understand a subject
        ("en", "I need to understand how trade unions negotiate pay; give me an overview."),
        ("de", "Ich möchte verstehen, wie Gewerkschaften Tarifverträge aushandeln."),
        ("es", "Necesito entender cómo funcionan los sindicatos en España."),
        # how many members: a count, not anyone's membership
        ("hu", "Hány tagja van a magyar szakszervezeteknek összesen?"),
        # a capitalised term the name finder may read as a name is no person
        ("en", "What is the difference between Sunni and Shia Islam?"),
    ],
)
def test_a_topic_stays_a_topic(finder: SpecialCategoryFinder, language: str, text: str) -> None:
    hits = finder.find(text, language)
    assert hits and not any(h.linked for h in hits)


def test_a_possessive_links_only_on_a_capitalised_word_under_a_topic(finder: SpecialCategoryFinder) -> None:
    assert not any(h.linked for h in finder.find("Summarise the company's diabetes campaign.", "en"))
    assert all(h.linked for h in finder.find("Summarise Tom's diabetes campaign.", "en"))


@pytest.mark.parametrize(
    "text",
    [
        # everyday words that look like terms
        "I would vote for the second design option.",
        "Let us compute the union of both sets.",
        "We ran a double-blind study with 40 volunteers.",
        "Ich glaube, die Lösung ist falsch.",
        "Je vous prie de trouver ci-joint la facture.",
        "Vi ber om ursäkt för förseningen.",
        "Det er rom for forbedring i rapporten.",
        "Kérem, a meleg vizet kapcsolja ki.",
        # words left out of the lists for their other senses
        "The Virgin Atlantic flight to Boston was delayed.",
        "Keep the instruments in a sterile environment.",
        "Der Lehrer erklärt die Jungfrau und andere Sternzeichen.",
        "See the TOC at the start of the document.",
        "The Ministry of Foreign Affairs published the report.",
        "He was caught cheating on the exam.",
        "She sleeps with the window open.",
        "Es un gran amante de la música clásica.",
        "Il medico mi ha dato una pillola per il mal di testa.",
        # an acronym is only itself: Romanian "au" is no party
        "I-au trimis factura ieri.",
    ],
)
def test_words_that_look_like_terms_are_not_special(every_language: DetectionEngine, text: str) -> None:
    assert every_language.analyze(text).special_categories == ()


def test_a_phrase_shared_by_many_languages_is_tried_once() -> None:
    forms = TermForms(ALL_LANGUAGES)
    shared = [p for p in forms._first["lgbt"] if not p.rest]
    assert len(shared) == 1 and len(shared[0].languages) > 20


def test_german_adjectives_are_found_in_their_declined_forms(finder: SpecialCategoryFinder) -> None:
    hits = finder.find("Der Bewerber gehört der sorbischen Minderheit an.", "de")
    assert [h.category for h in hits] == ["racial_or_ethnic_origin"] and hits[0].linked


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "What should an employer do if an employee says she is pregnant?"),
        ("de", "Darf ein Arbeitgeber fragen, ob eine Bewerberin schwanger ist?"),
        ("it", "Un datore di lavoro può chiedere a una candidata se è incinta?"),
        ("pl", "Czy pracodawca może zapytać kandydatkę, czy jest w ciąży?"),
        ("hu", "Megkérdezheti a munkáltató, hogy a jelölt terhes-e?"),
        ("fi", "Saako työnantaja kysyä hakijalta, onko hän raskaana?"),
        ("et", "Kas tööandja tohib küsida kandidaadilt, kas ta on rase?"),
        ("el", "Μπορεί ένας εργοδότης να ρωτήσει μια υποψήφια αν είναι έγκυος;"),
    ],
)
def test_a_question_about_no_one_in_particular_is_a_topic(
    finder: SpecialCategoryFinder, language: str, text: str
) -> None:
    hits = finder.find(text, language)
    assert hits and not any(h.linked for h in hits)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "My employer asked whether I am pregnant; can she do that?"),
        ("de", "Mein Arbeitgeber weiß nicht, dass meine Schwester schwanger ist."),
        ("en", "Can an employer fire Anna because she is pregnant?"),
    ],
)
def test_a_named_or_own_person_beside_an_employer_still_links(
    finder: SpecialCategoryFinder, language: str, text: str
) -> None:
    hits = finder.find(text, language)
    assert hits and any(h.linked for h in hits)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # where the subject is dropped, a third-person verb opening the sentence is the person
        ("es", "Lleva dos semanas ingresado en el hospital."),
        ("it", "Soffre di attacchi di panico da anni."),
        ("cs", "Leží v nemocnici po infarktu."),
        ("lt", "Guli ligoninėje po infarkto."),
        ("es", "Va a misa todos los domingos."),
        ("pl", "Chodzi do kościoła co niedzielę."),
        ("ro", "Merge la biserică în fiecare duminică."),
        ("mt", "Daħal l-isptar wara puplesija."),
    ],
)
def test_a_third_person_verb_opening_the_sentence_ties_the_term(
    finder: SpecialCategoryFinder, language: str, text: str
) -> None:
    hits = finder.find(text, language)
    assert hits and all(h.linked for h in hits)


def test_a_function_word_read_as_a_name_is_no_person(every_language: DetectionEngine) -> None:
    text = "Can a company ask a job applicant about their religion?"
    assert every_language.analyze(text).special_categories == ()
