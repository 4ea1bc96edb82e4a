"""More of the ways people write a phone number or an IBAN to slip it past a filter: list items,
blank lines, keycap emoji, commas after a country code, '00' and the country code run together,
two runs of words between the groups, look-alikes in compact IBANs, the country code on a line of
its own; and call and text words of every language. Each next to the look-alike that fails its
numbering plan or mod 97, or that is a count, a price or a tender's number."""

from __future__ import annotations

import pytest

from gateway.classification.engine import DetectionEngine
from gateway.classification.iban_format import valid_with_digits, with_digits
from gateway.classification.normalise import normalise


@pytest.mark.parametrize(
    "text",
    [
        "Mano numeris \n- +370\n- 612\n- 14000.",  # one group per list item
        "Meine Nummer ist +49\n\n151\n\n73293803.",  # a blank line between groups
        "Mon numéro est le +3️⃣3️⃣ 6️⃣1️⃣2️⃣8️⃣1️⃣9️⃣9️⃣0️⃣5️⃣.",  # keycap emoji
        "Mój numer to +48, 512, 737, 689.",  # commas after a country code
        "Můj mobil je 00420601984916.",  # '00' and the country code run together
        "My number is +44 7404 — then 90 — then 6871.",  # two runs of words between groups
        "Mano numeris +37O 6l2 l4OOO.",  # look-alikes after a '+'
        "Meine Nummer ist [+49] 15173293803.",
        "Il mio numero è +39\u00a0312\u2009881\u202f1113.",  # no-break, thin and narrow spaces
    ],
)
def test_phone_numbers_in_more_evasion_forms_are_found(every_language: DetectionEngine, text: str) -> None:
    assert "PHONE_NUMBER" in every_language.analyze(text).entities


@pytest.mark.parametrize(
    "text",
    [
        "Festnetz: 0151 205 899 45, abends erreichbar.",
        "Du erreichst mich unter 0151 205 899 45.",
        "Ring me on 07404 906871 after six.",
        "Landline: 020 7946 0958, evenings only.",
        "Mon fixe : 06 12 51 30 55.",
        "Recapito: 312 552 3223, dopo le sei.",
        "Paskambink man 8 612 14000 po šešių.",
        "Piezvani man 21 276 082 pēc sešiem.",
        "Dzwoń na 512 737 689 po szóstej.",
        "Volej mi na 601 984 916 kdykoli.",
        "Kliči me na 031 299 775 po šesti.",
        "Zovi me na 092 112 9108 nakon šest.",
        "Hívható vagyok a 06 20 152 4595 számon.",
        "Sunați-mă la 0712 501 445 după ora șase.",
        "Звъннете ми на 0888 123 456 след шест.",
        "Καλέστε με στο 691 875 8466 μετά τις έξι.",
        "Cuir glao orm ar 085 012 9477 tar éis a sé.",
        "Is é m'fhón póca ná 085 012 9477.",
        "Ċemplili fuq 9696 7501 wara s-sitta.",
        "Sími: 611 8755, eftir klukkan sex.",
        "Kännykkä: 041 2190271.",
        "Bel 06 12754854 na zessen.",
        "Ringa mig på 070-199 39 30 efter sex.",
        "Ringe meg på 40 63 94 32 etter seks.",
    ],
)
def test_call_and_landline_words_of_every_language_mark_a_national_number(
    every_language: DetectionEngine, text: str
) -> None:
    assert "PHONE_NUMBER" in every_language.analyze(text).entities


@pytest.mark.parametrize(
    "text",
    [
        "Dzwonnica ma 51 273 cegieł i 7 dzwonów z 1612 roku.",  # a bell tower, not "call"
        "Volejbalový turnaj navštívilo 601 984 916 diváků.",  # volleyball, and a count
        "L'appel d'offres n° 2024-0612-345 a été publié le 3 mars.",  # a tender's number
        "Ringa in antalet till 70 199 393 ton spannmål 2022.",  # "narrow down", and tonnes
        "Ringe i vannet: 40 639 432 liter ble sluppet ut i 2021.",  # ripples, and litres
        "Kännykkäkauppa myi 412 120 064 laitetta vuonna 2010.",  # a phone shop's sales
        "Símafyrirtækið velti 6 118 755 000 krónum árið 2022.",  # a phone company's turnover
        "Il prezzo fisso è 312 552 322 lire, cioè circa 161 417 euro.",  # a fixed price
        "El celular más vendido alcanzó 612 909 635 unidades según el informe.",
        "SMS volume: 612 345 678 messages in Q3, up 4% on Q2.",
        "Mobla müüs 51 200 070 tükki üle maailma.",
        "Tracking number 00370612345678 was delivered on Monday.",  # '00' run together, no phone word
        "SKU list:\n- 612\n- 345\n- 678\n- 901",  # list items without a phone word
        "Scores: 612, 345, 678, 912.",  # commas without a country code
        "Mano numeris +37O 6l2 l4OO.",  # look-alikes after a '+', one digit short of any plan
    ],
)
def test_counts_prices_and_other_numbers_near_those_words_are_no_phone_numbers(
    every_language: DetectionEngine, text: str
) -> None:
    assert "PHONE_NUMBER" not in every_language.analyze(text).entities


