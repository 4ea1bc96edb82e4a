"""The identifier table's shortcuts answer as the long way does: the windows and identifiers left
untried could not have been reported, and the quick checks never reject what a validator accepts."""

from __future__ import annotations

import random
import re

import pytest
from stdnum.eu import vat as eu_vat

from gateway.classification import evaded_ibans, extra_ids
from gateway.classification.identifiers import NEEDS_LETTER, IdentifierSpec
from gateway.classification.national import NationalIdFinder
from gateway.classification.number_context import NumberContext


def test_identifiers_whose_shape_needs_a_letter_are_those_of_letters() -> None:
    assert {(s.entity, s.country) for s in NEEDS_LETTER} == {
        ("CY_TAX_NUMBER", "CY"),
        ("ES_DNI", "ES"),
        ("ES_NIE", "ES"),
        ("EU_VAT_NUMBER", "EU"),
        ("IBAN_CODE", "EU"),
        ("ID_CARD_NUMBER", "MT"),
        ("ID_CARD_NUMBER", "PL"),
        ("IE_PPSN", "IE"),
        ("IT_FISCAL_CODE", "IT"),
    }


def _named(spec: IdentifierSpec) -> str:
    return f"{spec.country}-{spec.entity}"


_LETTERED = sorted(NEEDS_LETTER, key=_named)


@pytest.mark.parametrize("spec", _LETTERED, ids=[_named(s) for s in _LETTERED])
def test_a_window_of_digits_never_fits_an_identifier_that_needs_a_letter(spec: IdentifierSpec) -> None:
    rng = random.Random(5)
    for length in sorted(spec.lengths):
        for _ in range(300):
            digits = "".join(rng.choice("0123456789") for _ in range(length))
            assert spec.shape.fullmatch(digits) is None


def test_a_vat_number_of_another_length_than_its_countrys_never_validates() -> None:
    """The length check run before python-stdnum's VAT check: numbers one to three digits longer or
    shorter, with every last digit, are all refused by stdnum too."""
    rng = random.Random(11)
    lengths = extra_ids._VAT_DIGITS
    for country, length in lengths.items():
        for other in range(max(1, length - 3), length + 4):
            for _ in range(30):
                body = "".join(rng.choice("123456789") for _ in range(other - 1))
                for last in "0123456789":
                    number = country + body + last
                    if other != length:
                        assert not extra_ids.eu_vat_length(number)
                        assert not eu_vat.is_valid(number), number
        assert extra_ids.eu_vat_length(country + "1" * length)
    assert extra_ids.eu_vat_length("NL004495445B01")  # a country with letters: left to stdnum


def test_the_taj_check_is_the_weighted_sum_it_always_was() -> None:
    rng = random.Random(3)
    for _ in range(5000):
        n = "".join(rng.choice("0123456789") for _ in range(9))
        expected = sum(int(d) * (3 if i % 2 == 0 else 7) for i, d in enumerate(n[:8])) % 10 == int(n[8])
        assert extra_ids.HuTaj.is_valid(n) == expected


_MACHINE_LINE = re.compile(r"[=<>{}\[\]|`]|\"\s*:|\d{4}-\d\d-\d\dT\d\d:")


def test_a_log_line_is_recognised_as_the_single_expression_did() -> None:
    rng = random.Random(23)
    pieces = [
        "2025-06-03T09:11:",
        "2025-06-03T0",
        "1234-5",
        '"id": ',
        '" :',
        "=",
        "[",
        "|",
        "T12:",
        "a",
        " ",
        "9",
        "-",
    ]
    for _ in range(4000):
        line = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        text = "before\n" + line + "\nafter"
        assert NumberContext(text, None)._machine_line(7) == (_MACHINE_LINE.search(line) is not None), line


def test_an_ibans_groups_are_collected_as_the_character_walk_collects_them() -> None:
    rng = random.Random(41)
    alphabet = ["A", "b", "7", "0", " ", "  ", "-", ".", "\n", "\r", "(bank)", "(", ")", "é", "\t", "—", "·"]
    alphabet += ["\u00a0", "!"]
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 25)))
        for count in (3, 11, 18):
            assert evaded_ibans._collect(text, 0, count) == evaded_ibans._walk(text, 0, count), (text, count)


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("IBAN DE89 3704 0044 0532 0130 00 bitte", "IBAN_CODE"),  # after a group of letters
        ("PEID 73915", "LI_PERSON_ID"),  # five digits, a label: the shortest window there is
        ("Meine Steuer-ID ist 36574261809.", "DE_TAX_ID"),
        ("BSN: 111 222 333", "NL_BSN"),  # grouped in threes with its label
    ],
)
def test_windows_left_untried_are_none_that_could_be_reported(text: str, entity: str) -> None:
    assert entity in {h.entity for h in NationalIdFinder().find(text)}


def test_a_weak_number_grouped_in_thousands_needs_its_label() -> None:
    finder = NationalIdFinder()
    assert not finder.find("We shipped 111.222.333 units last year.")
    assert {h.entity for h in finder.find("BSN 111.222.333")} == {"NL_BSN"}


@pytest.mark.parametrize(
    "text",
    [
        "İstanbul ofisi: BSN 111222333 van de klant.",  # lowering grows "İ": each window lowered alone
        "ΑΣ BSN 111222333",  # a final sigma lowers by what follows it
        "BSN 111222333 ΚΩΣΤΑΣ",
    ],
)
def test_labels_are_read_the_same_whatever_lowering_does_to_the_text(text: str) -> None:
    assert {h.entity for h in NationalIdFinder().find(text)} == {"NL_BSN"}
