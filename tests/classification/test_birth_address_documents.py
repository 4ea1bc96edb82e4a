"""Dates of birth, postal addresses and document numbers in more of the forms the 26 languages
write them, and the look-alikes that are no one's: statistics, company seats, product codes."""

from __future__ import annotations

import pytest

from gateway.classification.addresses import AddressFinder
from gateway.classification.birth import BirthDateFinder
from gateway.classification.engine import DetectionEngine


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Herr Weber, geb. 5.10.78, wohnhaft in Bonn.", "5.10.78"),  # a two-digit year
        ("Η κόρη μου γεννήθηκε την 5η Οκτωβρίου 2012.", "5η Οκτωβρίου 2012"),  # an ordinal day
        ("Her date of birth is October 5th, 1978.", "October 5th, 1978"),
        ("Ma fille est née le 1er octobre 2012.", "1er octobre 2012"),
        ("Nací el 12 de marzo de 1985 en Sevilla.", "12 de marzo de 1985"),
        ("Synnyin 5.10.1978 Turussa.", "5.10.1978"),
        ("Rodil sem se 12. marca 1985 v Mariboru.", "12. marca 1985"),
        ("Moja se kći rodila 5. listopada 2012.", "5. listopada 2012"),
        ("Gimiau 1985 m. kovo 12 d. Kaune.", "1985 m. kovo 12 d."),  # Lithuanian year-first
        ("Mana meita piedzima 2012. gada 5. oktobrī.", "2012. gada 5. oktobrī"),
        ("Binti twieldet fil-5 ta' Ottubru 2012.", "5 ta' Ottubru 2012"),
        ("Mu poeg sündis 5. oktoobril 2014.", "5. oktoobril 2014"),
        ("Nimi: Mart Tamm, sünd. 14.02.1991", "14.02.1991"),
        ("Mein Sohn kam am 3. Juni 2015 zur Welt.", "3. Juni 2015"),
        ("Γεν. 03/06/1987", "03/06/1987"),
        ("Datum rođ.: 03.06.1987.", "03.06.1987"),
        ("Narodená 3. júna 1987.", "3. júna 1987"),
        ("Rugadh é ar an 3ú Meitheamh 1987.", "3ú Meitheamh 1987"),
    ],
)
def test_birth_words_and_date_forms_of_each_language(text: str, date: str) -> None:
    assert [text[h.start : h.end] for h in BirthDateFinder().find(text)] == [date]


@pytest.mark.parametrize(
    "text",
    [
        "Birth rates fell by 3% between 01/01/2010 and 31/12/2020 across the region.",
        "Births in 2020: 12.03.2020 was the busiest day of the maternity ward.",
        "Die Firma wurde am 1. April 1976 gegründet.",  # a founding, not a birth
        "Release 4.2 ships on 12.03.25.",  # a two-digit year with no birth word
        "Die Unterlagen stehen ab 12.03.2024 zur Verfügung.",  # "zur" alone is no birth word
    ],
)
def test_statistics_and_other_dates_are_not_dates_of_birth(text: str) -> None:
    assert BirthDateFinder().find(text) == []


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("Pošlete to prosím na Husova 12, 602 00 Brno.", "Husova 12"),  # a postal line's shape
        ("Minu aadress on Tähe tänav 7, 50103 Tartu.", "Tähe tänav 7"),
        ("Mon adresse : 45 bis avenue Jean Jaurès, 69007 Lyon.", "45 bis avenue Jean Jaurès"),
        ("Ég bý á Skólavörðustíg 12, 101 Reykjavík.", "Skólavörðustíg 12"),
        ("Es dzīvoju Brīvības ielā 55, Rīgā, LV-1010.", "Brīvības ielā 55"),  # the locative
        ("Živim na Slovenski cesti 10, 1000 Ljubljana.", "Slovenski cesti 10"),
        ("Ich arbeite bei der Müller GmbH und wohne in der Lindenstraße 5.", "Lindenstraße 5"),
        ("Szállítási cím: 1024 Budapest, Margit krt. 43.", "Margit krt. 43"),
        ("Mu kodu on Vabaduse pst 5-12, Tallinn.", "Vabaduse pst 5-12"),
        ("Es dzīvoju Ganību dambī 24, Rīgā.", "Ganību dambī 24"),
    ],
)
def test_street_forms_of_more_languages_are_addresses(text: str, street: str) -> None:
    assert [text[h.start : h.end] for h in AddressFinder().find(text)] == [street]


