"""Phone numbers in prose: read in the text's own countries, after a phone word that names them."""

from __future__ import annotations

import pytest

from gateway.classification.engine import DetectionEngine
from gateway.classification.evasion import EvadedNumberFinder
from gateway.classification.phone_words import countries_of

ALL = [
    *("bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu"),
    *("is", "it", "lt", "lv", "mt", "nl", "no", "pl", "pt", "ro", "sk", "sl", "sv"),
]


@pytest.mark.parametrize(
    "text",
    [
        "The API call returned 4915123456789 as the object id.",  # a phone word, used otherwise
        "The function call took 0612345678 ns on the mobile build.",
        "Mobile app downloads reached 0612345678 this quarter.",
        "The phone model SM-G991B sold 61234567 units in Europe.",
        "Our call centre handled 0301234567 minutes of calls last year.",
        "Die Telefonanlage hat die Seriennummer 0301234567.",
        "Call the endpoint with id=0612345678&page=2",
        "Please call the function with 0612345678 as the seed value.",
        "Phone sales: 3 456 789 units in Q3, versus 2 987 654 in Q2.",
        "Mobile data usage 61 234 567 MB across the fleet.",
        "Call volume 0800 to 0900 peaked at 4567890.",  # no number bridged over another one
        "O número do processo é 912345678.",  # an order's, a case's, an invoice's number
        "A rendelés száma 06301234567.",
        "Ο αριθμός παραγγελίας είναι 6912345678.",
        "Numărul comenzii este 0712345678.",
        "Is é uimhir an ordaithe 0871234567.",
    ],
)
def test_numbers_in_technical_text_and_business_records_are_no_phone_numbers(
    every_language: DetectionEngine, text: str
) -> None:
    assert "PHONE_NUMBER" not in every_language.analyze(text).entities


@pytest.mark.parametrize(
    "text",
    [
        "Phone: 06 12 34 56 78 (after 6 pm)",  # right after a phone word: any country's trunk prefix
        "Appelez-moi au 01 42 68 53 00 demain matin.",
        "Helista mulle numbril 5123 4567.",
        "Síminn minn er 611 2345.",
        "Обадете ми се на 0888 123 456.",
        "Glaoigh orm ar 087 123 4567.",
        "my whatsapp is +44 7911 123 456",  # written internationally: no phone word needed
    ],
)
def test_phone_numbers_after_a_phone_word_are_found(every_language: DetectionEngine, text: str) -> None:
    assert every_language.analyze(text).entities == {"PHONE_NUMBER": 1}


def test_a_number_is_read_in_the_countries_of_the_text_languages_only() -> None:
    finder = EvadedNumberFinder()
    # A Dutch mobile number after a plain "number" word: Dutch text, not English text.
    assert [h.entity for h in finder.find("Mijn nummer is 0612345678", ("nl",))] == ["PHONE_NUMBER"]
    assert finder.find("The number 0612345678 was drawn", ("en",)) == []
    # Right after a phone word, a number is any country's (a short message's language is often
    # unknown): with its trunk prefix or without (a Spanish or Italian mobile number).
    assert [h.entity for h in finder.find("Phone: 0612345678", ("en",))] == ["PHONE_NUMBER"]
    assert [h.entity for h in finder.find("Phone: 612345678", ("en",))] == ["PHONE_NUMBER"]
    assert [h.entity for h in finder.find("Cell. 347 - 123 - 4567", ("bg",))] == ["PHONE_NUMBER"]
    # Still only where a numbering plan says it is a number: 9 digits no EU plan holds.
    assert finder.find("Phone: 112345678", ("en",)) == []
    # A plain "number" word is not a phone word: only the text's countries.
    assert finder.find("The number 612345678 was drawn", ("en",)) == []


def test_each_language_names_the_countries_its_numbers_come_from() -> None:
    assert countries_of(("de", "en")) == ("DE", "AT", "CH", "LI", "LU", "GB", "IE", "MT")
    assert countries_of("no") == ("NO",)
    assert countries_of(None) == ()
    assert all(countries_of(lang) for lang in ALL)


@pytest.mark.parametrize(
    "text",
    [
        "Bel gerust: +31 (0)6 1234 5678",  # the trunk prefix kept after the country code
        "Erreichbar unter +49 (0)151 2345 6789.",
        "Môžete ma kontaktovať na čísle 0905 123 456.",  # contact words name a phone number
        "Mes coordonnées : 06 12 34 56 78, merci de rappeler.",
        "Please ring me back on 087 123 4567 before Friday.",
        "Puedes contactarme en el 612 345 678 por las tardes.",
        "Proszę o kontakt pod numerem 601 234 567.",
        "Επικοινωνήστε μαζί μου στο 694 123 4567.",
        "Kontaktujte mě na čísle 777 123 456.",
    ],
)
def test_phone_numbers_after_contact_words_or_with_a_bracketed_trunk_prefix_are_found(
    every_language: DetectionEngine, text: str
) -> None:
    assert "PHONE_NUMBER" in every_language.analyze(text).entities


def test_contact_words_before_a_count_or_an_invalid_number_find_nothing(
    every_language: DetectionEngine,
) -> None:
    assert every_language.analyze("Contact form submissions: 34567891 in total.").entities == {}
    assert every_language.analyze("Tel: +31 (0)6 1234").entities == {}
