"""The verifier catches every kind of tampering done directly in SQL, and names the records."""

from __future__ import annotations

import asyncio
import json

import pytest
from sqlalchemy import text

from audit import entries, merkle
from audit.checkpoint import Checkpoint, NoteSigner
from audit.database import open_database
from audit.store import open_audit_log
from audit.verify import verify_log
from sovgw.cli import main as sovgw
from tests.audit.conftest import audit_config, every_kind, forward, tamper

SIGNER = NoteSigner.from_seed("sovereign-gateway.local/audit", bytes(range(32)))
RECORDS = 40  # seq 0 is the key rotation; checkpoints at 10, 20, 30, 40


def build_log(tmp_path, url, records=RECORDS):
    config = audit_config(tmp_path, url, signing_key=SIGNER.private_text(), checkpoint_every_records=10)

    async def main():
        store = await open_audit_log(config)
        for i in range(records - 1):
            await store.append(every_kind(i)[i % 7] if i % 3 else forward(i))
        await store.aclose()

    asyncio.run(main())
    return config


def problems(url, **kw):
    report = verify_log(url, [SIGNER.vkey()], **kw)
    assert not report.ok, report.render()
    return [str(p) for p in report.problems]


def mentions(found, needle):
    return any(needle in p for p in found)


def test_an_untouched_log_verifies_fully_and_by_range(tmp_path, database_url):
    build_log(tmp_path, database_url)
    report = verify_log(database_url, [SIGNER.vkey()])
    assert report.ok, report.render()
    assert (report.records_checked, report.tree_size, report.latest_checkpoint_size) == (
        RECORDS,
        RECORDS,
        RECORDS,
    )
    assert report.checkpoints_verified == 4
    ranged = verify_log(database_url, [SIGNER.vkey()], from_seq=5, to_seq=25)
    assert ranged.ok, ranged.render()
    assert ranged.records_checked == 21


def test_a_changed_record_is_caught_by_its_leaf_hash(tmp_path, database_url):
    build_log(tmp_path, database_url)
    tamper(database_url, "UPDATE audit_records SET canonical = :c WHERE seq = 12", params={"c": b'{"v":1}'})
    found = problems(database_url)
    assert mentions(found, "seq 12: the stored leaf hash does not match")
    assert mentions(problems(database_url, from_seq=10, to_seq=14), "seq 12: the stored leaf hash")


def test_a_record_rewritten_with_a_matching_leaf_hash_is_caught_by_the_signed_root(tmp_path, database_url):
    build_log(tmp_path, database_url)
    db = open_database(database_url)
    with db.engine.connect() as conn:
        data = conn.execute(text("SELECT canonical FROM audit_records WHERE seq = 13")).scalar()
    db.dispose()
    forged = bytes(data).replace(b'"DE"', b'"US"')
    assert forged != bytes(data)
    tamper(
        database_url,
        "UPDATE audit_records SET canonical = :c, leaf_hash = :h, jurisdiction = 'US' WHERE seq = 13",
        params={"c": forged, "h": entries.leaf(13, forged, 0)},
    )
    found = problems(database_url)
    assert mentions(found, "seq 12..13: tree node level 1 index 6 does not match")
    assert mentions(found, "records no longer produce the root signed at size 20")
    assert mentions(problems(database_url, from_seq=13, to_seq=13), "seq 13: not provably included")


def test_a_changed_column_is_caught_against_the_records_bytes(tmp_path, database_url):
    build_log(tmp_path, database_url)
    tamper(database_url, "UPDATE audit_records SET jurisdiction = 'CH' WHERE seq = 3")
    assert problems(database_url) == ["seq 3: column jurisdiction differs from the record's signed bytes"]


def test_a_deleted_record_is_caught_as_a_gap(tmp_path, database_url):
    build_log(tmp_path, database_url)
    tamper(database_url, "DELETE FROM audit_records WHERE seq = 7")
    found = problems(database_url)
    assert found[0] == "seq 7: records missing (deleted or never committed)"
    assert mentions(problems(database_url, from_seq=5, to_seq=9), "seq 7: records missing")


def test_reordered_records_are_caught(tmp_path, database_url):
    build_log(tmp_path, database_url)
    tamper(
        database_url,
        "UPDATE audit_records SET seq = -1 WHERE seq = 4",
        "UPDATE audit_records SET seq = 4 WHERE seq = 5",
        "UPDATE audit_records SET seq = 5 WHERE seq = -1",
    )
    found = problems(database_url)
    assert mentions(found, "seq 4: the record says it is seq 5")
    assert mentions(found, "seq 5: the record says it is seq 4")


