"""Format 2 entries: an export cannot hide an in-scope record among the withheld ones, and trails begun
by an earlier release switch to format 2 at one announced seq that verifiers hold them to."""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import rfc8785
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from audit import bundle_verify, canonical, entries, merkle, record_fields
from audit.database import open_database
from audit.export.statement import FILE, sign_bundle
from audit.tree_store import RECORDS
from audit.verify import verify_log
from audit.writer import LogWriter, PendingRecord
from sovgw.cli import main as sovgw
from tests.audit.conftest import tamper
from tests.compliance.test_bundle import bundle_for
from tests.compliance.trail import DAYS, ORIGIN, SIGNER, START, build_trail, events_for
from tests.support.bags import rebag

PERIOD = (datetime(2026, 11, 3, tzinfo=UTC), datetime(2026, 11, 7, tzinfo=UTC))


@pytest.fixture(scope="module")
def trail(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return build_trail(tmp_path_factory.mktemp("trail"))


def upgraded_trail(tmp_path: Path, url: str | None = None):  # type: ignore[no-untyped-def]
    """A trail an earlier release wrote (format 1 leaves: the records' bytes), then continued by this one."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(entries, "entry_v2", lambda doc, data: data)  # what the earlier release hashed
        old = build_trail(tmp_path, url, requests=60)
    db = open_database(old.url)
    try:
        writer = LogWriter(db)
        rng = random.Random(11)
        for n in range(60, 120):
            at = START + timedelta(seconds=n * DAYS * 86400 // 120)
            batch = [
                PendingRecord(
                    at + timedelta(milliseconds=i),
                    e if isinstance(e, dict) else canonical.event_body(e, f"actor-{n}"),
                )
                for i, e in enumerate(events_for(n, rng))
            ]
            writer.append_batch(batch)
        writer.sign_checkpoint(SIGNER, ORIGIN)
        with db.engine.connect() as conn:
            switch = entries.switch(conn)
    finally:
        db.dispose()
    return old, switch


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return upgraded_trail(tmp_path_factory.mktemp("mixed"))


def as_exporter(files: dict[str, bytes]) -> dict[str, bytes]:
    """The bag re-counted, re-bagged and re-signed with the log's key, as an exporter who holds it would."""
    files = {p: d for p, d in files.items() if p != FILE}
    manifest = json.loads(files["data/export.json"])
    manifest["records"] = len(files["data/records.jsonl"].splitlines())
    manifest["withheld"] = len(files["data/withheld-entries.jsonl"].splitlines()) + len(
        files["data/withheld-leaves.txt"].splitlines()
    )
    files["data/export.json"] = json.dumps(manifest).encode()
    return sign_bundle(rebag(files), SIGNER)


def move_to_withheld(files: dict[str, bytes], pick: int, claim_tenant: str | None = None) -> tuple[dict, int]:
    """Record ``pick`` of records.jsonl listed as a withheld entry instead: with its true scope, or
    claiming tenant ``claim_tenant``."""
    records = files["data/records.jsonl"].splitlines(keepends=True)
    moved = records.pop(pick).rstrip(b"\n")
    doc = json.loads(moved)
    line = entries.withheld_line(doc["seq"], doc, moved)
    if claim_tenant is not None:
        claimed = json.loads(line)
        claimed["scope"]["tenant"] = entries.tenant_hash(claimed["record"], claim_tenant)
        line = json.dumps(claimed, sort_keys=True).encode() + b"\n"
    withheld = [*files["data/withheld-entries.jsonl"].splitlines(keepends=True), line]
    withheld.sort(key=lambda x: json.loads(x)["seq"])
    return {
        **files,
        "data/records.jsonl": b"".join(records),
        "data/withheld-entries.jsonl": b"".join(withheld),
    }, doc["seq"]


def verify_both(files: dict[str, bytes], vkey: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """(exit status, report) of ``sovgw audit verify-bundle`` and of the one-file verifier run alone."""
    bag = tmp_path / "bag"
    shutil.rmtree(bag, ignore_errors=True)
    for name, data in files.items():
        (bag / name).parent.mkdir(parents=True, exist_ok=True)
        (bag / name).write_bytes(data)
    code = sovgw(["audit", "verify-bundle", str(bag), "--key", vkey])
    cli = (code, capsys.readouterr().out)
    alone = tmp_path / "alone"
    alone.mkdir(exist_ok=True)
    shutil.copy(bundle_verify.__file__, alone / "bundle_verify.py")
    done = subprocess.run(
        [sys.executable, "bundle_verify.py", str(bag), "--key", vkey],
        cwd=alone,
        capture_output=True,
        text=True,
    )
    return [cli, (done.returncode, done.stdout)]


def test_a_new_trail_is_format_2_from_seq_0_with_no_announcement(trail) -> None:  # type: ignore[no-untyped-def]
    db = open_database(trail.url, writer=False)
    try:
        with db.engine.connect() as conn:
            assert entries.switch(conn) == 0 and entries.announcements(conn) == []
            rows = conn.execute(select(RECORDS.c.seq, RECORDS.c.canonical, RECORDS.c.leaf_hash)).all()
    finally:
        db.dispose()
    for seq, data, leaf in rows:
        entry = json.loads(entries.entry(seq, bytes(data), 0))
        assert bytes(leaf) == merkle.leaf_hash(entries.entry(seq, bytes(data), 0))
        assert entry["record"] == hashlib.sha256(bytes(data)).hexdigest() and entry["v"] == 2
        assert set(entry["scope"]) == {"tenant", "jurisdiction", "recorded_at", "kind"}


def test_a_tenant_export_withholds_others_by_scope_and_passes(trail, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    files = bundle_for(trail, tenant="acme").files
    withheld = [json.loads(line) for line in files["data/withheld-entries.jsonl"].splitlines()]
    assert withheld and files["data/withheld-leaves.txt"] == b""
    assert b"globex" not in files["data/withheld-entries.jsonl"]  # other tenants are not named
    for code, out in verify_both(files, trail.vkey, tmp_path, capsys):
        assert code == 0, out
        assert f"PASS {len(withheld)} withheld entries each lie outside the export's period, filter" in out


@pytest.mark.parametrize("claim", [None, "globex"], ids=["true scope", "scope claiming another tenant"])
def test_an_in_scope_record_moved_among_the_withheld_is_named_by_both_verifiers(
    trail, tmp_path, capsys, claim
) -> None:  # type: ignore[no-untyped-def]
    files, seq = move_to_withheld(bundle_for(trail, tenant="acme").files, 2, claim)
    reports = verify_both(as_exporter(files), trail.vkey, tmp_path, capsys)
    for code, out in reports:
        assert code == 1, out
        if claim is None:
            assert (
                f"HIDDEN RECORD: withheld entry seq {seq} is in the export's scope: the export hides a record"
                in out
            )
        else:  # the scope is part of the leaf: a false one breaks the range proof
            assert "a withheld entry's scope or digest is not the one the log holds (scope falsified)" in out
    for _, out in reports:  # re-signed by the exporter, who holds the log's key: only the entries tell
        assert "PASS the signed statement covers every file" in out
        assert ("recomputes the signed root" in out) == (claim is None)


def test_a_record_of_the_period_withheld_is_caught(trail, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    files = bundle_for(trail).files  # everyone's records of the period
    assert files["data/withheld-entries.jsonl"] == b""
    files, seq = move_to_withheld(files, 5)
    for code, out in verify_both(as_exporter(files), trail.vkey, tmp_path, capsys):
        assert code == 1 and f"HIDDEN RECORD: withheld entry seq {seq} is in the export's scope" in out


def test_a_record_outside_the_period_may_be_withheld_inside_the_range(trail, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    """An entry's own time decides: moved out of the period by its scope, a withheld entry passes."""
    files = bundle_for(trail, tenant="acme").files
    first = json.loads(files["data/withheld-entries.jsonl"].splitlines()[0])
    assert PERIOD[0] <= datetime.fromisoformat(first["scope"]["recorded_at"]) < PERIOD[1]
    assert bundle_verify.verify_bundle(files, bundle_verify.PublicKey.parse(trail.vkey)).ok
    manifest = json.loads(files["data/export.json"])
    manifest["filter"]["tenant"] = "globex"  # an exporter claiming the entry was outside its filter
    out = verify_both(
        as_exporter({**files, "data/export.json": json.dumps(manifest).encode()}),
        trail.vkey,
        tmp_path,
        capsys,
    )
    assert all(code == 1 and "HIDDEN RECORD" in text for code, text in out)


# -- trails begun by an earlier release --------------------------------------------------------------


def test_an_upgraded_trail_announces_format_2_once_and_verifies(tmp_path, database_url) -> None:  # type: ignore[no-untyped-def]
    old, switch = upgraded_trail(tmp_path, database_url)
    db = open_database(old.url)
    try:
        with db.engine.connect() as conn:
            found = entries.announcements(conn)
            before = conn.execute(
                select(RECORDS.c.canonical, RECORDS.c.leaf_hash).where(RECORDS.c.seq == 0)
            ).one()
        assert [seq for seq, _ in found] == [switch] and switch == old.size
        assert entries.is_announcement(json.loads(found[0][1]))
        assert bytes(before.leaf_hash) == merkle.leaf_hash(bytes(before.canonical))  # seq 0 stays format 1
        LogWriter(db).append_batch([PendingRecord(START, {"kind": "startup", "detail": {}})])
        with db.engine.connect() as conn:
            assert [seq for seq, _ in entries.announcements(conn)] == [switch]  # not announced again
    finally:
        db.dispose()
    report = verify_log(database_url, [SIGNER.vkey()])
    assert report.ok, report.render()
    assert report.records_checked > switch + 1


def test_sovgw_audit_verify_catches_an_edit_on_each_side_of_the_switch(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "base").mkdir()
    old, switch = upgraded_trail(tmp_path / "base")
    assert sovgw(["audit", "verify", "--database", old.url, "--key", SIGNER.vkey()]) == 0
    capsys.readouterr()
    for seq in (switch - 5, switch + 5):
        copy = tmp_path / f"edit-{seq}.db"
        shutil.copy(old.url.removeprefix("sqlite:///"), copy)
        url = f"sqlite:///{copy}"
        edited = _canonical_at(url, seq).replace(b'"v":1', b'"v":7')
        tamper(url, f"UPDATE audit_records SET canonical = :c WHERE seq = {seq}", params={"c": edited})
        assert sovgw(["audit", "verify", "--database", url, "--key", SIGNER.vkey()]) == 1
        assert f"seq {seq}: the stored leaf hash does not match the record's bytes" in capsys.readouterr().out


def test_a_format_1_leaf_after_the_switch_and_a_second_announcement_are_named(tmp_path) -> None:  # type: ignore[no-untyped-def]
    old, switch = upgraded_trail(tmp_path)
    seq = switch + 3
    tamper(
        old.url,
        f"UPDATE audit_records SET leaf_hash = :h WHERE seq = {seq}",
        params={"h": merkle.leaf_hash(_canonical_at(old.url, seq))},
    )
    found = [str(p) for p in verify_log(old.url, [SIGNER.vkey()]).problems]
    assert (
        f"seq {seq}: a format 1 leaf after the log announced format 2 entries from seq {switch}"
        in "\n".join(found)
    )
    db = open_database(old.url)
    try:
        LogWriter(db).append_batch(
            [PendingRecord(START, {"kind": "entry_format", "detail": entries.announcement(old.size + 200)})]
        )
    finally:
        db.dispose()
    found = [str(p) for p in verify_log(old.url, [SIGNER.vkey()]).problems]
    assert any("a second entry-format announcement (the log switched to format 2 at seq" in p for p in found)


def _canonical_at(url: str, seq: int) -> bytes:
    db = open_database(url, writer=False)
    try:
        with db.engine.connect() as conn:
            return bytes(conn.execute(select(RECORDS.c.canonical).where(RECORDS.c.seq == seq)).scalar_one())
    finally:
        db.dispose()


def test_a_bundle_of_an_upgraded_trail_verifies_and_counts_its_unprovable_leaves(
    mixed, tmp_path, capsys
) -> None:  # type: ignore[no-untyped-def]
    old, switch = mixed
    files = bundle_for(old, tenant="acme", since=START, until=START + timedelta(days=DAYS + 1)).files
    leaves = files["data/withheld-leaves.txt"].splitlines()
    assert leaves and all(int(line.split()[0]) < switch for line in leaves)
    assert all(
        json.loads(line)["seq"] >= switch for line in files["data/withheld-entries.jsonl"].splitlines()
    )
    for code, out in verify_both(files, old.vkey, tmp_path, capsys):
        assert code == 0, out
        assert f"PASS the log announced format 2 entries from seq {switch}" in out
        assert (
            f"NOTE {len(leaves)} entries recorded before the log's switch to format 2 at seq {switch}" in out
        )


def test_a_format_1_leaf_claimed_after_the_announcement_fails(mixed, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    old, switch = mixed
    files = bundle_for(old, tenant="acme", since=START, until=START + timedelta(days=DAYS + 1)).files
    withheld = files["data/withheld-entries.jsonl"].splitlines(keepends=True)
    seq = json.loads(withheld.pop(0))["seq"]
    leaf = entries.leaf(seq, _canonical_at(old.url, seq), switch)  # its true leaf, as a bare hash
    bare = files["data/withheld-leaves.txt"] + f"{seq} {leaf.hex()}\n".encode()
    tampered = {**files, "data/withheld-entries.jsonl": b"".join(withheld), "data/withheld-leaves.txt": bare}
    for code, out in verify_both(as_exporter(tampered), old.vkey, tmp_path, capsys):
        assert code == 1 and f"HIDDEN SCOPE: withheld seq {seq} is given as a bare leaf" in out
    # Leaving the announcement out does not move the switch: every bare leaf is refused.
    dropped = {p: d for p, d in files.items() if p != "data/proofs/entry-format.json"}
    for code, out in verify_both(as_exporter(dropped), old.vkey, tmp_path, capsys):
        assert code == 1 and "its scope must be shown" in out


# -- one derivation, three places -------------------------------------------------------------------

_names = st.none() | st.just("") | st.text(max_size=12)


@settings(max_examples=300, deadline=None)
@given(
    tenant=_names,
    detail_tenant=_names,
    jurisdiction=_names,
    served=st.booleans(),
    kind=st.sampled_from(["forward", "completion", "export", "key_rotation"]),
)
def test_the_one_file_verifier_derives_each_entry_as_the_log_does(
    tenant: str | None, detail_tenant: str | None, jurisdiction: str | None, served: bool, kind: str
) -> None:
    """Unicode, control characters, empty and missing values: the verifier's entry is the log's, byte
    for byte, and RFC 8785's."""
    doc: dict = {"v": 1, "seq": 9, "recorded_at": "2026-11-03T10:00:00.000001Z", "kind": kind}
    if tenant is not None:
        doc["request"] = {"tenant": tenant, "actor": None}
    if detail_tenant is not None:
        doc["detail"] = {"tenant": detail_tenant}
    if jurisdiction is not None:
        doc["served_by" if served else "node"] = {"jurisdiction": jurisdiction, "node_id": "n"}
    try:
        data = canonical.canonical_bytes(doc)
    except UnicodeEncodeError:
        return  # lone surrogates: no record can hold them
    logged = entries.entry_v2(doc, data)
    fields = record_fields.columns(doc)
    digest = hashlib.sha256(data).hexdigest()
    assert json.loads(logged)["scope"] == {
        "tenant": entries.tenant_hash(digest, fields["tenant"]),
        "jurisdiction": fields["jurisdiction"],
        "recorded_at": doc["recorded_at"],
        "kind": fields["kind"],
    }  # what the export's filters read
    assert bundle_verify.entry_of(9, data, json.loads(data), 0) == logged
    assert rfc8785.dumps(json.loads(logged)) == logged
    line = entries.withheld_line(9, doc, data)
    assert bundle_verify._withheld_entry(line)[1] == logged


def test_a_key_record_withheld_but_left_out_of_the_rotations_is_named(trail, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    """The entry's kind is in its scope: a rotation cannot hide among the withheld entries."""
    files = bundle_for(trail, tenant="acme", since=START - timedelta(hours=2)).files
    first = json.loads(files["data/withheld-entries.jsonl"].splitlines()[0])
    assert (first["seq"], first["scope"]["kind"]) == (0, "key_rotation")  # the log's first key
    assert bundle_verify.verify_bundle(files, bundle_verify.PublicKey.parse(trail.vkey)).ok
    kept = [
        line
        for line in files["data/proofs/rotations.jsonl"].splitlines(keepends=True)
        if b'"seq": 0' not in line
    ]
    dropped = as_exporter({**files, "data/proofs/rotations.jsonl": b"".join(kept)})
    for code, out in verify_both(dropped, trail.vkey, tmp_path, capsys):
        assert code == 1 and "KEY ROTATION: the withheld key record at seq 0 is missing" in out
