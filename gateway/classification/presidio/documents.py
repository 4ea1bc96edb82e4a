"""Passport and identity-card numbers: a pattern that needs a context word, having no checksum."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from stdnum.pt import cc as pt_cc

from gateway.classification.extra_ids import PlIdCard
from gateway.classification.patterns import DOCUMENT_CONTEXT, OTHER_READING
from gateway.classification.presidio.results import CONTEXT_BOOST, weighed_result

_OTHER_READING = regex.compile(rf"(?<!\w)(?:{OTHER_READING})", regex.IGNORECASE)
_REACH = 60  # characters from a document word to its number
_LONGEST = 40  # more than any document number's length, so none is cut at a window's end
_FRENCH_CARD = regex.compile(r"carte nationale|cni|pièce", regex.IGNORECASE)
# Card numbers with check digits, by shape: Poland's (three letters, six digits), Portugal's.
# Spain's passports and DNI support numbers share Poland's shape: its check holds after a Polish word.
_POLISH_CARD = regex.compile(r"dow[oó]d", regex.IGNORECASE)
_CHECKED = (
    (regex.compile(r"[A-Z]{3}\s?\d{6}"), PlIdCard.is_valid, _POLISH_CARD),
    (regex.compile(r"\d{8}\s?\d\s?[A-Z]{2}\d"), pt_cc.is_valid, None),
)

# Letters and digits as the states print them: "C01X00T47" (DE), "18AV12345" (FR), "PA1234567"
# (IE), "AB0123456" (EE), "123456AB" (HU), "ΑΚ 123456" (GR), "12345678 9 ZZ1" (PT citizen card),
# "880692310285" (FR identity card before 2021).
_DOCUMENT = regex.compile(
    r"(?<![\w-])(?=[\p{Lu}0-9 ]*\d)(?:"
    r"\d{8}\s?\d\s?\p{Lu}{2}\d|"
    r"\p{Lu}{0,3}\s?\d{6,9}\p{Lu}?"
    r"|\d{6,8}\p{Lu}{1,2}"
    r"|(?=(?:\p{Lu}*\d){4})[\p{Lu}0-9]{8,10}"
    r"|(?=(?:\p{Lu}*\d){2})[\p{Lu}0-9]{9}"  # FR identity card since 2021
    r"|\d{12}"
    r")(?![\w-])"
)


class DocumentNumberRecognizer(EntityRecognizer):
    """Passport and identity-card numbers: no checksum to test, so pattern plus a context word.

    The pattern (one or two letters, 6-9 digits, an optional letter) fits most EU documents and
    many other numbers, so a finding needs "passport", "Reisepass", "pasas", "ID card", ... in the
    60 characters before it.
    """

    SCORE = 0.15  # the pattern alone stays far below the reporting threshold

    def __init__(self, language: str) -> None:
        super().__init__(list(DOCUMENT_CONTEXT), name="DocumentNumberRecognizer", supported_language=language)

    def load(self) -> None:
        return None

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        results = []
        for m in _near_document_words(text, [c for e, c in DOCUMENT_CONTEXT.items() if e in entities]):
            twelve = m.group(0).isdigit() and len(m.group(0)) == 12
            left = max(0, m.start() - _REACH)  # the word precedes the number
            for entity, context in DOCUMENT_CONTEXT.items():
                if entity not in entities:
                    continue
                word = _last(context.finditer(text, left, m.start()))  # the nearest context word
                if word is None:
                    continue
                # Twelve digits are a French card's number (no check digit of its own) after France's
                # name for the card; after any other, a Belgian eID's, which the identifier table checks.
                if twelve and not _FRENCH_CARD.match(word.group(0)):
                    break
                # "identity card reader model 12345678": a nearer word says what the number is.
                if _OTHER_READING.search(text, word.end(), m.start()):
                    break
                # A Polish or Portuguese card number's shape carries its check digits.
                if any(
                    shape.fullmatch(m.group(0))
                    and (only_after is None or only_after.match(word.group(0)))
                    and not valid(m.group(0))
                    for shape, valid, only_after in _CHECKED
                ):
                    break
                score = self.SCORE + 2 * CONTEXT_BOOST
                results.append(weighed_result(self, entity, m.start(), m.end(), score))
                break
        return results


def _near_document_words(text: str, contexts: list[regex.Pattern[str]]) -> list[regex.Match[str]]:
    """Number-shaped tokens starting within ``_REACH`` characters after a document word: only those
    stretches are scanned, not the whole text."""
    windows: list[tuple[int, int]] = []
    for a, b in sorted(w.span() for context in contexts for w in context.finditer(text)):
        if windows and a <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], b + _REACH))
        else:
            windows.append((a, b + _REACH))
    return [
        m
        for a, b in windows
        for m in _DOCUMENT.finditer(text, a, min(len(text), b + _LONGEST))
        if m.start() <= b
    ]


def _last(matches: Iterator[regex.Match[str]]) -> regex.Match[str] | None:
    found = None
    for found in matches:  # noqa: B007 (the last one is wanted)
        pass
    return found
