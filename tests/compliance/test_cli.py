"""``sovgw access create|revoke|list`` and ``sovgw audit processing-report`` from the command line."""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import pytest

from audit.database import open_database
from gateway.compliance.cli import add_access_arguments, run_access
from sovgw.cli import main as sovgw
from tests.compliance.trail import SIGNER, build_trail


@pytest.fixture
def db_url(tmp_path_factory, tmp_path):
    trail = build_trail(tmp_path_factory.mktemp("cli"), requests=30)
    copy = tmp_path / "audit.db"
    shutil.copy(trail.url.removeprefix("sqlite:///"), copy)
    (tmp_path / "keys").mkdir()
    (tmp_path / "keys" / "log.key").write_text(SIGNER.private_text() + "\n")
    return f"sqlite:///{copy}"


def access(*argv: str) -> int:
    """``sovgw access ...`` with the log's key, kept beside the copied database in keys/."""
    parser = argparse.ArgumentParser()
    add_access_arguments(parser)
    if "--database" in argv:
        db = Path(argv[argv.index("--database") + 1].removeprefix("sqlite:///"))
        argv = (*argv, "--signing-key-file", str(db.parent / "keys" / "log.key"))
    return run_access(parser.parse_args(list(argv)))


def access_events(url):
    db = open_database(url, writer=False)
    try:
        with db.engine.connect() as conn:
            rows = conn.exec_driver_sql(
                "SELECT canonical FROM audit_records WHERE kind = 'access' ORDER BY seq"
            )
            return [json.loads(data)["detail"] for (data,) in rows]
    finally:
        db.dispose()


def test_create_list_revoke_and_each_is_recorded(db_url, capsys):
    assert (
        access("create", "--database", db_url, "--role", "officer", "--tenant", "acme", "--label", "DPO") == 0
    )
    out = capsys.readouterr().out
    token = next(line.split()[-1] for line in out.splitlines() if line.startswith("token:"))
    token_id = next(line.split()[-1] for line in out.splitlines() if line.startswith("token id:"))
    assert (
        access(
            "create",
            "--database",
            db_url,
            "--role",
            "regulator",
            "--jurisdiction",
            "DE",
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
        )
        == 0
    )
    capsys.readouterr()
    assert access("list", "--database", db_url, "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(t["role"], t["active"]) for t in listed] == [("officer", True), ("regulator", True)]
    assert token not in json.dumps(listed)
    assert access("revoke", "--database", db_url, token_id) == 0
    assert access("list", "--database", db_url) == 0
    assert f"{token_id}  officer    revoked" in capsys.readouterr().out
    events = access_events(db_url)
    assert [(e["action"], e["role"]) for e in events] == [
        ("token_created", "officer"),
        ("token_created", "regulator"),
        ("token_revoked", "officer"),
    ]
    db = open_database(db_url)
    try:
        with db.engine.connect() as conn:
            stored = conn.exec_driver_sql("SELECT sha256 FROM compliance_tokens").scalars().all()
    finally:
        db.dispose()
    assert token not in stored and all(len(s) == 64 for s in stored)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--role", "officer"], "names one or more tenants"),
        (["--role", "officer", "--tenant", "a", "--jurisdiction", "DE"], "no jurisdictions"),
        (["--role", "regulator", "--jurisdiction", "DE"], "needs a time range"),
        (
            ["--role", "regulator", "--jurisdiction", "DE", "--from", "2026-02-01", "--to", "2026-01-01"],
            "time range",
        ),
        (["--role", "admin", "--tenant", "acme"], "no tenant or jurisdiction"),
        (["--role", "officer", "--tenant", "acme", "--expires", "soon"], "neither a date"),
    ],
)
def test_bad_scopes_are_refused_with_a_reason(db_url, capsys, argv, message):
    assert access("create", "--database", db_url, *argv) == 2
    assert message in capsys.readouterr().err
    assert access_events(db_url) == []


def test_revoking_an_unknown_token_and_a_missing_source_fail_cleanly(db_url, capsys):
    assert access("revoke", "--database", db_url, "000000000000") == 2
    assert "no token with id" in capsys.readouterr().err
    assert access("list") == 2
    assert "--database" in capsys.readouterr().err


def report(*argv: str) -> int:
    return sovgw(["audit", "processing-report", *argv])


def test_processing_report_as_json_and_html(db_url, tmp_path, capsys):
    assert report("--database", db_url, "--tenant", "acme", "--from", "2026-11-01", "--to", "2026-11-30") == 0
    body = json.loads(capsys.readouterr().out)
    assert body["tenant"] == "acme" and body["requests"]["forwarded"] > 0
    assert {r["operator"] for r in body["recipients"]} <= {
        "Example GPU GmbH",
        "Calcul SAS",
        "Alpine Compute AG",
    }
    for t in body["transfers"]:
        assert t["basis"] == ("adequacy:CH" if t["jurisdiction"] == "CH" else "intra-EEA")
    if any(t["jurisdiction"] == "CH" for t in body["transfers"]):
        assert body["legal_bases"] == {
            "SCC-2021/914": sum(t["requests"] for t in body["transfers"] if t["jurisdiction"] == "CH")
        }
    out = tmp_path / "ropa.html"
    assert report("--database", db_url, "--tenant", "acme", "--format", "html", "--out", str(out)) == 0
    assert "Records of processing: acme" in out.read_text()
    assert report("--database", "sqlite:///" + str(tmp_path / "missing.db"), "--tenant", "acme") == 2
    assert "cannot read the log" in capsys.readouterr().err
