"""Passport and identity-card numbers: a pattern that needs a context word, having no checksum."""

from __future__ import annotations

from typing import Any

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult

from gateway.classification.presidio.results import CONTEXT_BOOST, weighed_result

# Letters and digits as the states print them: "C01X00T47" (DE), "18AV12345" (FR), "PA1234567"
# (IE), "AB0123456" (EE), "123456AB" (HU), "ΑΚ 123456" (GR), "12345678 9 ZZ1" (PT citizen card).
_DOCUMENT = regex.compile(
    r"(?<![\w-])(?=[\p{Lu}0-9 ]*\d)(?:"
    r"\p{Lu}{0,3}\s?\d{6,9}\p{Lu}?"
    r"|\d{6,8}\p{Lu}{1,2}"
    r"|(?=(?:\p{Lu}*\d){4})[\p{Lu}0-9]{8,9}"
    r"|\d{8}\s\d\s\p{Lu}{2}\d"
    r")(?![\w-])"
)
# Context words of the 26 languages, matched as word starts (case endings may follow).
DOCUMENT_CONTEXT = {
    "PASSPORT_NUMBER": regex.compile(
        r"(?<!\w)(?:passport|reisepass|pass\b|passn|passet|pasas|paso\b|pase\b|pases\b|passi|passaport|"
        r"passeport|pasaport|paspoort|paszport|cestovn\w* pas|pas\b|pasu\b|pasnummer|potn\w* list|"
        r"putovnic|паспорт|διαβατήρι|útlevél|pașaport|vegabréf|phas|pas\b)",
        regex.IGNORECASE,
    ),
    "ID_CARD_NUMBER": regex.compile(
        r"(?<!\w)(?:personalausweis|ausweis|identity card|id card|id-card|id-kort|identity document|"
        r"kortelė|kortelės|apliecīb|id-kaar|isikutunnistu|henkilökort|carta d'identità|"
        r"carta di identità|karta tal-identità|carte d'identité|carte de identitate|buletin|"
        r"documento de identidad|cartão de cidadão|identiteitskaart|dowod\w* osobist|dowód osobisty|"
        r"občansk\w* (?:průkaz|preukaz)|osebn\w* izkaznic|osobn\w* iskaznic|лична карта|"
        r"ταυτότητ|személyi|nafnskírteini|cárta aitheantais|nationellt id)",
        regex.IGNORECASE,
    ),
}


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
        for m in _DOCUMENT.finditer(text):
            before = text[max(0, m.start() - 60) : m.start()]  # the word precedes the number
            for entity, context in DOCUMENT_CONTEXT.items():
                if entity in entities and context.search(before):
                    score = self.SCORE + 2 * CONTEXT_BOOST
                    results.append(weighed_result(self, entity, m.start(), m.end(), score))
                    break
        return results
