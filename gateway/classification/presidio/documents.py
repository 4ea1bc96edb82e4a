"""Passport and identity-card numbers: a pattern that needs a context word, having no checksum."""

from __future__ import annotations

from typing import Any

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult

from gateway.classification.presidio.results import CONTEXT_BOOST, weighed_result

_DOCUMENT = regex.compile(r"(?<![\w-])(?=[A-Z0-9]*\d)[A-Z]{0,2}\d{6,9}[A-Z]?(?![\w-])")
_DOCUMENT_CONTEXT = {
    "PASSPORT_NUMBER": regex.compile(
        r"passport|reisepass|\bpass\b|pasas|paso\b|pases?\b|passi|passaporto|passeport", regex.IGNORECASE
    ),
    "ID_CARD_NUMBER": regex.compile(
        r"personalausweis|ausweis|identity card|id card|id-card|kortelė|kortelės|apliecīb|id-kaart|"
        r"isikutunnistus|henkilökort|carta d'identità|carta di identità|identity document",
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
        super().__init__(
            list(_DOCUMENT_CONTEXT), name="DocumentNumberRecognizer", supported_language=language
        )

    def load(self) -> None:
        return None

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        results = []
        for m in _DOCUMENT.finditer(text):
            before = text[max(0, m.start() - 60) : m.start()]
            for entity, context in _DOCUMENT_CONTEXT.items():
                if entity in entities and context.search(before):
                    score = self.SCORE + 2 * CONTEXT_BOOST
                    results.append(weighed_result(self, entity, m.start(), m.end(), score))
                    break
        return results
