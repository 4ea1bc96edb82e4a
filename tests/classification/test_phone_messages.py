"""Phone numbers after message, writing and reaching words, in signatures, with extensions and
emoji, and mobiles stated with no word at all; and the look-alike numbers beside them that stay
unreported."""

from __future__ import annotations

import re

import pytest

from gateway.classification.engine import DetectionEngine
from gateway.classification.evasion import EvadedNumberFinder
from gateway.classification.patterns import PHONE_CONTEXT
from gateway.classification.phone_plans import plan_of
from gateway.classification.phone_words import _PHONE_WORDS, MESSAGE_WORDS, _phone_word_scan


@pytest.mark.parametrize(
    "text",
    [
        # a message word, no phone word
        "Send me a message at 07400 123 456 when you land.",
        "Schreib mir eine Nachricht an 0171/1234567.",
        "Envoie-moi un message au 06 12 34 56 78.",
        "Mándame un mensaje al 612 34 56 78.",
        "Mandami un messaggio al 347 1234567.",
        "Stuur me een bericht op 06 12345678.",
        "Pošli mi zprávu na 601 123 456.",
        "Pošalji mi poruku na 092 123 4567.",
        "Küldj üzenetet a 06 20 123 4567 számra.",
        "Trimite-mi un mesaj la 0712 034 567.",
        "Изпрати ми съобщение на 0888 123 456.",
        "Στείλε μου μήνυμα στο 694 123 4567.",
        "Skriv til mig på 20 12 34 56.",
        "Send meg en melding på 406 12 345.",
        "Lähetä minulle tekstiviesti: 040 123 4567",
        "Kirjuta mulle 5123 4567.",
        "Raksti man uz 21 234 567.",  # grouped like an amount, in a Latvian text
        "Parašyk man žinutę 8 612 34567.",
        "Skrifaðu mér á 611 1234.",
        "Ikteb lili fuq 7921 2345.",
        "Scríobh chugam ar 087 123 4567.",
        # messaging apps, emoji, extensions, abbreviations
        "You can find me on Telegram at +44 7400 123456 🙂",
        "📞 087 123 4567",
        "Office line 01 234 5678 ext. 12, ask for Niamh.",
        "Centrala 22 123 45 67 wew. 312, pani Kowalska.",
        "Поздрави,\nИван Петров\nМоб.: 0888 123 456",
        # a last part of two digits after a country code, over two runs of words
        "My number is +354 611 — then 23 — then 45.",
        # a mobile with its trunk prefix, no word at all
        "Mary (087 123 4567) will bring the keys.",
        "Petra (0664 1234567) kommt heute Abend um acht zu uns.",
    ],
)
def test_numbers_after_message_words_and_in_signatures_are_found(
    every_language: DetectionEngine, text: str
) -> None:
    assert "PHONE_NUMBER" in every_language.analyze(text).entities


@pytest.mark.parametrize(
    "text",
    [
        # another number's word before it, or after it in Hungarian
        "Order 07400 123456 ships on Monday.",
        "Bestellung 0171 1234567 wurde versandt.",
        "Protocollo n. 347 1234567 del 3 marzo, pratica chiusa.",
        "Αριθμός πρωτοκόλλου 694 123 4567, η υπόθεση έκλεισε.",
        "Dosarul 0712 034 567 a fost închis.",
        "A 06 30 123 4567 azonosítójú termék elfogyott.",
        "Cena: 0912 123 456 EUR je chyba v tabuľke.",
        # a message's own number, and counts after a message or app word
        "Zpráva č. 601 123 456 byla archivována v systému.",
        "Viber had 1 200 000 000 registered users in 2020, Telegram about 550 000 000.",
        "Telegram reached 950 000 000 monthly users; Signal about 40 000 000.",
        "Write to me about the 1 254 300 visitors we had in 2023.",
        "Message queue 7 holds 1 234 567 items; retry after 30 s.",
        # amounts in a mobile range of a country without a trunk prefix, no word
        "La facturación alcanzó 612 345 678 en 2024.",
        "O orçamento anual é de 912 345 678, segundo o relatório.",
    ],
)
def test_look_alike_numbers_beside_those_words_stay_unreported(
    every_language: DetectionEngine, text: str
) -> None:
    assert "PHONE_NUMBER" not in every_language.analyze(text).entities


