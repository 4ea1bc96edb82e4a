"""The store behind ``open_audit_log``: numbering, durability, checkpoints, keys, on both backends."""

from __future__ import annotations

import asyncio
import json

import pytest
from sqlalchemy import select

from audit import entries, merkle
from audit.checkpoint import NoteSigner, NoteVerifier
from audit.database import open_database
from audit.store import AuditStartupError, open_audit_log
from audit.tree_store import CHECKPOINTS, RECORDS
from domain.events import AdminEvent
from tests.audit.conftest import API_KEY_ID, audit_config, every_kind, forward


def rows(url: str, table=RECORDS) -> list:
    db = open_database(url, writer=False)
    try:
        with db.engine.connect() as conn:
            return list(conn.execute(select(table).order_by(table.c[table.primary_key.columns.keys()[0]])))
    finally:
        db.dispose()


def test_appends_are_numbered_without_gaps_under_concurrency(tmp_path, database_url):
    async def main():
        store = await open_audit_log(audit_config(tmp_path, database_url))
        seqs = await asyncio.gather(*(store.append(forward(i)) for i in range(300)))
        seqs += [await store.append(e) for e in every_kind()]
        await store.aclose()
        return seqs

    seqs = asyncio.run(main())
    # seq 0 is the key_rotation record naming the signing key the log was first opened with
    assert sorted(seqs) == list(range(1, 308))
    stored = rows(database_url)
    assert [r.seq for r in stored] == list(range(308))
    assert stored[0].kind == "key_rotation"


def test_each_record_is_its_canonical_bytes_and_its_leaf_hash(tmp_path, database_url):
    async def main():
        store = await open_audit_log(audit_config(tmp_path, database_url))
        for e in every_kind():
            await store.append(e)
        await store.aclose()

    asyncio.run(main())
    stored = rows(database_url)
    leaves = []
    for r in stored:
        doc = json.loads(r.canonical)
        assert doc["seq"] == r.seq
        assert r.leaf_hash == merkle.leaf_hash(entries.entry_v2(doc, r.canonical))  # format 2 from seq 0
        leaves.append(r.leaf_hash)
    forward_row = stored[1]
    assert (forward_row.kind, forward_row.tenant, forward_row.node_id, forward_row.jurisdiction) == (
        "forward",
        "acme",
        "fra-1",
        "DE",
    )
    assert (forward_row.transfer_basis, forward_row.outcome, forward_row.decision_allow) == (
        "intra-EEA",
        "forwarded",
        True,
    )
    assert forward_row.entity_types == "EMAIL_ADDRESS,PERSON"
    assert stored[2].outcome == "success" and stored[2].status == 200 and stored[2].node_id == "fra-1"
    assert stored[3].outcome == "denied" and stored[3].category == "special"
    # the final checkpoint covers every record and its root is the tree over these leaves
    checkpoint = rows(database_url, CHECKPOINTS)[-1]
    assert checkpoint.size == len(stored)
    assert checkpoint.root == merkle.root(leaves)


def test_the_api_key_id_is_replaced_by_a_keyed_pseudonym(tmp_path):
    config = audit_config(tmp_path)

    async def main():
        store = await open_audit_log(config)
        await store.append(forward(0))
        await store.append(forward(1, api_key_id="another-key"))
        await store.aclose()

    asyncio.run(main())
    stored = rows(config.database_url)
    assert API_KEY_ID.encode() not in stored[1].canonical
    assert stored[1].actor and stored[1].actor != stored[2].actor
    assert json.loads(stored[1].canonical)["request"]["actor"] == stored[1].actor
    key_file = config.pseudonym_key_dir / "acme.key"
    assert key_file.stat().st_mode & 0o777 == 0o600


def test_numbering_continues_after_reopening_and_the_same_key_is_not_announced_twice(tmp_path, database_url):
    config = audit_config(tmp_path, database_url)

    async def session(n):
        store = await open_audit_log(config)
        seqs = [await store.append(forward(i)) for i in range(n)]
        await store.aclose()
        return seqs

    assert asyncio.run(session(3)) == [1, 2, 3]
    assert asyncio.run(session(2)) == [4, 5]
    assert [r.kind for r in rows(database_url)].count("key_rotation") == 1
    sizes = [c.size for c in rows(database_url, CHECKPOINTS)]
    assert sizes == sorted(sizes) and sizes[-1] == 6


