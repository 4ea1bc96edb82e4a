"""Renders the second held-out corpus: hand-written templates in, check-digit-valid lines out.

    .venv/bin/python tests/classification/heldout2/make_corpus.py

Each ``templates/<lang>.tpl`` line is ``label|text``, written by hand (labels shortened: see
LABELS). Numbers that carry a check
digit are placeholders, so that they are valid (or, where the text needs a look-alike, certainly
invalid) by construction:

    ⟦iban:CC:style⟧            a valid IBAN of country CC
    ⟦badiban:CC:style⟧         an IBAN-shaped number whose mod-97 check fails
    ⟦phone:CC:intl|nat:style⟧  a number libphonenumber holds valid for region CC
    ⟦mrz3:ISS:NAT:SURNAME:GIVEN:DOCNO:YYMMDD:SEX:YYMMDD⟧  a passport's two MRZ lines (ICAO 9303 TD3)
    ⟦mrz1:ISS:NAT:SURNAME:GIVEN:DOCNO:YYMMDD:SEX:YYMMDD⟧  an identity card's three lines (TD1)
    ⟦badluhn:N:style⟧          an N-digit card-like number that fails Luhn
    ⟦bad:MODULE:PATTERN⟧       digits in PATTERN's shape (9 = digit) that python-stdnum's MODULE rejects
    ⟦valid:MODULE:PATTERN⟧     the same, but a number MODULE accepts (an identity card's own number)

Styles: ``plain`` (compact, or as libphonenumber formats a phone), ``g4`` (groups, space),
``sp`` (one character at a time), ``dot`` and ``dash`` (groups joined by dots or dashes),
``lower`` (lower case, dashes), ``fw`` (fullwidth look-alike characters), ``nl`` (split across a
line break) and ``cut:N:WORDS`` (WORDS written between group N and the rest). Values are drawn from a
generator seeded by language and line, so rendering again gives the same files. Output:
``<lang>.txt`` in bench/detection.py's ``language|label|text`` format, and ``checks.json`` listing
every generated value so the corpus test can verify each one independently.
"""

from __future__ import annotations

import importlib
import json
import random
import re
import string
from pathlib import Path

import phonenumbers
from stdnum import iban, luhn, numdb

HERE = Path(__file__).resolve().parent
PLACEHOLDER = re.compile(r"⟦([^⟧]+)⟧")
# Bank codes of real banks where the code is letters, so that IBANs read like real ones.
BANKS = {
    "LV": ("HABA", "UNLA", "RIKO"),
    "NL": ("INGB", "RABO", "ABNA"),
    "IE": ("AIBK", "BOFI"),
    "MT": ("VALL", "MALT"),
    "BG": ("UNCR", "STSA", "FINV"),
    "RO": ("BTRL", "RNCB", "BRDE"),
}
FULLWIDTH = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in string.digits + string.ascii_uppercase + "+"})
PHONE_TYPES = (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE)


# Short labels in the templates, spelt out in the rendered corpus.
LABELS = {
    "H": "health",
    "P": "political_opinions",
    "R": "religious_or_philosophical_beliefs",
    "U": "trade_union_membership",
    "E": "racial_or_ethnic_origin",
    "S": "sex_life_or_sexual_orientation",
    "B": "biometric",
    "G": "genetic",
    "T": "topic",
    "N": "none",
    "DOB": "DATE_OF_BIRTH",
    "ADDR": "STREET_ADDRESS",
    "PASS": "PASSPORT_NUMBER",
    "ID": "ID_CARD_NUMBER",
    "PHONE": "PHONE_NUMBER",
    "IBAN": "IBAN_CODE",
}


def mrz_check_digit(field: str) -> str:
    """ICAO 9303: weights 7, 3, 1 over digits, letters A=10..Z=35 and filler '<' = 0."""
    total = 0
    for i, ch in enumerate(field):
        value = int(ch) if ch.isdigit() else 0 if ch == "<" else ord(ch) - 55
        total += value * (7, 3, 1)[i % 3]
    return str(total % 10)


