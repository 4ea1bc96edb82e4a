"""A request's trace as a collector would get it: one span per stage, the client's trace continued, the
node given the context, and nothing of the request's content in any span."""

from __future__ import annotations

import itertools
import json
import re

import httpx
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.trace import SpanKind, StatusCode

from tests.telemetry.conftest import MODEL, US_MODEL, TracedGateway

STAGES = [
    "intake",
    "classification",
    "policy",
    "routing",
    "audit commit",
    "upstream",
    "stream",
    "completion record",
]
CLIENT_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
CLIENT_SPAN = "00f067aa0ba902b7"

# Personal data of several kinds, and the text around it.
NAME, EMAIL, PHONE, IBAN, CODE = (
    "Jonas Petraitis",
    "jonas.petraitis@example.lt",
    "+370 612 34567",
    "LT12 1000 0111 0100 1000",
    "38703181745",
)
PROMPT = (
    f"Hello, I am {NAME}, personal code {CODE}. Write to {EMAIL} or call {PHONE}; "
    f"refund to {IBAN}. Why was my district heating bill doubled?"
)


def _chat(
    gw: TracedGateway, content: str = "Summarise the heating tariff.", **headers: str
) -> httpx.Response:
    body = {"model": MODEL, "messages": [{"role": "user", "content": content}], "max_tokens": 8}
    return httpx.post(f"{gw.url}/v1/chat/completions", json=body, headers={**gw.auth, **headers}, timeout=30)


def _root(spans: list[ReadableSpan]) -> ReadableSpan:
    [root] = [s for s in spans if s.kind is SpanKind.SERVER]
    return root


def _children(spans: list[ReadableSpan], root: ReadableSpan) -> list[ReadableSpan]:
    assert root.context is not None
    return [s for s in spans if s.parent is not None and s.parent.span_id == root.context.span_id]


def test_a_request_has_one_trace_with_a_span_per_stage(traced: TracedGateway) -> None:
    traced.spans(0)
    response = _chat(traced)
    assert response.status_code == 200
    spans = traced.spans()
    root = _root(spans)
    assert root.name == "POST /v1/chat/completions"
    assert [s.name for s in sorted(_children(spans, root), key=lambda s: s.start_time or 0)] == STAGES
    assert {s.context.trace_id for s in spans if s.context} == {root.context.trace_id if root.context else 0}
    attributes = dict(root.attributes or {})
    assert attributes["http.route"] == "/v1/chat/completions"
    assert attributes["http.response.status_code"] == 200
    assert attributes["sovgw.tenant"] == "acme"
    assert attributes["sovgw.model"] == MODEL
    by_name = {s.name: s for s in spans}
    upstream = by_name["upstream"].attributes or {}
    assert (upstream["sovgw.node"], upstream["sovgw.jurisdiction"]) == ("lt-1", "LT")
    assert (by_name["policy"].attributes or {})["sovgw.decision"] == "allow"
    seq = (by_name["audit commit"].attributes or {})["sovgw.record.seq"]
    assert isinstance(seq, int) and seq > 0
    # Each stage ends before the next begins, and the root holds them all.
    ordered = [by_name[name] for name in STAGES]
    for before, after in itertools.pairwise(ordered):
        assert (before.end_time or 0) <= (after.start_time or 0)
    assert (root.start_time or 0) <= (ordered[0].start_time or 0)
    assert (ordered[-1].end_time or 0) <= (root.end_time or 0)


def test_spans_hold_no_personal_data_nor_the_key(traced: TracedGateway) -> None:
    traced.spans(0)
    response = _chat(traced, PROMPT, **{"x-sovgw-purpose": "support"})
    assert response.status_code == 200
    spans = traced.spans()
    assert {s.name for s in spans} >= set(STAGES)
    exported = "\n".join(s.to_json() for s in spans)
    digits = re.sub(r"\D", "", exported)
    for value in (NAME, "Jonas", "Petraitis", EMAIL, PHONE, IBAN, CODE, "district heating", traced.key):
        assert value.lower() not in exported.lower(), value
    for value in (PHONE, IBAN, CODE):
        assert re.sub(r"\D", "", value) not in digits, value
    # The answer's text (which may echo the prompt) is in no span either.
    answer = response.json()["choices"][0]["message"]["content"]
    assert answer and answer not in exported


