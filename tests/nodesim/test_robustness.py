"""Malformed bodies get TGI's 4xx answers, never a crash: a seeded sweep of odd values per field."""

from __future__ import annotations

import copy
import random

import pytest

ODD_VALUES = [None, True, -1, 0, 1.5, 2**70, "", "x", [], ["a", 1], {}, {"type": 3}, [[]], {"function": None}]

FIELDS = {
    "/generate": "inputs parameters parameters.max_new_tokens parameters.stop parameters.grammar "
    "parameters.top_p parameters.seed parameters.details parameters.truncate",
    "/": "inputs stream parameters parameters.return_full_text parameters.best_of",
    "/v1/chat/completions": "messages messages.0 messages.0.content tools tools.0 tool_choice "
    "response_format stream stream_options max_tokens stop logprobs",
    "/v1/completions": "prompt max_tokens stop stream suffix temperature",
}

BASE = {
    "/generate": {"inputs": "hello", "parameters": {"max_new_tokens": 2}},
    "/": {"inputs": "hello", "parameters": {"max_new_tokens": 2}},
    "/v1/chat/completions": {
        "messages": [{"role": "user", "content": "hi"}],
        "max_tokens": 2,
        "tools": [{"type": "function", "function": {"name": "f", "parameters": {"properties": {}}}}],
    },
    "/v1/completions": {"prompt": "hello", "max_tokens": 2},
}


def _with(body: dict, path: str, value: object) -> dict:
    body = copy.deepcopy(body)
    target: object = body
    keys = path.split(".")
    for key in keys[:-1]:
        target = target[int(key)] if isinstance(target, list) else target.setdefault(key, {})
    if isinstance(target, list):
        target[int(keys[-1])] = value
    else:
        target[keys[-1]] = value
    return body


@pytest.mark.parametrize("route", list(FIELDS))
def test_odd_field_values_never_crash_the_node(client, route):
    rng = random.Random(route)
    for field in FIELDS[route].split():
        for value in rng.sample(ODD_VALUES, 8):
            r = client.post(route, json=_with(BASE[route], field, value))
            assert r.status_code in (200, 400, 413, 415, 422), (field, value, r.status_code, r.text)
            if r.status_code == 200 and r.headers["content-type"] == "text/event-stream":
                assert r.content.endswith(b"\n\n")
