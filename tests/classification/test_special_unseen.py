"""Special categories as writers who never saw the lists put them: the person link across sentences,
clauses and languages, each rule with topic and look-alike texts it must leave alone."""

from __future__ import annotations

import pytest

from gateway.classification.engine import DetectionEngine

ALL_LANGUAGES = [
    *("bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu"),
    *("is", "it", "lt", "lv", "mt", "nl", "no", "pl", "pt", "ro", "sk", "sl", "sv"),
]
HEALTH, GENETIC, BIOMETRIC = "health", "genetic", "biometric"
RELIGION, SEX_LIFE = "religious_or_philosophical_beliefs", "sex_life_or_sexual_orientation"


@pytest.fixture(scope="module")
def engine() -> DetectionEngine:
    return DetectionEngine(ALL_LANGUAGES)


def special(engine: DetectionEngine, text: str) -> tuple[str, ...]:
    return engine.analyze(text).special_categories


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # A Nordic definite role is one person, though German "Patienten" is a plural.
        ("Patienten, 44 år, er gentestet for arvelig sygdom.", GENETIC),
        ("Patienten är 44 år och har genomgått ett gentest för ärftlig sjukdom.", GENETIC),
        # A semicolon joins clauses of one sentence.
        ("Informe: paciente de 35 años, padre afectado; el test genético muestra 44 repeticiones.", GENETIC),
        ("Note: patient aged 35, father affected; the genetic test shows 44 repeats.", GENETIC),
        # A full stop before a lower-case word ends no sentence: ordinal dates and abbreviations.
        ("Shrň prosím: pan Jiří Dvořák je od 2. listopadu v pracovní neschopnosti po operaci.", HEALTH),
        ("Opsummer: Medarbejderen Kasper deltog den 3. marts, og han har diabetes siden 4. maj.", HEALTH),
        # The subject dropped: a statement goes on about the person of the sentence beside it.
        ("Har nettopp fått diagnosen diabetes. Hjelp meg å skrive en melding til sjefen.", HEALTH),
        (
            "Rytoj nebūsiu darbe – gydytoja išrašė nedarbingumą dėl migrenos. "
            "Perduok, kad perimtų mano skambučius.",
            HEALTH,
        ),
        ("Šodien nebūšu birojā – ārste konstatēja bronhītu. Lūdzu, pārceliet manas tikšanās.", HEALTH),
        # A short exclusion word is whole: "sha" excludes "SHA-256", not "Sharma".
        ("Write to Dev Sharma that his fingerprint is now registered in the access system.", BIOMETRIC),
        # Another language's role prefix with its case ending, in a text taken for another language.
        ("Firma zbiera odtlačky prstov a sken tváre každého zamestnanca.", BIOMETRIC),
    ],
)
def test_the_person_is_found_where_unseen_text_puts_them(
    engine: DetectionEngine, text: str, category: str
) -> None:
    assert category in special(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        # plurals of one's own language stay a group
        "Die Patienten mit Diabetes brauchen mehr Zeit beim Arzt.",
        "Patienterne med diabetes skal have mere tid hos lægen.",
        # statements beside a request, a question or a topic sentence stay topics
        "Diabetes is common in Europe. Help me write an essay about it.",
        "My name is Anna. What are the symptoms of diabetes?",
        "Cancer is a terrible disease. Write me a poem about hope.",
        "Kræft er en alvorlig sygdom. Skriv en artikel om det til mig.",
        # a third-person verb after its subject, a party or a group
        "Il partito ha presentato il programma sanitario contro il diabete a Roma.",
        "Od lat w szpitalu leży wielu pacjentów z cukrzycą.",
        # another language's short stem is no term ("sei" is an Irish stem)
        "Schreib Herrn Neumann, dass sein Zugang gesperrt ist.",
        # a role prefix inside a compound is no person: Latvian "partnerattiecības" is partnership
        "Apkopo ziņas par viendzimuma pāru partnerattiecību reģistrāciju.",
        # staff and personnel are a group
        "Draft a company policy on religious holidays and prayer rooms that is fair to all faiths "
        "and to staff with no religion.",
        "Entwirf eine Regel für das Personal: Gebetsräume für alle Religionen im Haus.",
    ],
)
def test_topics_and_look_alikes_stay_unlinked(engine: DetectionEngine, text: str) -> None:
    assert (
        engine.analyze(text)
        .entities.keys()
        .isdisjoint(
            {f"SPECIAL_{c.upper()}" for c in (HEALTH, GENETIC, RELIGION, SEX_LIFE, "political_opinions")}
        )
    )


