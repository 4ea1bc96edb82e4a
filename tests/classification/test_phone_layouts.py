"""Phone numbers stated with no word beside them: in a table under a phone heading, right after a
person's name, below a name in a signature, after "number"; and the look-alikes that stay none."""

from __future__ import annotations

import pytest

from gateway.classification.engine import DetectionEngine
from gateway.classification.phone_columns import heading_of


@pytest.mark.parametrize(
    "text",
    [
        "Nazwisko;Imię;Komórka\nWiśniewski;Piotr;512345678",
        "Cognome;Nome;Cellulare\nEsposito;Marco;3391234567",
        "Επώνυμο;Όνομα;Κινητό\nΓεωργίου;Δημήτρης;6981234567",
        "Efternavn;Fornavn;Mobil\nNielsen;Kasper;40123456",
        "| name | role | phone |\n|---|---|---|\n| Amy | treasurer | 07866 554433 |",
        "Kunde\tOrt\tFestnetz\nHoffmann\tKöln\t0221 9876543",
    ],
)
def test_a_number_under_a_phone_heading_is_a_phone_number(every_language: DetectionEngine, text: str) -> None:
    assert "PHONE_NUMBER" in every_language.analyze(text).entities


@pytest.mark.parametrize(
    "text",
    [
        "Nazwisko;Imię;Zamówienie\nWiśniewski;Piotr;512345678",  # the column holds orders
        "Produkt;Telefon;Cena\nSmartfon X;Samsung;512345678",  # the phone column is another one
        "Bestellnummer;Handy-Modell\n0171234567;Pixel 8",
    ],
)
def test_a_number_under_another_heading_is_no_phone_number(
    every_language: DetectionEngine, text: str
) -> None:
    assert "PHONE_NUMBER" not in every_language.analyze(text).entities


def test_the_heading_is_the_same_field_of_the_line_above_and_the_cell_holds_only_the_number() -> None:
    text = "Name;Mobile;City\nAnna;0612345678;Leeds\nBen;0698765432 or later;York"
    first = text.index("0612345678")
    second = text.index("0698765432")
    assert heading_of(text, first, first + 10) == "Mobile"
    assert heading_of(text, second, second + 10) is None  # words share its cell


@pytest.mark.parametrize(
    "text",
    [
        "Anna Nowak 601 234 567",  # a Polish mobile grouped like an amount, a name before it
        "Ion Popescu 0721234567",  # one run of digits after a name
        "Γιώργος Παπαδόπουλος 6912345678",
        "Jeśli mnie nie znajdziesz, zapytaj Tomka, 698 765 432, on ma klucze.",
        "Ef þú finnur mig ekki, talaðu við Gunnar, 698 7654, hann er með lykilinn.",
        "Hvis du ikke kan finde mig, så spørg Jens, 31 22 44 66, han har nøglen.",
        "If anything goes wrong, the person who can sort it out is Dave, 0161 496 7712.",
        "Z poważaniem\nMarek Zieliński\nDział zakupów\n604 555 123",
        "Vennlig hilsen\nLars Berg\nInnkjøp\n958 76 543",
        "Mijn nieuwe nummer is 0612398765.",  # "number" right before: no identifier guessed in it
        "S. 581 2345 innanhúss 214",  # an Icelandic "S." (sími) opening a line
        "Teil. 091 123 456 síneadh 214",
        "Hilsen\nTuva\nm. 922 11 334",  # a signature's one-letter label
        "Φιλιά\nΝεφέλη\nκ. 695 221 3344",
        "Numre til turen:\nFreja: 25 36 47 58\nMagnus: 42 51 60 79",  # a list of first names
        "Amikor a szerelő jön, a szomszédomat keresse a 06 1 234 5678-as számon.",  # named after
        "Cuando llegue el técnico, que llame a mi vecina Rosa al 91 123 45 67.",  # contact verbs
        "Þegar hann kemur þarf hann að hafa samband við nágranna minn í 552 1234.",
        "Ko bo serviser prišel, naj pokliče mojo sosedo na 01 234 56 78.",
        "När montören kommer ska han höra av sig till min granne på 08-123 456 78.",
        "Dzwoniła z 0048601234567 wczoraj wieczorem.",  # '00' run into a country code, no word
        "Frau Keller (089) 123456 kommt morgen vorbei.",  # a bracketed area code after a name
        "Pani Nowak, tel. 22 123 45 67 w. 12",  # "w." is an extension, not watts
        "Kundze Ozola 29 123 456 zvanīs rīt.",  # a phone word after it only
    ],
)
def test_a_number_beside_a_name_or_its_own_label_is_a_phone_number(
    every_language: DetectionEngine, text: str
) -> None:
    assert "PHONE_NUMBER" in every_language.analyze(text).entities


@pytest.mark.parametrize(
    "text",
    [
        "Bestilling 41234567 er sendt.",  # a noun opening the sentence is no name
        "Nachricht Nr 0171 1234567 wurde gelöscht.",  # a number sign names what it numbers
        "Mieszkańcy Krakowa 804 237, Wrocławia 674 079.",
        "Sijainti 61.49911, 23.78712 GPS:n mukaan.",  # a coordinate after a capitalised word
        "Staðsetning 65.68353, -18.08780 samkvæmt GPS.",
        "Sprzedaż Polska 601 234 567 zł w 2023 roku.",  # an amount's unit after it
        "Population of Leeds 812 000, Bradford 546 400 (2021 census).",
        "Inwoners Rotterdam 655 468, Utrecht 361 924.",
        "Resumen del año:\nIngresos: 612 345 678\nGastos: 598 765 432",  # amounts in a list
        "Podsumowanie roku:\nPrzychody: 601 234 567\nKoszty: 512 345 678",
        "Barcode 0012345678905 on the back of the box.",  # leading zeros run into a US number
        "Codice prodotto 00393471234567, taglia M.",  # '00' run into a country code, named a code
        "Le lot 0033612345678 a été rappelé par le fabricant.",
        "Die Lieferung 00340434161234567890 ist unterwegs.",
    ],
)
def test_counts_codes_and_coordinates_after_capitalised_words_are_no_phone_numbers(
    every_language: DetectionEngine, text: str
) -> None:
    assert "PHONE_NUMBER" not in every_language.analyze(text).entities


def test_a_lower_case_word_spelled_like_an_identifiers_acronym_names_no_identifier(
    every_language: DetectionEngine,
) -> None:
    text = "Jeśli mnie nie znajdziesz, zapytaj Tomka, 698 765 432."  # Polish "nie" is "not"
    assert "PHONE_NUMBER" in every_language.analyze(text).entities
    # Written as the acronym (Spain's foreigner number), the label says which number it is.
    assert "PHONE_NUMBER" not in every_language.analyze("Su NIE: 698 765 432.").entities
