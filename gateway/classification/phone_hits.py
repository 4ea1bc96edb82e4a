"""The phone and IBAN finder's hits, and which stand where the identifier table found a number too."""

from __future__ import annotations

from dataclasses import dataclass

from gateway.classification.national import IdentifierHit

PHONE, IBAN = "PHONE_NUMBER", "IBAN_CODE"
# Identifier scores (see ``national``): a strong check without a label, a weak one with a label.
STRONG_UNLABELLED, LABELLED_WEAK, LABELLED_STRONG = 0.9, 0.7, 1.0


@dataclass(frozen=True, slots=True)
class EvadedHit(IdentifierHit):
    international: bool = False  # written with its country code after '+' or '00'
    labelled: bool = False  # a phone word right before it ("Contact details: ...")
    mobile: bool = False  # a mobile of the text's own country, stated without a word


def settle(evaded: list[EvadedHit], identifiers: list[IdentifierHit]) -> list[IdentifierHit]:
    """Both finders' hits, each number once.

    An IBAN the identifier table already found stays its finding. A validated phone number or IBAN
    outranks an identifier guessed inside its digits ("612 34567" read as a Slovenian tax number in
    "+370 612 34567"): one without a label, or any but the strongest after a country code; right
    after a phone word, any but one its own label names.
    """
    kept = list(identifiers)
    out: list[IdentifierHit] = []
    for hit in evaded:
        overlapping = [h for h in kept if h.start < hit.end and hit.start < h.end]
        if hit.entity == IBAN:
            if any(h.entity == IBAN for h in overlapping):
                continue
            ceiling = 2.0
        elif hit.labelled:
            ceiling = LABELLED_STRONG  # only an identifier named by its own label outranks it
        else:
            ceiling = STRONG_UNLABELLED if hit.international or hit.mobile else LABELLED_WEAK
        # An identifier inside a longer valid number is a coincidence of its digits.
        if any(h.score >= ceiling and not _covers(hit, h) for h in overlapping):
            continue
        kept = [h for h in kept if h not in overlapping]
        out.append(hit)
    return kept + out


def _covers(outer: IdentifierHit, inner: IdentifierHit) -> bool:
    return (
        outer.start <= inner.start
        and inner.end <= outer.end
        and outer.end - outer.start > inner.end - inner.start
    )
