"""Validators for identifiers python-stdnum does not cover, in python-stdnum's shape.

Each class offers ``compact`` and ``is_valid`` like a stdnum module, so the identifier table can
treat them alike.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from operator import mul

from stdnum import luhn, verhoeff
from stdnum.is_ import kennitala
from stdnum.iso7064 import mod_11_10


def _digits(number: str) -> str:
    if number.isalnum():  # no space and no separator: as the identifier table hands it over
        return number
    return "".join(ch for ch in number if not ch.isspace() and ch not in "-./")


class HuTaxId:
    """Hungarian adóazonosító jel: 10 digits, starts with 8, weighted mod 11 check digit.

    >>> HuTaxId.is_valid("8071592153")
    True
    >>> HuTaxId.is_valid("8071592154")
    False
    """

    compact = staticmethod(_digits)

    @staticmethod
    def is_valid(number: str) -> bool:
        n = _digits(number)
        if len(n) != 10 or not n.isdigit() or n[0] != "8":
            return False
        check = sum(int(d) * w for d, w in zip(n[:9], range(1, 10), strict=True)) % 11
        return check != 10 and check == int(n[9])


class HuTaj:
    """Hungarian TAJ (social security) number: 9 digits, weights 3,7 alternating, mod 10.

    >>> HuTaj.is_valid("111111110")
    True
    >>> HuTaj.is_valid("111111111")
    False
    """

    compact = staticmethod(_digits)

    @staticmethod
    def is_valid(number: str) -> bool:
        n = _digits(number)
        if not _digits_of_length(n, 9):
            return len(n) == 9 and n.isdigit() and _taj_sum(n)
        return _HU_TAJ(n) % 10 == ord(n[8]) - 48


class HuPersonalId:
    """Hungarian személyi azonosító: sex and century digit, YYMMDD, serial, weighted mod 11 check.

    The weights are 1..10 for people born before 1997 and 10..1 from 1997 on; a remainder of 10
    is never issued. Digits 3, 4, 7 and 8 name the 1800s before 1997 and the 2000s after, so both
    readings are tried.

    >>> HuPersonalId.is_valid("18001011238")
    True
    >>> HuPersonalId.is_valid("18001011234")
    False
    >>> HuPersonalId.is_valid("30501011232")  # born 2005: weights 10..1
    True
    """

    compact = staticmethod(_digits)

    @staticmethod
    def is_valid(number: str) -> bool:
        n = _digits(number)
        if len(n) != 11 or not n.isdigit() or n[0] not in "12345678":
            return False
        centuries = (1900,) if n[0] in "1256" else (1800, 2000)
        for century in centuries:
            year = century + int(n[1:3])
            try:
                datetime.date(year, int(n[3:5]), int(n[5:7]))
            except ValueError:
                continue
            weights = range(1, 11) if year < 1997 else range(10, 0, -1)
            check = sum(int(d) * w for d, w in zip(n[:10], weights, strict=True)) % 11
            if check != 10 and check == int(n[10]):
                return True
        return False


class MtIdCard:
    """Maltese identity card number: five to seven digits (leading zeros dropped) and a letter; no check.

    >>> MtIdCard.is_valid("1234567M")
    True
    >>> MtIdCard.is_valid("1234567Q")
    False
    """

    compact = staticmethod(_digits)

    @staticmethod
    def is_valid(number: str) -> bool:
        n = _digits(number).upper()
        return 6 <= len(n) <= 8 and n[:-1].isdigit() and n[-1] in "MGAPLHBZ"


class PlIdCard:
    """Polish identity card (dowód osobisty) number: three letters, a check digit, five digits.

    Letters count 10 (A) to 35 (Z); the weights are 7, 3, 1, (check), 7, 3, 1, 7, 3, mod 10.

    >>> PlIdCard.is_valid("ABA300000")
    True
    >>> PlIdCard.is_valid("ABA400000")
    False
    """

    compact = staticmethod(_digits)
    _WEIGHTS = (7, 3, 1, 0, 7, 3, 1, 7, 3)

    @staticmethod
    def is_valid(number: str) -> bool:
        n = _digits(number).upper()
        if len(n) != 9 or not (n[:3].isascii() and n[:3].isalpha() and n[3:].isdigit()):
            return False
        values = [int(ch, 36) for ch in n]
        total = sum(v * w for v, w in zip(values, PlIdCard._WEIGHTS, strict=True))
        return total % 10 == values[3]


class LuMatricule:
    """Luxembourg national identification number: YYYYMMDDXXX plus Luhn and Verhoeff digits.

    >>> LuMatricule.is_valid("1893120105732")
    True
    >>> LuMatricule.is_valid("1893120105733")
    False
    """

    compact = staticmethod(_digits)

    @staticmethod
    def is_valid(number: str) -> bool:
        n = _digits(number)
        if len(n) != 13 or not n.isdigit():
            return False
        try:
            datetime.date(int(n[0:4]), int(n[4:6]), int(n[6:8]))
        except ValueError:
            return False
        body = n[:11]
        return luhn.calc_check_digit(body) == n[11] and verhoeff.calc_check_digit(body) == n[12]


class PaymentCard:
    """A payment card number: a known issuer prefix (IIN), a length it issues, and the Luhn check.

    >>> PaymentCard.is_valid("4111111111111111")
    True
    >>> PaymentCard.is_valid("2223003122003222")  # Mastercard's 2-series
    True
    >>> PaymentCard.is_valid("4111111111111112")
    False
    """

    compact = staticmethod(_digits)

    @staticmethod
    def is_valid(number: str) -> bool:
        n = _digits(number)
        if not n.isdigit() or not PaymentCard.issued(n):
            return False
        return luhn.is_valid(n)

    @staticmethod
    def issued(n: str) -> bool:
        length, two, four = len(n), int(n[:2]), int(n[:4])
        if n[0] == "4":  # Visa
            return length in (13, 16, 19)
        if 51 <= two <= 55 or 2221 <= four <= 2720:  # Mastercard
            return length == 16
        if two in (34, 37):  # American Express
            return length == 15
        if n.startswith(("6011", "65")) or 644 <= int(n[:3]) <= 649:  # Discover
            return length in (16, 19)
        if 3528 <= four <= 3589:  # JCB
            return length in (16, 19)
        if two in (36, 38, 39) or 300 <= int(n[:3]) <= 305:  # Diners Club
            return length in (14, 16, 19)
        if n.startswith(("5018", "5020", "5038", "5893", "6304", "6759", "6761", "6762", "6763")):  # Maestro
            return 12 <= length <= 19
        return False


# Cheap checks run before a python-stdnum validator on the identifier table's hottest types: the
# validator cleans and parses its input again, and most candidate windows fail these at once.


def luhn_tail(number: str) -> bool:
    """The Luhn check over the last ten digits: a Swedish personnummer's (with or without its
    century) before its date is parsed.

    >>> luhn_tail("8112289874"), luhn_tail("198112289874"), luhn_tail("8112289875")
    (True, True, False)
    """
    digits = number[-10:]
    if not _digits_of_length(digits, 10):
        return False
    # From the right, every second digit is doubled (and its digits summed): here the even places.
    total = sum(digits[1::2].encode()) + sum(digits[0::2].translate(_LUHN_DOUBLED).encode()) - 480
    return total % 10 == 0


def se_personal_digits(number: str) -> bool:
    """The birth date's month and day (1-12, 1-31) and the Luhn check of a Swedish personnummer,
    with or without its century.

    >>> se_personal_digits("8112289874"), se_personal_digits("8113289874"), se_personal_digits("198112289874")
    (True, False, True)
    """
    if len(number) not in (10, 12):
        return False
    at = len(number) - 8  # where the month starts
    month, day = number[at : at + 2], number[at + 2 : at + 4]
    return "01" <= month <= "12" and "01" <= day <= "31" and luhn_tail(number)


_NO_WEIGHTS = ((3, 7, 6, 1, 8, 9, 4, 5, 2), (5, 4, 3, 2, 7, 6, 5, 4, 3, 2))


def no_birth_number_digits(number: str) -> bool:
    """Both mod 11 check digits of a Norwegian fødselsnummer.

    >>> no_birth_number_digits("15108695088"), no_birth_number_digits("15108695087")
    (True, False)
    """
    if len(number) != 11 or not number.isdigit():
        return False
    digits = [int(ch) for ch in number]
    for k, weights in enumerate(_NO_WEIGHTS):
        check = (11 - sum(w * d for w, d in zip(weights, digits, strict=False)) % 11) % 11
        if check == 10 or check != digits[9 + k]:
            return False
    return True


def _digits_of_length(number: str, length: int) -> bool:
    return len(number) == length and number.isascii() and number.isdigit()


# Each digit's value in the Luhn and Austrian tax number sums once doubled: 7 -> 14 -> 1 + 4.
_LUHN_DOUBLED = str.maketrans("0123456789", "0246813579")


def _weighted(weights: tuple[int, ...]) -> Callable[[str], int]:
    """The sum of each weight times its digit, over the first ``len(weights)`` digits of an ASCII
    number at least that long: the digits' code points, less 48 times the weights."""
    bias = 48 * sum(weights)

    def total(number: str) -> int:
        return sum(map(mul, weights, number.encode())) - bias

    return total