def test_the_clients_trace_is_continued_and_the_node_gets_the_upstream_span(traced: TracedGateway) -> None:
    traced.spans(0)
    node = traced.nodes["lt-1"]
    node.seen.clear()
    response = _chat(traced, traceparent=f"00-{CLIENT_TRACE}-{CLIENT_SPAN}-01", tracestate="vendor=abc")
    assert response.status_code == 200
    spans = traced.spans()
    root = _root(spans)
    assert root.context is not None and root.parent is not None
    assert format(root.context.trace_id, "032x") == CLIENT_TRACE
    assert format(root.parent.span_id, "016x") == CLIENT_SPAN
    upstream = next(s for s in spans if s.name == "upstream")
    assert upstream.context is not None
    [sent] = node.seen
    assert sent["traceparent"] == f"00-{CLIENT_TRACE}-{format(upstream.context.span_id, '016x')}-01"
    assert sent["tracestate"] == "vendor=abc"


def test_a_streamed_answer_is_traced_until_its_last_event(traced: TracedGateway) -> None:
    traced.spans(0)
    body = {"inputs": "Name three Baltic capitals.", "parameters": {"max_new_tokens": 12}}
    with httpx.stream(
        "POST", f"{traced.url}/generate_stream", json=body, headers={**traced.auth, "x-sovgw-model": MODEL}
    ) as response:
        assert response.status_code == 200
        events = [line for line in response.iter_lines() if line.startswith("data:")]
    assert len(events) >= 2
    spans = traced.spans()
    root = _root(spans)
    assert root.name == "POST /generate_stream"
    children = sorted(_children(spans, root), key=lambda s: s.start_time or 0)
    assert [s.name for s in children] == STAGES
    by_name = {s.name: s for s in children}
    stream, upstream, completion = by_name["stream"], by_name["upstream"], by_name["completion record"]
    assert (upstream.end_time or 0) <= (stream.start_time or 0)
    # A stream's completion is recorded before its last byte goes, inside the relay.
    assert (stream.start_time or 0) <= (completion.start_time or 0)
    assert (completion.end_time or 0) <= (stream.end_time or 0) <= (root.end_time or 0)
    assert (root.attributes or {})["http.response.status_code"] == 200


def test_a_denied_request_is_traced_to_its_refusal(traced: TracedGateway) -> None:
    traced.spans(0)
    body = {"model": US_MODEL, "messages": [{"role": "user", "content": PROMPT}], "max_tokens": 8}
    response = httpx.post(f"{traced.url}/v1/chat/completions", json=body, headers=traced.auth, timeout=30)
    assert response.status_code == 451
    spans = traced.spans()
    root = _root(spans)
    assert (root.attributes or {})["http.response.status_code"] == 451
    names = [s.name for s in sorted(_children(spans, root), key=lambda s: s.start_time or 0)]
    assert names == ["intake", "classification", "policy", "stream"]  # nothing went upstream
    policy = next(s for s in spans if s.name == "policy")
    assert (policy.attributes or {})["sovgw.decision"] == "deny"
    assert (policy.attributes or {})["error.type"] == "PolicyDenied"
    exported = "\n".join(s.to_json() for s in spans)
    assert NAME not in exported and EMAIL not in exported


def test_a_refused_key_marks_intake_with_the_errors_type_only(traced: TracedGateway) -> None:
    traced.spans(0)
    wrong = "sk-wrong-" + "x" * 24
    body = {"model": MODEL, "messages": [{"role": "user", "content": PROMPT}]}
    response = httpx.post(
        f"{traced.url}/v1/chat/completions", json=body, headers={"authorization": f"Bearer {wrong}"}
    )
    assert response.status_code == 401
    spans = traced.spans()
    intake = next(s for s in spans if s.name == "intake")
    assert intake.status.status_code is StatusCode.ERROR
    assert intake.status.description is None
    assert (intake.attributes or {})["error.type"]
    assert not intake.events  # no exception event: its message is not exported
    assert not [s for s in spans if s.name in ("classification", "policy", "upstream")]
    exported = json.dumps([json.loads(s.to_json()) for s in spans])
    assert wrong not in exported and NAME not in exported
