"""National identifiers of the EU/EEA states, Switzerland and the UK: one row per identifier.

Every row names the entity type we report, the validator (a python-stdnum module or one of ours
in ``extra_ids``), the lengths of its compact form, a shape pattern, how strong its check is, and
words that, near a candidate, make us report an otherwise weak one.

Strength is the share of random digit strings of the right length that pass the shape (dates,
prefixes) and the validator, measured with ``bench/identifier_strength.py``: STRONG (< 1/200)
is reported alone; MEDIUM (< 1/25) is reported alone with a lower score; WEAK (a lone mod 11, a
date without check digit since DK 2007) needs a context word, or a sentence that offers no other
reading of the number (see ``national``); FORMAT (no check at all) needs a context word. Identifiers
with letters are judged on their letters' structure (the Portuguese citizen card stays MEDIUM).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum
from importlib import resources
from re import _constants as re_constants  # type: ignore[attr-defined]
from re import _parser as re_parser  # type: ignore[attr-defined]
from types import ModuleType
from typing import Any

from stdnum.at import tin as at_tin
from stdnum.at import vnr as at_vnr
from stdnum.be import bis as be_bis
from stdnum.be import eid as be_eid
from stdnum.be import nn as be_nn
from stdnum.bg import egn as bg_egn
from stdnum.bg import pnf as bg_pnf
from stdnum.ch import ssn as ch_ssn
from stdnum.cy import vat as cy_vat
from stdnum.cz import rc as cz_rc
from stdnum.de import idnr as de_idnr
from stdnum.de import stnr as de_stnr
from stdnum.dk import cpr as dk_cpr
from stdnum.ee import ik as ee_ik
from stdnum.es import dni as es_dni
from stdnum.es import nie as es_nie
from stdnum.eu import vat as eu_vat
from stdnum.fi import hetu as fi_hetu
from stdnum.fr import nif as fr_nif
from stdnum.fr import nir as fr_nir
from stdnum.gb import nhs as gb_nhs
from stdnum.gb import utr as gb_utr
from stdnum.gr import amka as gr_amka
from stdnum.gr import vat as gr_vat
from stdnum.hr import oib as hr_oib
from stdnum.ie import pps as ie_pps
from stdnum.is_ import kennitala as is_kennitala
from stdnum.it import codicefiscale as it_cf
from stdnum.li import peid as li_peid
from stdnum.lt import asmens as lt_asmens
from stdnum.lv import pvn as lv_pvn
from stdnum.nl import bsn as nl_bsn
from stdnum.no import fodselsnummer as no_fnr
from stdnum.pl import nip as pl_nip
from stdnum.pl import pesel as pl_pesel
from stdnum.pt import cc as pt_cc
from stdnum.pt import nif as pt_nif
from stdnum.ro import cnp as ro_cnp
from stdnum.se import personnummer as se_pnr
from stdnum.si import ddv as si_ddv
from stdnum.si import emso as si_emso

from gateway.classification import extra_ids, iban_format


class Strength(IntEnum):
    FORMAT = 0
    WEAK = 1
    MEDIUM = 2
    STRONG = 3


@dataclass(frozen=True, slots=True)
class IdentifierSpec:
    entity: str
    country: str
    validator: ModuleType | type[Any]
    lengths: frozenset[int]  # length of the candidate with separators removed
    shape: re.Pattern[str]  # over that compact candidate, upper-cased
    strength: Strength
    context: tuple[str, ...]
    # Separators carry meaning (the Finnish century sign): validate the text as written.
    as_written: bool = False
    # A cheap necessary check run first (check digits without the validator's parsing).
    precheck: Callable[[str], bool] | None = None

    def is_valid(self, candidate: str) -> bool:
        if self.precheck is not None and not self.precheck(candidate):
            return False
        return self.passes(candidate)

    def passes(self, candidate: str) -> bool:
        """The validator's answer alone (for a caller that ran ``precheck`` already)."""
        try:
            return bool(self.validator.is_valid(candidate))
        except Exception:  # a validator that trips over odd input has not validated it
            return False


def _spec(
    entity: str,
    country: str,
    validator: ModuleType | type[Any],
    lengths: tuple[int, ...],
    shape: str,
    strength: Strength,
    *context: str,
    precheck: Callable[[str], bool] | None = None,
) -> IdentifierSpec:
    return IdentifierSpec(
        entity,
        country,
        validator,
        frozenset(lengths),
        re.compile(shape),
        strength,
        context,
        precheck=precheck,
    )


