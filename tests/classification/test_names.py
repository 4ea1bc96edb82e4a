"""Person names without an NER model, in the seven languages, and not in technical text."""

from __future__ import annotations

import pytest

from gateway.classification.engine import DetectionEngine
from gateway.classification.names import NameFinder


@pytest.mark.parametrize(
    "text",
    [
        "Please forward the contract to Emily Clarke by Monday.",
        "Dear Oliver, thanks for the update.",
        "Mr. Henderson will join the call.",
        "Ataskaitą parašė Rūta Petraitienė.",
        "Perdaviau dokumentus Jonui Kazlauskui.",
        "Ponas Jankauskas prisijungs prie skambučio.",
        "Sanāksmē piedalījās Jānis Bērziņš.",
        "Bērziņa kundze pievienosies zvanam.",
        "Tere Mari, aitäh uuenduse eest.",
        "Koosolekul osales Tiit Tamm.",
        "Hyvä Matti Virtanen, kiitos viestistä.",
        "Herra Korhonen liittyy puheluun.",
        "Hallo Jürgen, danke für das Update.",
        "Herr Müller nimmt am Anruf teil.",
        "Il rapporto è stato scritto da Giulia Rossi.",
        "Il signor Bianchi si unirà alla chiamata.",
        "My name is Xavier Quentinson.",  # neither name listed: the introduction decides
    ],
)
def test_names_are_found(engine: DetectionEngine, text: str) -> None:
    assert engine.analyze(text).entities.get("PERSON") == 1


@pytest.mark.parametrize(
    "text",
    [
        "The C4 model and Amazon S3 both appear in the architecture review.",
        "Set the colour to #96c and the margin to 4px.",
        "Jenkins runs the nightly build; Maven resolves the dependencies.",
        "Julia and Ruby are both dynamically typed languages.",
        "Will the migration finish before the maintenance window closes?",
        "May we schedule the upgrade for Tuesday?",
        "Use JsonParser.parse() and Client(config) in the handler.",
        "class CustomerRepository(BaseRepository): pass",
        "The European Data Protection Board met in Brussels.",
        "Die Pipeline baut das Container-Image und lädt es in die Registry hoch.",
        "Kubernetes Scheduler assigns Pods to Nodes.",
    ],
)
def test_technical_text_has_no_names(engine: DetectionEngine, text: str) -> None:
    assert "PERSON" not in engine.analyze(text).entities


@pytest.mark.parametrize(
    "text",
    [
        "The contract with Jonas Petraitis UAB was renewed.",
        "We ordered the parts from Müller Schmidt GmbH.",
        "Invoice from Matti Virtanen Oy, due Friday.",
        "Pay SIA „Anna Bērziņa“ by the end of the month.",
        "Talk to Pierre Dubois SARL about the delivery.",
    ],
)
def test_a_name_with_a_company_legal_form_is_an_organisation(text: str) -> None:
    finder = NameFinder(["en", "lt", "lv", "de", "fi", "fr"])
    assert finder.find(text, "en") == []


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "Bonjour, je suis Camille Lefebvre et j'ai une question."),
        ("pl", "Umowę podpisał Krzysztof Wiśniewski w poniedziałek."),
        ("nl", "Het contract is getekend door Sanne de Vries gisteren."),
        ("el", "Η σύμβαση υπογράφηκε από τον Γιώργο Παπαδόπουλο."),
        ("hu", "A szerződést Nagy Ferenc írta alá tegnap."),
    ],
)
def test_names_of_the_new_languages_are_found(language: str, text: str) -> None:
    assert NameFinder([language]).find(text, language)


@pytest.mark.parametrize(
    "text",
    [
        "Acme Ltd, registered office: 1 Canada Square, London E14 5AB.",
        "Send the keys to 7 Harbour View, Cobh, Co. Cork P24 X2Y3.",
        "Meet me outside Victoria Station at noon.",
        "She lectures at Trinity College on Tuesdays.",
    ],
)
def test_a_run_ending_in_a_place_word_is_no_person(text: str) -> None:
    finder = NameFinder(["en"])
    assert [s for s in finder.find(text, "en") if s.score >= 0.5] == []


def test_a_title_still_names_someone_whose_surname_is_a_place_word() -> None:
    finder = NameFinder(["en"])
    assert [s.score >= 0.5 for s in finder.find("Please ask Mr John Hill about it.", "en")] == [True]


def test_a_listed_surname_that_is_also_a_place_word_still_names_someone() -> None:
    finder = NameFinder(["en"])
    assert [s.score >= 0.5 for s in finder.find("The report was written by John Hill.", "en")] == [True]