@pytest.mark.parametrize(
    "text",
    [
        "Pervesk avansą į sąskaitą LT\n851000011196589791 iki penktadienio.",  # country on its own line
        "Please pay the deposit into account GB31, NWBK, 6016, 1307, 8521, 59 by Friday.",
        "Przelej zaliczkę na konto PL841090 and then 101400 and then 00071283037351 do piątku.",
        "Maak het voorschot over naar rekening NL91ABNA and then 048591 and then 7609 voor vrijdag.",
        "Bitte überweise auf mein Konto DE5737O4OO44O529O29371 bis Freitag.",  # O for 0, compact
        "Ħallas id-depożitu fil-kont MTO5MALTO11OOOO12345MTLCAST378S sal-Ġimgħa.",
        "Transferă avansul în contul RO42AAAA1B31OO7523923593 până vineri.",
        "Leggðu inn á reikning IS11O15926OO765455O9O92O63 fyrir föstudag.",
    ],
)
def test_ibans_in_more_evasion_forms_are_found(every_language: DetectionEngine, text: str) -> None:
    assert "IBAN_CODE" in every_language.analyze(text).entities


@pytest.mark.parametrize(
    "text",
    [
        "Pervesk į sąskaitą LT\n851000011196589792 iki penktadienio.",  # mod 97 fails
        "Please pay into GB31, NWBK, 6016, 1307, 8521, 58 by Friday.",  # mod 97 fails
        "Konto PL841090 and then 101400 and then 00071283037352 do piątku.",  # mod 97 fails
        "Konto DE5737O4OO44O529O29372 bis Freitag.",  # look-alikes, and mod 97 fails
        "Model LT85 and 1000 and 0111 and 9658 and 9791 of the catalogue.",  # four runs of words
    ],
)
def test_iban_look_alikes_that_fail_mod_97_are_not_reported(
    every_language: DetectionEngine, text: str
) -> None:
    assert "IBAN_CODE" not in every_language.analyze(text).entities


def test_look_alikes_become_digits_only_where_the_country_holds_digits() -> None:
    # Dutch accounts open with four letters ("INGB"): an I there stays a letter.
    assert with_digits("NL12INGBOOO1234567") == "NL12INGB0001234567"
    assert with_digits("lt851OOOO11196589791") == "LT851000011196589791"
    assert valid_with_digits("LT851OOOO11196589791")
    assert not valid_with_digits("LT851OOOO11196589792")


def test_keycap_marks_are_dropped_without_an_invisible_characters_signal() -> None:
    keycaps = normalise("6️⃣1️⃣2️⃣ ❤️")
    assert keycaps.text == "612 ❤"
    assert keycaps.risk_signals == ()
    assert keycaps.original_span(0, 3) == (0, 7)


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("Dzwonnica ma 512 737 689 cegieł.", "HU_TAJ"),  # a count that passes TAJ's check
        ("Per metus išsiųsta 861 214 000 žinučių.", "GR_TAX_NUMBER"),
        ("Viber had 1 200 000 000 registered users in 2020.", "UK_UTR"),
    ],
)
def test_a_number_grouped_in_thousands_is_an_amount_unless_labelled(
    every_language: DetectionEngine, text: str, entity: str
) -> None:
    assert entity not in every_language.analyze(text).entities


def test_a_labelled_identifier_grouped_in_thousands_is_still_found(every_language: DetectionEngine) -> None:
    assert "HU_TAJ" in every_language.analyze("A TAJ számom 512 737 689.").entities


def test_00_run_into_a_country_code_is_read_after_a_phone_or_number_word_not_a_tracking_one(
    every_language: DetectionEngine,
) -> None:
    assert "PHONE_NUMBER" not in every_language.analyze("Numéro de suivi 0033612819905.").entities
    assert "PHONE_NUMBER" not in every_language.analyze("Sendungsverfolgung: 0049151732938.").entities
    assert "PHONE_NUMBER" in every_language.analyze("Mon portable : 0033612819905.").entities
    assert "PHONE_NUMBER" in every_language.analyze("Mój numer to 0048512737689.").entities


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Best,\nSarah\nM: 07700 900123", True),  # a signature's one-letter label
        ("Kind regards,\nTom\nT: +44 20 7946 0958", True),
        ("Für Rückfragen stehe ich unter 0170 1234567 zur Verfügung.", True),
        ("Table M: 07700 rows were merged.", False),  # too few digits for any plan
        ("m: 07700 900123", False),  # a lower-case m is a unit, not a label
    ],
)
def test_one_letter_labels_and_availability_phrases(
    every_language: DetectionEngine, text: str, found: bool
) -> None:
    assert ("PHONE_NUMBER" in every_language.analyze(text).entities) is found


def test_text_that_needs_no_work_keeps_its_offsets_and_look_alikes_outside_latin_tokens() -> None:
    # A Lithuanian or Greek sentence NFKC keeps as it is: nothing dropped, nothing folded.
    for text in ("Mano vardas Jonas, gyvenu Vilniuje.", "Ο Νίκος μένει στην Αθήνα."):
        kept = normalise(text)
        assert (kept.text, kept.offsets, kept.risk_signals) == (text, tuple(range(len(text) + 1)), ())
    # A Cyrillic 'о' inside a Latin word is folded; fullwidth digits among Lithuanian letters read.
    assert normalise("Pаssword ąčę １２３").text == "Password ąčę 123"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Mano numeris +370 ... 612 ... 34567.", True),
        ("Mano numeris +370 | 612 | 34567.", True),
        ("Mano numeris +370 • 612 • 34567.", True),
        ('Mano numeris "+370" "612" "34567".', True),
        ("Handy: 0151 … 7329 … 3803", True),  # an ellipsis character
        ("Ports 80 | 443 | 8080 are open on the firewall.", False),
        ("Call the API 3 times: 10:30, 11:45 and 12:15.", False),  # colons join nothing
        ("Ratings: 4 * 5 * 3 * 4 across the panel.", False),
    ],
)
def test_punctuation_between_groups(every_language: DetectionEngine, text: str, found: bool) -> None:
    assert ("PHONE_NUMBER" in every_language.analyze(text).entities) is found
