"""Record bytes: RFC 8785 exactly, whichever path produced them."""

from __future__ import annotations

import json
from datetime import UTC, datetime

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
