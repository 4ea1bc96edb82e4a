"""The console's refusals and failures, without a browser: each answers with a page that says why."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from gateway.compliance.console import COOKIE
from tests.compliance.conftest import make_app


@pytest.fixture
def signed_in(env):
    def client_for(who: str) -> TestClient:
        env.client.cookies.clear()
        env.client.cookies.set(COOKIE, env.tokens[who], domain="127.0.0.1", path="/console")
        return env.client

    yield client_for
    env.client.cookies.clear()


def test_pages_carry_a_strict_content_security_policy(env, signed_in):
    r = signed_in("admin").get("/console/dashboard")
    assert r.status_code == 200
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
    assert r.headers["cache-control"] == "no-store"
    for asset in ("console.css", "console.js", "favicon.svg"):
        assert env.client.get(f"/console/static/{asset}").status_code == 200
    assert "http://" not in r.text.replace("http://www.w3.org/2000/svg", "")  # nothing from elsewhere


def test_sign_in_cookie_is_http_only_and_strict(env):
    env.client.cookies.clear()
    r = env.client.post("/console/sign-in", data={"token": env.tokens["officer"]}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/console/dashboard"
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "path=/console" in cookie
    env.client.cookies.clear()


@pytest.mark.parametrize("path", ["/console/sign-in", "/console/export"])
def test_forms_posted_from_another_site_are_refused(env, signed_in, path):
    client = signed_in("admin")
    r = client.post(
        path,
        data={"token": env.tokens["admin"], "from": "2026-11-01", "to": "2026-11-02"},
        headers={"Origin": "https://elsewhere.example"},
    )
    assert r.status_code == 403
    assert r.headers["content-type"].startswith("text/html")


def test_a_bad_token_stays_on_the_sign_in_page(env):
    env.client.cookies.clear()
    r = env.client.post("/console/sign-in", data={"token": "sgc_nope"})
    assert r.status_code == 401 and "unknown, revoked or expired" in r.text
    assert "set-cookie" not in r.headers


def test_a_stale_cookie_is_cleared_and_sends_to_sign_in(env):
    env.client.cookies.set(COOKIE, "sgc_000000000000_" + "A" * 43, domain="127.0.0.1", path="/console")
    r = env.client.get("/console/records", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/console/sign-in"
    assert COOKIE in r.headers["set-cookie"] and "max-age=0" in r.headers["set-cookie"].lower()
    env.client.cookies.clear()


@pytest.mark.parametrize(
    ("who", "path", "status", "says"),
    [
        ("officer", "/console/records?tenant=globex", 403, "outside this token"),
        ("officer", "/console/records?limit=5&decision=perhaps", 400, "decision must be"),
        ("officer", "/console/records/abc", 400, "sequence number"),
        ("officer", "/console/records/999999", 404, "no such record"),
        ("officer", "/console/processing?tenant=globex", 403, "outside your scope"),
        ("admin", "/console/dashboard?from=2026-11-05&to=2026-11-01", 400, "before"),
    ],
)
def test_refusals_are_pages_that_say_why(signed_in, who, path, status, says):
    r = signed_in(who).get(path)
    assert r.status_code == status
    assert says in r.text


def test_an_export_outside_the_scope_is_refused(env, signed_in):
    client = signed_in("officer")
    r = client.post("/console/export", data={"from": "2026-11-01", "to": "2026-11-02", "tenant": "globex"})
    assert r.status_code == 403 and "outside" in r.text
    r = client.post("/console/export", data={"from": "2026-11-02"})
    assert r.status_code == 400 and "needs" in r.text


def test_when_access_cannot_be_recorded_the_console_shows_nothing(env):
    state: dict = {}
    with TestClient(make_app(env.config, state), base_url="http://127.0.0.1") as client:
        client.portal.call(state["audit"].aclose)
        client.cookies.set(COOKIE, env.tokens["admin"], domain="127.0.0.1", path="/console")
        r = client.get("/console/records")
    assert r.status_code == 503
    assert "nothing is shown" in r.text and "<table" not in r.text


@pytest.mark.parametrize(
    "params",
    [
        {"to": "0001-01-01"},  # thirty days back would be before the calendar starts
        {"from": "9999-12-01", "to": "9999-12-31"},  # the day after would be past its end
        {"from": "", "to": ""},  # a date field left empty asks for nothing
    ],
)
def test_the_dashboard_draws_any_day_the_calendar_holds(signed_in, params):
    r = signed_in("admin").get("/console/dashboard", params=params)
    assert r.status_code == 200
    assert "requests forwarded" in r.text


def test_empty_fields_of_the_record_search_ask_for_nothing(signed_in):
    client = signed_in("officer")
    empty = {"from": "", "to": "", "tenant": "", "jurisdiction": "", "kind": "", "category": ""}
    r = client.get("/console/records", params={**empty, "decision": "deny"})
    assert r.status_code == 200 and "No records match" not in r.text
    assert client.get("/console/records", params={"jurisdiction": "de"}).status_code == 400
