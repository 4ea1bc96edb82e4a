# ruff: noqa: E501  (sentence data and generators read best one item per line)
"""Generate the labelled corpus for bench/detection.py (seeded; commit the output).

    .venv/bin/python tests/classification/corpus/make_corpus.py

Templates x languages x entity types, with values the classifier's authors did not pick: valid
identifiers by rejection sampling against python-stdnum (or Faker where it is reliable), names
from Faker's locale lists (including the names held out of the shipped lists), IBANs with
computed check digits. The non-personal set holds technical prose, code, logs and numbers shaped
like identifiers that fail every checksum.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import random
import string
import sys
from pathlib import Path

import phonenumbers
from faker import Faker
from stdnum import iban as stdnum_iban

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from phrases import (  # noqa: E402
    CODE_SNIPPETS,
    CONTACT_TEMPLATES,
    HEREDITARY_DISEASE,
    ID_TEMPLATES,
    NAME_TEMPLATES,
    OTHER_READINGS,
    SPECIAL,
    TECHNICAL_PROSE,
    TECHNICAL_PROSE_OTHER,
)
from special_eu import special_sentences  # noqa: E402

from gateway.classification.identifiers import SPECS, IdentifierSpec, Strength  # noqa: E402

OUT = Path(__file__).resolve().parent / "corpus.jsonl"
LANGUAGES = ["en", "lt", "lv", "et", "fi", "de", "it"]
LOCALE = {
    "en": "en_GB",
    "lt": "lt_LT",
    "lv": "lv_LV",
    "et": "et_EE",
    "fi": "fi_FI",
    "de": "de_DE",
    "it": "it_IT",
}
PHONE_REGION = {"en": "GB", "lt": "LT", "lv": "LV", "et": "EE", "fi": "FI", "de": "DE", "it": "IT"}
IBAN_LENGTH = {"LT": 20, "LV": 21, "EE": 20, "FI": 18, "DE": 22, "IT": 27, "GB": 22}
FAKER_SSN = {
    "IT_FISCAL_CODE": "it_IT",
    "FI_PERSONAL_IDENTITY_CODE": "fi_FI",
    "FR_SOCIAL_SECURITY_NUMBER": "fr_FR",
}
VAT_BODIES = {
    "DE": 9,
    "LT": 9,
    "LV": 11,
    "EE": 9,
    "FI": 8,
    "IT": 11,
    "PL": 10,
    "DK": 8,
    "SI": 8,
    "HR": 11,
    "EL": 9,
}

rng = random.Random(20261129)


def held_out(name: str) -> bool:
    return hashlib.sha256(f"holdout:{name}".encode()).digest()[0] % 5 == 0


def _digits(n: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(n))


def _candidate(spec: IdentifierSpec) -> str:
    n = rng.choice(sorted(spec.lengths))
    e = spec.entity
    if e == "IE_PPSN":
        return _digits(7) + rng.choice("ABCDEFGHIJKLMNOPQRSTUVW") + rng.choice(["", "A", "W"])
    if e in ("ES_DNI", "CY_TAX_NUMBER"):
        return _digits(8) + rng.choice(string.ascii_uppercase)
    if e == "ES_NIE":
        return rng.choice("XYZ") + _digits(7) + rng.choice(string.ascii_uppercase)
    if (e, spec.country) == ("ID_CARD_NUMBER", "PL"):
        return "".join(rng.choice(string.ascii_uppercase) for _ in range(3)) + _digits(6)
    if (e, spec.country) == ("ID_CARD_NUMBER", "PT"):
        return (
            _digits(9) + rng.choice(string.ascii_uppercase) + rng.choice(string.ascii_uppercase) + _digits(1)
        )
    if e == "CH_SOCIAL_SECURITY_NUMBER":
        return "756" + _digits(10)
    if e == "HU_TAX_ID":
        return "8" + _digits(9)
    if e == "HU_PERSONAL_ID":
        return (
            rng.choice("12")
            + f"{rng.randint(50, 96):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
            + _digits(4)
        )
    if (e, spec.country) == ("ID_CARD_NUMBER", "MT"):
        return _digits(rng.randint(5, 7)) + rng.choice("MGAPLHBZ")
    if e == "CZ_SK_BIRTH_NUMBER" and n == 9:  # born before 1954
        return f"{rng.randint(20, 53):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}" + _digits(3)
    if e == "EU_VAT_NUMBER":
        cc = rng.choice(sorted(VAT_BODIES))
        return cc + _digits(VAT_BODIES[cc])
    if e in ("RO_CNP",):
        return (
            rng.choice("1256")
            + f"{rng.randint(50, 99):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
            + _digits(6)
        )
    if e in ("EE_PERSONAL_CODE", "LT_PERSONAL_CODE"):
        return (
            rng.choice("3456")
            + f"{rng.randint(50, 99):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
            + _digits(4)
        )
    if e in ("SI_EMSO",):
        return f"{rng.randint(1, 28):02d}{rng.randint(1, 12):02d}9{rng.randint(50, 99):02d}50" + _digits(4)
    if e == "LU_NATIONAL_ID":
        return f"19{rng.randint(50, 99):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}" + _digits(5)
    if e in (
        "NO_BIRTH_NUMBER",
        "BE_NATIONAL_NUMBER",
        "BE_BIS_NUMBER",
        "GR_AMKA",
        "DK_CPR",
        "IS_KENNITALA",
        "BG_PERSONAL_NUMBER",
        "SE_PERSONAL_IDENTITY_NUMBER",
        "CZ_SK_BIRTH_NUMBER",
        "AT_SOCIAL_INSURANCE_NUMBER",
        "PL_PESEL",
        "LV_PERSONAL_CODE",
    ):
        if e in (
            "BE_NATIONAL_NUMBER",
            "BE_BIS_NUMBER",
            "PL_PESEL",
            "CZ_SK_BIRTH_NUMBER",
            "SE_PERSONAL_IDENTITY_NUMBER",
            "BG_PERSONAL_NUMBER",
        ):
            month = rng.randint(1, 12) + (40 if e == "BE_BIS_NUMBER" else 0)
            date = f"{rng.randint(50, 99):02d}{month:02d}{rng.randint(1, 28):02d}"
        else:
            date = f"{rng.randint(1, 28):02d}{rng.randint(1, 12):02d}{rng.randint(50, 99):02d}"
        if e == "AT_SOCIAL_INSURANCE_NUMBER":
            return _digits(4) + date
        return date + _digits(n - 6)
    return _digits(n)


def valid_identifier(spec: IdentifierSpec) -> str:
    if spec.entity == "IBAN_CODE":
        return iban(rng.choice(sorted(IBAN_LENGTH))).replace(" ", "")
    if spec.entity in FAKER_SSN:
        fake = Faker(FAKER_SSN[spec.entity])
        fake.seed_instance(rng.randint(0, 10**9))
        return fake.ssn()
    for _ in range(2_000_000):
        c = _candidate(spec)
        if spec.shape.fullmatch(c) and spec.is_valid(c):
            return c
    raise RuntimeError(f"no valid {spec.entity} found")


# Identifiers with a check digit: a number of the right length can fail them.
CHECKED = [s for s in SPECS if s.strength is not Strength.FORMAT]


def invalid_number(length: int) -> str:
    """Digits that fail every checksum of an identifier of that length."""
    specs = [s for s in CHECKED if length in s.lengths]
    while True:
        c = _digits(length)
        if not any(s.is_valid(c) for s in specs if s.shape.fullmatch(c)):
            return c


def weakly_valid_number(length: int, pick: random.Random) -> str:
    """Digits that pass some weak check (a lone mod 11) and no stronger one: an order number, say."""
    specs = [s for s in CHECKED if length in s.lengths]
    while True:
        c = "".join(pick.choice(string.digits) for _ in range(length))
        passed = {s.strength for s in specs if s.shape.fullmatch(c) and s.is_valid(c)}
        if passed == {Strength.WEAK}:
            return c


def grouped(value: str) -> str:
    """Write a purely numeric identifier in groups, as people do: 380 0108 5718."""
    if not value.isdigit() or len(value) < 9:
        return value
    cut = [0, 3, 7, len(value)]
    return " ".join(value[a:b] for a, b in itertools.pairwise(cut))


def faker_for(lang: str) -> Faker:
    fake = Faker(LOCALE[lang])
    fake.seed_instance(rng.randint(0, 10**9))
    return fake


def name_parts(fake: Faker) -> tuple[str, str]:
    try:
        return fake.first_name_male(), fake.last_name_male()
    except AttributeError:
        return fake.first_name(), fake.last_name()


def iban(country: str) -> str:
    while True:
        bban = _digits(IBAN_LENGTH[country] - 4)
        if country == "LV":
            bban = "".join(rng.choice(string.ascii_uppercase) for _ in range(4)) + _digits(13)
        elif country == "IT":
            bban = rng.choice(string.ascii_uppercase) + _digits(22)
        elif country == "GB":
            bban = "".join(rng.choice(string.ascii_uppercase) for _ in range(4)) + _digits(14)
        number = country + "00" + bban
        number = country + stdnum_iban.calc_check_digits(number) + bban
        if stdnum_iban.is_valid(number):
            return " ".join(number[i : i + 4] for i in range(0, len(number), 4))


def phone(lang: str) -> str:
    region = PHONE_REGION[lang]
    example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    national = str(example.national_number)
    while True:
        candidate = national[:3] + _digits(len(national) - 3)
        parsed = phonenumbers.parse(f"+{example.country_code}{candidate}")
        if phonenumbers.is_valid_number(parsed):
            style = rng.choice(
                [phonenumbers.PhoneNumberFormat.INTERNATIONAL, phonenumbers.PhoneNumberFormat.NATIONAL]
            )
            return phonenumbers.format_number(parsed, style)


def contact_value(entity: str, lang: str, fake: Faker) -> str:
    if entity == "EMAIL_ADDRESS":
        first, last = name_parts(fake)
        local = f"{first}.{last}".lower().encode("ascii", "ignore").decode() or "info"
        return f"{local}@{rng.choice(['example.com', 'mail.ee', 'post.lt', 'inbox.lv', 'web.de', 'libero.it', 'elisa.fi'])}"
    if entity == "PHONE_NUMBER":
        return phone(lang)
    if entity == "IBAN_CODE":
        return iban(PHONE_REGION[lang])
    if entity == "CREDIT_CARD":
        return fake.credit_card_number(card_type=rng.choice(["visa16", "mastercard", "amex"]))
    if entity == "IP_ADDRESS":
        return fake.ipv4_public()
    if entity == "PASSPORT_NUMBER":
        return (
            rng.choice(string.ascii_uppercase)
            + rng.choice(["", rng.choice(string.ascii_uppercase)])
            + _digits(7)
        )
    raise ValueError(entity)


EVASIONS = {
    "zero_width": lambda v: "\u200b".join(v[i : i + 3] for i in range(0, len(v), 3)),
    "soft_hyphen": lambda v: "\u00ad".join(v[i : i + 4] for i in range(0, len(v), 4)),
    "fullwidth": lambda v: v.translate({ord(c): ord(c) + 0xFEE0 for c in string.digits + "@"}),
    "confusables": lambda v: v.translate(str.maketrans({"a": "а", "o": "о", "e": "е", "p": "р", "c": "с"})),
    "separators": lambda v: "-".join(v[i : i + 3] for i in range(0, len(v), 3)),
}


def records() -> list[dict]:
    out: list[dict] = []

    def add(group: str, lang: str, text: str, expect: dict[str, int], **meta: object) -> None:
        out.append(
            {
                "id": f"{group}-{len(out):05d}",
                "group": group,
                "language": lang,
                "text": text,
                "expect": expect,
                "meta": meta,
            }
        )

    # National identifiers: every identifier, every language, labelled and unlabelled templates.
    for spec in SPECS:
        label = spec.context[0] if spec.context else spec.entity.split("_", 1)[1].lower().replace("_", " ")
        for lang in LANGUAGES:
            for t, template in enumerate(ID_TEMPLATES[lang]):
                value = valid_identifier(spec)
                if rng.random() < 0.3:
                    value = grouped(value)
                labelled = "{label}" in template
                add(
                    "identifier",
                    lang,
                    template.format(label=label, v=value),
                    {spec.entity: 1},
                    strength=spec.strength.name,
                    labelled=labelled,
                    template=t,
                )

    # Names: Faker's locale lists; names held out of the shipped lists are marked.
    for lang in LANGUAGES:
        fake = faker_for(lang)
        for i in range(40):
            first, last = name_parts(fake)
            template = NAME_TEMPLATES[lang][i % len(NAME_TEMPLATES[lang])]
            used = [p for p in ("first", "last") if "{" + p + "}" in template]
            unseen = any(held_out(first if p == "first" else last) for p in used)
            add("name", lang, template.format(first=first, last=last), {"PERSON": 1}, held_out=unseen)

    # Special categories.
    for category, per_lang in SPECIAL.items():
        for lang, sentences in per_lang.items():
            for s in sentences:
                expect = {f"SPECIAL_{category.upper()}": 1}
                if s in HEREDITARY_DISEASE:  # a hereditary disease is health data as well
                    expect["SPECIAL_HEALTH"] = 1
                add("special", lang, s, expect)

    # Contact data and documents.
    for lang in LANGUAGES:
        fake = faker_for(lang)
        for entity, template in CONTACT_TEMPLATES[lang].items():
            for _ in range(4):
                add("contact", lang, template.format(v=contact_value(entity, lang, fake)), {entity: 1})

    # Evasion: the same kinds of values, disguised.
    strong = [s for s in SPECS if s.strength is Strength.STRONG and s.entity != "IT_FISCAL_CODE"]
    for technique, disguise in EVASIONS.items():
        for lang in LANGUAGES:
            fake = faker_for(lang)
            spec = rng.choice(strong)
            value = valid_identifier(spec)
            add(
                f"evasion:{technique}",
                lang,
                ID_TEMPLATES[lang][0].format(label=spec.context[0], v=disguise(value)),
                {spec.entity: 1},
            )
            # Separators inside an e-mail address make it another address; disguise a card instead.
            entity = "CREDIT_CARD" if technique == "separators" else "EMAIL_ADDRESS"
            value = contact_value(entity, lang, fake)
            add(
                f"evasion:{technique}",
                lang,
                CONTACT_TEMPLATES[lang][entity].format(v=disguise(value)),
                {entity: 1},
            )

    # Non-personal text.
    for s in TECHNICAL_PROSE:
        add("negative:prose", "en", s, {})
    for s in TECHNICAL_PROSE_OTHER:
        add("negative:prose_other_languages", "", s, {})
    for s in CODE_SNIPPETS:
        add("negative:code", "en", s, {})
    services = ["api", "worker", "scheduler", "billing", "search"]
    for block in range(30):
        lines = []
        for _ in range(5):
            lines.append(
                f"2026-0{rng.randint(1, 9)}-{rng.randint(10, 28)}T{rng.randint(10, 23)}:{rng.randint(10, 59)}:"
                f"{rng.randint(10, 59)}.{_digits(3)}Z {rng.choice(['INFO', 'WARN', 'DEBUG', 'ERROR'])} "
                f"{rng.choice(services)}-{rng.randint(1, 9)} request_id={''.join(rng.choice('0123456789abcdef') for _ in range(12))} "
                f"status={rng.choice([200, 201, 204, 400, 404, 500, 503])} latency_ms={rng.randint(1, 5000)} "
                f'bytes={rng.randint(100, 10**7)} user_agent="curl/8.{rng.randint(0, 9)}.{rng.randint(0, 9)}"'
                f" ts={rng.randint(1_700_000_000, 1_800_000_000)} ts_ms={rng.randint(1_700_000_000_000, 1_800_000_000_000)}"
            )
        add("negative:logs", "en", "\n".join(lines), {}, block=block)
    templates = [
        "Order {v} has shipped.",
        "Invoice {v} is due at the end of the month.",
        "Ticket #{v} was closed as a duplicate.",
        "Build {v} passed all checks.",
        "The batch job processed {v} records.",
        "Tracking number: {v}",
    ]
    for i in range(120):
        length = rng.choice([8, 9, 10, 11, 12, 13])
        add("negative:numbers", "en", templates[i % len(templates)].format(v=invalid_number(length)), {})
    # Numbers that pass a weak check by chance (one in eleven does), where the text says what they
    # are. A generator of its own, so the records above stay as they were.
    pick = random.Random(20261130)
    for lang, per_lang in OTHER_READINGS.items():
        for i in range(24):
            template = per_lang[i % len(per_lang)]
            add(
                "negative:numbers_passing_weak_checks",
                lang,
                template.format(v=weakly_valid_number(pick.choice([9, 10, 11]), pick)),
                {},
            )
    # Special categories in all 26 languages, and texts with a category only as their topic.
    for lang, category, named, text in special_sentences():
        if category is None:
            add("negative:special_topic", lang, text, {})
            continue
        expect = {f"SPECIAL_{category.upper()}": 1}
        if named:
            expect["PERSON"] = 1
        add("special", lang, text, expect)
    return out


def main() -> None:
    rows = records()
    with OUT.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    groups: dict[str, int] = {}
    for row in rows:
        groups[row["group"]] = groups.get(row["group"], 0) + 1
    print(f"{len(rows)} records -> {OUT.relative_to(ROOT)}: {groups}")


if __name__ == "__main__":
    main()
