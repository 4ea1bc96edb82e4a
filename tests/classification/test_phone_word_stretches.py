"""Phone and "number" words scanned a stretch at a time are those a scan of the whole text finds."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from gateway.classification.phone_words import _NOT_IN_WORDS, _number_word_scan, _phone_word_scan
from gateway.classification.stretches import Stretches

_TUNE = Path(__file__).parent / "fresh" / "tune"
_DEV = Path(__file__).parent / "dev"


def _lines() -> list[str]:
    files = sorted(_TUNE.glob("*.txt")) + sorted(_DEV.glob("*.txt"))
    return [
        line.split("|", 2)[-1]
        for path in files
        for line in path.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]


def _texts() -> list[str]:
    rng = random.Random(8)
    lines = _lines()
    joined = [" ".join(rng.sample(lines, 12)) for _ in range(60)]
    broken = ["\n".join(rng.sample(lines, 6)) for _ in range(20)]
    made = [
        "Send me a message, send me a message at 0612 345 678, message me on +370 612 34567.",
        "Tel.0612/Mob:0612 Telefonnummer 123 ☎ 0612 M: 07700 123456\ns. 695 1234 numer telefonu 601",
        "Numéro de téléphone 06 12 34 56 78, NUMBER 5, numbers 7, számla 12, számom 0630 1234567",
        "İstanbul Telefon 0212 555 1234, mobster 0612 345 678 mobla 0612 345 678",  # lower() lengthens
    ]
    return joined + broken + made


def _stretched_equals_whole(text: str, stretches: Stretches, whole: list, rng: random.Random) -> None:
    for _ in range(80):
        start = rng.randrange(len(text) + 1)
        end = min(len(text), start + rng.randrange(90))
        stretches.cover(start, end)
        inside = [row for row in stretches.rows if start <= row[0] < end]
        assert inside == [row for row in whole if start <= row[0] < end], (start, end)
        assert stretches.starts == sorted(stretches.starts)


@pytest.mark.parametrize("n", range(4))
def test_stretches_find_the_whole_texts_words_wherever_asked(n: int) -> None:
    rng = random.Random(n)
    for text in _texts():
        lowered = text.lower()
        exact = len(lowered) == len(text)
        phone = _phone_word_scan(text, lowered)
        number = _number_word_scan(text)
        whole_phone, _ = phone(0, len(text) + 1)
        whole_number, _ = number(0, len(text) + 1)
        _stretched_equals_whole(
            text, Stretches(lowered if exact else text, phone, _NOT_IN_WORDS), whole_phone, rng
        )
        _stretched_equals_whole(text, Stretches(text, number, r"[\s\d]"), whole_number, rng)


def test_a_phone_word_is_found_after_a_stretch_stopped_inside_it() -> None:
    text = "0612 send me a message 0612 345 678"
    stretches = Stretches(text, _phone_word_scan(text, text.lower()), _NOT_IN_WORDS)
    stretches.cover(0, 8)  # stops inside "send me a message"
    stretches.cover(12, 20)
    assert [(a, b) for a, b, _ in stretches.rows] == [(5, 22)]


def test_no_phone_word_holds_a_break() -> None:
    from gateway.classification.phone_words import _WORD_LIST

    assert not any(ch.isdigit() or ch in ",:;()\n" for word in _WORD_LIST for ch in word)
