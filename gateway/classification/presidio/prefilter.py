"""Which of Presidio's pattern recognizers could match a text at all, by cheap tests.

Plain prose runs none of them; our own finders (identifiers, names, special categories) are
cheap enough to run on every text.
"""

from __future__ import annotations

import re

from gateway.classification.patterns import DOCUMENT_CONTEXT, has_digit

# The entity types whose Presidio recognizers the engine calls directly. IBANs and payment cards
# are in the identifier table (separator-tolerant, checksum-guarded), phone numbers in the evasion
# finder (numbering plans of the text's countries, phone words right before the number);
# Presidio's recognizers for them stay registered for direct use of the analyzer.
DIRECT_ENTITIES = frozenset({"EMAIL_ADDRESS", "IP_ADDRESS", "PASSPORT_NUMBER", "ID_CARD_NUMBER"})

# A run of digits, or a document number mixing capitals and digits ("C4J7K2L9M", "X4RTBPFW4");
# the second is tried only where a text holds digits at all.
_DIGITS = re.compile(r"\d[\d \-./]{3,}\d")
_MIXED = re.compile(r"(?<![\w])(?=(?:[A-Z]*\d){2})[A-Z0-9]{6,12}(?![\w])")
# IPv4, or IPv6 with four or more groups or a "::" (clock times like 12:00:01 have three). Only
# whether one is there matters, so each is looked for from a '.' or ':' it must hold, the group
# before it cut to its last character: the scan skips to those characters in C, where trying a
# hex group at every letter a to f cost as much as the rest of the prefilter.
_IPV4 = re.compile(r"\.(?<=\d\.)\d{1,3}\.\d{1,3}\.\d")
_IPV6 = re.compile(r":(?::|(?<=[0-9A-Fa-f]:)[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f])")


def presidio_candidates(text: str) -> list[str]:
    """The entity types, among ``DIRECT_ENTITIES``, that a recognizer could find in ``text``."""
    entities = []
    if "@" in text:
        entities.append("EMAIL_ADDRESS")
    digits = has_digit(text) and (_DIGITS.search(text) or _MIXED.search(text))
    if digits and any(context.search(text) for context in DOCUMENT_CONTEXT.values()):
        entities += ["PASSPORT_NUMBER", "ID_CARD_NUMBER"]
    if _IPV4.search(text) or _IPV6.search(text):
        entities.append("IP_ADDRESS")
    return entities