_AT_VNR = _weighted((3, 7, 9, 0, 5, 8, 4, 2, 1, 6))
_BG_PNF = _weighted((21, 19, 17, 13, 11, 9, 7, 3, 1))
_UK_UTR = _weighted((6, 7, 8, 9, 10, 5, 4, 3, 2))
_UK_NHS = _weighted((10, 9, 8, 7, 6, 5, 4, 3, 2, 1))
_HU_TAJ = _weighted((3, 7, 3, 7, 3, 7, 3, 7))


def _taj_sum(n: str) -> bool:
    """The TAJ check over digits that are not all ASCII."""
    return sum(int(d) * (3 if i % 2 == 0 else 7) for i, d in enumerate(n[:8])) % 10 == int(n[8])


def at_vnr_digits(number: str) -> bool:
    """The mod 11 check digit (the fourth) of an Austrian social insurance number.

    >>> at_vnr_digits("1237010180"), at_vnr_digits("1238010180")
    (True, False)
    """
    return _digits_of_length(number, 10) and number[0] != "0" and _AT_VNR(number) % 11 == ord(number[3]) - 48


def at_tin_digits(number: str) -> bool:
    """The check digit of an Austrian tax number (Luhn-like over the first eight).

    >>> at_tin_digits("591199013"), at_tin_digits("591199014")
    (True, False)
    """
    if not _digits_of_length(number, 9):
        return False
    total = sum(number[0:8:2].encode()) + sum(number[1:8:2].translate(_LUHN_DOUBLED).encode()) - 384
    return (10 - total) % 10 == ord(number[8]) - 48