def test_a_mobile_with_no_word_is_read_only_in_the_texts_own_countries() -> None:
    finder = EvadedNumberFinder()
    text = "Mary will bring the keys, 087 123 4567, after lunch."
    assert [h.entity for h in finder.find(text, ("en",))] == ["PHONE_NUMBER"]
    # The same digits in a text read as Polish: not a Polish mobile, and no word says phone.
    assert finder.find(text, ("pl",)) == []
    # In brackets right after a name, as people note a number, in any country.
    assert finder.find("Mary (087 123 4567) brings the keys.", ("pl",)) != []


def test_a_fixed_line_or_a_short_mobile_range_is_not_read_without_a_word() -> None:
    finder = EvadedNumberFinder()
    assert finder.find("Anna (01 234 5678) comes at eight.", ("en",)) == []  # Dublin, fixed
    assert finder.find("Mette (20 12 34 56) kommer klokken otte.", ("da",)) == []  # 8 digits, no trunk
    assert finder.find("Mette, skriv til mig på 20 12 34 56.", ("da",)) != []


def test_the_mobile_range_of_a_plan() -> None:
    romania = plan_of("RO")
    assert romania is not None
    assert romania.mobile("712034567") and not romania.mobile("212345678")


def test_near_a_phone_word_a_text_naming_no_language_is_read_in_any_country() -> None:
    finder = EvadedNumberFinder()
    # No word of any language: the first language is a default, so a French number near "poste".
    text = "Standard : 01 23 45 67 89 poste 214, demandez Paul."
    assert [h.entity for h in finder.find(text, ("bg",))] == ["PHONE_NUMBER"]
    # A Bulgarian text is read as Bulgarian: the same digits are no Bulgarian number.
    assert finder.find("Обадете се на централата: 01 23 45 67 89 вътрешен 214.", ("bg",)) == []


@pytest.mark.parametrize(
    "text",
    [
        "Tel. 0612 345 678, hotel 12, Mobster 4, mobla 5, T: +3, AT: 4, xM: 5",
        "bring me a message, RING ME, Ring mig på 20, ΤΗΛ: 6941234567, İstanbul tel 5",
        "SMS:a mig, sms me, WhatsApp, Telegram, ☎ 0612, ext. 12, poste 14, Zpráva č. 4",
    ],
)
def test_phone_words_are_found_where_the_case_insensitive_pattern_finds_them(text: str) -> None:
    reference = [(m.start(), m.group("message") is not None) for m in _PHONE_WORDS.finditer(text)]
    whole, _ = _phone_word_scan(text, text.lower())(0, len(text) + 1)
    assert [(start, message) for start, _, message in whole] == reference


def test_no_message_word_begins_with_a_phone_word() -> None:
    """Else the one prefix tree would call a message word what the phone pattern calls a phone word."""
    phone = re.compile(PHONE_CONTEXT, re.IGNORECASE)
    assert [w for w in MESSAGE_WORDS if phone.match(w + " 1")] == []


@pytest.mark.parametrize(
    "text",
    [
        "Erik (070-123 45 67) kommer i morgon.",  # a short sentence whose language is misread
        "Jonas (0171 1234567) kommt morgen.",
        "Ivana (091 234 5678) dolazi sutra.",  # "Ivana" is no "IVA" label
        "BEGIN:VCARD\nFN:Jonas Becker\nTEL;TYPE=CELL:+4915112345678\nEND:VCARD",
        "Call me 📱+447400123456",
        "Tel.: +420 601 123 456, kl. 25",
    ],
)
def test_a_number_in_brackets_after_a_name_and_in_cards(every_language: DetectionEngine, text: str) -> None:
    assert "PHONE_NUMBER" in every_language.analyze(text).entities


@pytest.mark.parametrize(
    "text",
    [
        "Net profit (612 345 678) rose against last year's (598 120 400).",  # amounts in brackets
        "Tržby (601 123 456) vzrostly o 4 %.",
        "Vorgang (Ticket 0171 1234567) wurde geschlossen.",
    ],
)
def test_amounts_and_tickets_in_brackets_stay_unreported(every_language: DetectionEngine, text: str) -> None:
    assert "PHONE_NUMBER" not in every_language.analyze(text).entities


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Encontras-me no 912 345 678, a partir das seis.", True),  # Portuguese "no" is "in the"
        ("Issibni fuq 9912 3456 wara s-sitta.", True),
        ("Nachricht Nr 0171 1234567 wurde gelöscht.", False),  # a message's own number
        ("Message no. 4 0612345678", False),
    ],
)
def test_a_number_sign_after_a_message_word_names_the_message(
    every_language: DetectionEngine, text: str, found: bool
) -> None:
    assert ("PHONE_NUMBER" in every_language.analyze(text).entities) is found


