"""The one-file verifier's shortcuts for large bundles give what its general paths give, on the
values a record or an exporter could hold: times, withheld scopes, JSON lines, proof lines."""

from __future__ import annotations

import gc
import hashlib
import json
from datetime import UTC, datetime, timedelta, timezone

import pytest
import rfc8785
from hypothesis import given, settings
from hypothesis import strategies as st

from audit import bundle_verify, canonical, merkle

# -- times: fixed-form UTC strings compare as the times they name ---------------------------------


def _general(text: object) -> str:
    """What ``instant`` gives without its shortcut: parse, then write in its form."""
    at = datetime.fromisoformat(text).astimezone(UTC)  # type: ignore[arg-type]
    return at.replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def _outcome(fn, text):  # type: ignore[no-untyped-def]
    try:
        return fn(text)
    except (ValueError, TypeError) as e:
        return type(e)


_digits = st.text("0123456789", min_size=1, max_size=1)


@st.composite
def _fixed_form(draw: st.DrawFn) -> str:
    """Strings of the records' form, their digits drawn freely: invalid dates and times too."""
    d = lambda n: "".join(draw(_digits) for _ in range(n))  # noqa: E731
    return f"{d(4)}-{d(2)}-{d(2)}T{d(2)}:{d(2)}:{d(2)}.{d(6)}Z"


@settings(max_examples=2000, deadline=None)
@given(text=_fixed_form() | st.sampled_from(["2026-02-29T00:00:00.000000Z", "2024-02-29T23:59:59.999999Z"]))
def test_a_time_in_the_records_form_reads_as_the_parser_reads_it(text: str) -> None:
    assert _outcome(bundle_verify.instant, text) == _outcome(_general, text)


@pytest.mark.parametrize(
    "text",
    [
        "2026-02-30T10:00:00.000000Z",  # no such day
        "0000-01-01T00:00:00.000000Z",  # no year 0
        "2026-11-03T24:00:00.000000Z",
        "2026-11-03T23:59:60.000000Z",  # a leap second: datetime has none
        "2026-W45-2T10:00:00.000000Z",  # an ISO week date
        "2026-11-03T10:00:00.000000",  # no zone: local time, as before
        "2026-11-03T10:00:00Z",
        "2026-11-03T11:00:00.000000+01:00",
        "\uff12\uff10\uff12\uff16-11-03T10:00:00.000000Z",  # digits, but not ASCII ones
        "",
        None,
        1762164000,
    ],
)
def test_other_forms_and_non_times_read_as_the_parser_reads_them(text: object) -> None:
    assert _outcome(bundle_verify.instant, text) == _outcome(_general, text)


_aware = st.datetimes(
    min_value=datetime(1, 1, 2),
    max_value=datetime(9999, 12, 30),
    timezones=st.sampled_from(
        [UTC, timezone(timedelta(hours=5, minutes=30)), timezone(timedelta(hours=-11))]
    ),
)


@settings(max_examples=1000, deadline=None)
@given(a=_aware, b=_aware)
def test_instants_sort_as_their_times_do(a: datetime, b: datetime) -> None:
    """Years below 1000 included: the form is fixed width whatever the year."""
    x, y = bundle_verify.instant(a.isoformat()), bundle_verify.instant(b.isoformat())
    assert len(x) == len(y) == 27
    assert (x < y, x == y) == (a < b, a == b)


def test_a_record_a_microsecond_past_the_period_is_outside_it() -> None:
    selection = bundle_verify.Selection({"from": "2026-11-03T00:00:00Z", "to": "2026-11-04T00:00:00+01:00"})
    inside, after = "2026-11-03T22:59:59.999999Z", "2026-11-03T23:00:00.000000Z"
    assert selection.outside(inside, "t".__eq__, "DE") == []
    assert selection.outside(after, "t".__eq__, "DE") == ["recorded outside the export's time range"]
    assert selection.outside("2026-11-02T23:59:59.999999Z", "t".__eq__, "DE") != []
    assert selection.outside("yesterday", "t".__eq__, "DE") == ["the record has no readable recorded_at"]


# -- withheld entries: the written-out entry is the canonical one -----------------------------------

_tricky = (
    st.none()
    | st.text()
    | st.sampled_from(['"', "\\", "\n\t\u0000\u001f\u007f", "\u2028", "é", "😀", "\ud800"])
)
_other = (
    st.integers(min_value=-(2**70), max_value=2**70)
    | st.booleans()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.lists(st.text(max_size=3), max_size=2)
    | st.dictionaries(st.text(max_size=3), st.text(max_size=3) | st.integers(), max_size=2)
)
_fields = ("jurisdiction", "kind", "recorded_at", "tenant")


def _entry_or_error(digest: str, scope: dict) -> bytes | type:
    try:
        return bundle_verify._scope_entry(digest, scope)
    except ValueError as e:
        return type(e)


def _canonical_or_error(digest: str, scope: dict) -> bytes | type:
    try:
        return bundle_verify._canonical({"record": digest, "scope": scope, "v": 2})
    except ValueError as e:
        return type(e)


@settings(max_examples=1500, deadline=None)
@given(
    values=st.fixed_dictionaries({k: _tricky | _other for k in _fields}),
    dropped=st.sets(st.sampled_from(_fields), max_size=2),
    extra=st.dictionaries(st.sampled_from(["", "a", "kinds", "zz", "é"]), _tricky | _other, max_size=2),
    digest=st.text(max_size=70),
)
def test_a_withheld_scope_gives_the_entry_the_general_serialiser_gives(
    values: dict, dropped: set, extra: dict, digest: str
) -> None:
    """Unicode, escapes, lone surrogates, large integers, booleans, nested values, missing and
    extra fields: the same bytes, or the same refusal."""
    scope = {k: v for k, v in values.items() if k not in dropped} | extra
    assert _entry_or_error(digest, scope) == _canonical_or_error(digest, scope)


