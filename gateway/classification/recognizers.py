"""Presidio recognizers for the gateway: offline, EU-wide, one instance per analysis language.

Presidio binds each recognizer to one language; an identifier must be found whatever language a
prompt is in, so ``recognizers_for`` builds the whole set for every configured language, sharing
the (stateless) finders between them.
"""

from __future__ import annotations

import ipaddress
from typing import Any

import phonenumbers
import regex
import tldextract
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import (
    CreditCardRecognizer,
    EmailRecognizer,
    IbanRecognizer,
    IpRecognizer,
    PhoneRecognizer,
)

from gateway.classification.identifiers import ENTITIES as NATIONAL_ENTITIES
from gateway.classification.identifiers import LANGUAGE_COUNTRY
from gateway.classification.names import NameFinder
from gateway.classification.national import NationalIdFinder
from gateway.classification.patterns import PHONE_CONTEXT
from gateway.classification.special import CATEGORIES, SpecialCategoryFinder, entity_for

EU_EEA_PHONE_REGIONS = (
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
    "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "NO", "LI", "CH", "GB",
)  # fmt: skip
SPECIAL_ENTITIES = tuple(entity_for(c) for c in CATEGORIES)

# The bundled public suffix snapshot; an empty URL list means tldextract never fetches one.
OFFLINE_TLD = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

_ENHANCED = RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY


def _result(
    recognizer: EntityRecognizer, entity: str, start: int, end: int, score: float
) -> RecognizerResult:
    # Our recognizers weigh their own context; marking results as enhanced keeps Presidio's
    # lemma enhancer from boosting them a second time.
    return RecognizerResult(
        entity_type=entity,
        start=start,
        end=end,
        score=score,
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: type(recognizer).__name__,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
            _ENHANCED: True,
        },
    )


class NationalIdRecognizer(EntityRecognizer):
    def __init__(self, finder: NationalIdFinder, language: str) -> None:
        self._finder = finder
        super().__init__(list(NATIONAL_ENTITIES), name="NationalIdRecognizer", supported_language=language)

    def load(self) -> None:
        return None

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        wanted = set(entities)
        return [
            _result(self, h.entity, h.start, h.end, h.score)
            for h in self._finder.find(text, self.supported_language)
            if h.entity in wanted
        ]


class NameListRecognizer(EntityRecognizer):
    def __init__(self, finder: NameFinder, language: str) -> None:
        self._finder = finder
        super().__init__(["PERSON"], name="NameListRecognizer", supported_language=language)

    def load(self) -> None:
        return None

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        return [
            _result(self, "PERSON", s.start, s.end, s.score)
            for s in self._finder.find(text, self.supported_language)
        ]


class SpecialCategoryRecognizer(EntityRecognizer):
    def __init__(self, finder: SpecialCategoryFinder, language: str) -> None:
        self._finder = finder
        super().__init__(
            list(SPECIAL_ENTITIES), name="SpecialCategoryRecognizer", supported_language=language
        )

    def load(self) -> None:
        return None

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        return [
            _result(self, entity_for(h.category), h.start, h.end, h.score) for h in self._finder.find(text)
        ]


class OfflineEmailRecognizer(EmailRecognizer):
    """Presidio's e-mail recognizer, validating the domain against the bundled suffix list."""

    def validate_result(self, pattern_text: str) -> bool:
        return OFFLINE_TLD(pattern_text).fqdn != ""


class PublicIpRecognizer(IpRecognizer):
    """Globally routable IP addresses; private, loopback, link-local and documentation ranges
    identify no one outside their network (and "version 10.4.3.2" is not an address).

    Candidates come from two small patterns and are validated by ``ipaddress`` (Presidio's own
    IPv6 patterns cost more than everything else on a log line). An address is reported on its
    own (score 0.6): context words would only raise the score, so results skip the enhancer.
    """

    SCORE = 0.6

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: Any = None, regex_flags: Any = None
    ) -> list[RecognizerResult]:
        results = []
        for pattern in (_IPV4, _IPV6) if ":" in text else (_IPV4,):
            for m in pattern.finditer(text):
                if not self.invalidate_result(m.group(0)):
                    results.append(_result(self, "IP_ADDRESS", m.start(), m.end(), self.SCORE))
        return results

    def invalidate_result(self, pattern_text: str) -> bool:
        try:
            ip = ipaddress.ip_interface(pattern_text).ip
        except ValueError:
            return True
        return not ip.is_global


_IPV4 = regex.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?:/\d{1,2})?(?!\.?\d)")
_IPV6 = regex.compile(
    r"(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?![\w:])"
)


# Digits that could form a phone number: an optional + or 00, then 7-15 digits with separators.
_DATE = regex.compile(r"\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{4}")
_PHONE_CANDIDATE = regex.compile(r"(?<![\w+])(?:\+|00)?\(?\d[\d \-./()]{5,20}\d(?![\w])")


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
            found = self._parse(span, international)
            if found is None:
                continue
            region, offset, length = found
            start = candidate.start() + offset
            # Written internationally a number needs no context; a context word raises any number.
            score = (0.6 if international else self.SCORE) + (CONTEXT_BOOST if context else 0.0)
            results.append(_phone_result(self, start, start + length, min(score, 1.0), region))
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


def _phone_result(
    recognizer: EuPhoneRecognizer, start: int, end: int, score: float, region: str
) -> RecognizerResult:
    return RecognizerResult(
        entity_type="PHONE_NUMBER",
        start=start,
        end=end,
        score=score,
        analysis_explanation=recognizer._get_analysis_explanation(region),
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: type(recognizer).__name__,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
            _ENHANCED: True,
        },
    )


CONTEXT_BOOST = 0.35
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
                    results.append(_result(self, entity, m.start(), m.end(), self.SCORE + 2 * CONTEXT_BOOST))
                    break
        return results


RECOGNIZER_NAMES = (
    "NationalIdRecognizer", "NameListRecognizer", "SpecialCategoryRecognizer", "OfflineEmailRecognizer",
    "EuPhoneRecognizer", "IbanRecognizer", "CreditCardRecognizer", "PublicIpRecognizer",
    "DocumentNumberRecognizer",
)  # fmt: skip


def recognizers_for(
    language: str,
    national: NationalIdFinder,
    names: NameFinder,
    special: SpecialCategoryFinder,
) -> list[EntityRecognizer]:
    return [
        NationalIdRecognizer(national, language),
        NameListRecognizer(names, language),
        SpecialCategoryRecognizer(special, language),
        OfflineEmailRecognizer(supported_language=language),
        EuPhoneRecognizer(language),
        IbanRecognizer(supported_language=language),
        CreditCardRecognizer(supported_language=language),
        PublicIpRecognizer(supported_language=language),
        DocumentNumberRecognizer(language),
    ]