@pytest.mark.parametrize(
    "text",
    [
        "Mon nouveau portable : 0033.6.15.49.97.50, note-le.",  # "portable" is no "port"
        "Contatto personale di Ilaria:\n0039 327\n700\n2818",  # "personal" alone names no identifier
        "Стационарният на баба: (02)\n846\n33 21",  # a landline word; a bracket before a line break
        "Звънни ми довечера на нула осем седем седем четири нула седем седем пет две.",  # "пет"
    ],
)
def test_forms_of_a_freshly_written_set_are_found(every_language: DetectionEngine, text: str) -> None:
    assert "PHONE_NUMBER" in every_language.analyze(text).entities


@pytest.mark.parametrize(
    "text",
    [
        "Paket poslan, sledilna številka PS 5510 2287 93 SI; preveri dostavo.",  # a tracking number
        "Číslo zásilky: sledovací číslo 0601 123 456 78.",
        "Personal best: 0033 runs in 6.15.49 hours.",
    ],
)
def test_tracking_numbers_in_their_own_words_stay_unreported(
    every_language: DetectionEngine, text: str
) -> None:
    assert "PHONE_NUMBER" not in every_language.analyze(text).entities


@pytest.mark.parametrize(
    "text",
    [
        "Uimhir Ruairí: 085, ansin 127, ansin 3266 – tá sé ag súil le do ghlao.",
        "Ring til min far, Ole, på 56 og så 31 og så 91 og så 15.",
        "pokliči mojo sestro Evo: 031 nato 521 nato 014",
        "Nazovi Ivanu: 091, zatim 234, zatim 5678.",
        "Klaras privata: noll sju tre, fyra ett ett, ett fem, ett noll",  # spelled, no word
    ],
)
def test_numbers_dictated_in_parts_or_spelled_are_found(every_language: DetectionEngine, text: str) -> None:
    assert "PHONE_NUMBER" in every_language.analyze(text).entities


@pytest.mark.parametrize(
    "text",
    [
        "Scores: 12, then 34, then 56, then 78 in the last four rounds.",  # no phone or number word
        "Antal besøgende: 56, og så 31, og så 91, og så 15 om dagen.",
        "A pontszámok: 06 20, aztán 36, aztán 47 pont.",
        "Count down from nine eight seven six five four three two one zero!",
        "Číslo faktúry 0912345678 bolo uhradené.",
    ],
)
def test_counts_and_scores_in_parts_stay_unreported(every_language: DetectionEngine, text: str) -> None:
    assert "PHONE_NUMBER" not in every_language.analyze(text).entities


def test_an_iban_whose_country_is_typed_on_a_greek_keyboard_is_found(every_language: DetectionEngine) -> None:
    # Greek Ρ (R) looks like Latin P: normalisation folds it to P, the IBAN finder reads it as R.
    assert (
        "IBAN_CODE" in every_language.analyze("Ο λογαριασμός μου: GΡ12 0110 1250 0000 0001 2345 678").entities
    )
    # One digit off: mod 97 fails, as it fails for the look-alike country read as written.
    assert (
        "IBAN_CODE"
        not in every_language.analyze("Ο λογαριασμός μου: GΡ12 0110 1250 0000 0001 2345 679").entities
    )
    # Read as written or as spoken, a Latin look-alike code passes only with its mod 97.
    assert "IBAN_CODE" not in every_language.analyze("Reference GP13 0110 1250 0000 0001 2345 678").entities


def test_a_mobile_broken_over_lines_with_no_word_is_found(every_language: DetectionEngine) -> None:
    text = "Ο Άρης απαντάει μόνο στο\n６９４ １２３\n４５６７"  # full-width digits, three lines
    assert "PHONE_NUMBER" in every_language.analyze(text).entities


def test_an_icelandic_signatures_s_opens_a_phone_line(every_language: DetectionEngine) -> None:
    assert "PHONE_NUMBER" in every_language.analyze("Kveðja,\nSigga\ns. 695 1234").entities
    # Finnish "s." is "born": a date stays a date, and "s." inside a line is no label.
    assert "PHONE_NUMBER" not in every_language.analyze("Nimi: Liisa Korhonen\ns. 14.2.1991").entities
    assert "PHONE_NUMBER" not in every_language.analyze("Katso kappaleet 3 ja 4, s. 695 1234 kpl").entities