@settings(max_examples=500, deadline=None)
@given(values=st.fixed_dictionaries({k: st.none() | st.text() for k in _fields}))
def test_a_scope_of_strings_gives_its_rfc_8785_entry(values: dict) -> None:
    """The log's own entry (audit/entries.py) and RFC 8785 agree with the verifier's."""
    digest = hashlib.sha256(json.dumps(values).encode()).hexdigest()
    try:
        expected = rfc8785.dumps({"record": digest, "scope": values, "v": 2})
    except rfc8785.CanonicalizationError:
        return  # a lone surrogate: no record holds one
    assert bundle_verify._scope_entry(digest, values) == expected
    line = json.dumps({"seq": 4, "scope": values, "record": digest}).encode()
    assert bundle_verify._withheld_entry(line) == (4, expected, values, digest)


# -- JSON lines: one parse, the parser's answer -----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        '{"seq":1,"kind":"forward"}',
        ' {"seq":1}',
        '{"seq":1} ',
        '{"seq":1}{"seq":2}',
        '{"seq":1},{"seq":2}',
        '{"seq":1,"seq":2}',
        '{"seq":1',
        "",
        "  ",
        "[1, 2]",
        '"text"',
        "NaN",
        '{"a":"\\ud800"}',
        '{"a":"\x01"}',
        '{"a":1e400}',
    ],
)
def test_a_record_line_parses_as_json_loads_parses_it(text: str) -> None:
    assert repr(_outcome(bundle_verify._document, text)) == repr(_outcome(json.loads, text))  # nan too


@pytest.mark.parametrize(
    "line",
    [
        b'{"seq": 3, "scope": {"jurisdiction": "DE", "kind": "forward", "recorded_at": "x", "tenant": null},'
        b' "record": "ab"}',
        b'\xef\xbb\xbf{"seq": 3, "scope": {}, "record": "ab"}',  # a byte order mark: json.loads reads it
        '{"seq": 3, "scope": {}, "record": "ab"}'.encode("utf-16"),
        b' {"seq": 3, "scope": {}, "record": "ab"}',
        b'{"seq": 3, "scope": {}, "record": "ab"} x',
    ],
)
def test_a_withheld_line_reads_as_json_loads_reads_it(line: bytes) -> None:
    def general(data: bytes):  # type: ignore[no-untyped-def]
        found = json.loads(data)
        return found["seq"], bundle_verify._canonical(
            {"record": found["record"], "scope": found["scope"], "v": 2}
        )

    assert _outcome(lambda d: bundle_verify._withheld_entry(d)[:2], line) == _outcome(general, line)


# -- inclusion proof lines: the exporter's prefix, cut where the general reader cuts ---------------


@settings(max_examples=300, deadline=None)
@given(
    seq=st.integers(0, 2**40),
    size=st.integers(1, 2**40),
    count=st.integers(0, 40),
    seed=st.binary(max_size=8),
)
def test_an_exporter_line_is_cut_where_the_general_reader_cuts_it(
    seq: int, size: int, count: int, seed: bytes
) -> None:
    hashes = [hashlib.sha256(seed + bytes([i])).hexdigest() for i in range(count)]
    line = json.dumps({"seq": seq, "tree_size": size, "path": hashes}).encode()
    head = b'{"seq": %d, "tree_size": %d, "path": [' % (seq, size)
    assert line.startswith(head) and line.endswith(b"]}")
    assert bundle_verify._inclusion_proof(line) == (seq, size, line[len(head) : -2])


# -- inclusion proofs: a proof that failed leaves nothing behind -----------------------------------


def test_a_forged_proof_fails_every_time_it_is_presented() -> None:
    """A walk remembers its nodes as it goes and forgets them all when it fails: presented again,
    a forged proof meets none of its own nodes and fails again."""
    leaves = [merkle.leaf_hash(f"record {i}".encode()) for i in range(13)]

    def rh(start: int, end: int) -> bytes:
        return merkle.root(leaves[start:end])

    def path(proof: list[bytes]) -> bytes:
        return ", ".join(f'"{h.hex()}"' for h in proof).encode()

    checker = bundle_verify.InclusionChecker(13, rh(0, 13))
    for i in range(4):
        checker.check(leaves[i], i, path(merkle.inclusion_proof(i, 13, rh)))
    forged = merkle.inclusion_proof(4, 13, rh)
    forged[-1] = hashlib.sha256(b"another tree").digest()
    for _ in range(2):
        with pytest.raises(bundle_verify.ProofError, match="different root"):
            checker.check(leaves[4], 4, path(forged))
    for i in range(4, 13):  # the honest proofs still pass after it
        checker.check(leaves[i], i, path(merkle.inclusion_proof(i, 13, rh)))


# -- the garbage collector ------------------------------------------------------------------------


@pytest.mark.parametrize("enabled", [True, False])
def test_verifying_leaves_the_garbage_collector_as_it_found_it(enabled: bool) -> None:
    doc = canonical.document(0, datetime(2026, 11, 3, tzinfo=UTC), {"kind": "export"})
    files = {"data/export.json": json.dumps({"format": bundle_verify.FORMAT}).encode()}
    files["data/records.jsonl"] = canonical.canonical_bytes(doc) + b"\n"
    (gc.enable if enabled else gc.disable)()
    try:
        assert not bundle_verify.verify_bundle(files, []).ok
        assert gc.isenabled() is enabled
    finally:
        gc.enable()
