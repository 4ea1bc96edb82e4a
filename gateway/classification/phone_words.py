"""The words around a digit run that say whether it is a phone number, and the countries a text is read in.

A phone word right before the run or near it, a plain "number" word, a word saying it is some
other number (an order's, an identifier's), or a unit or count after it ("678 cents"); a text's
languages name the countries whose numbering plans its nationally written numbers are read in.
"""

from __future__ import annotations

import bisect
import re

from gateway.classification.identifiers import LANGUAGE_COUNTRY, SPECS
from gateway.classification.languages import rank_languages
from gateway.classification.message_words import MESSAGE_WORDS
from gateway.classification.patterns import (
    DOCUMENT_CONTEXT,
    NOT_A_PHONE,
    NOT_A_PHONE_STEMS,
    NUMBER_WORD_STEMS,
    NUMBER_WORDS,
    OTHER_READING_STEMS,
    PHONE_CONTEXT,
    PHONE_CONTEXT_ABBREVIATIONS,
    PHONE_CONTEXT_STEMS,
    trie_pattern,
)
from gateway.classification.stretches import Row, Scan, Stretches

_CONTEXT_BEFORE, _CONTEXT_AFTER = 50, 30
# A phone word right before the number: at most three short words between ("call me on", "Mi número
# es el", "Telefonnummer lautet"), no digits; "the API call returned 4915..." is not one.
_TIGHT_GAP = re.compile(
    rf"\w*(?:\W+(?:(?:{trie_pattern(list(NUMBER_WORD_STEMS))})\w*|[^\W\d_]{{1,7}})){{0,3}}\W*", re.IGNORECASE
)
# The countries whose national numbers a text in each language may hold; a number written with its
# country code is read in any country. English is also Ireland's and Malta's, German Austria's, ...
_COUNTRIES_OF = {
    "en": ("GB", "IE", "MT"), "de": ("DE", "AT", "CH", "LI", "LU"), "fr": ("FR", "BE", "LU", "CH"),
    "nl": ("NL", "BE"), "it": ("IT", "CH"), "sv": ("SE", "FI"), "el": ("GR", "CY"), "no": ("NO",),
}  # fmt: skip
_MESSAGE_FIRST = "".join(sorted({c for w in MESSAGE_WORDS for c in (w[0].lower(), w[0].upper())}))
_STEMS = frozenset(w.lower() for w in PHONE_CONTEXT_STEMS)
_ABBREVIATIONS_ONLY = frozenset(w.lower() for w in PHONE_CONTEXT_ABBREVIATIONS) - _STEMS
_MESSAGE_ONLY = frozenset(w.lower() for w in MESSAGE_WORDS) - _STEMS - _ABBREVIATIONS_ONLY
_ALL_WORDS = sorted(_STEMS | _ABBREVIATIONS_ONLY | _MESSAGE_ONLY)
# Words at a word boundary; the phone emoji (one character each, no word around them) apart. A
# word's first letter is looked ahead for first: the scan then skips the other letters in C,
# where the boundary check at every place cost twice as much.
_WORD_LIST = [w for w in _ALL_WORDS if w[0].isalnum()]
_LOWER_WORDS = re.compile(
    rf"(?=[{re.escape(''.join(sorted({w[0] for w in _WORD_LIST})))}])\b(?:{trie_pattern(_WORD_LIST)})"
)
# How far past a stretch its scan reads: the longest word, and the two letters read after a
# "number" word ("számla" is none).
_LONGEST_WORD = max(map(len, _WORD_LIST))
# A character no phone word holds (most punctuation, digits, a line break): where a scan may start.
_NOT_IN_WORDS = "[^" + re.escape("".join(sorted({c for w in _WORD_LIST for c in w}))) + "]"
_SIGNS = re.compile("[" + re.escape("".join(w for w in _ALL_WORDS if not w[0].isalnum())) + "]")
# A signature's one-letter label, upper case and right before the digits: "M: 07700 123456".
# The letter first, so that the engine skips to it; the look-behind then checks the one before.
# A signature's one-letter label with a dot opening a line: "m." (mobile), "t.", "c.", "p."
# (puhelin), "f.", the Icelandic "s." (sími), the Greek "κ." and Bulgarian "м.": "Sigga\ns. 695 1234".
_LETTER_LABEL = re.compile(
    r"[MTP](?=:\s?[+(\d])(?<!\w[MTP])|"
    r"[mtcpfsMTCPFSмМκΚ](?=\.\s?[+(\d])(?<![^\n][mtcpfsMTCPFSмМκΚ])"
)
_PHONE_WORDS = re.compile(
    rf"{PHONE_CONTEXT}|(?P<message>(?=[{re.escape(_MESSAGE_FIRST)}])(?<!\w)(?:{trie_pattern(list(MESSAGE_WORDS))}))",
    re.IGNORECASE,
)
# The first letter first, as above (the class is case-insensitive too, so it passes every letter the
# stems' first letters match).
_NUMBER_FIRST = "".join(sorted({c for w in NUMBER_WORD_STEMS for c in (w[0], w[0].upper())}))
_LONGEST_NUMBER_WORD = max(map(len, NUMBER_WORD_STEMS)) + len("la")
_NUMBER_WORDS = re.compile(rf"(?=[{re.escape(_NUMBER_FIRST)}]){NUMBER_WORDS}", re.IGNORECASE)
# Records and protocols, in the languages that file them so ("Protocollo n.", "πρωτοκόλλου").
_MORE_READINGS = (
    "protocol", "protokol", "πρωτοκόλλ", "πρωτόκολλ", "протокол", "jegyzőkönyv", "iktatószám",
    # a parcel's tracking number, in the words the other list lacks
    "sledil", "sledovac", "przesył", "csomag", "awb", "товарителниц", "αποστολ", "forsendels",
    "traċċ", "zending", "envío", "envio", "colis", "faktúr", "bestilling",
    # products and their codes
    "prodott", "produit", "produkt", "producto", "produto", "termék", "produs", "продукт", "προϊόν",
    "tuote", "toode", "gamin", "izstrādājum", "codice", "código", "codigo", "kód", "koodi", "kood",
    "кодът", "κωδικ",
)  # fmt: skip
OTHER_READING = re.compile(rf"{NOT_A_PHONE}|(?<!\w)(?:{trie_pattern(list(_MORE_READINGS))})", re.IGNORECASE)
# Between a phone word and its number, or before a '00': orders, tickets, documents, accounts, but
# not the adjectives that only lead to an identifier's noun ("Contatto personale di Ilaria: 0039 ...";
# "personal number" is caught by its label).
_ADJECTIVES = {"personal", "personas", "isiku", "henkilö", "asmens"}
_BETWEEN_READING = re.compile(
    r"(?<!\w)(?:"
    + trie_pattern(
        sorted({*OTHER_READING_STEMS.split("|"), *_MORE_READINGS, *NOT_A_PHONE_STEMS} - _ADJECTIVES)
    )
    + ")",
    re.IGNORECASE,
)


