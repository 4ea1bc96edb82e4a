"""The audit API: filters, pages, counts, proofs; and no token reads outside its scope."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime, timedelta

import pytest
from starlette.testclient import TestClient

from audit.database import open_database
from audit.query.pages import encode_cursor
from audit.query.scope import AccessScope, Role
from gateway.compliance.tokens import TokenStore
from tests.compliance.conftest import INFERENCE_KEY, make_app

REG_FROM, REG_TO = datetime(2026, 11, 2, tzinfo=UTC), datetime(2026, 11, 6, tzinfo=UTC)


def all_records(env, who, **params):
    """Every record the token can see, following the cursor."""
    out, cursor = [], None
    while True:
        query = {**params, "limit": 37, **({"cursor": cursor} if cursor else {})}
        r = env.client.get("/audit/v1/records", params=query, headers=env.auth(who))
        assert r.status_code == 200, r.text
        body = r.json()
        out += body["records"]
        cursor = body["next_cursor"]
        if cursor is None:
            return out


def access_records(env):
    """Access records, oldest first."""
    return list(reversed(all_records(env, "admin", kind="access")))


def test_pages_follow_the_cursor_newest_first_without_gaps_or_repeats(env):
    seen = all_records(env, "admin", tenant="acme")
    seqs = [r["seq"] for r in seen]
    assert seqs == sorted(seqs, reverse=True) and len(seqs) == len(set(seqs))
    assert len(seqs) > 37  # more than one page
    assert {r["tenant"] for r in seen} == {"acme"}


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"decision": "deny"}, lambda r: r["decision_allow"] is False and r["kind"] == "denial"),
        ({"jurisdiction": "CH"}, lambda r: r["jurisdiction"] == "CH"),
        ({"node": "par-1"}, lambda r: r["node_id"] == "par-1"),
        ({"operator": "Calcul SAS"}, lambda r: r["operator"] == "Calcul SAS"),
        ({"entity_type": "PERSON"}, lambda r: "PERSON" in r["entity_types"].split(",")),
        ({"category": "special"}, lambda r: r["category"] == "special"),
        ({"transfer_basis": "adequacy:CH"}, lambda r: r["transfer_basis"] == "adequacy:CH"),
        ({"outcome": "success"}, lambda r: r["outcome"] == "success"),
        ({"kind": "engine_failure"}, lambda r: r["kind"] == "engine_failure"),
        (
            {"from": "2026-11-03", "to": "2026-11-04"},
            lambda r: r["recorded_at"][:10] in ("2026-11-03", "2026-11-04"),
        ),
    ],
)
def test_each_filter_returns_only_what_it_names(env, params, check):
    found = all_records(env, "admin", **params)
    assert found, params
    assert all(check(r) for r in found)


def test_entity_type_matches_whole_names_only(env):
    assert all_records(env, "admin", entity_type="PERS") == []


def test_a_record_comes_with_a_verified_inclusion_proof(env):
    seq = all_records(env, "admin", kind="forward")[-1]["seq"]
    body = env.client.get(f"/audit/v1/records/{seq}", headers=env.auth("admin")).json()
    assert body["verified"] is True and body["problem"] is None
    assert body["checkpoint"]["signature_verified"] is True
    assert body["inclusion_proof"] and body["record"]["document"]["seq"] == seq


def test_counts_by_day_jurisdiction_and_category_add_up_to_the_records(env):
    counts = env.client.get("/audit/v1/aggregates", headers=env.auth("admin")).json()["counts"]
    forwards = sum(c["count"] for c in counts if c["kind"] == "forward")
    denials = sum(c["count"] for c in counts if c["kind"] == "denial")
    assert forwards == len(all_records(env, "admin", kind="forward"))
    assert denials == len(all_records(env, "admin", kind="denial"))
    assert {c["day"] for c in counts} >= {"2026-11-01", "2026-11-10"}


def answer_of(record) -> str | None:
    """What the client was answered, from one record's document alone."""
    doc, kind = record["document"], record["kind"]
    if kind == "forward":
        return "forwarded"
    if kind == "engine_failure" or (kind == "denial" and doc.get("status") == 503):
        return "unavailable"
    if kind == "denial":
        return "refused"
    if kind == "completion" and doc["status"] >= 500:
        return "unavailable"
    if kind == "completion" and 400 <= doc["status"] < 500 and doc["status"] != 499:
        return "client_error"
    return None


