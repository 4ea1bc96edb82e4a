"""The second held-out corpus is well formed: known labels, all 26 languages, valid check digits.

These tests check the corpus, never the classifier's scores on it (bench/detection.py measures those).
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import phonenumbers
import pytest
from stdnum import iban, luhn

from gateway.classification.special import CATEGORIES

FOLDER = Path(__file__).resolve().parent / "heldout2"
LANGUAGES = {
    *("bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu"),
    *("is", "it", "lt", "lv", "mt", "nl", "no", "pl", "pt", "ro", "sk", "sl", "sv"),
}
ART9 = {
    "health",
    "political_opinions",
    "religious_or_philosophical_beliefs",
    "trade_union_membership",
    "racial_or_ethnic_origin",
    "sex_life_or_sexual_orientation",
    "biometric",
    "genetic",
}
ENTITIES = {
    "DATE_OF_BIRTH",
    "STREET_ADDRESS",
    "PASSPORT_NUMBER",
    "ID_CARD_NUMBER",
    "PHONE_NUMBER",
    "IBAN_CODE",
}
# The least each language holds of each kind (ID cards count with passports).
MINIMUM = {**dict.fromkeys(ART9, 2), "topic": 4, "none": 5, "DATE_OF_BIRTH": 2, "STREET_ADDRESS": 2}
MINIMUM |= {"PHONE_NUMBER": 3, "IBAN_CODE": 3}
MRZ_TD3 = re.compile(r"(P[A-Z<][A-Z<]{3}[A-Z<]{39})\\n([A-Z0-9<]{44})")
MRZ_TD1 = re.compile(r"(I[A-Z<][A-Z<]{3}[A-Z0-9<]{25})\\n([A-Z0-9<]{30})\\n([A-Z<]{30})")


def rows() -> list[tuple[str, int, str, str, str]]:
    """(file, line number, language, label, raw text) for every record, as bench/detection.py reads them."""
    out = []
    for path in sorted(FOLDER.glob("*.txt")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip() and not line.startswith("#"):
                lang, label, text = line.split("|", 2)
                out.append((path.name, number, lang, label, text))
    return out


def checks() -> list[dict]:
    return json.loads((FOLDER / "checks.json").read_text(encoding="utf-8"))


def mrz_digit(field: str) -> int:
    weights = (7, 3, 1)
    values = [int(c) if c.isdigit() else 0 if c == "<" else ord(c) - ord("A") + 10 for c in field]
    return sum(v * weights[i % 3] for i, v in enumerate(values)) % 10


def td3_valid(line2: str) -> bool:
    fields = [(line2[0:9], line2[9]), (line2[13:19], line2[19]), (line2[21:27], line2[27])]
    composite = line2[0:10] + line2[13:20] + line2[21:43]
    return all(mrz_digit(f) == int(d) for f, d in fields) and mrz_digit(composite) == int(line2[43])


def td1_valid(line1: str, line2: str) -> bool:
    fields = [(line1[5:14], line1[14]), (line2[0:6], line2[6]), (line2[8:14], line2[14])]
    composite = line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29]
    return all(mrz_digit(f) == int(d) for f, d in fields) and mrz_digit(composite) == int(line2[29])


def appears_in(value: str, text: str) -> bool:
    """The value's letters and digits occur in order in the text (separators and words between allowed;
    fullwidth look-alikes and lower case count as what they stand for)."""
    chars = iter(re.sub(r"[^0-9A-Z<]", "", unicodedata.normalize("NFKC", text).upper()))
    return all(c in chars for c in re.sub(r"[^0-9A-Z<]", "", value.upper()))


def test_every_language_is_present_with_its_own_records() -> None:
    records = rows()
    assert {lang for _, _, lang, _, _ in records} == LANGUAGES
    assert {f for f, _, _, _, _ in records} == {f"{lang}.txt" for lang in LANGUAGES}
    assert all(f == f"{lang}.txt" for f, _, lang, _, _ in records)
    assert len(records) >= 1000


def test_labels_are_the_benchs_vocabulary() -> None:
    labels = {label for _, _, _, label, _ in rows()}
    assert labels == ART9 | ENTITIES | {"topic", "none"}
    assert set(CATEGORIES) >= ART9, "a special-category label the classifier does not name"


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_each_language_covers_every_kind(lang: str) -> None:
    counts = Counter(label for _, _, lg, label, _ in rows() if lg == lang)
    short = {k: counts[k] for k, least in MINIMUM.items() if counts[k] < least}
    assert not short, f"{lang} has too few: {short}"
    assert counts["PASSPORT_NUMBER"] + counts["ID_CARD_NUMBER"] >= 3


def test_no_record_repeats() -> None:
    texts = Counter(text for _, _, _, _, text in rows())
    assert [t for t, n in texts.items() if n > 1] == []


def test_generated_values_are_valid_or_certainly_invalid_as_labelled() -> None:
    for check in checks():
        kind, value = check["kind"], check["value"]
        if kind == "iban":
            assert iban.is_valid(value), check
        elif kind == "badiban":
            assert not iban.is_valid(value), check
        elif kind == "phone":
            number = phonenumbers.parse(value, check["region"])
            assert phonenumbers.is_valid_number_for_region(number, check["region"]), check
        elif kind == "mrz3":
            assert len(value) == 2 and all(len(line) == 44 for line in value), check
            assert td3_valid(value[1]), check
        elif kind == "mrz1":
            assert len(value) == 3 and all(len(line) == 30 for line in value), check
            assert td1_valid(value[0], value[1]), check
        elif kind == "badluhn":
            assert not luhn.is_valid(value), check
        elif kind == "bad":
            assert not importlib.import_module(f"stdnum.{check['module']}").is_valid(value), check
        elif kind == "valid":
            assert importlib.import_module(f"stdnum.{check['module']}").is_valid(value), check
        else:
            pytest.fail(f"unknown check {kind}")


def test_each_generated_value_is_written_in_its_record() -> None:
    text_at = {(f, n): text for f, n, _, _, text in rows()}
    for check in checks():
        value = "".join(check["value"]) if isinstance(check["value"], list) else check["value"]
        assert appears_in(value, text_at[(check["file"], check["line"])]), check


def test_every_phone_and_iban_record_carries_a_checked_value() -> None:
    checked = {(c["file"], c["line"]) for c in checks() if c["kind"] in ("iban", "phone")}
    for f, n, _, label, _ in rows():
        if label in ("PHONE_NUMBER", "IBAN_CODE"):
            assert (f, n) in checked, (f, n)


def test_every_machine_readable_zone_has_valid_check_digits() -> None:
    found = 0
    for _, _, _, _, text in rows():
        for _, line2 in MRZ_TD3.findall(text):
            assert td3_valid(line2), line2
            found += 1
        for line1, line2, _ in MRZ_TD1.findall(text):
            assert td1_valid(line1, line2), line1
            found += 1
    assert found >= 40


def test_an_mrz_check_digit_changed_is_caught() -> None:
    # The ICAO 9303 specimen, then one digit of its document number changed.
    assert td3_valid("L898902C36UTO7408122F1204159ZE184226B<<<<<10")
    assert not td3_valid("L898902C46UTO7408122F1204159ZE184226B<<<<<10")


def test_non_personal_records_hold_no_valid_iban_or_card_number() -> None:
    for _, _, _, label, text in rows():
        if label != "none":
            continue
        compact = re.sub(r"[ .\-]", "", text)
        for match in re.finditer(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", compact):
            candidate = match.group()
            assert not any(iban.is_valid(candidate[:n]) for n in range(15, len(candidate) + 1)), text
        for run in re.findall(r"(?<![A-Z0-9])\d{13,19}(?![A-Z0-9])", compact):
            assert not luhn.is_valid(run), text


def test_files_are_what_the_generator_renders() -> None:
    spec = importlib.util.spec_from_file_location("make_corpus", FOLDER / "make_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name, text in module.build().items():
        assert (FOLDER / name).read_text(encoding="utf-8") == text, f"{name} differs from its template"
