"""`sovgw demo` runs every simulated node behind its operator's node-agent: each forwarded request of
the scenario is recorded under a verified descriptor and evidence, and each answer's receipt checks out."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from sovgw.cli import main


def test_the_demo_routes_through_node_agents_and_every_receipt_verifies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", "--once", "--port", "0", "--workdir", str(tmp_path)]) == 0
    assert "Each behind its operator's node-agent" in capsys.readouterr().out
    with sqlite3.connect(tmp_path / "audit.db") as db:
        rows = db.execute("SELECT kind, canonical FROM audit_records ORDER BY seq").fetchall()
    records = [(kind, json.loads(doc)) for kind, doc in rows]
    forwards = [r for kind, r in records if kind == "forward"]
    completions = [r for kind, r in records if kind == "completion"]
    assert forwards and len(completions) == len(forwards)
    for record in forwards:
        assert len(record["node"]["descriptor_sha256"]) == 64 and len(record["node"]["evidence_sha256"]) == 64
    assert [c["receipt"]["status"] for c in completions] == ["verified"] * len(completions)
    routable = [
        r["detail"]["node"]
        for kind, r in records
        if kind == "node_identity" and r["detail"]["routable"] == "True"
    ]
    assert {"vilnius-1", "virginia-1"} <= set(routable)