def test_aggregates_tell_refusals_from_unavailability_and_client_errors(env):
    counts = env.client.get("/audit/v1/aggregates", headers=env.auth("admin")).json()["counts"]
    records = all_records(env, "admin")
    for answer in ("forwarded", "refused", "unavailable", "client_error"):
        counted = sum(c["count"] for c in counts if c["answer"] == answer)
        assert counted == sum(1 for r in records if answer_of(r) == answer), answer
        assert counted > 0, answer
    # A 503 for a node that is down is recorded as a denial but never counted as a refusal.
    down = [c for c in counts if c["kind"] == "denial" and c["answer"] == "unavailable"]
    assert sum(c["count"] for c in down) == sum(
        1 for r in records if r["kind"] == "denial" and r["document"].get("status") == 503
    )
    node_failures = [c for c in counts if c["kind"] == "completion" and c["answer"] == "unavailable"]
    assert node_failures and all(c["jurisdiction"] for c in node_failures)  # the node that failed


def test_denials_recorded_before_their_status_count_as_refusals_and_still_verify(env):
    old = [r for r in all_records(env, "admin", kind="denial") if "status" not in r["document"]]
    assert old and all(r["status"] is None for r in old)
    body = env.client.get(f"/audit/v1/records/{old[0]['seq']}", headers=env.auth("admin")).json()
    assert body["verified"] is True, body["problem"]
    new = [r for r in all_records(env, "admin", kind="denial") if "status" in r["document"]]
    assert {r["status"] for r in new} == {451, 503}


def test_the_record_of_processing_tells_refusals_from_nodes_down(env):
    h = env.auth("admin")
    report = env.client.get("/audit/v1/processing-records", params={"tenant": "acme"}, headers=h).json()
    denials = all_records(env, "admin", kind="denial", tenant="acme")
    down = sum(1 for r in denials if r["status"] == 503)
    assert down and report["requests"]["no_healthy_node"] == down
    assert report["requests"]["denied"] == len(denials) - down


def test_checkpoint_and_status(env):
    cp = env.client.get("/audit/v1/checkpoint", headers=env.auth("officer")).json()
    assert cp["signature_verified"] and cp["note"].startswith("sovereign-gateway.local/audit\n")
    status = env.client.get("/audit/v1/status", headers=env.auth("regulator")).json()
    assert status["status"] == "verified", status


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/audit/v1/records?limit=0", "limit"),
        ("/audit/v1/records?limit=x", "limit"),
        ("/audit/v1/records?cursor=bm9wZQ", "cursor"),
        ("/audit/v1/records?decision=maybe", "decision"),
        ("/audit/v1/records?category=secret", "category"),
        ("/audit/v1/records?from=yesterday", "from"),
        ("/audit/v1/records?from=2026-02-30", "from"),
        ("/audit/v1/records?to=2026-11-03T10:00:00", "to"),  # a time without its offset
        ("/audit/v1/records?from=20261103", "from"),
        ("/audit/v1/records?jurisdiction=de", "jurisdiction"),
        ("/audit/v1/records?tenant=", "tenant"),
        ("/audit/v1/records?tenant=acme%00", "tenant"),
        ("/audit/v1/records?limit=", "limit"),
        ("/audit/v1/records?kind=", "kind"),
        ("/audit/v1/records/abc", "sequence number"),
        ("/audit/v1/records/1000000000000000000", "sequence number"),
        ("/audit/v1/processing-records", "tenant"),
        ("/audit/v1/processing-records?tenant=", "tenant"),
    ],
)
def test_malformed_requests_get_400_with_a_reason(env, path, message):
    r = env.client.get(path, headers=env.auth("admin"))
    assert r.status_code == 400
    assert message in r.json()["error"]["message"]


@pytest.mark.parametrize(
    "params",
    [
        {"from": "2026-11-05", "to": "2026-11-01"},  # ends before it starts
        {"from": "0001-01-01T00:00:00+01:00"},  # before the first representable instant
        {"to": "9999-12-31"},  # its end is after the last one
        {"from": "2026-11-03t10:00:00.5z", "to": "9999-12-31T23:59:59.999999-23:59"},
    ],
)
def test_every_range_the_document_allows_is_answered(env, params):
    """The document cannot say 'from before to' or where the calendar ends: such ranges are
    answered with what they hold, not refused."""
    for path in ("/audit/v1/records", "/audit/v1/aggregates"):
        r = env.client.get(path, params=params, headers=env.auth("admin"))
        assert r.status_code == 200, r.text
    r = env.client.get(
        "/audit/v1/processing-records", params={**params, "tenant": "acme"}, headers=env.auth("admin")
    )
    assert r.status_code == 200, r.text


