"""Record bytes: RFC 8785 exactly, whichever path produced them."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest
import rfc8785
from hypothesis import given, settings
from hypothesis import strategies as st

from audit import canonical, record_fields
from tests.audit.conftest import every_kind

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**60), max_value=2**60)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None, database=None)
@given(json_values)
def test_the_fast_path_gives_the_reference_bytes_or_the_reference_error(value):
    doc = {"value": value}
    try:
        expected = rfc8785.dumps(doc)
    except rfc8785.CanonicalizationError as e:
        with pytest.raises(type(e)):
            canonical.canonical_bytes(doc)
        return
    assert canonical.canonical_bytes(doc) == expected


@pytest.mark.parametrize(
    "value",
    [
        0.85,
        5.0,
        -0.0,
        1e-5,
        1.5e-7,
        1e16,
        1e21,
        123456789012345680000.0,
        2**53 - 1,
        '\u2028\x7f\x1f"\\',
        {"é": 1, "z": 2},
    ],
)
def test_known_edge_values(value):
    doc = {"value": value}
    assert canonical.canonical_bytes(doc) == rfc8785.dumps(doc)


def test_every_record_kind_round_trips_through_its_document():
    recorded_at = datetime(2026, 11, 29, 7, 30, tzinfo=UTC)
    for seq, event in enumerate(every_kind()):
        doc = canonical.document(seq, recorded_at, canonical.event_body(event, "actor"))
        data = canonical.canonical_bytes(doc)
        assert data == rfc8785.dumps(doc)
        parsed = json.loads(data)
        assert parsed["seq"] == seq and parsed["recorded_at"] == "2026-11-29T07:30:00.000000Z"
        assert record_fields.columns(parsed)["kind"] == event.kind


@pytest.mark.parametrize(
    "t",
    [
        datetime(2026, 12, 6, 15, 30, 45, 123456, tzinfo=UTC),
        datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
        datetime(2026, 6, 1, 12, 0, tzinfo=timezone(timedelta(hours=2))),
    ],
)
def test_record_times_are_written_and_read_as_strftime_and_strptime_would(t):
    text = canonical.rfc3339(t)
    assert text == t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    assert canonical.parse_rfc3339(text) == datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(
        tzinfo=UTC
    )
    assert canonical.parse_rfc3339(text) == t and canonical.parse_rfc3339(text).tzinfo == UTC


def test_a_record_time_in_another_form_is_read_as_before_or_refused():
    early = datetime(999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)
    assert canonical.rfc3339(early) == early.strftime("%Y-%m-%dT%H:%M:%S.%fZ")  # the year unpadded
    assert canonical.parse_rfc3339("2026-1-2T3:4:5.5Z") == datetime(2026, 1, 2, 3, 4, 5, 500000, tzinfo=UTC)
    for text in ("2026-12-06T15:30:45Z", "2026-12-06T15:30:45.123456+00:00", "2026-13-06T15:30:45.123456Z"):
        with pytest.raises(ValueError):
            canonical.parse_rfc3339(text)