S, M, W, F = Strength.STRONG, Strength.MEDIUM, Strength.WEAK, Strength.FORMAT
# Date parts, so that a shape already rejects most numbers before a validator runs.
_DD = r"(?:0[1-9]|[12]\d|3[01])"
_MM = r"(?:0[1-9]|1[0-2])"
_YMD = r"\d\d" + _MM + _DD
_DMY = _DD + _MM + r"\d\d"
_G = r"[1-6]"  # Estonian and Lithuanian century-and-sex digit
_PERSONAL = ("personal code", "personal id", "identity number", "id number", "id no", "national id")
_TAX = ("tax", "tin")
_ID_CARD = ("identity card", "id card", "id-card", "identity document")

SPECS: tuple[IdentifierSpec, ...] = (
    # Austria
    _spec("AT_SOCIAL_INSURANCE_NUMBER", "AT", at_vnr, (10,), r"\d{10}", W,
          "sozialversicherung", "svnr", "versicherungsnummer", "social insurance",
          precheck=extra_ids.at_vnr_digits),
    _spec("AT_TAX_NUMBER", "AT", at_tin, (9,), r"\d{9}", W, "steuernummer", "abgabenkonto", *_TAX,
          precheck=extra_ids.at_tin_digits),
    # Belgium
    _spec("BE_NATIONAL_NUMBER", "BE", be_nn, (11,), r"\d{11}", S,
          "rijksregister", "registre national", "national number", "insz", "niss", *_PERSONAL,
          precheck=extra_ids.be_national_digits),
    _spec("BE_BIS_NUMBER", "BE", be_bis, (11,), r"\d{11}", S, "bis", "rijksregister", *_PERSONAL,
          precheck=extra_ids.be_national_digits),
    # The eID card's own number (not the national number printed on it): mod 97
    _spec("ID_CARD_NUMBER", "BE", be_eid, (12,), r"\d{12}", W, *_ID_CARD, "eid", "kaartnummer",
          "numéro de carte", "identiteitskaart", "carte d'identité", "personalausweis"),
    # Bulgaria
    _spec("BG_PERSONAL_NUMBER", "BG", bg_egn, (10,), r"\d\d[0-5]\d" + _DD + r"\d{4}", M,
          "егн", "egn", *_PERSONAL, precheck=extra_ids.bg_egn_digits),
    _spec("BG_FOREIGNER_NUMBER", "BG", bg_pnf, (10,), r"\d{10}", W, "лнч", "lnch", "pnf",
          precheck=extra_ids.bg_pnf_digits),
    # Croatia
    _spec("HR_OIB", "HR", hr_oib, (11,), r"\d{11}", W, "oib", "osobni identifikacijski", *_PERSONAL, *_TAX),
    # Cyprus
    _spec("CY_TAX_NUMBER", "CY", cy_vat, (9,), r"\d{8}[A-Z]", M, "tic", "φπα", *_TAX),
    # Czechia and Slovakia share one birth-number format and algorithm: one entity for both. Only
    # the 10-digit form (born 1954 or later) has a check digit; the 9-digit one is not matched.
    # WEAK although 1 in 66 by the rule: ten-digit numbers (timestamps, order numbers) are common.
    _spec("CZ_SK_BIRTH_NUMBER", "CZ", cz_rc, (10,), r"\d\d[0-35-8]\d" + _DD + r"\d{4}", W,
          "rodné číslo", "rodne cislo", "rč",
          "birth number", *_PERSONAL, precheck=extra_ids.cz_birth_digits),
    # Born before 1954: nine digits, a date and a serial, no check digit.
    _spec("CZ_SK_BIRTH_NUMBER", "CZ", cz_rc, (9,), r"(?:[0-4]\d|5[0-3])[0-15-6]\d" + _DD + r"\d{3}", F,
          "rodné číslo", "rodne cislo", "rč", "birth number", *_PERSONAL),
    # Denmark: since 2007 the mod-11 check is not guaranteed, so a date is all we can test
    _spec("DK_CPR", "DK", dk_cpr, (10,), _DMY + r"\d{4}", W, "cpr", "personnummer", *_PERSONAL),
    # Estonia, Lithuania (same algorithm; the language or context decides which we report)
    _spec("EE_PERSONAL_CODE", "EE", ee_ik, (11,), _G + _YMD + r"\d{4}", S, "isikukood", "isikukoodi",
          *_PERSONAL),
    _spec("LT_PERSONAL_CODE", "LT", lt_asmens, (11,), _G + _YMD + r"\d{4}", S, "asmens kod", "a.k.",
          *_PERSONAL),
    # Finland
    IdentifierSpec("FI_PERSONAL_IDENTITY_CODE", "FI", fi_hetu, frozenset({10, 11}),
                   re.compile(r"\d{6}[A-FU-Y]?\d{3}[0-9A-Y]"), S,
                   ("henkilötunnus", "hetu", "sotu", *_PERSONAL), as_written=True,
                   precheck=extra_ids.fi_hetu_check),
    # France
    _spec("FR_SOCIAL_SECURITY_NUMBER", "FR", fr_nir, (15,), r"[12]\d{4}[0-9AB]\d{9}", S,
          "sécurité sociale", "securite sociale", "nir", "insee", *_PERSONAL),
    _spec("FR_TAX_NUMBER", "FR", fr_nif, (13,), r"[0-3]\d{12}", S, "fiscal", "spi", "nif", *_TAX,
          precheck=extra_ids.fr_nif_digits),
    # Germany
    _spec("DE_TAX_ID", "DE", de_idnr, (11,), r"[1-9]\d{10}", S, "steuer-id", "steuerid",
          "identifikationsnummer", "idnr", "steueridentifikationsnummer", *_TAX,
          precheck=extra_ids.de_idnr_digits),
    _spec("DE_TAX_NUMBER", "DE", de_stnr, (10, 11, 13), r"\d{10,13}", F, "steuernummer", "stnr",
          *_TAX),
    # Greece
    _spec("GR_AMKA", "GR", gr_amka, (11,), _DMY + r"\d{5}", S, "αμκα", "amka", "social security"),
    _spec("GR_TAX_NUMBER", "GR", gr_vat, (9,), r"\d{9}", W, "αφμ", "afm", *_TAX,
          precheck=extra_ids.gr_afm_digits),
    # Hungary (validators in extra_ids)
    _spec("HU_TAX_ID", "HU", extra_ids.HuTaxId, (10,), r"8\d{9}", M, "adóazonosító", "adoazonosito",
          *_TAX),
    _spec("HU_TAJ", "HU", extra_ids.HuTaj, (9,), r"\d{9}", W, "taj", "társadalombiztosítási"),
    _spec("HU_PERSONAL_ID", "HU", extra_ids.HuPersonalId, (11,), r"[1-8]\d\d" + _MM + _DD + r"\d{4}", S,
          "személyi azonosító", "szemelyi azonosito", "személyi szám", "szemelyi szam", *_PERSONAL),
    # Ireland
    _spec("IE_PPSN", "IE", ie_pps, (8, 9), r"\d{7}[A-W][ABWTXZ]?", S, "pps", "ppsn", "personal public",
          *_TAX),
    # Italy
    _spec("IT_FISCAL_CODE", "IT", it_cf, (16,), r"[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-EHLMPRST][0-9LMNPQRSTUV]{2}"
          r"[A-Z][0-9LMNPQRSTUV]{3}[A-Z]", S, "codice fiscale", "c.f.", "cf", *_TAX),
    # Latvia (codes starting 32 carry no birth date; the check digit still applies)
    _spec("LV_PERSONAL_CODE", "LV", lv_pvn, (11,), r"[0-3]\d{10}", S, "personas kods", "p.k.",
          *_PERSONAL, precheck=extra_ids.lv_personal_digits),
    # Luxembourg
    _spec("LU_NATIONAL_ID", "LU", extra_ids.LuMatricule, (13,), r"(?:18|19|20)\d\d" + _MM + _DD + r"\d{5}", S,
          "matricule", *_PERSONAL),
    # Malta: the identity card number is also the personal tax number; it has no check digit
    _spec("ID_CARD_NUMBER", "MT", extra_ids.MtIdCard, (6, 7, 8), r"\d{5,7}[MGAPLHBZ]", F,
          "identity card", "id card", "karta tal-identità", "karta tal-identita", *_PERSONAL, *_TAX),
    # Netherlands
    _spec("NL_BSN", "NL", nl_bsn, (9,), r"\d{9}", W, "bsn", "burgerservicenummer", "sofinummer",
          *_PERSONAL, precheck=extra_ids.nl_bsn_digits),
    # Poland
    _spec("PL_PESEL", "PL", pl_pesel, (11,), r"\d\d(?:[02468][1-9]|[13579][0-2])" + _DD + r"\d{5}", M,
          "pesel", *_PERSONAL, precheck=extra_ids.pl_pesel_digits),
    _spec("PL_NIP", "PL", pl_nip, (10,), r"\d{10}", W, "nip", *_TAX,
          precheck=extra_ids.pl_nip_digits),
    # The identity card (dowód osobisty): three letters and six digits, the first a check digit.
    # One code in ten passes it, so, like a format-only number, it is reported only with its label.
    _spec("ID_CARD_NUMBER", "PL", extra_ids.PlIdCard, (9,), r"[A-Z]{3}\d{6}", F, *_ID_CARD,
          "dowód osobisty", "dowodu osobistego", "dowodzie osobistym", "dowodem osobistym", "dowód",
          "dowodu", "numer dowodu", "seria i numer"),
    # Portugal
    # The citizen card's document number: civil number, its check digit, version, check digit
    _spec("ID_CARD_NUMBER", "PT", pt_cc, (12,), r"\d{9}[A-Z0-9]{2}\d", M, "cartão de cidadão",
          "cartao de cidadao", "cartão do cidadão", "cartao do cidadao", "citizen card",
          "documento de identificação", "bilhete de identidade", *_ID_CARD),
    _spec("PT_NIF", "PT", pt_nif, (9,), r"[1-9]\d{8}", W, "nif", "contribuinte", *_TAX,
          precheck=extra_ids.pt_nif_digits),
    # Romania
    _spec("RO_CNP", "RO", ro_cnp, (13,), r"[1-9]" + _YMD + r"\d{6}", S,
          "cnp", "cod numeric personal", *_PERSONAL),
    # Slovenia
    _spec("SI_EMSO", "SI", si_emso, (13,), _DD + _MM + r"\d{9}", S, "emšo", "emso", *_PERSONAL),
    _spec("SI_TAX_NUMBER", "SI", si_ddv, (8,), r"[1-9]\d{7}", W, "davčna", "davcna", *_TAX,
          precheck=extra_ids.si_tax_digits),
    # Spain
    _spec("ES_DNI", "ES", es_dni, (9,), r"\d{8}[A-Z]", S, "dni", "nif", "documento", *_PERSONAL),
    _spec("ES_NIE", "ES", es_nie, (9,), r"[XYZ]\d{7}[A-Z]", S, "nie", "extranjero"),
    # Sweden
    _spec("SE_PERSONAL_IDENTITY_NUMBER", "SE", se_pnr, (10, 12), r"\d{10}|\d{12}", S,
          "personnummer", *_PERSONAL, precheck=extra_ids.se_personal_digits),
    # Iceland, Norway, Liechtenstein, Switzerland
    _spec("IS_KENNITALA", "IS", is_kennitala, (10,), r"\d{10}", S, "kennitala", "kt.", *_PERSONAL,
          precheck=extra_ids.is_kennitala_digits),
    _spec("NO_BIRTH_NUMBER", "NO", no_fnr, (11,), r"\d{11}", S, "fødselsnummer", "fodselsnummer",
          "personnummer", *_PERSONAL, precheck=extra_ids.no_birth_number_digits),
    _spec("LI_PERSON_ID", "LI", li_peid, (5, 6, 7, 8, 9, 10, 11, 12), r"\d{5,12}", F, "peid",
          "personenidentifikationsnummer"),
    _spec("CH_SOCIAL_SECURITY_NUMBER", "CH", ch_ssn, (13,), r"756\d{10}", S, "ahv", "avs",
          "sozialversicherung", *_PERSONAL),
    # United Kingdom
    _spec("UK_NHS_NUMBER", "GB", gb_nhs, (10,), r"\d{10}", W, "nhs", "health service",
          precheck=extra_ids.uk_nhs_digits),
    _spec("UK_UTR", "GB", gb_utr, (10,), r"\d{10}", W, "utr", "unique taxpayer", *_TAX,
          precheck=extra_ids.uk_utr_digits),
    # IBAN of any country (mod 97 plus each country's format), before the national numbers that
    # its digit groups could otherwise be read as
    _spec("IBAN_CODE", "EU", iban_format, tuple(range(15, 35)), r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", S,
          "iban", "account", "konto", "sąskait", "kont", "tili", "conto"),
    # Payment cards: issuer prefix and Luhn, separator-tolerant (Presidio's pattern misses
    # Mastercard's 2-series and numbers grouped other than in fours)
    _spec("CREDIT_CARD", "EU", extra_ids.PaymentCard, tuple(range(12, 20)), r"[2-6]\d{11,18}", M,
          "card", "karte", "kortel", "kaart", "kortti", "carta"),
    # VAT numbers of every EU state with their country prefix (stdnum.eu.vat knows them all)
    _spec("EU_VAT_NUMBER", "EU", eu_vat, tuple(range(8, 16)),
          r"(?:AT|BE|BG|CY|CZ|DE|DK|EE|EL|ES|FI|FR|HR|HU|IE|IT|LT|LU|LV|MT|NL|PL|PT|RO|SE|SI|SK|XI)"
          r"[0-9A-Z]{6,13}", S, "vat", "ust", "btw", "pvm", "pvn", "kmkr", "alv", "iva", "tva",
          precheck=extra_ids.eu_vat_length),
)  # fmt: skip


