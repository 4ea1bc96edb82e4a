"""The recognizers registered for each analysis language, and their names for the recognizer hash.

Presidio binds each recognizer to one language; an identifier must be found whatever language a
prompt is in, so ``recognizers_for`` builds the whole set for every configured language, sharing
the (stateless) finders between them.
"""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer
from presidio_analyzer.predefined_recognizers import CreditCardRecognizer, IbanRecognizer

from gateway.classification.names import NameFinder
from gateway.classification.national import NationalIdFinder
from gateway.classification.presidio.adapters import (
    NameListRecognizer,
    NationalIdRecognizer,
    SpecialCategoryRecognizer,
)
from gateway.classification.presidio.documents import DocumentNumberRecognizer
from gateway.classification.presidio.network import OfflineEmailRecognizer, PublicIpRecognizer
from gateway.classification.presidio.phone import EuPhoneRecognizer
from gateway.classification.special import SpecialCategoryFinder

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