# A number dictated in parts ("085, then 127, then 3266", "56 og så 31 og så 91 og så 15"): the word
# for "then" of each language, alone or after "and", between two parts.
_THEN_WORDS = (
    "then", "after that", "dann", "danach", "puis", "ensuite", "luego", "después", "despues", "poi",
    "quindi", "depois", "a seguir", "dan", "daarna", "så", "derefter", "sedan", "sen", "därefter",
    "deretter", "etterpå", "svo", "síðan", "sitten", "seejärel", "siis", "tad", "pēc tam", "tada",
    "po to", "paskui", "potem", "następnie", "pak", "potom", "dále", "ďalej", "nato", "zatim", "onda",
    "aztán", "majd", "utána", "apoi", "după aceea", "после", "след това", "сетне", "μετά", "έπειτα",
    "ύστερα", "imbagħad", "mbagħad", "ansin", "ina dhiaidh sin",
)  # fmt: skip
_AND = r"(?:and|und|et|y|e|en|og|och|ja|ir|un|i|a|és|și|şi|и|και|u|agus|in|pa)\s+"
THEN = re.compile(
    rf"[\s,;:–—\-]*(?<!\w)(?:{_AND})?(?:{trie_pattern(list(_THEN_WORDS))})(?!\w)[\s,;:–—\-]*", re.IGNORECASE
)
# What a number is, said after it: "A 06 30 123 4567 azonosítójú termék" (Hungarian names it after).
NAMED_AFTER = re.compile(r"[\s,]{0,2}(?:azonosító|számú|jelű|kódú|sorszámú)", re.IGNORECASE)
# A message's own number ("Zpráva č. 601 123 456", "message no. 4"): a number sign between a
# message word and the digits.
# With its dot: Portuguese "no" is "in the".
_NUMBER_SIGN = re.compile(r"№|#|(?<!\w)(?:nr\b|(?:nos?|nr|n|č|c|br|št|sz|αρ|ar|num)\.)", re.IGNORECASE)
# A phone's number named after it, in Hungarian: "a 06 1 234 5678-as számon" ("at the ... number").
CALLED_AFTER = re.compile(r"-[aeoö]s\s+(?:telefon|mobil)?szám(?:on|ra|ot|ról)(?!\w)", re.IGNORECASE)
# A number sign right before the digits: "Nachricht Nr 0171 1234567", "Ticket # 0612 345 678".
_SIGN_BEFORE = re.compile(rf"(?:{_NUMBER_SIGN.pattern})[ \t]*:?[ \t]*$", re.IGNORECASE)