def test_a_reversed_range_holds_nothing_and_a_wide_one_everything(env):
    h = env.auth("admin")
    reversed_ = env.client.get(
        "/audit/v1/records", params={"from": "2026-11-05", "to": "2026-11-01"}, headers=h
    )
    assert reversed_.json()["records"] == []
    wide = {"from": "0001-01-01T00:00:00+01:00", "to": "9999-12-31"}
    assert len(all_records(env, "admin", tenant="acme", **wide)) == len(
        all_records(env, "admin", tenant="acme")
    )


# No token reads outside its scope.


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Basic YWRtaW46YWRtaW4="},
        {"Authorization": "Bearer "},
        {"Authorization": f"Bearer {INFERENCE_KEY}"},
        {"Authorization": "Bearer sgc_000000000000_" + "A" * 43},
    ],
    ids=["none", "basic", "empty", "inference-key", "made-up"],
)
@pytest.mark.parametrize(
    "path", ["/audit/v1/records", "/audit/v1/records/3", "/audit/v1/checkpoint", "/audit/v1/me"]
)
def test_without_a_valid_token_nothing_is_read(env, headers, path):
    r = env.client.get(path, headers=headers)
    assert r.status_code == 401
    assert r.headers["www-authenticate"].startswith("Bearer")
    assert "records" not in r.json() and "record" not in r.json()


def test_a_token_with_one_character_changed_is_refused(env):
    token = env.tokens["admin"]
    forged = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert env.client.get("/audit/v1/me", headers={"Authorization": f"Bearer {forged}"}).status_code == 401


def test_an_officer_sees_only_their_tenants(env):
    mine = all_records(env, "officer")
    assert mine and {r["tenant"] for r in mine} == {"acme"}
    assert len(mine) == len(all_records(env, "admin", tenant="acme"))
    # Filters narrow inside the scope, never widen it.
    assert {r["tenant"] for r in all_records(env, "officer", jurisdiction="CH")} == {"acme"}
    assert all_records(env, "officer", kind="access") == []
    assert all_records(env, "officer", kind="key_rotation") == []


def test_an_officer_cannot_reach_another_tenant_any_way(env):
    other = all_records(env, "admin", tenant="globex")[0]["seq"]
    h = env.auth("officer")
    assert env.client.get("/audit/v1/records", params={"tenant": "globex"}, headers=h).status_code == 403
    assert env.client.get(f"/audit/v1/records/{other}", headers=h).status_code == 404
    # A cursor is only a position: a forged one still pages within the scope.
    forged = encode_cursor(10**12)
    page = env.client.get("/audit/v1/records", params={"cursor": forged, "limit": 500}, headers=h).json()
    assert {r["tenant"] for r in page["records"]} == {"acme"}
    counts = env.client.get("/audit/v1/aggregates", headers=h).json()["counts"]
    theirs = env.client.get(
        "/audit/v1/aggregates", params={"tenant": "acme"}, headers=env.auth("admin")
    ).json()
    assert counts == theirs["counts"]
    assert env.client.get("/audit/v1/aggregates", params={"tenant": "globex"}, headers=h).status_code == 403
    assert (
        env.client.get("/audit/v1/processing-records", params={"tenant": "globex"}, headers=h).status_code
        == 403
    )
    r = env.client.post(
        "/audit/v1/exports", json={"from": "2026-11-01", "to": "2026-11-10", "tenant": "globex"}, headers=h
    )
    assert r.status_code == 403


def test_an_officers_export_holds_only_their_tenant(env):
    r = env.client.post(
        "/audit/v1/exports", json={"from": "2026-11-02", "to": "2026-11-03"}, headers=env.auth("officer2")
    )
    assert r.status_code == 200 and r.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(r.content)) as zf:
        name = next(n for n in zf.namelist() if n.endswith("data/records.jsonl"))
        tenants = {json.loads(line)["request"]["tenant"] for line in zf.read(name).splitlines()}
    assert tenants == {"globex", "initech"}


