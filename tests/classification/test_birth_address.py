"""Dates of birth and street addresses in the EU languages, and dates and numbers that are neither."""

from __future__ import annotations

from pathlib import Path

import pytest

from gateway.classification import addresses
from gateway.classification.addresses import AddressFinder
from gateway.classification.birth import BirthDateFinder
from gateway.classification.engine import DetectionEngine
from gateway.classification.normalise import normalise

DEV = Path(__file__).parent / "dev"


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("I was born on 14 March 1952 in York.", "14 March 1952"),
        ("Born: March 14, 1952", "March 14, 1952"),
        ("Geburtsdatum 03.11.1987, Staatsangehörigkeit deutsch", "03.11.1987"),
        ("Née le 2/7/1961 à Nantes.", "2/7/1961"),
        ("Data urodzenia: 1979-08-15", "1979-08-15"),
        ("Dzimusi 1977. gada 3. martā Rīgā.", "1977. gada 3. martā"),
        ("Születési idő: 1965. május 8.", "1965. május 8."),
        ("Ημερομηνία γέννησης: 02/03/1981", "02/03/1981"),
        ("Narodil se 6. 4. 1956 v Brně.", "6. 4. 1956"),
    ],
)
def test_a_date_next_to_a_birth_word_is_a_date_of_birth(text: str, date: str) -> None:
    hits = BirthDateFinder().find(text)
    assert [text[h.start : h.end] for h in hits] == [date]


@pytest.mark.parametrize(
    "text",
    [
        "Released on 12.03.2024 with 5 fixes.",
        "The birth of the project in 2012 with 3 people.",
        "Born in 1990, the format is still in use.",  # a year is not a date
    ],
)
def test_dates_without_a_birth_or_a_full_date_are_not_dates_of_birth(text: str) -> None:
    assert BirthDateFinder().find(text) == []


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("Ship it to 221B Baker Street, London NW1 6XE.", "221B Baker Street"),
        ("Wir wohnen in der Hauptstraße 5, 10115 Berlin.", "Hauptstraße 5"),
        ("Envoyez à 12 avenue Victor Hugo, 75016 Paris.", "12 avenue Victor Hugo"),
        ("ul. Marszałkowska 10/12, 00-590 Warszawa", "ul. Marszałkowska 10/12"),
        ("Adresa: Karlova 3, 110 00 Praha 1", "Karlova 3"),
        ("Gedimino pr. 5, LT-01103 Vilnius", "Gedimino pr. 5"),
        ("Pjazza San Ġorġ 4, Valletta", "Pjazza San Ġorġ 4"),
    ],
)
def test_street_and_number_are_an_address(text: str, street: str) -> None:
    hits = AddressFinder().find(text)
    assert [text[h.start : h.end] for h in hits] == [street]


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("Ma adresse : 12 RUE DES LILAS, Paris.", "12 RUE DES LILAS"),
        ("ΟΔΌΣ Ερμού 25, Αθήνα", "ΟΔΌΣ Ερμού 25"),
        ("Μένω στην Οδόσ Ερμού 25.", "Οδόσ Ερμού 25"),  # a sigma not in its final form
        # "İ" lower-cases to two characters: the street words' places shift, the street is found.
        ("Kontakt İstanbul. Ich wohne in der LINDENSTRASSE 4.", "LINDENSTRASSE 4"),
        ("Bydlím, ADRESA: Vinohradská 48", "Vinohradská 48"),
    ],
)
def test_street_words_in_any_case_still_lead_to_the_address(text: str, street: str) -> None:
    hits = AddressFinder().find(text)
    assert [text[h.start : h.end] for h in hits] == [street]


def test_windows_without_a_street_or_address_word_would_not_have_matched() -> None:
    """The words that let a window be scanned are in every match the street expressions find: a
    street-type word before or after the name, or a glued ending, each in the matches of its shapes."""
    lines = [
        line.split("|", 2)[2]
        for path in sorted(DEV.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.count("|") >= 2 and not line.startswith("#")
    ]
    matched = 0
    for text in (normalise(line).text for line in lines):
        lowered = text.lower()
        if len(lowered) != len(text):
            continue
        for start, end in addresses._windows(text):
            for kind, word in addresses._STREET_WORDS.items():
                if addresses._STREET_BY_KINDS[frozenset({kind})].search(text, start, end):  # type: ignore[union-attr]
                    matched += 1
                    assert word.search(lowered, start, end), (kind, text[start:end])
            if addresses._CONTEXT_THEN_STREET.search(text, start, end):
                assert addresses._CONTEXT_WORD.search(lowered, start, end), text[start:end]
    assert matched > 50


@pytest.mark.parametrize(
    "text",
    [
        "Run the job via 3 workers on port 8080.",
        "Version 2 of the API returns 404 on line 12.",
        "The README has 5 sections and Step 3 runs tests.",
    ],
)
def test_numbers_in_technical_text_are_not_addresses(text: str) -> None:
    assert AddressFinder().find(text) == []


def test_the_engine_reports_both_as_personal_data(engine: DetectionEngine) -> None:
    found = engine.analyze("Patient born 03.11.1987, living at Lindenstraße 12, 80331 München.")
    assert found.entities.get("DATE_OF_BIRTH") == 1
    assert found.entities.get("STREET_ADDRESS") == 1
    assert "PHONE_NUMBER" not in found.entities  # the date's and postcode's digits are not a phone
