"""Fuzzing the inference routes with JSON edge cases (depth, surrogates, huge numbers, NaN, duplicate
keys, wrong types for every field): no answer is a 5xx, nothing hangs, and a refused request leaves
no record and reaches no node."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.cluster import MODEL, Cluster

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
CHAT_FIELDS = [
    "model", "messages", "stream", "stream_options", "max_tokens", "temperature", "top_p", "stop",
    "tools", "tool_choice", "response_format", "user", "metadata", "n", "seed", "logit_bias",
]  # fmt: skip
TGI_FIELDS = ["inputs", "parameters", "stream"]
# Raw tokens JSON allows or Python's parser would accept, spliced in where a value goes.
RAW = [b"NaN", b"-Infinity", b"1e400", b'"\\ud800"', b'"\\udfff x"', b"[" * 80 + b"]" * 80, b"9" * 5000]


def _post(cluster: Cluster, path: str, body: bytes) -> httpx.Response:
    return httpx.post(
        f"{cluster.url}{path}",
        content=body,
        headers={**cluster.auth, "content-type": "application/json", "x-sovgw-model": MODEL},
        timeout=30,  # a hang fails the test
    )


def _state(cluster: Cluster) -> tuple[int, int]:
    """Forward records in the trail, and bodies the nodes received since the last look."""
    path = cluster.config.audit.database_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as db:
        forwards = int(db.execute("SELECT count(*) FROM audit_records WHERE kind = 'forward'").fetchone()[0])
    received = 0
    for node in cluster.nodes.values():
        received += len(node.sim.received)
        node.sim.received.clear()
    return forwards, received


def _check(cluster: Cluster, path: str, body: bytes) -> None:
    before = (_state(cluster)[0], 0)
    response = _post(cluster, path, body)
    assert response.status_code < 500 or response.status_code == 503, (response.status_code, response.text)
    forwards, reached = _state(cluster)
    # Refused by the gateway: no record, no node. Refused by the node (a value the gateway passes on
    # as is): recorded as forwarded, exactly once per attempt that reached it.
    assert forwards - before[0] == reached - before[1], "a forward record without a request, or the reverse"


def _chat(field: str, value: Any) -> dict[str, Any]:
    return {"model": MODEL, "messages": [{"role": "user", "content": "hi"}], "max_tokens": 2, field: value}


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(CHAT_FIELDS), value=VALUES)
def test_any_value_in_any_chat_field_is_never_a_5xx(cluster: Cluster, field: str, value: Any) -> None:
    _check(cluster, "/v1/chat/completions", json.dumps(_chat(field, value)).encode())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(TGI_FIELDS), value=VALUES, route=st.sampled_from(["/generate", "/"]))
def test_any_value_in_any_tgi_field_is_never_a_5xx(
    cluster: Cluster, field: str, value: Any, route: str
) -> None:
    body = {"inputs": "hi", "parameters": {"max_new_tokens": 2}, field: value}
    _check(cluster, route, json.dumps(body).encode())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(CHAT_FIELDS), raw=st.sampled_from(RAW), duplicate=st.booleans())
def test_raw_edge_cases_are_refused_never_a_5xx(
    cluster: Cluster, field: str, raw: bytes, duplicate: bool
) -> None:
    body = json.dumps(_chat(field, "PLACEHOLDER")).encode().replace(b'"PLACEHOLDER"', raw)
    if duplicate:  # a key given twice: the last one counts, as in every mainstream parser
        body = body[:-1] + b', "max_tokens": 3}'
    _check(cluster, "/v1/chat/completions", body)
