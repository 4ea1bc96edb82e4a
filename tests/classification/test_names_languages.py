"""Names in all 26 languages: opening a sentence, in their case forms, and institutions that are
no one ("Parlamento Europeu", "Ministerstwo Zdrowia")."""

from __future__ import annotations

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


def _persons(names: NameFinder, text: str, lang: str) -> list[str]:
    return [text[s.start : s.end] for s in names.find(text, lang) if s.score >= 0.5]


@pytest.mark.parametrize(
    ("lang", "text", "person"),
    [
        ("bg", "Мария е бременна.", "Мария"),
        ("cs", "Petr má cukrovku.", "Petr"),
        ("da", "Mette er gravid.", "Mette"),
        ("de", "Jürgen hat Diabetes.", "Jürgen"),
        ("el", "Η Μαρία είναι έγκυος.", "Μαρία"),
        ("es", "Lucía está embarazada.", "Lucía"),
        ("et", "Kadri on rase.", "Kadri"),
        ("fi", "Liisa on raskaana.", "Liisa"),
        ("fr", "Camille est enceinte.", "Camille"),
        ("ga", "Siobhan, tá sí ag iompar clainne.", "Siobhan"),
        ("hr", "Ivana je trudna.", "Ivana"),
        ("hu", "Katalin terhes.", "Katalin"),
        ("is", "Guðrún er ólétt.", "Guðrún"),
        ("it", "Giulia è incinta.", "Giulia"),
        ("lt", "Rūta laukiasi.", "Rūta"),
        ("lv", "Ilze ir stāvoklī.", "Ilze"),
        ("mt", "Marija hija tqila.", "Marija"),
        ("nl", "Sanne is zwanger.", "Sanne"),
        ("no", "Ingrid er gravid.", "Ingrid"),
        ("pl", "Katarzyna jest w ciąży.", "Katarzyna"),
        ("pt", "Joana está grávida.", "Joana"),
        ("ro", "Ioana este însărcinată.", "Ioana"),
        ("sk", "Zuzana je tehotná.", "Zuzana"),
        ("sl", "Maja je noseča.", "Maja"),
        ("sv", "Ebba är gravid.", "Ebba"),
        ("en", "Chloe has epilepsy.", "Chloe"),
    ],
)
def test_a_first_name_opening_a_sentence_is_someone(
    names: NameFinder, lang: str, text: str, person: str
) -> None:
    assert _persons(names, text, lang) == [person]


@pytest.mark.parametrize(
    ("lang", "text", "person"),
    [
        ("pl", "Wczoraj widziałem Annę Kowalską w szpitalu.", "Annę Kowalską"),
        ("pl", "Dokumenty przekazałem Piotrowi Nowakowi.", "Piotrowi Nowakowi"),
        ("cs", "Dopis poslal Jiřímu Novákovi.", "Jiřímu Novákovi"),
        ("cs", "Mluvil jsem s Hanou.", "Hanou"),
        ("sk", "Stretol som Jána Kováča.", "Jána Kováča"),
        ("sl", "Pogovarjal sem se z Janezom.", "Janezom"),
        ("hr", "Razgovarao sam s Ivanom Horvatom.", "Ivanom Horvatom"),
        ("fi", "Tapasin Matti Virtasen eilen.", "Matti Virtasen"),
        ("fi", "Soitin Annalle illalla.", "Annalle"),
        ("et", "Rääkisin eile Kadriga.", "Kadriga"),
        ("hu", "Átadtam a levelet Petrának.", "Petrának"),
        ("hu", "Beszéltem Péterrel tegnap.", "Péterrel"),  # the verb opening the sentence is no name
        ("el", "Μίλησα με τον αδερφό του Γιώργου Παπαδόπουλου.", "Γιώργου Παπαδόπουλου"),
        ("is", "Ég hitti bróður Jóns í gær.", "Jóns"),
        ("lt", "Perdaviau dokumentus Jonui Kazlauskui.", "Jonui Kazlauskui"),
        ("lv", "Es runāju ar Jāni Bērziņu.", "Jāni Bērziņu"),
        ("ga", "Dia duit, a Shiobhan.", "Shiobhan"),
    ],
)
def test_names_are_found_in_their_case_forms(names: NameFinder, lang: str, text: str, person: str) -> None:
    assert _persons(names, text, lang) == [person]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("pt", "O Parlamento Europeu aprovou a lei sobre o aborto."),
        ("pt", "O Banco de Portugal publicou um estudo sobre a saúde mental."),
        ("pt", "A Comissão Europeia propôs novas regras sobre dados genéticos."),
        ("pt", "Caixa Geral de Depósitos financia a investigação sobre VIH."),
        ("pt", "Instituto Nacional de Estatística publicou dados sobre a diabetes."),
        ("cs", "Ministerstvo zdravotnictví doporučuje testy na HIV."),
        ("pl", "Ministerstwo Zdrowia opublikowało raport o depresji."),
        ("lt", "Europos Parlamentas balsavo dėl abortų."),
        ("lv", "Eiropas Parlaments apsprieda garīgo veselību."),
        ("mt", "Il-Parlament Ewropew iddiskuta l-abort."),
        ("es", "La Comisión Europea presentó un informe sobre la salud mental."),
        ("it", "Il Ministero della Salute ha pubblicato dati sul diabete."),
        ("ro", "Banca Națională a României a publicat un studiu despre depresie."),
        ("hu", "Az Európai Bizottság jelentést tett közzé a cukorbetegségről."),
        ("de", "Das Bundesministerium für Gesundheit veröffentlichte Zahlen zu Diabetes."),
        ("sk", "Národná rada Slovenskej republiky rokovala o potratoch."),
        ("mt", "Ħija membru tal-Partit Nazzjonalista."),
    ],
)
def test_an_institution_is_no_person(names: NameFinder, lang: str, text: str) -> None:
    assert _persons(names, text, lang) == []


def test_a_listed_name_spelt_like_an_institution_word_is_still_someone(names: NameFinder) -> None:
    assert _persons(names, "The song was written by Charlotte Church.", "en") == ["Charlotte Church"]


def test_a_title_names_someone_in_an_institution_word(names: NameFinder) -> None:
    assert _persons(names, "Herr Bundes sagte das.", "de") == ["Bundes"]


def test_an_institution_is_no_person_a_topic_belongs_to(every_language: DetectionEngine) -> None:
    result = every_language.analyze("Ministerstwo Zdrowia opublikowało raport o depresji.")
    assert "PERSON" not in result.entities
    assert not result.special_categories


@pytest.mark.parametrize(
    ("lang", "text", "person"),
    [
        ("pl", "Pracownicy muszą oddać odciski palców, także pani Nowak.", "Nowak"),
        ("pl", "Rozmawiałem z panem Kowalskim.", "Kowalskim"),
        ("cs", "Mluvil jsem s panem Novákem.", "Novákem"),
        ("fr", "Je parle à madame Dubois.", "Dubois"),
        ("es", "Hablé con la señora García.", "García"),
        ("pt", "Falei com o senhor Pereira.", "Pereira"),
        ("ro", "Am vorbit cu doamna Popescu.", "Popescu"),
    ],
)
def test_a_lower_case_title_names_the_surname_after_it(
    names: NameFinder, lang: str, text: str, person: str
) -> None:
    assert _persons(names, text, lang) == [person]