def _names(surname: str, given: str, width: int) -> str:
    text = surname.replace(" ", "<") + "<<" + given.replace(" ", "<")
    return text[:width].ljust(width, "<")


def mrz_td3(
    iss: str, nat: str, surname: str, given: str, doc: str, dob: str, sex: str, exp: str
) -> list[str]:
    line1 = "P<" + iss + _names(surname, given, 39)
    doc9 = doc.ljust(9, "<")
    optional = "<" * 14
    parts = [doc9 + mrz_check_digit(doc9), dob + mrz_check_digit(dob), exp + mrz_check_digit(exp)]
    opt = optional + mrz_check_digit(optional)
    composite = mrz_check_digit(parts[0] + parts[1] + parts[2] + opt)
    line2 = parts[0] + nat + parts[1] + sex + parts[2] + opt + composite
    assert len(line1) == len(line2) == 44
    return [line1, line2]


def mrz_td1(
    iss: str, nat: str, surname: str, given: str, doc: str, dob: str, sex: str, exp: str
) -> list[str]:
    doc9 = doc.ljust(9, "<")
    line1 = "ID" + iss + doc9 + mrz_check_digit(doc9) + "<" * 15
    line2 = dob + mrz_check_digit(dob) + sex + exp + mrz_check_digit(exp) + nat + "<" * 11
    composite = mrz_check_digit(line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29])
    line2 += composite
    line3 = _names(surname, given, 30)
    assert len(line1) == len(line2) == len(line3) == 30
    return [line1, line2, line3]


def _bban(rng: random.Random, spec: str) -> str:
    out = []
    for count, kind in re.findall(r"(\d+)!([nac])", spec):
        pool = {"n": string.digits, "a": string.ascii_uppercase, "c": string.digits}[kind]
        out.append("".join(rng.choice(pool) for _ in range(int(count))))
    return "".join(out)


def valid_iban(rng: random.Random, cc: str) -> str:
    spec = numdb.get("iban").info(cc + "00")[0][1]["bban"]
    for _ in range(100_000):
        bban = _bban(rng, spec)
        if cc in BANKS:
            bban = rng.choice(BANKS[cc]) + bban[4:]
        number = cc + iban.calc_check_digits(cc + "00" + bban) + bban
        if iban.is_valid(number):  # national BBAN checks too, where python-stdnum knows them
            return number
    raise RuntimeError(f"no valid IBAN for {cc}")


def invalid_iban(rng: random.Random, cc: str) -> str:
    number = valid_iban(rng, cc)
    wrong = (int(number[2:4]) + rng.randint(1, 9)) % 97 or 11
    bad = number[:2] + f"{wrong:02d}" + number[4:]
    assert not iban.is_valid(bad)
    return bad


def valid_phone(rng: random.Random, region: str) -> phonenumbers.PhoneNumber:
    # Mostly mobiles, as people give them in messages; a landline now and then.
    kind = PHONE_TYPES[rng.random() < 0.2]
    example = phonenumbers.example_number_for_type(region, kind)
    digits = phonenumbers.national_significant_number(example)
    for _ in range(10_000):
        keep = 3 if len(digits) > 6 else 2
        candidate = digits[:keep] + "".join(rng.choice(string.digits) for _ in digits[keep:])
        number = phonenumbers.parse("+" + str(example.country_code) + candidate)
        if phonenumbers.is_valid_number_for_region(number, region):
            return number
    raise RuntimeError(f"no valid phone number for {region}")


def bad_luhn(rng: random.Random, length: int) -> str:
    while True:
        number = rng.choice("3456") + "".join(rng.choice(string.digits) for _ in range(length - 1))
        if not luhn.is_valid(number):
            return number


def bad_stdnum(rng: random.Random, module: str, pattern: str) -> str:
    checker = importlib.import_module(f"stdnum.{module}")
    while True:
        number = "".join(rng.choice(string.digits) if ch == "9" else ch for ch in pattern)
        if not checker.is_valid(number):
            return number


