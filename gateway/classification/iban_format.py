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
from importlib import resources
from types import ModuleType

from stdnum import iban as stdnum_iban
from stdnum.be import iban as be_iban
from stdnum.es import iban as es_iban
from stdnum.me import iban as me_iban
from stdnum.no import iban as no_iban

_CLASSES = {"n": "[0-9]", "a": "[A-Z]", "c": "[A-Z0-9]"}
# stdnum's own country modules behind its IBAN check (bank and account check digits).
_NATIONAL: dict[str, ModuleType] = {"BE": be_iban, "ES": es_iban, "ME": me_iban, "NO": no_iban}


def _formats() -> dict[str, re.Pattern[str]]:
    text = (resources.files("stdnum") / "iban.dat").read_text(encoding="utf-8")
    formats = {}
    for m in re.finditer(r'^([A-Z]{2}) .*?bban="([^"]+)"', text, re.MULTILINE):
        parts = re.findall(r"([1-9]\d*)!([nac])", m.group(2))
        formats[m.group(1)] = re.compile("".join(f"{_CLASSES[kind]}{{{n}}}" for n, kind in parts))
    return formats


_FORMATS = _formats()


def mod97(iban: str) -> bool:
    """ISO 13616's check over an upper-case IBAN of letters and digits."""
    try:
        return int("".join(str(int(ch, 36)) for ch in iban[4:] + iban[:4])) % 97 == 1
    except ValueError:
        return False


def is_valid(number: str) -> bool:
    """Whether ``number`` (separators ' -.' allowed) is a valid IBAN of a registered country."""
    iban = compact(number)
    bban = _FORMATS.get(iban[:2])
    if bban is None or not iban[2:4].isdigit() or not bban.fullmatch(iban, 4) or not mod97(iban):
        return False
    national = _NATIONAL.get(iban[:2])
    return national is None or bool(national.is_valid(iban))


def compact(number: str) -> str:
    return stdnum_iban.compact(number) if not number.isalnum() else number.upper()