def numbered(text: str, start: int) -> bool:
    """Whether a number sign ("Nr", "No.", "#", "č.") stands right before the digits at ``start``."""
    return _SIGN_BEFORE.search(text, max(0, start - 8), start) is not None


# A unit or a count after the digits: "3279 mAh", "678 cents", "1 234 567 clientes" ("w. 12" is
# a Polish extension, not watts).
MEASURED = re.compile(
    r"\s*(?:%|‰|°|€|\$|£|eur\b|euros?\b|usd\b|cents?\b|[kmgt]?(?:hz|b|bit/s|w(?!\.\s?\d)|wh|ah|v)\b|mah\b|mbit|"
    r"mm\b|cm\b|km\b|kg\b|g\b|ml\b|l\b|px\b|pixels?\b|dpi\b|rpm\b|ms\b|ns\b|µs\b|us\b|x\b|×|"
    r"minutes|seconds|hours|days|downloads|views|visits|bytes|"
    r"records?|rows?|items?|units?|pieces?|times|calls|anrufe|appels|clientes|clients|customers|kunden|"
    r"inhabitants|einwohner|habitants|people|persons|users|vienet|kappale|kpl|stück|szt|"
    # counted things in the languages' own words: units, devices, messages, lines, visitors
    r"unidades|unità|unités|einheiten|eenheden|enheter|sztuk|kusů|kusov|kosov|komada|darab|bucăți|"
    r"laitetta|tükki|vienetų|gabal|messages|nachrichten|messaggi|mensajes|mensagens|viestiä|žinuč|"
    r"ziņ|wiadomości|zpráv|správ|sporočil|poruka|üzenet|mesaje|съобщени|μηνύματα|lines|lignes|"
    r"linjer|leitungen|anschlüsse|visitors|besucher|visiteurs|visitatori|visitantes|viewers|"
    r"spectators|diváků|divákov|gledatelj|pregled|zuschauer|spettatori|espectadores|tonnes|tons|"
    r"ton\b|tonn|liter|litr|lire\b|krón|kroner|kronor|forint|złotych|zł\b|lei\b|лв|kč\b)",
    re.IGNORECASE,
)
# An identifier's label before a "number" word names that identifier ("rodné číslo", "asmens kodo
# numeris"). An acronym counts in capitals only: "nie" is Polish for "not" (and opens Dutch
# "nieuwe"), "bis" German for "until".
_ALL_LABELS = {w.lower() for spec in SPECS for w in spec.context}
_ACRONYMS = {w for w in _ALL_LABELS if len(w.replace(".", "")) <= 4} - {"card", "kont", "tax", "tili"}
_CAPITALS = r"|(?-i:" + trie_pattern(sorted(w.upper() for w in _ACRONYMS)) + r"(?!\w))"
_LABELS = re.compile(
    r"(?<!\w)(?:" + trie_pattern(sorted(_ALL_LABELS - _ACRONYMS)) + _CAPITALS + ")", re.IGNORECASE
)
# The same labels as whole words, for a number with no word of its own: "Ivana" is no "IVA".
_LABEL_WORDS = re.compile(
    r"(?<!\w)(?:" + trie_pattern(sorted(_ALL_LABELS - _ACRONYMS)) + _CAPITALS + r")(?!\w)", re.IGNORECASE
)


# The languages whose words may name a text's language (the phone finder asks whether any does).
WORD_LANGUAGES = tuple(sorted({*LANGUAGE_COUNTRY} - {"nb"}))


