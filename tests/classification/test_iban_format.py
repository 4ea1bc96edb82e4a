"""The fast IBAN check answers as python-stdnum's does, for every registered country's format."""

from __future__ import annotations

import random
import re
from importlib import resources

from stdnum import iban as stdnum_iban

from gateway.classification import iban_format

_POOLS = {"n": "0123456789", "a": "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "c": "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"}


def _generated(rng: random.Random) -> list[str]:
    """Numbers of each country's format: most with right check digits, some wrong, cut, spaced."""
    text = (resources.files("stdnum") / "iban.dat").read_text(encoding="utf-8")
    numbers = []
    for m in re.finditer(r'^([A-Z]{2}) .*?bban="([^"]+)"', text, re.MULTILINE):
        country, parts = m.group(1), re.findall(r"(\d+)!([nac])", m.group(2))
        for _ in range(60):
            bban = "".join(rng.choice(_POOLS[kind]) for n, kind in parts for _ in range(int(n)))
            if rng.random() < 0.1:
                bban = bban[:-1]
            check = 98 - int("".join(str(int(ch, 36)) for ch in bban + country + "00")) % 97
            if rng.random() < 0.2:
                check = rng.randint(0, 99)
            number = f"{country}{check:02d}{bban}"
            if rng.random() < 0.3:
                number = " ".join(number[i : i + 4] for i in range(0, len(number), 4))
            numbers.append(number.lower() if rng.random() < 0.2 else number)
    return numbers


def test_it_answers_as_python_stdnum_does() -> None:
    numbers = _generated(random.Random(13))
    answers = [iban_format.is_valid(n) for n in numbers]
    assert answers == [stdnum_iban.is_valid(n) for n in numbers]
    assert sum(answers) > len(numbers) // 2  # both kinds are tried, valid and invalid


def test_national_checks_and_unknown_countries() -> None:
    assert iban_format.is_valid("BE71 0961 2345 6769")
    assert not iban_format.is_valid("BE71 0961 2345 6760")  # mod 97 and Belgium's own check
    assert iban_format.is_valid("ES91 2100 0418 4502 0005 1332")
    assert not iban_format.is_valid("XX89 3704 0044 0532 0130 00")  # no such country
    assert not iban_format.is_valid("DE89 3704 0044 0532 0130")  # too short for Germany


def test_mod97_reads_letters_as_iso_13616_counts_them() -> None:
    assert iban_format.mod97("GB29NWBK60161331926819")  # letters in the bank code
    assert not iban_format.mod97("GB29NWBK60161331926818")
    assert not iban_format.mod97("GB29NWBK6016133192681!")  # not a letter or a digit
