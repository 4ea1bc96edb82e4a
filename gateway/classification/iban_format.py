"""IBAN validation as python-stdnum's ``iban.is_valid`` answers it, with each country's format compiled once.

stdnum looks every number's country up in its registry (a tree walk per call) and compiles the
format's pattern each time; on number-dense text that was most of the identifier table's cost. Here
the SWIFT registry stdnum ships is read once: the country's format, then ISO 7064 mod 97, then the
national checks stdnum adds for Belgium, Spain, Montenegro and Norway.

>>> is_valid("DE89370400440532013000")
True
>>> is_valid("DE89 3704 0044 0532 0130 01")
False
>>> is_valid("BE71 0961 2345 6769")
True
"""

from __future__ import annotations

import re
from collections.abc import Callable
from importlib import resources

from stdnum import iban as stdnum_iban
from stdnum.be import iban as be_iban
from stdnum.es import ccc as es_ccc
from stdnum.no import kontonr as no_kontonr

_CLASSES = {"n": "[0-9]", "a": "[A-Z]", "c": "[A-Z0-9]"}


# The national checks stdnum's IBAN check adds (its country modules, less their repeat of the
# format and mod 97 already passed): bank and account check digits.
def _belgian(iban: str) -> bool:
    return iban[-2:] == be_iban._calc_check_digits(iban[4:-2]) and bool(be_iban.info(iban))


def _montenegrin(iban: str) -> bool:
    return int(iban[4:]) % 97 == 1


def _spanish(iban: str) -> bool:
    return bool(es_ccc.is_valid(iban[4:]))


def _norwegian(iban: str) -> bool:
    return bool(no_kontonr.is_valid(iban[4:]))


_NATIONAL: dict[str, Callable[[str], bool]] = {
    "BE": _belgian,
    "ES": _spanish,
    "ME": _montenegrin,
    "NO": _norwegian,
}


def _formats() -> tuple[dict[str, re.Pattern[str]], dict[str, tuple[int, ...]], dict[str, tuple[int, ...]]]:
    """Each country's BBAN pattern, and the positions of its IBAN that hold digits only, and
    those that hold letters or digits."""
    text = (resources.files("stdnum") / "iban.dat").read_text(encoding="utf-8")
    formats, digits, either = {}, {}, {}
    for m in re.finditer(r'^([A-Z]{2}) .*?bban="([^"]+)"', text, re.MULTILINE):
        parts = re.findall(r"([1-9]\d*)!([nac])", m.group(2))
        formats[m.group(1)] = re.compile("".join(f"{_CLASSES[kind]}{{{n}}}" for n, kind in parts))
        kinds = "nn" + "".join(kind * int(n) for n, kind in parts)
        digits[m.group(1)] = tuple(i + 2 for i, kind in enumerate(kinds) if kind == "n")
        either[m.group(1)] = tuple(i + 2 for i, kind in enumerate(kinds) if kind == "c")
    return formats, digits, either


_FORMATS, _DIGIT_POSITIONS, _EITHER_POSITIONS = _formats()
_AS_DIGIT = {"O": "0", "o": "0", "l": "1", "I": "1"}


def with_digits(iban: str, either: bool = False) -> str:
    """An upper-case IBAN with O, l and I read as 0 and 1 where its country's format holds digits
    ("LT85 1OOO O111 ..."), and with ``either`` also where it holds letters or digits; letters
    where it holds letters stay ("NL91 ABNA 0417 ...", "INGB")."""
    if not any(ch in _AS_DIGIT for ch in iban):
        return iban.upper()
    chars = list(iban)
    country = iban[:2].upper()
    positions = _DIGIT_POSITIONS.get(country, ()) + (_EITHER_POSITIONS.get(country, ()) if either else ())
    for i in positions:
        if i < len(chars):
            chars[i] = _AS_DIGIT.get(chars[i], chars[i])
    return "".join(chars).upper()


def valid_with_digits(iban: str) -> bool:
    """Whether ``iban`` is valid read as written, or with look-alikes read as digits (``with_digits``)."""
    if is_valid(iban.upper()):
        return True
    if not any(ch in _AS_DIGIT for ch in iban):
        return False
    return is_valid(with_digits(iban)) or is_valid(with_digits(iban, either=True))


# Letters as ISO 13616 counts them (A = 10 ... Z = 35), one translation for the whole number.
_AS_NUMBERS = str.maketrans({chr(c): str(c - 55) for c in range(ord("A"), ord("Z") + 1)})


def mod97(iban: str) -> bool:
    """ISO 13616's check over an upper-case IBAN of letters and digits."""
    digits = (iban[4:] + iban[:4]).translate(_AS_NUMBERS)
    if not digits.isdigit() or not digits.isascii():
        return False
    return int(digits) % 97 == 1


def is_valid(number: str) -> bool:
    """Whether ``number`` (separators ' -.' allowed) is a valid IBAN of a registered country."""
    iban = compact(number)
    bban = _FORMATS.get(iban[:2])
    if bban is None or not iban[2:4].isdigit() or not bban.fullmatch(iban, 4) or not mod97(iban):
        return False
    national = _NATIONAL.get(iban[:2])
    return national is None or national(iban)


def compact(number: str) -> str:
    return stdnum_iban.compact(number) if not number.isalnum() else number.upper()
