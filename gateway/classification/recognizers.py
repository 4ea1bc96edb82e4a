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
from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult
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
            RecognizerResult.RECOGNIZER_NAME_KEY: recognizer.name,
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
        return [_result(self, "PERSON", s.start, s.end, s.score) for s in self._finder.find(text)]


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
    """IP addresses, except loopback, unspecified and link-local ones, which identify no one."""

    def invalidate_result(self, pattern_text: str) -> bool:
        try:
            ip = ipaddress.ip_interface(pattern_text).ip
        except ValueError:
            return True
        return ip.is_loopback or ip.is_unspecified or ip.is_link_local


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
        "phone", "tel", "mobile", "call", "cell", "telefon", "tālr", "puhelin", "puh", "numero",
        "cellulare", "handy", "mob", "telefono", "telefoni", "nummer",
    ]  # fmt: skip

    def __init__(self, language: str) -> None:
        super().__init__(
            supported_language=language,
            supported_regions=EU_EEA_PHONE_REGIONS,
            context=self.CONTEXT,
        )
        self._context = regex.compile("|".join(self.CONTEXT), regex.IGNORECASE)
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
            # the matcher (32 regions) altogether.
            if not international and not self._context.search(
                text, max(0, candidate.start() - 40), candidate.start()
            ):
                continue
            for region in self._regions[:1] if international else self._regions:
                match = next(
                    iter(phonenumbers.PhoneNumberMatcher(span, region, leniency=self.leniency)), None
                )
                if match is None:
                    continue
                start = candidate.start() + match.start
                result = self._get_recognizer_result(match, text, region, nlp_artifacts)
                result.start, result.end = start, start + (match.end - match.start)
                # Written internationally a number needs no context; a national one does.
                result.score = 0.6 if international else self.SCORE
                results.append(result)
                break
        return EntityRecognizer.remove_duplicates(results)


_DOCUMENT_PATTERN = r"(?<![\w-])(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z0-9]{2})[A-Z]{0,2}\d{6,9}[A-Z]?(?![\w-])"


def _document_recognizers(language: str) -> list[PatternRecognizer]:
    """Passport and identity-card numbers have no checksum we can test: pattern plus context only."""
    base = 0.15  # reported only with a context word (+0.35 from Presidio's lemma enhancer)
    return [
        PatternRecognizer(
            supported_entity="PASSPORT_NUMBER",
            name="PassportRecognizer",
            supported_language=language,
            patterns=[Pattern("passport", _DOCUMENT_PATTERN, base)],
            context=["passport", "reisepass", "pass", "pasas", "pase", "passi", "passaporto", "passeport"],
        ),
        PatternRecognizer(
            supported_entity="ID_CARD_NUMBER",
            name="IdCardRecognizer",
            supported_language=language,
            patterns=[Pattern("id card", _DOCUMENT_PATTERN, base)],
            context=[
                "personalausweis",
                "ausweis",
                "identity",
                "kortelė",
                "kortel",
                "apliecīb",
                "id-kaart",
                "isikutunnistus",
                "henkilökortti",
                "identità",
                "identita",
                "carta",
                "id",
            ],
        ),
    ]


RECOGNIZER_NAMES = (
    "NationalIdRecognizer", "NameListRecognizer", "SpecialCategoryRecognizer", "OfflineEmailRecognizer",
    "EuPhoneRecognizer", "IbanRecognizer", "CreditCardRecognizer", "PublicIpRecognizer",
    "PassportRecognizer", "IdCardRecognizer",
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
        *_document_recognizers(language),
    ]