def test_a_record_inserted_in_the_middle_is_caught(tmp_path, database_url):
    build_log(tmp_path, database_url)
    statements = [
        f"UPDATE audit_records SET seq = {s + 1} WHERE seq = {s}" for s in range(RECORDS - 1, 5, -1)
    ]
    tamper(
        database_url,
        *statements,
        "INSERT INTO audit_records (seq, recorded_at, kind, leaf_hash, canonical)"
        " SELECT 6, recorded_at, kind, leaf_hash, canonical FROM audit_records WHERE seq = 5",
    )
    found = problems(database_url)
    assert mentions(found, "seq 6: the record says it is seq 5")
    assert mentions(found, "seq 7: the record says it is seq 6")
    assert mentions(found, f"seq {RECORDS}: records beyond the last tree head")


def test_a_record_appended_behind_the_writers_back_is_caught(tmp_path, database_url):
    build_log(tmp_path, database_url)
    doc = {
        "v": 1,
        "seq": RECORDS,
        "recorded_at": "2026-01-01T00:00:00.000000Z",
        "kind": "export",
        "detail": {},
    }
    data = json.dumps(doc, separators=(",", ":"), sort_keys=True).encode()
    tamper(
        database_url,
        "INSERT INTO audit_records (seq, recorded_at, kind, leaf_hash, canonical)"
        " VALUES (:s, '2026-01-01 00:00:00', 'export', :h, :c)",
        params={"s": RECORDS, "h": entries.leaf(RECORDS, data, 0), "c": data},
    )
    assert problems(database_url) == [
        f"seq {RECORDS}: records beyond the last tree head: inserted outside the log writer"
    ]


def test_truncating_the_log_is_caught_by_the_checkpoint_that_covered_it(tmp_path, database_url):
    build_log(tmp_path, database_url)
    tamper(
        database_url,
        "DELETE FROM audit_records WHERE seq >= 35",
        "DELETE FROM audit_tree_heads WHERE size > 35",
        "DELETE FROM audit_tree_nodes WHERE (idx + 1) * (1 << level) > 35",
    )
    assert mentions(
        problems(database_url), "seq 35..39: checkpoint #4 signed size 40 but these records are gone"
    )


def test_a_checkpoint_altered_or_signed_by_an_unknown_key_is_rejected(tmp_path, database_url):
    build_log(tmp_path, database_url)
    stranger = NoteSigner.from_seed("sovereign-gateway.local/audit", bytes(32))
    tamper(
        database_url,
        "UPDATE audit_checkpoints SET note = replace(note, '\n40\n', '\n41\n') WHERE size = 40",
        "UPDATE audit_checkpoints SET note = :n WHERE size = 10",
        params={"n": stranger.sign(Checkpoint("x", 10, bytes(32)))},
    )
    found = problems(database_url)
    assert mentions(found, "checkpoint #4 (size 40) carries no valid signature")
    assert mentions(
        found,
        "checkpoint #1 (size 10) carries no valid signature by a trusted key"
        f" (signed by {stranger.name} {stranger.key_id.hex()})",
    )


