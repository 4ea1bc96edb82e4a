"""The words around a digit run that say whether it is a phone number, and the countries a text is read in.

A phone word right before the run or near it, a plain "number" word, a word saying it is some
other number (an order's, an identifier's), or a unit or count after it ("678 cents"); a text's
languages name the countries whose numbering plans its nationally written numbers are read in.
"""

from __future__ import annotations

import bisect
import re

from gateway.classification.identifiers import LANGUAGE_COUNTRY, SPECS
from gateway.classification.patterns import (
    DOCUMENT_CONTEXT,
    NOT_A_PHONE,
    NUMBER_WORD_STEMS,
    NUMBER_WORDS,
    PHONE_CONTEXT,
    trie_pattern,
)

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
_PHONE_WORDS = re.compile(PHONE_CONTEXT, re.IGNORECASE)
_NUMBER_WORDS = re.compile(NUMBER_WORDS, re.IGNORECASE)
OTHER_READING = re.compile(NOT_A_PHONE, re.IGNORECASE)
# A unit or a count after the digits: "3279 mAh", "678 cents", "1 234 567 clientes".
MEASURED = re.compile(
    r"\s*(?:%|‰|°|€|\$|£|eur\b|euros?\b|usd\b|cents?\b|[kmgt]?(?:hz|b|bit/s|w|wh|ah|v)\b|mah\b|mbit|"
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
# An identifier's label before a "number" word names that identifier ("rodné číslo", "asmens kodo numeris").
_LABELS = re.compile(
    r"(?<!\w)" + trie_pattern(sorted({w.lower() for spec in SPECS for w in spec.context})), re.IGNORECASE
)


class PhoneWords:
    """Where phone words and "number" words start in one text, found in one pass each, on demand."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._phone: list[int] | None = None
        self._phone_ends: list[int] = []
        self._number: list[int] | None = None

    def context(self, start: int) -> str | None:
        """'phone' when a phone word stands right before the number, 'near' when one is near,
        'number' for a plain number word, else None.

        Near is on the number's line, or on the line before when the number starts its own line
        ("Phone:\n0612 345 678"); a log line's neighbours say nothing about its numbers.
        """
        text = self._text
        line_start = text.rfind("\n", 0, start) + 1
        if line_start and not text[line_start:start].strip():
            line_start = text.rfind("\n", 0, line_start - 1) + 1
        window_start = max(line_start, start - _CONTEXT_BEFORE)
        line_end = text.find("\n", start)
        window_end = min(len(text) if line_end < 0 else line_end, start + _CONTEXT_AFTER)
        if self._phone is None:
            found = [m.span() for m in _PHONE_WORDS.finditer(text)]
            self._phone = [a for a, _ in found]
            self._phone_ends = [b for _, b in found]
        i = bisect.bisect_left(self._phone, start) - 1
        before = None
        if i >= 0 and self._phone[i] >= window_start:
            # "call ... meeting ID 842 1937 5520": a nearer word says what the number is.
            between = self._phone[i] + 3
            if not (OTHER_READING.search(text, between, start) or _LABELS.search(text, between, start)):
                # Measured from the word's end: a phone word may be two ("numer telefonu").
                before = "phone" if _TIGHT_GAP.fullmatch(text, self._phone_ends[i], start) else "near"
        if before == "phone":
            return before
        if _any_in(self._phone, start, window_end):
            return "near"
        if before is not None:
            return before
        if self._number is None:
            self._number = [m.start() for m in _NUMBER_WORDS.finditer(text)]
        i = bisect.bisect_left(self._number, start) - 1
        if i < 0 or self._number[i] < window_start:
            return None
        # "order number 0612345678" is not a phone number: no other reading before the number word.
        window = max(0, self._number[i] - 30)
        if OTHER_READING.search(text, window, start) or _LABELS.search(text, window, start):
            return None
        if any(document.search(text, window, start) for document in DOCUMENT_CONTEXT.values()):
            return None  # "ID card number 12345678", "paso numeris"
        return "number"


def countries_of(languages: str | tuple[str, ...] | None) -> tuple[str, ...]:
    """The countries whose nationally written numbers a text in ``languages`` may hold."""
    identified = (languages,) if isinstance(languages, str) else languages or ()
    countries = (
        c
        for lang in identified
        for c in _COUNTRIES_OF.get(lang, (LANGUAGE_COUNTRY[lang],) if lang in LANGUAGE_COUNTRY else ())
    )
    return tuple(dict.fromkeys(countries))


def _any_in(positions: list[int], start: int, end: int) -> bool:
    i = bisect.bisect_left(positions, start)
    return i < len(positions) and positions[i] < end
