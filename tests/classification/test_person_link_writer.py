"""Special categories stated by the writer or about a role no name is given for, and topics about no one."""

from __future__ import annotations

import pytest

from gateway.classification.engine import DetectionEngine

HEALTH = "health"
RELIGION = "religious_or_philosophical_beliefs"
UNION = "trade_union_membership"
POLITICS = "political_opinions"
GENETIC = "genetic"


@pytest.mark.parametrize(
    ("category", "text"),
    [
        # The verb alone says who is meant where subjects are dropped.
        (POLITICS, "Гласувах за БСП на изборите и колегите ми се подиграват. Как да им отговоря?"),
        (HEALTH, "Από πέρσι χρησιμοποιώ αναπηρικό αμαξίδιο και χρειάζομαι θέση στάθμευσης κοντά."),
        (RELIGION, "Ramadán idején böjtölök, ezért délutáni megbeszélést kérnék."),
        (RELIGION, "W tym miesiącu poszczę w ramadanie, więc proszę o wcześniejsze wyjście."),
        (RELIGION, "Per ramadaną pasninkauju, todėl norėčiau pietų pertraukos vėliau."),
        (RELIGION, "Ramadāna laikā gavēju, tāpēc lūdzu sanāksmes pirms pusdienlaika."),
        (RELIGION, "Dan ix-xahar nsum għar-Ramadan u nixtieq nibda kmieni."),
        (RELIGION, "Ramadanin aikana paastoan, joten haluaisin pitää tauon myöhemmin."),
        (RELIGION, "Ramadaani ajal paastun, seega tahaksin koosolekuid hommikuti."),
        (RELIGION, "Budu se během ramadánu postit, proto bych rád chodil na oběd později."),
        (RELIGION, "Med ramadanom se bom postil, zato bi rad imel krajši delovni dan."),
        (RELIGION, "Tijekom ramazana ću postiti pa bih želio raditi od kuće."),
        (GENETIC, "BRCA2-mutációt hordozok, és a vizsgálatokra szabadnapot kérnék."),
    ],
)
def test_a_first_person_verb_ties_the_term_to_the_writer(
    every_language: DetectionEngine, category: str, text: str
) -> None:
    assert category in every_language.analyze(text).special_categories


@pytest.mark.parametrize(
    ("category", "text"),
    [
        # A topic word before a content clause the writer speaks in frames nothing in it.
        (RELIGION, "Draft a message to my team lead explaining that I fast during Ramadan this year."),
        (RELIGION, "Rédige un message pour expliquer que je ferai le ramadan et partirai plus tôt."),
        (RELIGION, "Escreve um texto a explicar que vou fazer o jejum do Ramadão este ano."),
        (HEALTH, "Erkläre in der Mail, dass ich Epilepsie habe und keine Nachtschichten machen kann."),
        (RELIGION, "Dréachtaigh nóta ag míniú go mbeidh mé ag troscadh le linn Ramadan."),
        (HEALTH, "Translate into English: I have epilepsy and cannot drive to the site."),
        # A topic word after the writer's own clause frames nothing in it either.
        (POLITICS, "Sou militante do PCP e não gosto de falar disso no trabalho."),
        (GENETIC, "Jestem nosicielką mutacji BRCA2 i chcę wziąć wolne na badania."),
    ],
)
def test_the_writer_s_own_clause_is_theirs_under_a_topic_word(
    every_language: DetectionEngine, category: str, text: str
) -> None:
    assert category in every_language.analyze(text).special_categories


@pytest.mark.parametrize(
    ("category", "text"),
    [
        (UNION, "Uchazečka při pohovoru uvedla, že je členkou odborů."),
        (UNION, "Uchádzačka na pohovore uviedla, že je členkou odborov."),
        (HEALTH, "Napiš odpověď vedoucímu: od pondělí jsem na nemocenské."),
        (HEALTH, "Kérlek, írj a kollégának: cukorbeteg, ezért kell neki szünet."),
        (HEALTH, "Напиши на управителя, че колегата е с епилепсия."),
        (HEALTH, "Parašyk broliui, kad gydytojas patvirtino diabetą."),
        (RELIGION, "A nagyapámról írnék: Jehova tanúja volt egész életében."),
        # Beside a service word the role is a department, but the pronoun is still someone.
        (HEALTH, "Tell customer support that she has epilepsy and cannot work nights."),
    ],
)
def test_a_role_or_kin_in_its_case_form_is_someone(
    every_language: DetectionEngine, category: str, text: str
) -> None:
    assert category in every_language.analyze(text).special_categories


@pytest.mark.parametrize(
    "text",
    [
        # The writer asks for a text about a subject: a topic word frames their own words too.
        "I need an essay on trade unions in Greece.",
        "Preciso de um ensaio sobre os sindicatos na Grécia.",
        "Potrzebuję eseju o związkach zawodowych w Grecji.",
        "Θέλω ένα δοκίμιο για τα συνδικάτα στην Ελλάδα.",
        "Szeretnék egy esszét a görögországi szakszervezetekről.",
        "Write an essay on diabetes that I can present in class.",
        "Explain to the students that Ramadan moves by eleven days each year.",
        # Greek "μέσω" (via) ends like a first-person verb and is none.
        "Πώς λειτουργεί η είσοδος μέσω δακτυλικού αποτυπώματος στα γραφεία;",
        # Asking to know or learn about a subject, or working on a text about it, is no statement.
        "I'd like to know more about diabetes.",
        "Chciałbym wiedzieć więcej o cukrzycy.",
        "Θέλω να μάθω περισσότερα για τον διαβήτη.",
        "Aș vrea să aflu mai multe despre diabet.",
        "Estoy preparando una presentación sobre la diabetes para el equipo.",
        "Pripremam prezentaciju o dijabetesu za kolege.",
        "Valmistan ette esitlust diabeedist kolleegidele.",
        # A role beside a word for a service is a department.
        "Create a training slide about respecting same-sex couples in customer service.",
        "Jak powinien dział obsługi klienta odpowiadać na pytania o ramadan?",
        "Paruošk mokymų skaidrę apie pagarbą tos pačios lyties poroms klientų aptarnavime.",
        # Plural roles in their case forms are a group, not a person.
        "Hogyan tájékoztassuk a pályázókat a cukorbetegség miatti munkaköri korlátozásokról?",
    ],
)
def test_a_topic_about_no_one_stays_a_topic(every_language: DetectionEngine, text: str) -> None:
    found = every_language.analyze(text)
    assert found.special_categories == ()
    assert "special_topic" in found.risk_signals