def test_the_cli_exits_zero_on_a_sound_log_and_one_on_tampering(tmp_path, capsys):
    config = build_log(tmp_path, None)
    key_file = tmp_path / "log.vkey"
    key_file.write_text(SIGNER.vkey() + "\n")
    argv = ["verify", "--database", config.database_url, "--key", str(key_file)]
    assert sovgw(["audit", *argv]) == 0
    assert "result: PASS" in capsys.readouterr().out
    tamper(config.database_url, "DELETE FROM audit_records WHERE seq = 21")
    assert sovgw(["audit", *argv, "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False and report["problems"][0]["seqs"] == [21, 21]
    assert sovgw(["audit", "verify", "--database", config.database_url]) == 2
    assert "--key" in capsys.readouterr().err
    trusting = ["audit", "verify", "--database", config.database_url, "--trust-log-keys"]
    assert sovgw([*trusting, "--from", "0", "--to", "5"]) == 0


def test_the_cli_refuses_an_empty_range(tmp_path, capsys):
    config = build_log(tmp_path, None, records=2)
    argv = ["verify", "--database", config.database_url, "--key", SIGNER.vkey()]
    assert sovgw(["audit", *argv, "--from", "5", "--to", "4"]) == 2
    assert sovgw(["audit", *argv, "--from", "-1"]) == 2
    assert "--to >= --from" in capsys.readouterr().err


@pytest.mark.parametrize("bad", ["not-a-key", "name+00000000+AAAA"])
def test_the_cli_refuses_malformed_keys(tmp_path, capsys, bad):
    config = build_log(tmp_path, None, records=2)
    assert sovgw(["audit", "verify", "--database", config.database_url, "--key", bad]) == 2
    assert "verifier key" in capsys.readouterr().err


def published_checkpoint(url):
    db = open_database(url, writer=False)
    with db.engine.connect() as conn:
        note = conn.execute(text("SELECT note FROM audit_checkpoints ORDER BY size DESC LIMIT 1")).scalar()
    db.dispose()
    return note


def test_deleting_every_checkpoint_leaves_nothing_vouching_for_the_records(tmp_path, database_url):
    build_log(tmp_path, database_url)
    tamper(database_url, "DELETE FROM audit_checkpoints")
    assert problems(database_url) == [
        "no checkpoint signed by a trusted key: nothing vouches for these records"
    ]


def test_a_checkpoint_published_earlier_catches_history_rewritten_after_it(tmp_path, database_url):
    build_log(tmp_path, database_url)
    published = published_checkpoint(database_url)  # size 40, as a witness or regulator kept it
    assert verify_log(database_url, [SIGNER.vkey()], known_checkpoints=[published]).ok
    # rewrite one record and every hash above it, then drop the checkpoints that no longer fit
    db = open_database(database_url)
    with db.engine.connect() as conn:
        data = bytes(conn.execute(text("SELECT canonical FROM audit_records WHERE seq = 34")).scalar())
    db.dispose()
    forged = data.replace(b'"DE"', b'"US"')
    assert forged != data
    tamper(
        database_url,
        "UPDATE audit_records SET canonical = :c, leaf_hash = :h, jurisdiction = 'US' WHERE seq = 34",
        "DELETE FROM audit_tree_nodes",
        "DELETE FROM audit_tree_heads",
        "DELETE FROM audit_checkpoints WHERE size > 30",
        params={"c": forged, "h": entries.leaf(34, forged, 0)},
    )
    # (heads and nodes rebuilt as a careful forger would)
    _rebuild_tree(database_url)
    assert verify_log(database_url, [SIGNER.vkey()]).ok  # the log alone now looks sound...
    found = problems(database_url, known_checkpoints=[published])  # ...but not to whoever kept size 40
    assert mentions(found, "given checkpoint 1 signed size 40, beyond every checkpoint in the log")
    assert mentions(
        found, "seq 30..39: records no longer produce the root signed at size 40 (given checkpoint 1)"
    )
    ranged = problems(database_url, from_seq=34, to_seq=34, known_checkpoints=[published])
    assert mentions(ranged, "seq 34: not provably included in the checkpoint of size 40")


def _rebuild_tree(url):
    db = open_database(url)
    with db.engine.connect() as conn:
        leaves = [bytes(h) for (h,) in conn.execute(text("SELECT leaf_hash FROM audit_records ORDER BY seq"))]
    db.dispose()
    compact = merkle.CompactRange()
    nodes, heads = [], []
    for leaf in leaves:
        nodes += [{"l": lv, "i": i, "h": h} for lv, i, h in compact.append(leaf)]
        heads.append({"s": compact.size, "r": compact.root()})
    db = open_database(url)
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO audit_tree_nodes (level, idx, hash) VALUES (:l, :i, :h)"), nodes)
        conn.execute(
            text(
                "INSERT INTO audit_tree_heads (size, root, committed_at) VALUES (:s, :r, CURRENT_TIMESTAMP)"
            ),
            heads,
        )
    db.dispose()


def test_the_cli_takes_published_checkpoints(tmp_path, capsys):
    config = build_log(tmp_path, None)
    note_file = tmp_path / "published.note"
    note_file.write_text(published_checkpoint(config.database_url))
    argv = [
        "verify",
        "--database",
        config.database_url,
        "--key",
        SIGNER.vkey(),
        "--checkpoint",
        str(note_file),
    ]
    assert sovgw(["audit", *argv]) == 0
    tamper(config.database_url, "DELETE FROM audit_checkpoints WHERE size = 40")
    assert sovgw(["audit", *argv]) == 1
    assert "given checkpoint 1 signed size 40" in capsys.readouterr().out
