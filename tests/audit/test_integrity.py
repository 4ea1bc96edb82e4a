"""The writer's own guards: migrations, and refusing to sign or extend a tree that was altered."""

from __future__ import annotations

import asyncio

import pytest

from audit.log import AuditUnavailable
from audit.store import AuditStartupError, open_audit_log, remembered_checkpoint_file
from audit.writer import CheckpointRefused
from sovgw.cli import main as sovgw
from tests.audit.conftest import audit_config, forward, tamper


def test_migrate_command_creates_the_schema_once(tmp_path, database_url, capsys):
    assert sovgw(["audit", "migrate", "--database", database_url, "--check"]) == 1
    assert "schema version 0, latest 4" in capsys.readouterr().out
    assert sovgw(["audit", "migrate", "--database", database_url]) == 0
    assert "applied migrations [1, 2, 3, 4]" in capsys.readouterr().out
    assert sovgw(["audit", "migrate", "--database", database_url]) == 0
    assert "up to date" in capsys.readouterr().out
    assert sovgw(["audit", "migrate", "--database", database_url, "--check"]) == 0


def test_migrate_command_needs_a_database(capsys, monkeypatch):
    monkeypatch.delenv("SOVGW_CONFIG", raising=False)
    assert sovgw(["audit", "migrate"]) == 2
    assert "--database" in capsys.readouterr().err


def test_the_log_refuses_to_sign_over_a_tree_altered_since_it_was_committed(tmp_path, database_url):
    async def main():
        store = await open_audit_log(audit_config(tmp_path, database_url))
        for i in range(7):
            await store.append(forward(i))
        assert (await store.checkpoint()).size == 8
        tamper(
            database_url,
            "UPDATE audit_tree_nodes SET hash = :h WHERE level = 3 AND idx = 0",
            params={"h": bytes(32)},
        )
        await store.append(forward(8))
        with pytest.raises(CheckpointRefused, match="does not match its tree head"):
            await store.checkpoint()
        # from now on nothing is accepted: the log cannot vouch for what it would be appended to
        with pytest.raises(AuditUnavailable, match="refuses to sign"):
            await store.append(forward(9))
        assert not await store.ready()
        await store.aclose()

    asyncio.run(main())


def test_the_log_refuses_to_sign_what_contradicts_its_last_signed_checkpoint(tmp_path, database_url):
    async def main():
        store = await open_audit_log(audit_config(tmp_path, database_url))
        for i in range(7):
            await store.append(forward(i))
        await store.checkpoint()
        tamper(database_url, "UPDATE audit_checkpoints SET root = :h", params={"h": bytes(32)})
        await store.append(forward(8))
        with pytest.raises(CheckpointRefused, match="not consistent with the checkpoint of size 8"):
            await store.checkpoint()
        await store.aclose()

    asyncio.run(main())


def test_a_store_reopened_over_an_altered_tree_refuses_appends(tmp_path, database_url):
    config = audit_config(tmp_path, database_url)

    async def write():
        store = await open_audit_log(config)
        for i in range(5):
            await store.append(forward(i))
        await store.aclose()

    asyncio.run(write())
    # size 6 continues from the subtrees over seq 0..3 and 4..5: alter the second
    tamper(
        database_url,
        "UPDATE audit_tree_nodes SET hash = :h WHERE level = 1 AND idx = 2",
        params={"h": bytes(32)},
    )

    async def reopen():
        store = await open_audit_log(config)
        with pytest.raises(AuditUnavailable, match="does not match its tree head"):
            await store.append(forward(6))
        await store.aclose()

    asyncio.run(reopen())


def test_a_database_rolled_back_behind_its_last_checkpoint_is_refused_at_start_up(tmp_path, database_url):
    config = audit_config(tmp_path, database_url)

    async def write():
        store = await open_audit_log(config)
        for i in range(10):
            await store.append(forward(i))
        await store.aclose()  # signs size 11, in the database and in the file beside it

    asyncio.run(write())
    # what restoring an old backup looks like: fewer records, and no checkpoint that mentions more
    tamper(
        database_url,
        "DELETE FROM audit_checkpoints",
        "DELETE FROM audit_records WHERE seq >= 6",
        "DELETE FROM audit_tree_heads WHERE size > 6",
        "DELETE FROM audit_tree_nodes WHERE (idx + 1) * (1 << level) > 6",
    )
    with pytest.raises(
        AuditStartupError, match="the log has 6 records but this signer's checkpoint of size 11"
    ):
        asyncio.run(open_audit_log(config))
    tamper(
        database_url,
        "DELETE FROM audit_records",
        "DELETE FROM audit_tree_heads",
        "DELETE FROM audit_tree_nodes",
    )
    with pytest.raises(AuditStartupError, match="the log has 0 records"):
        asyncio.run(open_audit_log(config))
    assert remembered_checkpoint_file(config).read_text().split("\n")[1] == "11"
