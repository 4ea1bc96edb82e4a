"""Through the real gateway: a request is answered, and its records are there to query and export."""

from __future__ import annotations

import io
import json
import time
import zipfile
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from audit import bundle_verify
from audit.database import open_database
from audit.query.scope import AccessScope, Role
from gateway.compliance.tokens import TokenStore
from tests.support.cluster import MODEL, NodeSpec, start_cluster


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    running = start_cluster(
        tmp_path_factory.mktemp("e2e"), [NodeSpec("lt-1", "LT", "Baltic GPU UAB"), NodeSpec("de-1", "DE")]
    )
    yield running
    running.stop()


def token_for(cluster, scope: AccessScope) -> dict[str, str]:
    db = open_database(cluster.config.audit.database_url)
    try:
        store = TokenStore(db)
        store.ensure_schema()
        token, _ = store.create(scope)
    finally:
        db.dispose()
    return {"Authorization": f"Bearer {token}"}


def test_a_forwarded_request_can_be_found_proven_and_exported(cluster):
    answer = cluster.openai().chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": "Write to anna.berzina@example.lv about the invoice"}],
    )
    assert answer.choices[0].message.content
    officer = token_for(cluster, AccessScope(Role.OFFICER, tenants=("acme",)))
    with httpx.Client(base_url=cluster.url, timeout=30) as client:
        found = client.get("/audit/v1/records", params={"kind": "forward"}, headers=officer).json()["records"]
        assert found, "the forward record is not visible to the tenant's officer"
        record = found[0]
        assert record["tenant"] == "acme" and record["jurisdiction"] in ("LT", "DE")
        assert record["transfer_basis"] == "intra-EEA" and record["category"] == "personal"
        assert "anna" not in json.dumps(record).lower()  # types and counts, never values
        other = token_for(cluster, AccessScope(Role.OFFICER, tenants=("other",)))
        assert client.get(f"/audit/v1/records/{record['seq']}", headers=other).status_code == 404
        today = datetime.now(UTC).date()
        body = {"from": (today - timedelta(days=1)).isoformat(), "to": today.isoformat()}
        r = client.post("/audit/v1/exports", json=body, headers=officer)
        assert r.status_code == 200
        proven = client.get(f"/audit/v1/records/{record['seq']}", headers=officer).json()
        assert proven["verified"], proven["problem"]
    vkey = (cluster.workdir / "audit.db.signing-key.vkey").read_text().strip()
    with zipfile.ZipFile(io.BytesIO(r.content)) as zf:
        top = zf.namelist()[0].split("/")[0]
        files = {n.removeprefix(f"{top}/"): zf.read(n) for n in zf.namelist()}
    report = bundle_verify.verify_bundle(files, bundle_verify.PublicKey.parse(vkey))
    assert report.ok, report.render()
    assert any(json.loads(line)["seq"] == record["seq"] for line in files["data/records.jsonl"].splitlines())


US_MODEL = "test/us-only"


def _until(check, timeout_s: float = 10.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout_s
    while True:
        found = check()
        if found or time.monotonic() > deadline:
            return found
        time.sleep(0.1)


def test_a_refusal_a_node_down_and_a_client_error_are_counted_apart(tmp_path):
    """Through the real gateway: a 451, a 503 for the only allowed node being down, and a 422 from
    the node each land in their own class of the aggregates; none of the 503s is a refusal."""
    running = start_cluster(
        tmp_path, [NodeSpec("lt-1", "LT"), NodeSpec("us-1", "US", "Atlantic Cloud Inc.", models=(US_MODEL,))]
    )
    try:
        generate = {"inputs": "hello", "parameters": {"max_new_tokens": 2}}
        with httpx.Client(base_url=running.url, timeout=30) as client:
            refused = client.post(
                "/generate",
                json={"inputs": "Mail anna@example.de"},
                headers={**running.auth, "x-sovgw-model": US_MODEL},
            )
            assert refused.status_code == 451
            bad = client.post(
                "/generate", json={**generate, "parameters": {"top_p": 1.5}}, headers=running.auth
            )
            assert bad.status_code == 422
            running.nodes["lt-1"].sim.healthy = False

            def unavailable() -> httpx.Response | None:
                r = client.post("/generate", json=generate, headers=running.auth)
                return r if r.status_code == 503 else None

            down = _until(unavailable)
            assert down and down.json()["error_type"] != "policy_denied"
            admin = token_for(running, AccessScope(Role.ADMIN))
            counts = client.get("/audit/v1/aggregates", headers=admin).json()["counts"]
            denials = client.get("/audit/v1/records", params={"kind": "denial"}, headers=admin).json()
        by_answer = {(c["kind"], c["answer"]): c["count"] for c in counts}
        assert by_answer[("denial", "refused")] == 1
        assert by_answer[("denial", "unavailable")] >= 1  # each 503 while the node was down
        assert by_answer[("completion", "client_error")] == 1
        statuses = sorted(r["status"] for r in denials["records"])
        assert statuses[0] == 451 and set(statuses[1:]) == {503}
    finally:
        running.stop()