def good_stdnum(rng: random.Random, module: str, pattern: str) -> str:
    checker = importlib.import_module(f"stdnum.{module}")
    for _ in range(1_000_000):
        number = "".join(rng.choice(string.digits) if ch == "9" else ch for ch in pattern)
        if checker.is_valid(number):
            return number
    raise RuntimeError(f"no valid {module} in the shape {pattern}")


def styled(groups: list[str], style: str) -> str:
    """Writes a value's groups the way a user evading a filter might."""
    if style == "plain":
        return "".join(groups)
    if style == "g4":
        return " ".join(groups)
    if style == "sp":
        return " ".join(ch for ch in "".join(groups)).replace("+ ", "+")
    if style == "dot":
        return ".".join(groups)
    if style == "dash":
        return "-".join(groups)
    if style == "lower":
        return "-".join(groups).lower()
    if style == "fw":  # fullwidth digits and letters, as a copy from an East Asian keyboard gives
        return " ".join(groups).translate(FULLWIDTH)
    if style == "nl":
        half = max(1, len(groups) // 2)
        return " ".join(groups[:half]) + "\\n" + " ".join(groups[half:])
    if style.startswith("cut:"):
        _, n, words = style.split(":", 2)
        return " ".join(groups[: int(n)]) + words + " ".join(groups[int(n) :])
    raise ValueError(f"unknown style {style!r}")


def _fours(value: str) -> list[str]:
    return [value[i : i + 4] for i in range(0, len(value), 4)]


def render(lang: str, line_no: int, text: str, checks: list[dict]) -> str:
    def one(match: re.Match[str]) -> str:
        kind, _, rest = match.group(1).partition(":")
        rng = random.Random(f"{lang}:{line_no}:{match.start()}")
        record = {"file": f"{lang}.txt", "line": line_no, "kind": kind}
        if kind in ("iban", "badiban"):
            cc, style = rest.split(":", 1)
            value = valid_iban(rng, cc) if kind == "iban" else invalid_iban(rng, cc)
            checks.append({**record, "value": value})
            return styled(_fours(value), style)
        if kind == "phone":
            region, fmt, style = rest.split(":", 2)
            number = valid_phone(rng, region)
            form = phonenumbers.PhoneNumberFormat.INTERNATIONAL if fmt == "intl" else None
            written = phonenumbers.format_number(number, form or phonenumbers.PhoneNumberFormat.NATIONAL)
            checks.append({**record, "region": region, "value": written})
            if style == "plain":
                return written
            return styled(re.findall(r"\+?\d+", written), style)
        if kind in ("mrz3", "mrz1"):
            fields = rest.split(":")
            lines = (mrz_td3 if kind == "mrz3" else mrz_td1)(*fields)
            checks.append({**record, "value": lines})
            return "\\n".join(lines)
        if kind == "badluhn":
            length, style = rest.split(":", 1)
            value = bad_luhn(rng, int(length))
            checks.append({**record, "value": value})
            return styled(_fours(value), style)
        if kind in ("bad", "valid"):
            module, pattern = rest.split(":", 1)
            value = (bad_stdnum if kind == "bad" else good_stdnum)(rng, module, pattern)
            checks.append({**record, "module": module, "value": value})
            return value
        raise ValueError(f"{lang}:{line_no}: unknown placeholder {match.group(0)}")

    return PLACEHOLDER.sub(one, text)


def build() -> dict[str, str]:
    """Every output file's name and text, rendered from the templates."""
    checks: list[dict] = []
    files = {}
    for template in sorted((HERE / "templates").glob("*.tpl")):
        lang = template.stem
        out = [f"# Rendered from templates/{template.name} by make_corpus.py: never edit, never tune to it."]
        for line in template.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            label, text = line.split("|", 1)
            rendered = render(lang, len(out) + 1, text.strip(), checks)
            out.append(f"{lang}|{LABELS[label.strip()]}|{rendered}")
        files[f"{lang}.txt"] = "\n".join(out) + "\n"
    files["checks.json"] = json.dumps(checks, indent=1, ensure_ascii=False) + "\n"
    return files


def main() -> None:
    for name, text in build().items():
        (HERE / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