def test_checkpoints_are_signed_every_n_records_and_verify_with_the_published_key(tmp_path):
    config = audit_config(tmp_path, checkpoint_every_records=10)

    async def main():
        store = await open_audit_log(config)
        for i in range(25):
            await store.append(forward(i))
        await store.aclose()

    asyncio.run(main())
    vkey = (tmp_path / "audit.db.signing-key.vkey").read_text()
    verifier = NoteVerifier.from_vkey(vkey)
    checkpoints = rows(config.database_url, CHECKPOINTS)
    assert [c.size for c in checkpoints] == [10, 20, 26]  # the key_rotation record counts too
    for c in checkpoints:
        body = verifier.verify(c.note)
        assert (body.origin, body.size, body.root) == (config.log_origin, c.size, c.root)


def test_checkpoints_are_signed_after_an_idle_interval(tmp_path):
    config = audit_config(tmp_path, checkpoint_every_s=0.05)

    async def main():
        store = await open_audit_log(config)
        await store.append(forward(0))
        await asyncio.sleep(0.3)
        sizes = [c.size for c in rows(config.database_url, CHECKPOINTS)]
        await store.aclose()
        return sizes

    assert asyncio.run(main())[-1] == 2  # signed by the timer, before close


def test_the_first_key_is_announced_and_another_key_is_refused_until_rotated(tmp_path):
    first = NoteSigner.from_seed("sovereign-gateway.local/audit", bytes(range(32)))
    second = NoteSigner.from_seed("sovereign-gateway.local/audit", bytes(range(1, 33)))

    async def session(signer):
        store = await open_audit_log(audit_config(tmp_path, signing_key=signer.private_text()))
        await store.append(forward(0))
        await store.aclose()

    asyncio.run(session(first))
    with pytest.raises(AuditStartupError, match="audit rotate-key"):
        asyncio.run(session(second))
    stored = rows(f"sqlite:///{tmp_path / 'audit.db'}")
    rotations = [json.loads(r.canonical)["detail"] for r in stored if r.kind == "key_rotation"]
    assert [(r["key_id"], r["vkey"]) for r in rotations] == [(first.key_id.hex(), first.vkey())]
    assert stored[0].kind == "key_rotation"  # announced before anything it signs
    checkpoints = rows(f"sqlite:///{tmp_path / 'audit.db'}", CHECKPOINTS)
    assert [(c.size, c.key_id) for c in checkpoints] == [(2, first.key_id.hex())]


def test_a_configured_key_file_that_is_missing_stops_start_up(tmp_path):
    config = audit_config(tmp_path, signing_key_file=tmp_path / "nope.key")
    with pytest.raises(AuditStartupError, match="does not exist"):
        asyncio.run(open_audit_log(config))


def test_a_bad_database_url_stops_start_up(tmp_path):
    with pytest.raises(AuditStartupError, match="sqlite:/// or postgresql://"):
        asyncio.run(open_audit_log(audit_config(tmp_path, "mysql://x/y")))


def test_appending_after_close_is_refused(tmp_path):
    from audit.log import AuditUnavailable

    async def main():
        store = await open_audit_log(audit_config(tmp_path))
        await store.aclose()
        with pytest.raises(AuditUnavailable, match="closed"):
            await store.append(AdminEvent(kind="shutdown"))
        assert not await store.ready()

    asyncio.run(main())


def test_every_commit_is_durable_whatever_the_server_default(tmp_path, database_url):
    if database_url.startswith("postgresql"):
        db = open_database(database_url)
        with db.engine.connect() as conn:
            name = conn.exec_driver_sql("SELECT current_database()").scalar()
            conn.exec_driver_sql(f'ALTER DATABASE "{name}" SET synchronous_commit = off')
        db.dispose()

    async def settings():
        store = await open_audit_log(audit_config(tmp_path, database_url))
        with store.db.engine.connect() as conn:
            if store.db.dialect == "sqlite":
                found = (
                    conn.exec_driver_sql("PRAGMA journal_mode").scalar(),
                    conn.exec_driver_sql("PRAGMA synchronous").scalar(),
                )
            else:
                found = (conn.exec_driver_sql("SHOW synchronous_commit").scalar(),)
        await store.aclose()
        return found

    expected = ("wal", 2) if database_url.startswith("sqlite") else ("on",)  # 2 is FULL
    assert asyncio.run(settings()) == expected


def test_appends_go_on_when_background_signing_fails_unexpectedly(tmp_path, monkeypatch):
    async def main():
        store = await open_audit_log(audit_config(tmp_path, checkpoint_every_records=1))

        def broken(*args):
            raise RuntimeError("signer crashed")

        monkeypatch.setattr(store._writer, "sign_checkpoint", broken)
        seqs = [await store.append(forward(i)) for i in range(3)]
        await store.aclose()
        return seqs

    assert asyncio.run(main()) == [1, 2, 3]
