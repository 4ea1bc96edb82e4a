"""No personal data at rest, and erasure by crypto-shredding that leaves the tree intact."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from sqlalchemy import text

from audit.database import open_database
from audit.pseudonyms import PseudonymKeyStore
from audit.store import default_signing_key_file, open_audit_log
from audit.verify import verify_log
from domain.events import EngineFailureEvent
from sovgw.cli import main as sovgw
from tests.audit.conftest import API_KEY_ID, audit_config, every_kind, forward, request

# What a client sent in its prompt and from where: none of it may reach the log.
PROMPT_PERSONAL_DATA = [
    "Jonas Petraitis",
    "jonas.petraitis@example.lt",
    "38703181745",
    "LT601010012345678901",
]
CLIENT_IP = "203.0.113.7"


def all_stored_text(url: str) -> str:
    """Every value of every row of every table, as text."""
    db = open_database(url, writer=False)
    chunks = []
    with db.engine.connect() as conn:
        for table in ("audit_records", "audit_tree_nodes", "audit_tree_heads", "audit_checkpoints"):
            for row in conn.execute(text(f"SELECT * FROM {table}")):
                for value in row:
                    chunks.append(
                        bytes(value).decode("latin-1")
                        if isinstance(value, bytes | memoryview)
                        else str(value)
                    )
    db.dispose()
    return "\n".join(chunks)


def test_stored_rows_hold_no_personal_data_no_api_key_id_and_no_pseudonym_key(tmp_path, database_url):
    config = audit_config(tmp_path, database_url)

    async def main():
        store = await open_audit_log(config)
        for event in every_kind():
            await store.append(event)
        # an engine failure's error is a class of failure, never the text that caused it
        await store.append(EngineFailureEvent(request=request(9), stage="classification", error="timeout"))
        await store.aclose()

    asyncio.run(main())
    stored = all_stored_text(database_url)
    assert "acme" in stored and "fra-1" in stored  # the scan does see the records
    for value in [*PROMPT_PERSONAL_DATA, CLIENT_IP, API_KEY_ID]:
        assert value not in stored
    pseudonym_key = PseudonymKeyStore(config.pseudonym_key_dir).key("acme")
    assert pseudonym_key.hex() not in stored and pseudonym_key.decode("latin-1") not in stored
    if database_url.startswith("sqlite"):
        raw = b"".join(
            p.read_bytes() for p in tmp_path.glob("audit.db*") if not p.name.endswith(("key", "vkey"))
        )
        assert API_KEY_ID.encode() not in raw and pseudonym_key not in raw


def test_erasing_a_tenant_key_unlinks_its_actors_records_the_erasure_and_keeps_the_tree(
    tmp_path, database_url
):
    config = audit_config(tmp_path, database_url)

    async def main():
        store = await open_audit_log(config)
        await store.append(forward(0, tenant="acme"))
        await store.append(forward(1, tenant="beta"))
        erasure_seq = await store.erase_tenant_key("acme")
        await store.append(forward(2, tenant="acme"))
        await store.append(forward(3, tenant="beta"))
        await store.aclose()
        return erasure_seq

    erasure_seq = asyncio.run(main())
    db = open_database(database_url, writer=False)
    with db.engine.connect() as conn:
        rows = list(
            conn.execute(text("SELECT seq, kind, tenant, actor, canonical FROM audit_records ORDER BY seq"))
        )
    db.dispose()
    acme_before, beta_before, erasure, acme_after, beta_after = rows[1:]
    assert erasure.seq == erasure_seq and erasure.kind == "erasure" and erasure.tenant == "acme"
    assert json.loads(erasure.canonical)["detail"] == {
        "tenant": "acme",
        "scope": "pseudonym_key",
        "key_existed": "true",
    }
    # the same API key now maps to a new pseudonym: nothing links the old records to it
    assert acme_before.actor != acme_after.actor
    assert beta_before.actor == beta_after.actor
    vkey = Path(f"{default_signing_key_file(config)}.vkey").read_text()
    report = verify_log(database_url, [vkey])
    assert report.ok and report.tree_size == 6, report.render()


def test_erase_key_command_shreds_and_records(tmp_path, capsys):
    config = audit_config(tmp_path)

    async def write():
        store = await open_audit_log(config)
        await store.append(forward(0))
        await store.aclose()

    asyncio.run(write())
    key_file = config.pseudonym_key_dir / "acme.key"
    assert key_file.exists()
    config_file = tmp_path / "gateway.yaml"
    config_file.write_text(
        "nodes: [{id: n1, base_url: 'http://127.0.0.1:1', jurisdiction: DE, operator: op, models: [m]}]\n"
        "tenants: [{id: acme, home_jurisdiction: DE, allowed_jurisdictions: [DE], purposes: [support],"
        f" api_keys: [{{id: k1, sha256: '{'0' * 64}'}}]}}]\n"
        f"audit: {{database_url: '{config.database_url}', pseudonym_key_dir: '{config.pseudonym_key_dir}',"
        " allow_key_beside_database: true}\n"
    )
    assert sovgw(["audit", "erase-key", "--config", str(config_file), "acme"]) == 0
    assert "recorded as seq 2" in capsys.readouterr().out
    assert not key_file.exists()
    argv = ["audit", "erase-key", "--database", config.database_url, "--config", str(config_file)]
    assert sovgw([*argv, "../etc"]) == 2
    assert "not a valid identifier" in capsys.readouterr().err