def _takes_digits(items: re_parser.SubPattern | list[tuple[Any, Any]]) -> bool:
    """Whether a parsed expression may match a string of ASCII digits only: False only where each
    match needs a character no digit is (an unknown construct counts as taking digits)."""
    for op, av in items:
        if op is re_constants.LITERAL:
            ok = chr(av) in _ASCII_DIGITS
        elif op is re_constants.IN:
            ok = _class_takes_digit(av)
        elif op in (re_constants.MAX_REPEAT, re_constants.MIN_REPEAT, re_constants.POSSESSIVE_REPEAT):
            ok = av[0] == 0 or _takes_digits(av[2])
        elif op is re_constants.SUBPATTERN:
            ok = _takes_digits(av[-1])
        elif op is re_constants.BRANCH:
            ok = any(_takes_digits(branch) for branch in av[1])
        else:
            ok = True
        if not ok:
            return False
    return True


def _class_takes_digit(items: list[tuple[Any, Any]]) -> bool:
    if any(op is re_constants.NEGATE for op, _ in items):
        return True
    for op, av in items:
        if op is re_constants.LITERAL and chr(av) in _ASCII_DIGITS:
            return True
        if op is re_constants.RANGE and av[0] <= ord("9") and av[1] >= ord("0"):
            return True
        if op is re_constants.CATEGORY and av is not re_constants.CATEGORY_NOT_DIGIT:
            return True
    return False


