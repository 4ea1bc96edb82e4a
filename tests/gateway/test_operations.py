"""What operators see: liveness, readiness, metrics, the compose file, and no personal data anywhere."""

from __future__ import annotations

import gc
import json
import logging
import re
import shutil
import sqlite3
import time
from pathlib import Path

import httpx
import pytest
import yaml

from gateway.config import hash_api_key, load_config
from sovgw.cli import build_parser
from tests.support.cluster import MODEL, Cluster, NodeSpec, start_cluster

ROOT = Path(__file__).resolve().parents[2]
# Values a user might send; none may be stored, logged or exported as a metric label.
SECRETS = ("jonas.jonaitis@example.lt", "38703181745", "LT601010012345678901", "Jonas Jonaitis")


def test_what_startup_built_is_out_of_the_collectors_reach(cluster: Cluster) -> None:
    # The detection engine alone is over 100,000 objects: scanning them in every full collection
    # stalled the event loop, and every request on it, for about 60 ms.
    assert gc.get_freeze_count() > 50_000


def test_health_and_ready(cluster: Cluster) -> None:
    assert httpx.get(f"{cluster.url}/health").json() == {"status": "ok"}
    ready = httpx.get(f"{cluster.url}/ready")
    assert ready.status_code == 200
    assert ready.json()["checks"] == {
        "config": True,
        "pipeline": True,
        "audit": True,
        "policy": True,
        "classifier": True,
        "nodes": True,
        "quotas": True,
    }
    assert ready.json()["reasons"] == []


def test_metrics_count_requests_stages_and_node_health(cluster: Cluster) -> None:
    cluster.openai().chat.completions.create(
        model=MODEL, messages=[{"role": "user", "content": "hi"}], max_tokens=2
    )
    text = httpx.get(f"{cluster.url}/metrics").text
    assert 'sovgw_requests_total{route="/v1/chat/completions",status="200"}' in text
    for stage in ("classify", "decide", "record", "upstream_open"):
        assert f'sovgw_stage_seconds_count{{stage="{stage}"}}' in text
    assert 'sovgw_node_healthy{jurisdiction="LT",node="lt-1"} 1.0' in text


def test_no_personal_data_in_audit_logs_or_metrics(
    cluster: Cluster, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    prompt = f"My name is {SECRETS[3]}, e-mail {SECRETS[0]}, asmens kodas {SECRETS[1]}, IBAN {SECRETS[2]}."
    client = cluster.openai()
    client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": prompt}], max_tokens=3)
    list(
        client.chat.completions.create(
            model=MODEL, messages=[{"role": "user", "content": prompt}], stream=True
        )
    )
    httpx.post(f"{cluster.url}/generate", json={"inputs": prompt}, headers=cluster.auth)

    stored = b""
    for path in cluster.workdir.glob("audit.db*"):
        stored += path.read_bytes()
    with sqlite3.connect(cluster.workdir / "audit.db") as db:
        rows = db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    assert rows[0] > 0
    metrics = httpx.get(f"{cluster.url}/metrics").text
    for secret in SECRETS:
        assert secret.encode() not in stored, "personal data reached the audit store"
        assert secret not in caplog.text, "personal data reached a log line"
        assert secret not in metrics, "personal data reached a metric"


def test_compose_runs_every_node_the_deployment_config_names() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"gateway-1", "gateway-2", "opa", "postgres"} <= set(services)
    hosts = set(services)
    for service in services.values():
        for network in (service.get("networks") or {}).values():
            hosts.update((network or {}).get("aliases", []))
    env = {
        "SOVGW_AUDIT_DATABASE_URL": "sqlite:///x.db",
        "ACME_KEY_SHA256": hash_api_key("k"),
        "OPA_TOKEN": "",
        "WITNESS_VKEY": "witness.example+01020304+AQ==",
    }
    env["HELSINKI_NODE_TOKEN"] = "t"
    env["BALTIC_OPERATOR_KEY"] = env["AURORA_OPERATOR_KEY"] = "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE="
    config = load_config(ROOT / "deploy/gateway.yaml", env=env)
    # Every node is reached through its operator's node-agent, which relays to a TGI service.
    for node in config.nodes:
        assert node.descriptor == "agent"
        agent = services[node.base_url.host]["command"]
        upstream = agent[agent.index("--upstream") + 1]
        assert agent[0] == "node-agent" and httpx.URL(upstream).host in hosts
    for node in config.nodes:
        assert node.base_url.host in hosts, (
            f"node {node.id} points at {node.base_url.host}, not a compose service"
        )
    assert config.policy.opa_url is not None and config.policy.opa_url.host in hosts
    # OPA serves only a signed bundle, verified with the key `sovgw policy bundle` signs for.
    opa = services["opa"]["command"]
    assert "--bundle" in opa and "--signing-alg=ES256" in opa and "--verification-key-id=sovgw" in opa
    assert any(a.startswith("--verification-key=") for a in opa) and "--watch" not in opa
    tgi = [s for s in services.values() if "gpu" in s.get("profiles", [])]
    assert len(tgi) == 2 and all("eu.sovereign-gateway.jurisdiction" in s["labels"] for s in tgi)
    assert all("text-generation-inference" in s["image"] for s in tgi)
    # The gateway's command, with compose's defaults filled in, is one sovgw accepts.
    command = [re.sub(r"\$\{\w+:-([^}]*)\}", r"\1", arg) for arg in services["gateway-1"]["command"]]
    args = build_parser(command).parse_args(command)
    assert (args.command, args.config, args.workers) == ("serve", "/etc/sovgw/config.yaml", 2)


def test_the_trail_records_startup_with_config_and_policy_revision(cluster: Cluster) -> None:
    with sqlite3.connect(cluster.workdir / "audit.db") as db:
        kinds = [row[0] for row in db.execute("SELECT kind FROM audit_records ORDER BY seq")]
        startup = db.execute("SELECT canonical FROM audit_records WHERE kind = 'startup'").fetchone()
    assert kinds.index("startup") < kinds.index("forward")  # after the key's creation, before traffic
    detail = json.loads(startup[0])["detail"]
    assert len(detail["config_sha256"]) == 64 and detail["policy_revision"]


def test_a_policy_change_is_picked_up_without_restart_and_recorded(tmp_path: Path) -> None:
    rego = tmp_path / "rego"
    shutil.copytree(ROOT / "policies/rego", rego)
    running = start_cluster(
        tmp_path,
        [NodeSpec("lt-1", "LT")],
        overrides={"policy": {"rego_dir": str(rego), "reload_interval_s": 0.1}},
    )
    try:
        body = {"model": MODEL, "messages": [{"role": "user", "content": "hi"}], "max_tokens": 2}
        assert (
            httpx.post(f"{running.url}/v1/chat/completions", json=body, headers=running.auth).status_code
            == 200
        )
        policy = rego / "residency.rego"
        policy.write_text(policy.read_text() + "\n# reviewed by the DPO\n")
        time.sleep(0.3)
        assert (
            httpx.post(f"{running.url}/v1/chat/completions", json=body, headers=running.auth).status_code
            == 200
        )
    finally:
        running.stop()
    with sqlite3.connect(tmp_path / "audit.db") as db:
        changes = [
            json.loads(r[0])["detail"]
            for r in db.execute("SELECT canonical FROM audit_records WHERE kind = 'policy_revision'")
        ]
        revisions = {
            r[0] for r in db.execute("SELECT policy_revision FROM audit_records WHERE kind = 'forward'")
        }
    assert len(changes) == 1 and changes[0]["from"] != changes[0]["to"]
    assert revisions == {changes[0]["from"], changes[0]["to"]}
