"""Phone numbers of every EU/EEA region, parsed by libphonenumber only where digits cluster."""

from __future__ import annotations

from typing import Any

import phonenumbers
import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.predefined_recognizers import PhoneRecognizer

from gateway.classification.identifiers import LANGUAGE_COUNTRY
from gateway.classification.patterns import PHONE_CONTEXT
from gateway.classification.presidio.results import CONTEXT_BOOST, weighed_result

EU_EEA_PHONE_REGIONS = (
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
    "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "NO", "LI", "CH", "GB",
)  # fmt: skip

# Digits that could form a phone number: an optional + or 00, then 7-15 digits with separators.
_DATE = regex.compile(r"\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{4}")
# Separators may repeat and a number may run over a line break ("06 12\n34 56 78", "6 0 1 . 2 3 4"):
# libphonenumber's validity per region, and a context word for nationally written numbers, guard it.
_PHONE_CANDIDATE = regex.compile(r"(?<![\w+])(?:\+|00)?\(?\d(?:[\d \-./()]|\n(?=\s*\d)){5,34}\d(?![\w])")


class EuPhoneRecognizer(PhoneRecognizer):
    """Phone numbers of every EU/EEA region, matched only where a cheap pattern says digits cluster.

    Presidio's recognizer runs libphonenumber's matcher over the whole text once per region (about
    1 ms per KB for 32 regions even on prose); we run it on candidate spans only, trying the
    language's own region first.
    """

    CONTEXT = [
        "phone", "tel", "mobile", "call", "cell", "telefon", "tālr", "puhelin", "puh", "soita",
        "cellulare", "handy", "mob", "telefono", "telefoni", "skambin", "zvan", "helista", "chiama",
    ]  # fmt: skip

    def __init__(self, language: str) -> None:
        super().__init__(
            supported_language=language,
            supported_regions=EU_EEA_PHONE_REGIONS,
            context=self.CONTEXT,
        )
        self._context = regex.compile(PHONE_CONTEXT, regex.IGNORECASE)
        own = LANGUAGE_COUNTRY.get(language)
        self._regions = ((own,) if own in EU_EEA_PHONE_REGIONS else ()) + tuple(
            r for r in EU_EEA_PHONE_REGIONS if r != own
        )

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        results: list[RecognizerResult] = []
        for candidate in _PHONE_CANDIDATE.finditer(text):
            span = candidate.group(0)
            digits = sum(ch.isdigit() for ch in span)
            if not 7 <= digits <= 15 or _DATE.fullmatch(span):
                continue
            international = span.startswith(("+", "00"))
            # A nationally written number is reported only with a context word; without one, skip
            # the parsing (32 regions) altogether.
            context = (
                self._context.search(text, max(0, candidate.start() - 40), candidate.start()) is not None
            )
            if not international and not context:
                continue
            found = self._parse(span.replace("\n", " "), international)
            if found is None:
                continue
            region, offset, length = found
            start = candidate.start() + offset
            # Written internationally a number needs no context; a context word raises any number.
            score = (0.6 if international else self.SCORE) + (CONTEXT_BOOST if context else 0.0)
            explanation = self._get_analysis_explanation(region)
            results.append(
                weighed_result(self, "PHONE_NUMBER", start, start + length, min(score, 1.0), explanation)
            )
        return EntityRecognizer.remove_duplicates(results)

    def _parse(self, span: str, international: bool) -> tuple[str, int, int] | None:
        """The region a candidate is a valid number of, and where in the span the number sits."""
        if international:
            match = next(
                iter(phonenumbers.PhoneNumberMatcher(span, self._regions[0], leniency=self.leniency or 1)),
                None,
            )
            if match is None:
                return None
            return (
                phonenumbers.region_code_for_number(match.number) or "",
                match.start,
                match.end - match.start,
            )
        # Parsing per region is far cheaper than running the matcher once per region.
        for region in self._regions:
            try:
                number = phonenumbers.parse(span, region)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number(number):
                return region, 0, len(span)
        return None