_ASCII_DIGITS = "0123456789"
# Identifiers whose shape holds a letter (an IBAN's country, a DNI's control letter): never tried
# on a window of digits.
NEEDS_LETTER: frozenset[IdentifierSpec] = frozenset(
    s for s in SPECS if not _takes_digits(re_parser.parse(s.shape.pattern))
)


ENTITIES: tuple[str, ...] = tuple(dict.fromkeys(s.entity for s in SPECS))
LANGUAGE_COUNTRY = {"en": "GB", "lt": "LT", "lv": "LV", "et": "EE", "fi": "FI", "de": "DE", "it": "IT",
                    "fr": "FR", "es": "ES", "pl": "PL", "nl": "NL", "sv": "SE", "da": "DK", "pt": "PT",
                    "cs": "CZ", "sk": "SK", "sl": "SI", "hr": "HR", "hu": "HU", "ro": "RO", "bg": "BG",
                    "el": "GR", "mt": "MT", "ga": "IE", "is": "IS", "nb": "NO",
                    "no": "NO"}  # fmt: skip


def _iban_lengths() -> dict[str, int]:
    """Each country's IBAN length, from the SWIFT registry python-stdnum ships."""
    text = (resources.files("stdnum") / "iban.dat").read_text(encoding="utf-8")
    lengths = {}
    for m in re.finditer(r'^([A-Z]{2}) .*?bban="([^"]+)"', text, re.MULTILINE):
        lengths[m.group(1)] = 4 + sum(int(n) for n in re.findall(r"(\d+)!?[nac]", m.group(2)))
    return lengths


IBAN_LENGTH = _iban_lengths()


def _numeric_bban() -> frozenset[str]:
    """The countries whose IBANs hold digits only after the country code (DE, PL, LT, ...)."""
    text = (resources.files("stdnum") / "iban.dat").read_text(encoding="utf-8")
    return frozenset(
        m.group(1)
        for m in re.finditer(r'^([A-Z]{2}) .*?bban="([^"]+)"', text, re.MULTILINE)
        if not re.search(r"\d+!?[ac]", m.group(2))
    )


NUMERIC_BBAN = _numeric_bban()


def specs_by_length() -> dict[int, tuple[IdentifierSpec, ...]]:
    table: dict[int, list[IdentifierSpec]] = {}
    for spec in SPECS:
        for n in spec.lengths:
            table.setdefault(n, []).append(spec)
    return {n: tuple(v) for n, v in table.items()}
