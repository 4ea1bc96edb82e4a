"""Cheaper scans with the same answers: the Presidio prefilter's address test, the address finder's
number windows and postal lines, and normalisation's character and look-alike tests."""

from __future__ import annotations

import random
import re

import pytest

from gateway.classification import addresses
from gateway.classification.addresses import AddressFinder
from gateway.classification.normalise import normalise
from gateway.classification.presidio.prefilter import presidio_candidates

# The prefilter's address test as it was written first: a whole IPv4 or IPv6 address.
_WHOLE_IP = re.compile(r"\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}|(?:[0-9A-Fa-f]{1,4}:){3,7}[0-9A-Fa-f]{1,4}|::")


def _random_texts(alphabet: str, count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(count)]


def test_the_address_test_from_a_dot_or_colon_answers_as_the_whole_address_does() -> None:
    texts = _random_texts("0123456789abcfx.:: .", 30_000, 17) + _random_texts("1.:a", 5_000, 18)
    texts += ["Client 84.15.1.7 connected.", "at 12:00:01", "fe80::1", "2001:db8:0:1:1:1:1:1", "v1.2.3"]
    answers = {t: "IP_ADDRESS" in presidio_candidates(t) for t in texts}
    assert answers == {t: _WHOLE_IP.search(t) is not None for t in texts}
    assert sum(answers.values()) > 1_000 and sum(not a for a in answers.values()) > 1_000


def _windows_one_by_one(text: str) -> list[tuple[int, int]]:
    """The number windows as first written: each number's window, merged with the one before."""
    windows: list[tuple[int, int]] = []
    for m in re.finditer(r"\d{1,4}(?!\d)", text):
        start, end = max(0, m.start() - 70), min(len(text), m.end() + 45)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def test_number_windows_found_in_one_scan_are_those_merged_one_by_one() -> None:
    rng = random.Random(5)
    texts = []
    for _ in range(3_000):
        density = rng.random() * 0.3
        texts.append(
            "".join(rng.choice("0123456789" if rng.random() < density else "ab \n.") for _ in range(600))
        )
    assert all(addresses._windows(t) == _windows_one_by_one(t) for t in texts)
    assert sum(len(_windows_one_by_one(t)) > 1 for t in texts) > 150  # texts with several windows


@pytest.mark.parametrize(
    ("text", "street"),
    [
        # A postcode written with letters: the shapes that end in one are still tried.
        ("Post it to me at 41 Millbrook, Ballincollig, Co. Cork P31 F6K2.", "41 Millbrook"),
        ("Nosūti uz Dzirnavu 57, Rīga, LV-1010.", "Dzirnavu 57"),
        # Only digits: the same street, found without them.
        ("Pošlete to na Hlavná 48, 040 01 Košice.", "Hlavná 48"),
    ],
)
def test_postal_lines_are_found_with_or_without_a_postcode_of_letters(text: str, street: str) -> None:
    [hit] = AddressFinder().find(text)
    assert text[hit.start : hit.end] == street


def test_characters_that_compose_are_kept_as_written() -> None:
    # Each character is as NFKC keeps it, the sequence is not: nothing is changed or dropped.
    text = "Cafe\u0301 Muller 12, Nume\u0301ro 7"
    n = normalise(text)
    assert (n.text, n.offsets, n.risk_signals) == (text, tuple(range(len(text) + 1)), ())


def test_every_changed_character_is_changed_wherever_it_stands() -> None:
    text = "PESEL 4405\u200b1401\u00ad359, Ｔｅｌ ０１２３ and again ４4\u200b"
    n = normalise(text)
    assert n.text == "PESEL 44051401359, Tel 0123 and again 44"
    assert n.risk_signals == ("invisible_characters",)
    assert n.original_span(6, 17) == (6, 19)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("+358 4l2 lO5 38O", "+358 412 105 380"),  # letters after and before digits
        ("Call l2345678", "Call 12345678"),  # a letter opening the run
        ("Hello world 2024", "Hello world 2024"),  # letters next to no digit
    ],
)
def test_look_alike_letters_next_to_digits_are_read_as_digits(text: str, folded: str) -> None:
    assert normalise(text).text == folded