def bg_pnf_digits(number: str) -> bool:
    """The mod 10 check digit of a Bulgarian foreigner's number.

    >>> bg_pnf_digits("7111042925"), bg_pnf_digits("7111042922")
    (True, False)
    """
    return _digits_of_length(number, 10) and _BG_PNF(number) % 10 == ord(number[9]) - 48


def uk_utr_digits(number: str) -> bool:
    """The check digit (the first) of a UK Unique Taxpayer Reference.

    >>> uk_utr_digits("1955839661"), uk_utr_digits("2955839661")
    (True, False)
    """
    return _digits_of_length(number, 10) and "21987654321"[_UK_UTR(number[1:]) % 11] == number[0]


def uk_nhs_digits(number: str) -> bool:
    """The mod 11 check of an NHS number.

    >>> uk_nhs_digits("9434765870"), uk_nhs_digits("9434765871")
    (True, False)
    """
    return _digits_of_length(number, 10) and _UK_NHS(number) % 11 == 0


# The VAT numbers of these states are their country code and digits only, of these lengths (as
# python-stdnum's own modules check them): a window of another length or with a letter fails.
_VAT_DIGITS = {
    "DE": 9, "DK": 8, "EE": 9, "FI": 8, "HU": 8, "LU": 8, "MT": 8,
    "PL": 10, "PT": 9, "SI": 8, "SK": 10, "HR": 11, "IT": 11, "LV": 11,
}  # fmt: skip


def eu_vat_length(number: str) -> bool:
    """An EU VAT number's length and digits, where its country's numbers are digits only.

    >>> eu_vat_length("DE136695976"), eu_vat_length("DE13669597"), eu_vat_length("NL004495445B01")
    (True, False, True)
    """
    length = _VAT_DIGITS.get(number[:2])
    return length is None or (len(number) == length + 2 and number[2:].isdigit())


def be_national_digits(number: str) -> bool:
    """The mod 97 check of a Belgian national or BIS number, born in either century.

    >>> be_national_digits("85073003328"), be_national_digits("85073003329")
    (True, False)
    >>> be_national_digits("05010112385")  # born in 2005: the check covers a leading 2
    True
    """
    if not _digits_of_length(number, 11):
        return False
    check = int(number[9:])
    return 97 - int(number[:9]) % 97 == check or 97 - int("2" + number[:9]) % 97 == check