def test_the_hash_of_a_key_is_no_biometric(engine: DetectionEngine) -> None:
    assert BIOMETRIC not in special(engine, "Compare the SHA fingerprint of the server key with Anna.")


def test_another_languages_short_stem_is_no_term(engine: DetectionEngine) -> None:
    # "vih" is Spanish and Portuguese HIV: the Greens' supporter is political, not ill.
    found = special(engine, "Olen vihreiden puolueen kannattaja ja äänestin vaaleissa.")
    assert HEALTH not in found
    assert HEALTH in special(engine, "Mi hermano tiene VIH desde hace años.")


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # a term ending a compound, where the language writes compounds as one word
        ("Mein Vater hat Altersdiabetes.", HEALTH),
        ("Mijn vader heeft ouderdomsdiabetes.", HEALTH),
        ("Medarbejderen Kasper deltog i sympatistrejken og spørger om løn.", "trade_union_membership"),
        ("Kollegaen min deltok i solidaritetsstreiken i går.", "trade_union_membership"),
        # gender transition and hormone treatment
        ("Työntekijämme Anni on aloittanut sukupuoltaan korjaavat hoidot.", SEX_LIFE),
        ("Horváth Anna nemi átmenetben van, hormonkezelést kap.", SEX_LIFE),
        ("Colega mea Alex face tratament hormonal pentru tranziția de gen.", SEX_LIFE),
        ("Meine Kollegin macht eine Hormontherapie während ihrer Geschlechtsangleichung.", SEX_LIFE),
        # a voice or a face kept to recognise someone
        ("Pankki tallensi ääniprofiilini puhelintunnistusta varten.", BIOMETRIC),
        ("Banken har gemt mit stemmeaftryk til telefonen.", BIOMETRIC),
        ("Напиши на Борислав, че лицевият му шаблон вече е записан.", BIOMETRIC),
        # descent, minorities, nationality
        ("Kunden hr. Nowak siger, at han er af polsk afstamning.", "racial_or_ethnic_origin"),
        ("Zákazník pan Schindler se hlásí k německé menšině.", "racial_or_ethnic_origin"),
        ("La mia collega Sofia appartiene alla minoranza slovena di Trieste.", "racial_or_ethnic_origin"),
        ("Kandidatė Jolanta priklauso lenkų tautinei mažumai.", "racial_or_ethnic_origin"),
        # clergy, movements, strikes, conditions and medicines
        ("Pán Jozef Gajdoš je gréckokatolícky kňaz.", RELIGION),
        ("Moj brat je svećenik u Splitu.", RELIGION),
        ("Veljeni osallistui lakkoon viime viikolla.", "trade_union_membership"),
        ("A kollégám részt vett a sztrájkban.", "trade_union_membership"),
        ("Potilas Ville aloitti varfariinin eteisvärinän vuoksi.", HEALTH),
        ("Mein Vater hat Vorhofflimmern.", HEALTH),
    ],
)
def test_concepts_unseen_writers_used_are_found_in_every_language(
    engine: DetectionEngine, text: str, category: str
) -> None:
    assert category in special(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "Der Artikel über Altersdiabetes in Europa erklärt die Ursachen.",
        "Un artículo sobre la identidad de género en la legislación europea.",
        "Um artigo sobre o reconhecimento de voz nos bancos europeus.",
        "Un saggio sulle minoranze linguistiche in Italia.",
        "Die Regierung ist eine Minderheitsregierung.",
        "Povijest katedrale i svećenika u srednjem vijeku.",
        "Der Bahnstreik legt heute den Verkehr lahm.",
        "Vorhofflimmern: ein Überblick für Studenten.",
        # "imam" is "I have" in Slovene and Croatian, "имам" in Bulgarian
        "V logu imam: ERROR 31877 JobRunner failed after 3 retries. Kaj pomeni?",
        "U logu imam grešku: export nije uspio. Što to znači?",
        "Имам въпрос за отпуската си през август.",
    ],
)
def test_the_new_concepts_as_topics_stay_topics(engine: DetectionEngine, text: str) -> None:
    assert special(engine, text) == ()


