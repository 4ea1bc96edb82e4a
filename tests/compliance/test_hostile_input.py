"""Hostile bodies on the compliance side get a clear 4xx: nothing is read whole past its limit and no
parse error becomes a 500."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from gateway.compliance.openapi import openapi_document


@pytest.mark.parametrize(
    "body",
    [
        b"[" * 5_000 + b"]" * 5_000,
        b'{"from": "2026-11-01", "to": "2026-11-10", "x": ' + b"[" * 50 + b"]" * 50 + b"}",
        b'{"from": "2026-11-01", "to": "2026-11-10", "tenant": "\\ud800"}',
        b'{"from": "2026-11-01", "to": NaN}',
        b"\xff\xfe not utf-8",
    ],
    ids=["nested 5,000 deep", "nested past 8", "lone surrogate", "NaN", "not UTF-8"],
)
def test_a_hostile_export_request_is_a_400(env, body: bytes) -> None:
    r = env.client.post(
        "/audit/v1/exports",
        content=body,
        headers={**env.auth("admin"), "content-type": "application/json"},
    )
    assert r.status_code == 400, r.text
    assert r.json()["error"]["code"] == "invalid_request"


# That the body is refused before it is read whole is tested on read_bounded itself
# (tests/gateway/test_hostile_json.py): the test client buffers a request body before sending it.


def test_an_oversized_export_request_is_a_413(env) -> None:
    def body() -> Iterator[bytes]:
        for _ in range(200):
            yield b" " * 100_000

    r = env.client.post(
        "/audit/v1/exports", content=body(), headers={**env.auth("admin"), "content-type": "application/json"}
    )
    assert r.status_code == 413
    assert r.json()["error"]["code"] == "too_large"
    assert "413" in openapi_document()["paths"]["/audit/v1/exports"]["post"]["responses"]


def test_an_oversized_sign_in_form_is_refused_before_it_is_read_whole(env) -> None:
    sent = 0

    def body() -> Iterator[bytes]:
        nonlocal sent
        for _ in range(2_000):
            sent += 1
            yield b"token=" + b"a" * 100_000

    r = env.client.post(
        "/console/sign-in", content=body(), headers={"content-type": "application/x-www-form-urlencoded"}
    )
    assert r.status_code == 413
    assert "too large" in r.text


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/audit/v1/records", {"limit": "²"}),
        ("/audit/v1/records", {"limit": "\uff11\uff10"}),  # full-width digits
        ("/audit/v1/records", {"cursor": "before:²"}),
        ("/audit/v1/records/²", {}),
    ],
)
def test_non_ascii_digits_in_the_api_are_a_400(env, path: str, params: dict[str, str]) -> None:
    r = env.client.get(path, params=params, headers=env.auth("admin"))
    assert r.status_code == 400, r.text


def test_non_ascii_digits_in_a_console_record_page_are_refused(env) -> None:
    env.client.post("/console/sign-in", data={"token": env.tokens["officer"]})
    r = env.client.get("/console/records/²")
    assert r.status_code == 400


def test_a_dashboard_over_centuries_is_refused_at_once(env) -> None:
    env.client.post("/console/sign-in", data={"token": env.tokens["officer"]})
    r = env.client.get("/console/dashboard", params={"from": "0001-01-01"})
    assert r.status_code == 400 and "at most 366 days" in r.text
