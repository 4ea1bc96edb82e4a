"""Companies with a legal form, carriers and their tracking numbers: organisations and parcels,
not people or their identifiers; and the people next to them still found."""

from __future__ import annotations

import pytest

from gateway.classification.addresses import AddressFinder
from gateway.classification.engine import DetectionEngine
from gateway.classification.names import NameFinder
from gateway.classification.national import NationalIdFinder

ALL = [
    *("bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu"),
    *("is", "it", "lt", "lv", "mt", "nl", "no", "pl", "pt", "ro", "sk", "sl", "sv"),
]


@pytest.fixture(scope="module")
def names() -> NameFinder:
    return NameFinder(ALL)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("es", "Redacta un correo a Construcciones Ebro S.A. sobre el contrato con Grupo Miravalle S.L.U."),
        ("pl", "Notatka: Termex Logistyka sp. z o.o. przesuwa dostawę na Q3."),
        ("pl", "Faktura od Budimex Sp. z o.o. przyszła wczoraj."),
        ("cs", "Smlouvu podepsala společnost Datanet Morava, spol. s r.o. v úterý."),
        ("sk", "Dodávku zabezpečí Tatra Stavby s.r.o. do konca mesiaca."),
        ("hr", "Ugovor s tvrtkom Jadran Gradnja d.o.o. je produžen."),
        ("hu", "A számlát a Dunai Kavics Kft. állította ki."),
        ("hu", "A Richter Gedeon Nyrt. közleménye szerint."),
        ("fi", "Tilaus lähti Pohjolan Kone Oyj:n kautta, ei Savon Sellu Oy kautta."),
        ("et", "Partneriks tuleb Nortal AS ja Põhja Puit OÜ."),
        ("da", "Vestjysk Byg ApS har forlænget aftalen."),
        ("sv", "Avtalet med Norrlands Trä AB löper ut i maj."),
        ("de", "Die Sonnentechnik Gruber KG liefert im Mai."),
        ("nl", "Factuur van Hollandse Bouw B.V. is betaald."),
        ("it", "Il contratto con Ferramenta Rossi Srl scade a giugno."),
        ("ro", "Contractul cu S.C. Carpatica Vest SRL a fost semnat."),
        ("bg", "Договорът с Инфосистеми Пловдив ЕООД е подновен."),
        ("el", "Η σύμβαση με την Ελληνική Συσκευασία Α.Ε. ανανεώθηκε."),
        ("lt", "Sutartį pasirašė UAB Žalias Miškas vakar."),
        ("lv", "Rēķinu izrakstīja SIA Zaļā Upe."),
        ("ga", "Sheol Ó Sé Teoranta an sonrasc inné."),
        ("is", "Villuna tilkynnti Origo Lausnir hf. í gær."),
        ("en", "The licence comes from Harbour Analytics Ltd and Kestrel Data DAC."),
        ("ro", "Coletul a plecat prin Fan Courier spre Cluj."),
        ("sl", "Paket je bil odposlan s Pošto Slovenije."),
        ("sv", "Paketet skickas med Postnord Sverige i dag."),
    ],
)
def test_a_run_next_to_a_legal_form_or_naming_a_carrier_is_no_person(
    names: NameFinder, language: str, text: str
) -> None:
    assert [text[s.start : s.end] for s in names.find(text, language) if s.score >= 0.5] == []


@pytest.mark.parametrize(
    ("language", "text", "person"),
    [
        ("pl", "Umowę podpisał Jan Kowalski z firmy Budimex Sp. z o.o. wczoraj.", "Jan Kowalski"),
        ("de", "Herr Post hat gestern angerufen.", "Post"),  # a title outranks a carrier word
        ("en", "I met Maria Hansen at the Kestrel Data DAC office.", "Maria Hansen"),
    ],
)
def test_people_next_to_organisations_are_still_found(
    names: NameFinder, language: str, text: str, person: str
) -> None:
    assert person in [text[s.start : s.end] for s in names.find(text, language) if s.score >= 0.5]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("sl", "Sledilna številka PS 5510 2287 93 SI; preveri dostavo."),
        ("hr", "Pošiljka RR123456785HR stoji u sortirnom centru."),
        ("lt", "Siuntos kodas CC482913075LT, pristatymas lapkričio 12 d."),
        ("pt", "Código de seguimento RR938221045PT, entrega até sexta."),
        ("sk", "`2025-06-03 09:11:48 WARN [exec-7] HikariPool-1 - timeout`"),
        ("de", "2024-11-05 07:12:44 Export fertig"),
        # A carrier or a parcel word before a number that passes a check (a PESEL's here).
        ("pl", "Przesyłka DPD 44051401359 jest w drodze."),
        ("pl", "Numer przesyłki: 44051401359"),
        ("en", "Tracking number 44051401359, due Friday."),
    ],
)
def test_tracking_numbers_and_timestamps_are_no_national_identifiers(language: str, text: str) -> None:
    assert NationalIdFinder().find(text, language) == []


@pytest.mark.parametrize(
    "text", ["PESEL 44051401359, przesyłka DPD jutro.", "Przesyłka do Jana, PESEL 44051401359."]
)
def test_a_labelled_personal_number_near_a_parcel_word_is_still_found(text: str) -> None:
    assert [h.entity for h in NationalIdFinder().find(text, "pl")] == ["PL_PESEL"]


def test_a_personal_number_next_to_a_tracking_number_is_still_found() -> None:
    text = "Zásilka RR123456785CZ, můj personnummer 811228-9874."
    found = NationalIdFinder().find(text, "sv")
    assert [(text[h.start : h.end], h.entity) for h in found] == [
        ("811228-9874", "SE_PERSONAL_IDENTITY_NUMBER")
    ]


def test_an_initial_after_a_name_is_no_street_type() -> None:
    assert AddressFinder().find("Consulta: usuaria Marta G., 26 años, acude hoy.") == []
    assert AddressFinder().find("Adresas: Gedimino g. 5, Vilnius") != []


def test_company_texts_are_not_personal(every_language: DetectionEngine) -> None:
    text = "Notatka ze spotkania: Termex Logistyka sp. z o.o. przesuwa dostawę na Q3, budżet 1 250 000 zł."
    assert every_language.analyze(text).entities == {}
