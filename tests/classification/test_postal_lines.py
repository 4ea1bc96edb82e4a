"""Postal lines with no street-type word, abbreviated street types, estates and dwelling parts;
and numbers followed by capitalised words that are no postcode and town."""

from __future__ import annotations

import pytest

from gateway.classification import addresses
from gateway.classification.addresses import AddressFinder


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("Schick mir die Unterlagen nach Hause: Am Mühlbach 3a, 81547 München.", "Am Mühlbach 3a"),
        ("Στείλε τα στο σπίτι: Τσιμισκή 112, 3ος όροφος, 546 22 Θεσσαλονίκη.", "Τσιμισκή 112"),
        ("Send brevet til mig privat: Åboulevarden 45, 1. th., 8000 Aarhus C.", "Åboulevarden 45"),
        ("Вкъщи: ж.к. „Тракия“, бл. 112, вх. Б, ап. 14, 4023 Пловдив.", "ж.к. „Тракия“, бл. 112"),
        ("Uus kodune aadress on Tähe tn 8, 50103 Tartu.", "Tähe tn 8"),
        ("Pošlete to na Hlavná 48, 040 01 Košice.", "Hlavná 48"),
        ("Moja adresa: Kolodvorska 7, kat 3, stan 12, 10000 Zagreb.", "Kolodvorska 7"),
        ("Wyślij na pl. Grunwaldzki 22, 50-363 Wrocław.", "pl. Grunwaldzki 22"),
        ("Bydlím na nám. Míru 15, 120 00 Praha 2.", "nám. Míru 15"),
        ("Trimite pe b-dul Unirii 14, bl. 3, ap. 7, 030167 București.", "b-dul Unirii 14"),
        ("Pošlji na Celovška 150, 1000 Ljubljana.", "Celovška 150"),
        ("Stuur het naar Oudegracht 231, 3511 NK Utrecht.", "Oudegracht 231"),
        ("Envie para Rua Augusta, 120, 2.º Dto., 1100-053 Lisboa.", "Rua Augusta, 120"),
        ("Nosūti uz Dzirnavu 57, Rīga, LV-1010.", "Dzirnavu 57"),
        ("Lähetä kotiin: Kotikatu 3 as. 5, 00100 Helsinki.", "Kotikatu 3"),
        ("Skicka hem till mig: Slottsallén 4, 2 tr, 582 22 Linköping.", "Slottsallén 4"),
        ("Adresa: Lalelelor 14, bl. 3, ap. 7, 030167 București.", "Lalelelor 14"),  # six digits
        ("Post it to me at 41 Millbrook, Ballincollig, Co. Cork P31 F6K2.", "41 Millbrook"),
        ("Seol chuig: 22 Bóthar na hAbhann, Baile Átha Luain, N37 H2X4.", "22 Bóthar na hAbhann"),
        ("Pošlji mi domov na Gosposvetska 9, 2000 Maribor.", "Gosposvetska 9"),  # a home word
        # A postcode's own label before it.
        ("Τσιμισκή 112, Τ.Κ. 546 22 Θεσσαλονίκη", "Τσιμισκή 112"),
        ("Santa Engracia 14, C.P. 28010 Madrid", "Santa Engracia 14"),
        ("Garibaldi 24, CAP 20121 Milano", "Garibaldi 24"),
        # As on an envelope, the postcode and town on the next line.
        ("Bitte an:\nIngrid Maas\nAm Mühlbach 3a\n81547 München", "Am Mühlbach 3a"),
        ("Schreib an:\nHerrn Jan Novák\nLidická 33\n602 00 Brno", "Lidická 33"),
        ("Dzirnavu 57\nRīga, LV-1010", "Dzirnavu 57"),
    ],
)
def test_a_street_line_followed_by_a_postcode_and_town_is_an_address(text: str, street: str) -> None:
    hits = AddressFinder().find(text)
    assert any(street in text[h.start : h.end] for h in hits)


def test_a_home_word_lets_a_street_line_followed_by_a_town_count_without_a_postcode() -> None:
    text = "Bitte schick es nach Hause: Birkenweg 7, Regensburg."
    hits = AddressFinder().find(text)
    assert [text[h.start : h.end] for h in hits] == ["Birkenweg 7"]
    text = "Lähetä kotiosoitteeseeni: Puistokatu 3, Turku."
    assert [text[h.start : h.end] for h in AddressFinder().find(text)] == ["Puistokatu 3"]
    # With no home word and no postcode, a name, a number and a capitalised word are no address.
    assert AddressFinder().find("Im Kapitel Grundlagen 7, Regensburg als Beispiel.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Umsatz 1200, 3500 Kunden haben bestellt.",  # an amount and a count, not a postcode
        "Windows 10, 2023 Edition, is installed on 40 machines.",  # a year is no postcode
        "Version 12, 81547 Downloads seit Mai.",  # a version line
        "Rechnung 4711, 1500 Euro bis Freitag.",  # an invoice and an amount
        "Order 5521, 3 items, 8000 Units shipped.",
        "Ich arbeite von zu Hause mit Windows 11 und Office 365.",  # a home word, no street line
        "Sitz der Gesellschaft: Müller GmbH, Am Mühlbach 3a, 81547 München.",  # a company's seat
        "Kapitola 3, 602 00 Brno je v textu uvedeno jako příklad.",
        "Chapitre 4, 2500 Mots : résume ce texte pour la réunion.",
        "Hoofdstuk 5, 3000 Woorden: vat de tekst samen.",
        "Offerte: 12 pallets, 1500 Euro excl. btw.",
        "Gosposvetska 9, 2000 Maribor.",  # a year-shaped postcode needs a home word before it
        "Step 2\n1500 Users",
        "Ticket 42\n8000 Kunden betroffen",
        "Kapitola 3\n602 00 Brno",
    ],
)
def test_numbers_before_capitalised_words_are_not_addresses(text: str) -> None:
    assert AddressFinder().find(text) == []


def test_a_home_or_address_word_before_a_street_raises_its_score() -> None:
    bare = AddressFinder().find("Die Lindenstraße 14 ist hübsch.")
    home = AddressFinder().find("Mein Zuhause: Lindenstraße 14 ist hübsch.")
    assert [h.score for h in bare] == [addresses.SCORE_ADDRESS]
    assert [h.score for h in home] == [addresses.SCORE_WITH_POSTCODE]
