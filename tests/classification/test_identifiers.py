"""Every national identifier: a valid one is found, one with a failing checksum is not."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from gateway.classification.engine import DetectionEngine, _blank
from gateway.classification.identifiers import SPECS, IdentifierSpec
from gateway.classification.national import NationalIdFinder

sys.path.insert(0, str(Path(__file__).parent / "corpus"))
import make_corpus

make_corpus.rng.seed(4242)


def _label(spec: IdentifierSpec) -> str:
    return spec.context[0] if spec.context else spec.entity


def _failing_checksum(spec: IdentifierSpec, value: str) -> str:
    """The same identifier with its check character changed so that it no longer validates."""
    if spec.entity == "DK_CPR":  # no check digit since 2007: only the date can fail
        return "32" + value[2:]
    alphabet = "0123456789" if value[-1].isdigit() else "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    for ch in random.Random(value).sample(alphabet, len(alphabet)):
        changed = value[:-1] + ch
        if ch != value[-1] and not spec.is_valid(changed):
            return changed
    raise AssertionError(f"no failing variant of {spec.entity}")


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.entity)
def test_a_valid_identifier_is_found(engine: DetectionEngine, spec: IdentifierSpec) -> None:
    value = make_corpus.valid_identifier(spec)
    found = engine.analyze(f"For the file: my {_label(spec)} is {value}, thanks.").entities
    assert found.get(spec.entity) == 1


@pytest.mark.parametrize("spec", make_corpus.CHECKED, ids=lambda s: s.entity)
def test_an_identifier_with_a_failing_checksum_is_not(engine: DetectionEngine, spec: IdentifierSpec) -> None:
    value = _failing_checksum(spec, make_corpus.valid_identifier(spec))
    found = engine.analyze(f"For the file: my {_label(spec)} is {value}, thanks.").entities
    assert spec.entity not in found


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("Please update the record, isikukood 38001085718.", "EE_PERSONAL_CODE"),
        ("Bitte prüfen: PESEL 44051401359 gehört zum Antrag.", "PL_PESEL"),
        ("Il cliente ha fornito il codice fiscale RSSMRA85T10A562S ieri.", "IT_FISCAL_CODE"),
        ("Asiakkaan henkilötunnus on 131052-308T.", "FI_PERSONAL_IDENTITY_CODE"),
    ],
)
def test_identifiers_are_found_whatever_the_language_of_the_text(
    engine: DetectionEngine, text: str, entity: str
) -> None:
    assert engine.analyze(text).entities.get(entity) == 1
    # The Presidio registry carries the national recognizer for every configured language too.
    for language in engine.languages:
        assert entity in {r.entity_type for r in engine.analyzer.analyze(text, language=language)}


def test_strong_identifiers_need_no_label(engine: DetectionEngine) -> None:
    assert engine.analyze("Order 756.9217.0769.85 has shipped.").entities == {"CH_SOCIAL_SECURITY_NUMBER": 1}


def test_a_number_valid_for_several_countries_is_reported_as_each(engine: DetectionEngine) -> None:
    # Estonia and Lithuania share one format and check digit; English names no country.
    assert engine.analyze("Forwarding 38001085718 to the team.").entities == {
        "EE_PERSONAL_CODE": 1,
        "LT_PERSONAL_CODE": 1,
    }
    assert engine.analyze("Ar galite patikrinti 38001085718?").entities == {"LT_PERSONAL_CODE": 1}


def test_the_strongest_check_passed_outranks_the_texts_country(engine: DetectionEngine) -> None:
    # 0805545670 is a valid kennitala (strong check) and passes the NHS mod 11 (weak) too.
    assert engine.analyze("Could you verify 0805545670 for me?").entities == {"IS_KENNITALA": 1}


@pytest.mark.parametrize(
    "text",
    [
        "Could you verify 111222333 for me?",
        "Können Sie 111222333 prüfen?",
        "Mijn BSN is 111222333.",
    ],
)
def test_a_weak_identifier_is_reported_where_nothing_else_explains_it(
    engine: DetectionEngine, text: str
) -> None:
    assert engine.analyze(text).entities == {"NL_BSN": 1}


@pytest.mark.parametrize(
    "text",
    [
        "Order 111222333 has shipped.",
        "Ihre Bestellung 111222333 wurde versandt.",
        "Teie tellimus 111222333 on teel.",
        "La fattura n. 111222333 è stata pagata.",
        "Tracking number: 111222333",
        "We imported 111222333 rows overnight.",
        "The total was 111222333 EUR.",
        "retry order_id=111222333 failed",
        '{"invoice": 111222333}',
        "2026-03-01T10:00:00Z worker-3 picked up 111222333",
    ],
)
def test_a_weak_identifier_is_not_reported_where_the_text_says_what_else_it_is(
    engine: DetectionEngine, text: str
) -> None:
    assert engine.analyze(text).entities == {}


@pytest.mark.parametrize(
    "spec", [s for s in SPECS if s not in make_corpus.CHECKED], ids=lambda s: f"{s.entity}-{min(s.lengths)}"
)
def test_a_format_only_identifier_needs_its_label(engine: DetectionEngine, spec: IdentifierSpec) -> None:
    # With no check digit (the Steuernummer, a Czech birth number from before 1954, a Maltese
    # identity card) only the label can tell the number from any other.
    value = make_corpus.valid_identifier(spec)
    assert engine.analyze(f"For the file: my {_label(spec)} is {value}, thanks.").entities == {spec.entity: 1}
    assert spec.entity not in engine.analyze(f"Could you verify {value} for me?").entities


def test_a_phone_context_word_makes_a_date_shaped_number_a_phone_number(engine: DetectionEngine) -> None:
    # 0301234567 is also a valid Danish CPR shape (3 January 1923); "Tel." says what it is.
    assert engine.analyze("Bitte rufen Sie Tel. 030 1234567 an.").entities == {"PHONE_NUMBER": 1}
    # "tel" inside a word is no phone context.
    assert engine.analyze("Ihre Bestellung 0301234567 wurde versandt.").entities == {}


def test_a_context_word_decides_between_identical_formats(engine: DetectionEngine) -> None:
    assert engine.analyze("Mano asmens kodas 38001085718").entities == {"LT_PERSONAL_CODE": 1}
    assert engine.analyze("Minu isikukood 38001085718").entities == {"EE_PERSONAL_CODE": 1}


def test_grouped_and_separated_identifiers_are_found(engine: DetectionEngine) -> None:
    for written in ("380 0108 5718", "380-0108-5718", "380.0108.5718", "3800 1085 718"):
        assert engine.analyze(f"isikukood {written}").entities == {"EE_PERSONAL_CODE": 1}, written


def test_iban_card_email_phone_ip_and_documents(engine: DetectionEngine) -> None:
    text = (
        "Transfer to LT12 1000 0111 0100 1000, card 4111 1111 1111 1111, write to jonas@example.lt, "
        "call +370 612 34567, my router is 84.15.1.7, passport number LT1234567."
    )
    assert engine.analyze(text).entities == {
        "IBAN_CODE": 1,
        "CREDIT_CARD": 1,
        "EMAIL_ADDRESS": 1,
        "PHONE_NUMBER": 1,
        "IP_ADDRESS": 1,
        "PASSPORT_NUMBER": 1,
    }


def test_numbers_that_fail_their_checks_are_not_personal(engine: DetectionEngine) -> None:
    text = (
        "Transfer to LT13 1000 0111 0100 1000, card 4111 1111 1111 1112, loopback 127.0.0.1, "
        "build 20240115, version 10.4.3, latency 12345678 ns, id 4405140137."
    )
    assert engine.analyze(text).entities == {}


def test_national_phone_numbers_need_a_context_word(engine: DetectionEngine) -> None:
    assert engine.analyze("Bitte rufen Sie Tel. 030 1234567 an.").entities == {"PHONE_NUMBER": 1}
    assert engine.analyze("Artikel 030 1234567 ist vorrätig.").entities == {}


def test_document_numbers_need_a_context_word(engine: DetectionEngine) -> None:
    assert engine.analyze("Mano paso numeris 12345678.").entities == {"PASSPORT_NUMBER": 1}
    assert engine.analyze("Personalausweis Nr. T22000129").entities == {"ID_CARD_NUMBER": 1}
    assert engine.analyze("Artifact AB1234567 uploaded.").entities == {}


@pytest.mark.parametrize(
    "card", ["2223 0031 2200 3222", "5555-5555-5555-4444", "371-449-635-398-431", "4111111111111111"]
)
def test_payment_cards_of_every_issuer_and_grouping(engine: DetectionEngine, card: str) -> None:
    assert engine.analyze(f"Charge my card {card} please.").entities == {"CREDIT_CARD": 1}


def test_a_phone_number_is_not_taken_for_the_identifier_its_digits_resemble(engine: DetectionEngine) -> None:
    assert engine.analyze("Skambinkite +370 612 52248.").entities == {"PHONE_NUMBER": 1}


def test_only_globally_routable_addresses_are_personal(engine: DetectionEngine) -> None:
    assert engine.analyze("Client 84.15.1.7 connected.").entities == {"IP_ADDRESS": 1}
    assert engine.analyze("Resolver 2001:4860:4860::8888 at 12:00:01").entities == {"IP_ADDRESS": 1}
    for text in ("Version 10.4.3.2 ships today.", "Gateway 192.168.1.1, docs 192.0.2.4, local ::1."):
        assert engine.analyze(text).entities == {}, text
    # An address's octets are never read as an identifier (220.228.94.65 looks like an EGN).
    assert engine.analyze("Router address 220.228.94.65").entities == {"IP_ADDRESS": 1}


def test_numbers_given_as_times_sizes_or_counts_are_not_identifiers(engine: DetectionEngine) -> None:
    # 1710112345601 passes the Romanian CNP check; as a millisecond timestamp it is no one's.
    assert engine.analyze("CNP 1710112345601").entities == {"RO_CNP": 1}
    log_line = 'ts_ms=1710112345601 bytes=44051401359 "created_at": 1712345678'
    assert engine.analyze(log_line).entities == {}
    assert engine.analyze('{"pesel": "44051401359", "ts": 1712345678}').entities == {"PL_PESEL": 1}


@pytest.mark.parametrize(
    ("text", "entity", "found"),
    [
        ("Personnummer: 811228-9874", "SE_PERSONAL_IDENTITY_NUMBER", True),
        ("Personnummer: 811228-9875", "SE_PERSONAL_IDENTITY_NUMBER", False),  # Luhn fails
        ("Fødselsnummer: 151086 95088", "NO_BIRTH_NUMBER", True),
        ("Fødselsnummer: 151086 95087", "NO_BIRTH_NUMBER", False),  # second check digit fails
        ("Rijksregisternummer 05.01.01-123.85", "BE_NATIONAL_NUMBER", True),  # born in 2005
        ("Rijksregisternummer 05.01.01-123.86", "BE_NATIONAL_NUMBER", False),
        ("Henkilötunnus 131052-308T", "FI_PERSONAL_IDENTITY_CODE", True),
        ("Henkilötunnus 131052-308U", "FI_PERSONAL_IDENTITY_CODE", False),
        ("Kennitala 120174-3399", "IS_KENNITALA", True),
        ("Kennitala 120174-3398", "IS_KENNITALA", False),
    ],
)
def test_check_digits_run_before_the_validators_keep_their_answers(
    text: str, entity: str, found: bool
) -> None:
    assert (entity in {h.entity for h in NationalIdFinder().find(text)}) is found


# How many check characters end each number (the rest of each shape is drawn at random).
_CHECK_TAIL = {"BE_NATIONAL_NUMBER": 2, "BE_BIS_NUMBER": 2, "NO_BIRTH_NUMBER": 2, "IS_KENNITALA": 2}


def _completions(spec: IdentifierSpec, shaped: str) -> list[str]:
    """Every way of ending ``shaped`` in its check characters, as the finder offers it."""
    tail = 3 if spec.entity == "FR_TAX_NUMBER" else _CHECK_TAIL.get(spec.entity, 1)
    return [shaped[:-tail] + f"{n:0{tail}d}" for n in range(10**tail)]


@pytest.mark.parametrize(
    "spec",
    [s for s in SPECS if s.precheck is not None and not s.as_written],
    ids=lambda s: f"{s.country}-{s.entity}",
)
def test_a_check_run_before_a_validator_never_rejects_a_number_the_validator_accepts(
    spec: IdentifierSpec,
) -> None:
    precheck = spec.precheck
    assert precheck is not None
    accepted = 0
    for _ in range(20_000):
        shaped = make_corpus._candidate(spec)
        if not spec.shape.fullmatch(shaped):
            continue
        for candidate in _completions(spec, shaped):
            if spec.validator.is_valid(candidate):
                accepted += 1
                assert precheck(candidate), candidate
        if accepted >= 40:
            break
    assert accepted >= 40  # the property was tried on valid numbers, not only on rejects


def test_the_finnish_check_character_is_worked_out_as_the_validator_does() -> None:
    spec = next(s for s in SPECS if s.entity == "FI_PERSONAL_IDENTITY_CODE")
    assert spec.precheck is not None
    rng = random.Random(31)
    accepted = 0
    for _ in range(300):
        born = rng.choice(["+", "-", "A", "B", "Y", "X"])
        date = f"{rng.randint(1, 28):02d}{rng.randint(1, 12):02d}{rng.randint(0, 99):02d}"
        stem = f"{date}{born}{rng.randint(2, 899):03d}"
        for ch in "0123456789ABCDEFHJKLMNPRSTUVWXYZ":
            if spec.validator.is_valid(stem + ch):
                accepted += 1
                assert spec.precheck(stem + ch), stem + ch
            assert spec.precheck(stem + ch) == spec.validator.is_valid(stem + ch)
    assert accepted == 300  # one check character in 31 passes, for every code


@pytest.mark.parametrize(
    "text",
    [
        "Ordre 4471 2290 1183 blev sendt den 12.03.2024.",  # a longer number holding a tax number's digits
        "A 4471 2290 1183 számú rendelést 2024. 03. 12-én feladtuk.",
    ],
)
def test_a_weak_identifier_inside_a_longer_number_is_no_identifier(text: str) -> None:
    assert NationalIdFinder().find(text) == []


def test_found_identifiers_are_blanked_before_the_pattern_recognizers_read_the_text() -> None:
    """Blanking by stretches gives what blanking character by character gives, for spans that
    overlap, nest, repeat or come in any order."""

    def by_character(text: str, spans: list[tuple[int, int]]) -> str:
        chars = list(text)
        for a, b in spans:
            chars[a:b] = " " * (b - a)
        return "".join(chars)

    rng = random.Random(97)
    for _ in range(20_000):
        text = "".join(rng.choice("ab1 \n") for _ in range(rng.randint(0, 30)))
        spans = []
        for _ in range(rng.randint(1, 5)):
            a = rng.randint(0, len(text))
            spans.append((a, rng.randint(a, len(text))))
        assert _blank(text, spans) == by_character(text, spans), (text, spans)