def test_a_compound_counts_only_where_the_language_compounds(engine: DetectionEngine) -> None:
    # An exclusion word still cancels a compound ("Fehlerdiagnose am Server" is no one's health).
    assert HEALTH not in special(engine, "Mein Kollege macht die Fehlerdiagnose am Server.")


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # Hungarian says "about me", "with her" in one word
        ("A bankom hanglenyomatot készített rólam a telefonos azonosításhoz.", BIOMETRIC),
        # Irish mutates a word's first letter after "mo", "a", "i"
        ("Chláraigh an banc mo ghlórphrionta chun mé a aithint ar an bhfón.", BIOMETRIC),
        # unprotected sex and the infections it is tested for
        ("Klient Jonas P., 31 år, testet for gonoré efter ubeskyttet sex.", SEX_LIFE),
        ("Consulta: usuaria Marta G. acude tras una relación sin protección con una pareja nueva.", SEX_LIFE),
        ("Mój brat miał seks bez zabezpieczenia i boi się rzeżączki.", SEX_LIFE),
    ],
)
def test_forms_and_references_unseen_writers_used(engine: DetectionEngine, text: str, category: str) -> None:
    assert category in special(engine, text)


def test_a_finnish_boyfriend_tells_his_owners_orientation(engine: DetectionEngine) -> None:
    assert SEX_LIFE in special(engine, "Timo Heikkinen pyysi, ettei hänen miesystävänsä nimeä mainita.")
    assert SEX_LIFE not in special(engine, "Liisa Heikkinen pyysi, ettei hänen miesystävänsä nimeä mainita.")


@pytest.mark.parametrize(
    "text",
    [
        "Una campaña sobre el sexo sin protección para jóvenes en los institutos.",
        "Eine Broschüre über ungeschützten Geschlechtsverkehr für Schulklassen.",
    ],
)
def test_sexual_health_as_a_campaign_stays_a_topic(engine: DetectionEngine, text: str) -> None:
    assert SEX_LIFE not in special(engine, text)


def test_a_title_ends_no_sentence_and_a_surname_is_no_term(engine: DetectionEngine) -> None:
    text = "Traduz: O exame de paternidade por ADN confirmou que o Sr. Henrique Baptista é o pai do menor."
    assert special(engine, text) == (GENETIC,)
    assert RELIGION in special(engine, "Mi compañero Juan es baptista y va a la iglesia cada domingo.")
    # a full stop after a word that is no title still ends the sentence
    assert special(engine, "I met Jo. Diabetes is common in Europe, the article says.") == ()


def test_another_languages_long_topic_word_still_frames_a_short_text(engine: DetectionEngine) -> None:
    # Too short to be identified as English, the request's "summary" still makes the next
    # sentence a topic; Hungarian "vita" (debate) is Icelandic "to know" and frames nothing.
    assert special(engine, "Write me a summary. Last year diabetes rates rose sharply.") == ()
    assert HEALTH in special(engine, "Ég er ólétt og tek lyf – þarf ég að láta lækninn vita?")