class PhoneWords:
    """Where phone words and "number" words start in one text, found in one pass each, on demand."""

    def __init__(self, text: str, lowered: str | None = None) -> None:
        """``lowered``: ``text.lower()``, when the caller has it."""
        self._text = text
        # Each phone word's start, end and whether it is a message word ("write to me"); each
        # "number" word's. Both scanned only around the places asked about (see ``stretches``).
        lowered = text.lower() if lowered is None else lowered
        exact = len(lowered) == len(text)  # else the phone words are scanned once, case-insensitively
        self._phone = Stretches(lowered if exact else text, _phone_word_scan(text, lowered), _NOT_IN_WORDS)
        self._number = Stretches(text, _number_word_scan(text), r"[\s\d]")

    def context(self, start: int) -> str | None:
        """'phone' when a phone word stands right before the number ('message' when that word is a
        message word: "WhatsApp me on"), 'near' when one is near, 'number' for a plain number
        word, else None.

        Near is on the number's line, or on the line before when the number starts its own line
        ("Phone:\n0612 345 678"); a log line's neighbours say nothing about its numbers.
        """
        text = self._text
        # Line breaks are looked for within reach only: a long line is not searched back to its
        # start for each number on it.
        reach = max(0, start - _CONTEXT_BEFORE)
        line_start = text.rfind("\n", reach, start) + 1
        if line_start and not text[line_start:start].strip():
            line_start = text.rfind("\n", reach, line_start - 1) + 1
        window_start = max(line_start, reach)
        line_end = text.find("\n", start, start + _CONTEXT_AFTER)
        window_end = min(len(text), start + _CONTEXT_AFTER) if line_end < 0 else line_end
        phone = self._phone
        phone.cover(window_start, window_end)
        i = bisect.bisect_left(phone.starts, start) - 1
        before = None
        if i >= 0 and phone.starts[i] >= window_start:
            word, word_end, message = phone.rows[i]
            # "call ... meeting ID 842 1937 5520": a nearer word says what the number is.
            between = word + 3
            # Labels as whole words here: "Nazovi Ivanu: 091 ..." holds no "IVA".
            if not (names_other_number(text, between, start) or _LABEL_WORDS.search(text, between, start)):
                # Measured from the word's end: a phone word may be two ("numer telefonu").
                tight = _TIGHT_GAP.fullmatch(text, word_end, start) is not None
                before = ("message" if message else "phone") if tight else "near"
                if message and _NUMBER_SIGN.search(text, word_end, start):
                    before = None
        if before in ("phone", "message"):
            return before
        if _any_in(phone.starts, start, window_end):
            return "near"
        if before is not None:
            return before
        self._number.cover(window_start, start)
        numbers = self._number.starts
        i = bisect.bisect_left(numbers, start) - 1
        if i < 0 or numbers[i] < window_start:
            return None
        # "order number 0612345678" is not a phone number: no other reading before the number word.
        window = max(0, numbers[i] - 30)
        if OTHER_READING.search(text, window, start) or _LABELS.search(text, window, start):
            return None
        if any(document.search(text, window, start) for document in DOCUMENT_CONTEXT.values()):
            return None  # "ID card number 12345678", "paso numeris"
        return "number"

    def number_right_before(self, start: int) -> bool:
        """Whether a "number" word stands right before the digits: "Mijn nieuwe nummer is 06..."."""
        reach = max(0, start - _CONTEXT_BEFORE)
        self._number.cover(reach, start)
        i = bisect.bisect_left(self._number.starts, start) - 1
        return (
            i >= 0
            and self._number.starts[i] >= reach
            and _TIGHT_GAP.fullmatch(self._text, self._number.rows[i][1], start) is not None
        )

    def named_otherwise(self, start: int) -> bool:
        """Whether a word before the number, on its line and within reach, says it is another
        number: an order's, an invoice's, an identifier's, a document's."""
        text = self._text
        reach = max(0, start - _CONTEXT_BEFORE)
        window = max(text.rfind("\n", reach, start) + 1, reach)
        return (
            OTHER_READING.search(text, window, start) is not None
            or _LABEL_WORDS.search(text, window, start) is not None
            or any(document.search(text, window, start) for document in DOCUMENT_CONTEXT.values())
        )