@pytest.mark.parametrize(
    "text",
    [
        "Sitz der Gesellschaft: Müller GmbH, Friedrichstraße 100, 10117 Berlin.",
        "Siège social : Durand SARL, 10 rue de la Paix, 75002 Paris.",
        "De Vries BV, statutair gevestigd aan de Herengracht 500, 1017 CB Amsterdam.",
        "Siedziba spółki Kowalski sp. z o.o.: ul. Prosta 20, 00-850 Warszawa.",
        "Windows 10, 2023 Edition ships with the new kernel.",  # a year is no postcode
        "Order 4821 shipped on 2024-03-12 via DHL, tracking to follow.",  # a date's day, not a house
        "The hotel has 3 Sea view rooms and a 5 Percent rise in bookings.",
    ],
)
def test_company_seats_and_look_alikes_are_not_a_persons_address(text: str) -> None:
    assert AddressFinder().find(text) == []


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("Meine Reisepassnummer lautet C4J7K2L9M.", "PASSPORT_NUMBER"),  # letters and digits mixed
        ("Mi número de pasaporte es PAA123456.", "PASSPORT_NUMBER"),  # Poland's shape, not its card
        ("Número de soporte del DNI: BAA000589.", "ID_CARD_NUMBER"),
        ("Ο αριθμός διαβατηρίου μου είναι AN1234567.", "PASSPORT_NUMBER"),  # the genitive's accent
        ("Az útlevelem száma BE1234567.", "PASSPORT_NUMBER"),
        ("Pasnr.: 208761234, udløber i 2030.", "PASSPORT_NUMBER"),
        ("Carte d'identité n° X4RTBPFW4, délivrée en 2022.", "ID_CARD_NUMBER"),
        ("Die Nummer meines Personalausweises lautet LZ6311T475.", "ID_CARD_NUMBER"),  # ten characters
        ("CI seria XV nr. 517234, eliberată de SPCLEP Iași.", "ID_CARD_NUMBER"),
        ("Numéro de ma pièce d'identité : 230512345678.", "ID_CARD_NUMBER"),
        ("Mana eID kartes numurs ir PB2345678.", "ID_CARD_NUMBER"),
        ("Nummer van mijn identiteitsbewijs: IR5K12345.", "ID_CARD_NUMBER"),
        # A document's words that the special-category finder also reads stay its context.
        ("Tá uimhir mo Chárta Seirbhísí Poiblí agam: 123456789.", "ID_CARD_NUMBER"),
    ],
)
def test_document_numbers_after_their_words(every_language: DetectionEngine, text: str, entity: str) -> None:
    assert entity in every_language.analyze(text).entities


@pytest.mark.parametrize(
    "text",
    [
        "Mój dowód osobisty ma numer ABA400000.",  # Poland's card, its check digit wrong
        "Der Ausweisdrucker Modell 4500 ist defekt.",
        "The passport office opens at 9 and handles 1200 applications a day.",
        "Release tag X4RTBPFW4 was pushed yesterday.",  # no document word
        "El DNI es obligatorio desde los 14 años, cuesta 12 euros.",
        "Seria de televiziune are 12 episoade de 45 de minute.",
    ],
)
def test_numbers_that_are_no_documents_are_not_reported(every_language: DetectionEngine, text: str) -> None:
    found = every_language.analyze(text).entities
    assert "PASSPORT_NUMBER" not in found and "ID_CARD_NUMBER" not in found


@pytest.mark.parametrize(
    "text",
    [
        "The meter read 8503127613 kWh at the end of the quarter.",  # a unit after it
        "Call the endpoint with limit 612345678 to fetch everything.",  # a parameter's value
        "Rufen Sie die Funktion mit dem Wert 0301234567 auf.",  # a value, not a phone number
        "Партида 8503127613 е изтеглена от пазара.",  # a batch
        "През 2023 г. са продадени 8503127613 бройки.",  # a count
        "Mätaren visar 0701234567 kWh.",
    ],
)
def test_readings_values_and_batches_are_no_identifiers(every_language: DetectionEngine, text: str) -> None:
    assert every_language.analyze(text).entities == {}


def test_a_bare_number_in_a_sentence_is_still_reported(every_language: DetectionEngine) -> None:
    # The same digits with nothing saying what else they are: a weak identifier in prose counts.
    assert every_language.analyze("Mein Kennzeichen ist 8503127613.").entities