def test_a_regulator_sees_only_their_jurisdictions_within_their_time_range(env):
    seen = all_records(env, "regulator")
    assert seen and {r["jurisdiction"] for r in seen} == {"CH"}
    assert all(REG_FROM.isoformat()[:10] <= r["recorded_at"][:10] < REG_TO.isoformat()[:10] for r in seen)
    # Asking for a wider time range does not widen it.
    assert len(all_records(env, "regulator", **{"from": "2026-10-01", "to": "2026-12-31"})) == len(seen)
    h = env.auth("regulator")
    assert env.client.get("/audit/v1/records", params={"jurisdiction": "DE"}, headers=h).status_code == 403
    ch_later = [r for r in all_records(env, "admin", jurisdiction="CH") if r["recorded_at"] >= "2026-11-07"]
    de = all_records(env, "admin", jurisdiction="DE")
    for seq in (ch_later[0]["seq"], de[0]["seq"]):
        assert env.client.get(f"/audit/v1/records/{seq}", headers=h).status_code == 404
    denials = all_records(env, "regulator", kind="denial")
    assert denials == []  # a denial names no node, so no jurisdiction served it
    r = env.client.post(
        "/audit/v1/exports", json={"from": "2026-11-01", "to": "2026-11-10", "jurisdiction": "DE"}, headers=h
    )
    assert r.status_code == 403
    r = env.client.post("/audit/v1/exports", json={"from": "2026-11-01", "to": "2026-11-10"}, headers=h)
    with zipfile.ZipFile(io.BytesIO(r.content)) as zf:
        name = next(n for n in zf.namelist() if n.endswith("data/records.jsonl"))
        docs = [json.loads(line) for line in zf.read(name).splitlines()]
    assert docs and all(d["recorded_at"] < "2026-11-06" and d["recorded_at"] >= "2026-11-02" for d in docs)
    assert {(d.get("node") or d.get("served_by"))["jurisdiction"] for d in docs} == {"CH"}


def test_every_use_is_recorded_and_revoked_or_expired_tokens_stop_working(env):
    db = open_database(env.trail.url)
    try:
        store = TokenStore(db)
        token, info = store.create(AccessScope(Role.OFFICER, tenants=("acme",)), "short-lived")
        expired, old = store.create(
            AccessScope(Role.OFFICER, tenants=("acme",)), "expired", datetime.now(UTC) - timedelta(seconds=1)
        )
        h = {"Authorization": f"Bearer {token}"}
        assert env.client.get("/audit/v1/me", headers=h).status_code == 200
        store.revoke(info.token_id)
        assert env.client.get("/audit/v1/me", headers=h).status_code == 401
        assert (
            env.client.get("/audit/v1/me", headers={"Authorization": f"Bearer {expired}"}).status_code == 401
        )
        with db.engine.connect() as conn:
            stored = [sha for (sha,) in conn.exec_driver_sql("SELECT sha256 FROM compliance_tokens")]
        assert all(token not in s for s in stored) and len(stored[0]) == 64
    finally:
        db.dispose()
    uses = [
        r["document"]["detail"]
        for r in access_records(env)
        if r["document"]["detail"]["token_id"] == info.token_id
    ]
    assert [(u["action"], u["result"]) for u in uses] == [
        ("GET /audit/v1/me", "allowed"),
        ("GET /audit/v1/me", "refused"),
    ]
    refused = [
        r["document"]["detail"]
        for r in access_records(env)
        if r["document"]["detail"]["token_id"] == old.token_id
    ]
    assert refused and refused[0]["reason"] == "the token has expired"


def test_when_the_access_cannot_be_recorded_nothing_is_shown(env):
    state: dict = {}
    with TestClient(make_app(env.config, state)) as client:
        client.portal.call(state["audit"].aclose)
        r = client.get("/audit/v1/records", headers=env.auth("admin"))
    assert r.status_code == 503
    assert "records" not in r.json()


def test_an_export_over_a_reversed_range_is_an_empty_bundle(env):
    r = env.client.post(
        "/audit/v1/exports", json={"from": "2026-11-05", "to": "2026-11-01"}, headers=env.auth("officer")
    )
    assert r.status_code == 200 and r.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(r.content)) as zf:
        name = next(n for n in zf.namelist() if n.endswith("data/records.jsonl"))
        assert zf.read(name).strip() == b""


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"from": "2026-11-01", "to": "2026-11-02", "tenant": "acme", "jurisdiction": "DE"}, "not both"),
        ({"from": "2026-11-01", "to": "2026-11-02", "jurisdiction": "de"}, "jurisdiction"),
        ({"from": "2026-11-01", "to": "2026-11-02", "tenant": ""}, "tenant"),
        ({"from": "2026-11-01", "to": "2026-11-02", "tenant": 5}, "tenant"),
        ({"from": "2026-11-01", "to": "2026-11-31"}, "to"),
        ({"from": "2026-11-01"}, "'to'"),
    ],
)
def test_an_export_the_document_does_not_allow_is_a_400(env, body, message):
    r = env.client.post("/audit/v1/exports", json=body, headers=env.auth("admin"))
    assert r.status_code == 400
    assert message in r.json()["error"]["message"]