class Homes:
    """The countries of the text's first language, and of every language it was identified as;
    whether the text's words name any language at all (asked only when a number needs it)."""

    __slots__ = ("_text", "_unidentified", "lead", "ranked")

    def __init__(self, text: str, identified: tuple[str, ...]) -> None:
        self._text = text
        self.lead = countries_of(identified[:1])
        self.ranked = countries_of(identified)
        self._unidentified: bool | None = None

    @property
    def unidentified(self) -> bool:
        """No language's words in the text ("Standard : 01 23 45 67 89 poste 214"): its first
        language is a default, not a reading, so a number near a phone word is read anywhere."""
        if self._unidentified is None:
            self._unidentified = not rank_languages(self._text, WORD_LANGUAGES)
        return self._unidentified


def phone_word_at(text: str, start: int) -> bool:
    """Whether a phone or message word opens ``text`` at ``start``: "601 123 456 zavolá zítra"."""
    return _PHONE_WORDS.match(text, start) is not None


def names_a_phone(heading: str) -> bool:
    """Whether a table's heading names a phone ("Mobil", "Telefon / Handy"), not another number."""
    return _PHONE_WORDS.search(heading) is not None and not names_other_number(heading, 0, len(heading))


def names_other_number(text: str, start: int, end: int) -> bool:
    """Whether a word in ``text[start:end]`` says a number is some other number than a phone's; a
    phone word that begins like one is none ("portable" is no "port")."""
    return any(
        _PHONE_WORDS.match(text, m.start()) is None for m in _BETWEEN_READING.finditer(text, start, end)
    )


def countries_of(languages: str | tuple[str, ...] | None) -> tuple[str, ...]:
    """The countries whose nationally written numbers a text in ``languages`` may hold."""
    identified = (languages,) if isinstance(languages, str) else languages or ()
    countries = (
        c
        for lang in identified
        for c in _COUNTRIES_OF.get(lang, (LANGUAGE_COUNTRY[lang],) if lang in LANGUAGE_COUNTRY else ())
    )
    return tuple(dict.fromkeys(countries))


def _phone_word_scan(text: str, lowered: str) -> Scan:
    """The scan of phone and message words: where each starts and ends, and whether it is a message
    word.

    One prefix tree of every word at a word boundary, case-sensitive over the lower-cased text:
    about a third less time on dense text than the case-insensitive pattern, which stays the
    reference and the fallback (where lower-casing changes the text's length, and for an
    abbreviation run into a longer word, where a shorter stem may still hold).
    """
    if len(lowered) != len(text):
        everything = [
            (m.start(), m.end(), m.group("message") is not None) for m in _PHONE_WORDS.finditer(text)
        ]
        return lambda _start, _until: (everything, len(text))

    def scan(start: int, until: int) -> tuple[list[Row], int]:
        found: list[Row] = []
        resume = until
        # Words starting before ``until`` end before the scan's end: it reads them as the whole
        # text's scan does.
        for m in _LOWER_WORDS.finditer(lowered, start, until + _LONGEST_WORD):
            begin, end = m.span()
            if begin >= until:
                break
            resume = max(resume, end)
            word = m.group(0)
            if word in _ABBREVIATIONS_ONLY and end < len(text) and _is_word(text[end]):
                exact = _PHONE_WORDS.match(text, begin)  # "mobla" is one; "mobster" is not "mob"
                if exact is not None:
                    found.append((begin, exact.end(), exact.group(0).lower() in _MESSAGE_ONLY))
            else:
                found.append((begin, end, word in _MESSAGE_ONLY))
        # Signs and labels are a character each: over the whole stretch, up to where it resumes.
        signs = [
            (m.start(), m.end(), True)
            for m in _SIGNS.finditer(text, start, resume)
            if not _is_word(text[m.start() - 1 : m.start()])
        ]
        # A label's letter is read with the three characters after it (": +").
        labels = [
            (m.start(), m.end(), False)
            for m in _LETTER_LABEL.finditer(text, start, resume + 3)
            if m.start() < resume
        ]
        return (sorted(found + signs + labels) if signs or labels else found), resume

    return scan


def _number_word_scan(text: str) -> Scan:
    def scan(start: int, until: int) -> tuple[list[Row], int]:
        found: list[Row] = []
        resume = until
        for m in _NUMBER_WORDS.finditer(text, start, until + _LONGEST_NUMBER_WORD):
            if m.start() >= until:
                break
            found.append((m.start(), m.end(), False))
            resume = max(resume, m.end())
        return found, resume

    return scan


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _any_in(positions: list[int], start: int, end: int) -> bool:
    i = bisect.bisect_left(positions, start)
    return i < len(positions) and positions[i] < end