def is_kennitala_digits(number: str) -> bool:
    """The mod 11 sum and the century digit of an Icelandic kennitala.

    >>> is_kennitala_digits("1201743399"), is_kennitala_digits("1201743398")
    (True, False)
    """
    return _digits_of_length(number, 10) and number[9] in "09" and kennitala.checksum(number) == 0


_FI_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def fi_hetu_check(number: str) -> bool:
    """The mod 31 check character of a Finnish henkilötunnus as written (with its century sign).

    >>> fi_hetu_check("131052-308T"), fi_hetu_check("131052-308U")
    (True, False)
    """
    number = number.strip().upper()
    if len(number) != 11 or not _digits_of_length(number[:6] + number[7:10], 9):
        return False
    return _FI_CHECK[int(number[:6] + number[7:10]) % 31] == number[10]


def de_idnr_digits(number: str) -> bool:
    """The ISO 7064 mod 11,10 check of a German Steuer-ID.

    >>> de_idnr_digits("36574261809"), de_idnr_digits("36574261808")
    (True, False)
    """
    return _digits_of_length(number, 11) and mod_11_10.checksum(number) == 1


def _last_digit(length: int, weights: tuple[int, ...], rule: Callable[[int], int]) -> Callable[[str], bool]:
    """A number of ``length`` digits whose last is ``rule`` of the weighted sum of those before."""
    total = _weighted(weights)

    def check(number: str) -> bool:
        return _digits_of_length(number, length) and rule(total(number)) == ord(number[-1]) - 48

    return check


def _mod11_zero(length: int, weights: tuple[int, ...]) -> Callable[[str], bool]:
    """A number of ``length`` digits whose weighted sum (the last digit's weight included) is 0 mod 11."""
    total = _weighted(weights)

    def check(number: str) -> bool:
        return _digits_of_length(number, length) and total(number) % 11 == 0

    return check


def _slovenian(total: int) -> int:
    check = 11 - total % 11
    return 0 if check == 10 else check  # 11 matches no digit


# python-stdnum's check digits of these numbers, as sums over the digits' code points:
# Greek AFM (doubling from the right, mod 11), Portuguese NIF, Slovenian tax number, Latvian
# personal code, Dutch BSN (the eleven test), Polish NIP, Bulgarian EGN, Polish PESEL.
gr_afm_digits = _last_digit(9, (256, 128, 64, 32, 16, 8, 4, 2), lambda total: total % 11 % 10)
pt_nif_digits = _last_digit(9, (9, 8, 7, 6, 5, 4, 3, 2), lambda total: (11 - total) % 11 % 10)
si_tax_digits = _last_digit(8, (8, 7, 6, 5, 4, 3, 2), _slovenian)
lv_personal_digits = _last_digit(11, (10, 5, 8, 4, 2, 1, 6, 3, 7, 9), lambda total: (1 + total) % 11 % 10)
nl_bsn_digits = _mod11_zero(9, (9, 8, 7, 6, 5, 4, 3, 2, -1))
bg_egn_digits = _last_digit(10, (2, 4, 8, 5, 10, 9, 7, 3, 6), lambda total: total % 11 % 10)
pl_pesel_digits = _last_digit(11, (1, 3, 7, 9, 1, 3, 7, 9, 1, 3), lambda total: (10 - total) % 10)


def cz_birth_digits(number: str) -> bool:
    """The check digit of a ten-digit Czech or Slovak birth number: the first nine mod 11.

    >>> cz_birth_digits("7103192745"), cz_birth_digits("7103192746")
    (True, False)
    """
    return _digits_of_length(number, 10) and int(number[:9]) % 11 % 10 == ord(number[9]) - 48


pl_nip_digits = _mod11_zero(10, (6, 5, 7, 2, 3, 4, 5, 6, 7, -1))


def fr_nif_digits(number: str) -> bool:
    """The mod 511 check digits of a French numéro fiscal.

    >>> fr_nif_digits("3023217600053"), fr_nif_digits("3023217600054")
    (True, False)
    """
    return _digits_of_length(number, 13) and f"{int(number[:10]) % 511:03d}" == number[-3:]
