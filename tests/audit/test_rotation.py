"""Keys: never generated silently beside the database, and rotated only by an announcement in the log
that the old key signs; the verifier holds each key to its range."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import insert

from audit import tree_store
from audit.checkpoint import Checkpoint, NoteSigner
from audit.config import AuditConfig
from audit.database import open_database
from audit.records import CheckpointRow
from audit.store import AuditStartupError, open_audit_log
from audit.verify import verify_log
from sovgw.cli import main as sovgw
from tests.audit.conftest import audit_config, forward

ORIGIN = "sovereign-gateway.local/audit"
OLD = NoteSigner.from_seed(ORIGIN, bytes(range(32)))
NEW = NoteSigner.from_seed(ORIGIN, bytes(range(1, 33)))
STRANGER = NoteSigner.from_seed(ORIGIN, bytes(range(2, 34)))


def _config(tmp_path, key: NoteSigner) -> AuditConfig:
    key_file = tmp_path / "keys" / f"{key.key_id.hex()}.key"
    key_file.parent.mkdir(exist_ok=True)
    key_file.write_text(key.private_text() + "\n")
    return audit_config(tmp_path, signing_key_file=key_file, allow_key_beside_database=False)


def _write(config: AuditConfig, count: int, start: int = 0) -> None:
    async def main():
        store = await open_audit_log(config)
        for i in range(count):
            await store.append(forward(start + i))
        await store.aclose()

    asyncio.run(main())


def _config_file(tmp_path, config: AuditConfig):
    path = tmp_path / "gateway.yaml"
    path.write_text(
        "nodes: [{id: n1, base_url: 'http://127.0.0.1:1', jurisdiction: DE, operator: op, models: [m]}]\n"
        "tenants: [{id: acme, home_jurisdiction: DE, allowed_jurisdictions: [DE], purposes: [support],"
        f" api_keys: [{{id: k1, sha256: '{'0' * 64}'}}]}}]\n"
        f"audit: {{database_url: '{config.database_url}', pseudonym_key_dir: '{config.pseudonym_key_dir}',"
        f" signing_key_file: '{config.signing_key_file}'}}\n"
    )
    return path


def _rotated(tmp_path, capsys) -> tuple[AuditConfig, int]:
    """A log of 4 records under OLD, NEW announced (seq 4), then 3 records under NEW."""
    old = _config(tmp_path, OLD)
    _write(old, 3)
    new_file = tmp_path / "keys" / "new.key"
    new_file.write_text(NEW.private_text() + "\n")
    assert (
        sovgw(
            [
                "audit",
                "rotate-key",
                "--config",
                str(_config_file(tmp_path, old)),
                "--new-key-file",
                str(new_file),
            ]
        )
        == 0
    )
    assert "announced at seq 4" in capsys.readouterr().out
    new = old.model_copy(update={"signing_key_file": new_file})
    _write(new, 3, start=10)
    return new, 4


def _checkpoints(config) -> list[tuple[int, str]]:
    db = open_database(config.database_url)
    try:
        with db.engine.connect() as conn:
            rows = conn.execute(tree_store.CHECKPOINTS.select().order_by(tree_store.CHECKPOINTS.c.id))
            return [(r.size, r.key_id) for r in rows]
    finally:
        db.dispose()


def _add_checkpoint(config, signer: NoteSigner, size: int) -> None:
    """What a holder of ``signer`` and write access could add: a correctly rooted, validly signed row."""
    db = open_database(config.database_url)
    try:
        with db.engine.begin() as conn:
            root = tree_store.root(conn, size)
            note = signer.sign(Checkpoint(ORIGIN, size, root))
            row = CheckpointRow(
                size=size,
                root=root,
                key_name=signer.name,
                key_id=signer.key_id.hex(),
                note=note,
                signed_at=datetime.now(UTC),
            )
            conn.execute(insert(tree_store.CHECKPOINTS).values(**row.model_dump(exclude={"id"})))
    finally:
        db.dispose()


def test_with_no_key_configured_the_log_refuses_to_start_naming_the_fix(tmp_path):
    config = AuditConfig(database_url=f"sqlite:///{tmp_path / 'audit.db'}", pseudonym_key_dir=tmp_path / "p")
    with pytest.raises(AuditStartupError) as e:
        asyncio.run(open_audit_log(config))
    assert "audit.signing_key_file" in str(e.value) and "allow_key_beside_database" in str(e.value)
    assert "\n" not in str(e.value)
    assert not (tmp_path / "audit.db.signing-key").exists()  # nothing generated beside the database


def test_the_opt_in_generates_a_key_beside_the_database(tmp_path):
    config = AuditConfig(
        database_url=f"sqlite:///{tmp_path / 'audit.db'}",
        pseudonym_key_dir=tmp_path / "p",
        allow_key_beside_database=True,
    )
    _write(config, 1)
    assert (tmp_path / "audit.db.signing-key").stat().st_mode & 0o777 == 0o600


def test_serve_refuses_a_configuration_without_a_key_in_one_line(tmp_path, capsys):
    config = audit_config(tmp_path, allow_key_beside_database=False)
    path = _config_file(tmp_path, config)
    path.write_text(path.read_text().replace(", signing_key_file: 'None'", ""))
    assert sovgw(["serve", "--config", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert "no signing key configured" in err and "sovgw init" in err and "\n" not in err


def test_rotation_is_announced_signed_by_the_old_key_and_the_new_key_signs_on(tmp_path, capsys):
    config, seq = _rotated(tmp_path, capsys)
    db = open_database(config.database_url)
    with db.engine.connect() as conn:
        data = (
            conn.execute(tree_store.RECORDS.select().where(tree_store.RECORDS.c.seq == seq)).one().canonical
        )
    db.dispose()
    detail = json.loads(data)["detail"]
    assert (detail["vkey"], detail["previous_key_id"]) == (NEW.vkey(), OLD.key_id.hex())
    signed = _checkpoints(config)
    assert (seq + 1, OLD.key_id.hex()) in signed  # the old key vouches for the announcement
    assert all(key == NEW.key_id.hex() for size, key in signed if size > seq + 1)
    assert signed[-1] == (8, NEW.key_id.hex())
    report = verify_log(config.database_url, [OLD.vkey(), NEW.vkey()])
    assert report.ok, report.render()
    assert (
        sovgw(
            ["audit", "verify", "--database", config.database_url, "--key", OLD.vkey(), "--key", NEW.vkey()]
        )
        == 0
    )


def test_the_retired_key_no_longer_starts_the_log(tmp_path, capsys):
    _rotated(tmp_path, capsys)
    with pytest.raises(AuditStartupError, match=r"not the one the log announced last.*rotate-key"):
        asyncio.run(open_audit_log(_config(tmp_path, OLD)))


def test_a_key_the_log_never_announced_does_not_start_it(tmp_path):
    _write(_config(tmp_path, OLD), 2)
    with pytest.raises(AuditStartupError, match="not the one the log announced last"):
        asyncio.run(open_audit_log(_config(tmp_path, STRANGER)))


def _rotation_problems(config, *signers) -> list[str]:
    report = verify_log(config.database_url, [s.vkey() for s in signers])
    return [p.message for p in report.problems if p.message.startswith("KEY ROTATION")]


def test_a_checkpoint_of_the_later_range_signed_by_the_old_key_is_rejected(tmp_path, capsys):
    config, seq = _rotated(tmp_path, capsys)
    _add_checkpoint(config, OLD, 7)
    [problem] = _rotation_problems(config, OLD, NEW)
    assert "(size 7)" in problem and "retired key" in problem and f"at seq {seq}" in problem


def test_a_checkpoint_of_the_later_range_signed_by_an_unannounced_key_is_rejected(tmp_path, capsys):
    config, _ = _rotated(tmp_path, capsys)
    _add_checkpoint(config, STRANGER, 7)
    [problem] = _rotation_problems(config, OLD, NEW, STRANGER)
    assert "(size 7)" in problem and "never announced" in problem


def test_the_new_key_cannot_sign_before_it_was_announced(tmp_path, capsys):
    config, seq = _rotated(tmp_path, capsys)
    _add_checkpoint(config, NEW, 3)
    [problem] = _rotation_problems(config, OLD, NEW)
    assert "(size 3)" in problem and f"announced only at seq {seq}" in problem


def test_a_rotation_the_old_key_never_signed_over_is_rejected(tmp_path):
    config = _config(tmp_path, OLD)
    _write(config, 2)

    async def announce_unvouched():  # the announcement appended, but the old key never signs over it
        from domain.events import AdminEvent

        store = await open_audit_log(config)
        detail = {
            "key_name": ORIGIN,
            "key_id": NEW.key_id.hex(),
            "vkey": NEW.vkey(),
            "previous_key_id": OLD.key_id.hex(),
            "generated": "false",
        }
        await store.append(AdminEvent(kind="key_rotation", detail=detail))
        store.signer = NEW  # what a host holding only the new key could do
        await store.aclose()

    asyncio.run(announce_unvouched())
    problems = _rotation_problems(config, OLD, NEW)
    assert any("nothing vouches for the new key" in p for p in problems), problems


def _bundle(config, signer: NoteSigner):
    from audit.export.bundle import build_bundle
    from audit.export.request import ExportRequest
    from audit.query.scope import ADMIN_SCOPE

    db = open_database(config.database_url, writer=False)
    try:
        request = ExportRequest(datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))
        return build_bundle(db, ADMIN_SCOPE, request, [OLD.vkey(), NEW.vkey()], signer=signer)
    finally:
        db.dispose()


def _bundle_report(files, *signers):
    from audit import bundle_verify

    return bundle_verify.verify_bundle(files, [bundle_verify.PublicKey.parse(s.vkey()) for s in signers])


def test_a_bundle_of_a_rotated_log_verifies_with_both_keys_each_for_its_range(tmp_path, capsys):
    from audit import bundle_verify

    config, seq = _rotated(tmp_path, capsys)
    bundle = _bundle(config, NEW)
    listed = [json.loads(line)["seq"] for line in bundle.files["data/proofs/rotations.jsonl"].splitlines()]
    assert listed == [0, seq]  # the first key's record, then the rotation
    report = _bundle_report(bundle.files, OLD, NEW)
    assert report.ok, report.render()
    assert any("signed by the key the log announced" in c for c in report.checks)
    bundle.write(tmp_path / "bag")
    argv = [str(tmp_path / "bag"), "--key", OLD.vkey(), "--key", NEW.vkey()]
    assert bundle_verify.main(argv) == 0


def test_a_bundle_anchored_on_a_checkpoint_of_the_retired_key_fails_key_rotation(tmp_path, capsys):
    config, _ = _rotated(tmp_path, capsys)
    _add_checkpoint(config, OLD, 8)  # the latest checkpoint now: size 8, by the retired key
    report = _bundle_report(_bundle(config, OLD).files, OLD, NEW)
    failures = [p for p in report.problems if p.startswith("KEY ROTATION")]
    assert any("(size 8)" in p and "retired key" in p for p in failures), report.render()
    assert any("bundle-signature.txt" in p and "retired key" in p for p in failures), report.render()


def test_a_bundle_signed_by_a_key_never_announced_fails_key_rotation(tmp_path, capsys):
    config, _ = _rotated(tmp_path, capsys)
    report = _bundle_report(_bundle(config, STRANGER).files, OLD, NEW, STRANGER)
    assert any(
        p.startswith("KEY ROTATION: bundle-signature.txt") and "never announced" in p for p in report.problems
    ), report.render()


def test_a_rotation_dropped_from_the_bundle_while_its_record_is_exported_is_named(tmp_path, capsys):
    from audit.export.bagit import bag
    from audit.export.statement import sign_bundle

    config, seq = _rotated(tmp_path, capsys)
    files = dict(_bundle(config, NEW).files)
    payload = {p.removeprefix("data/"): d for p, d in files.items() if p.startswith("data/")}
    payload["proofs/rotations.jsonl"] = b""
    info = dict(line.split(": ", 1) for line in files["bag-info.txt"].decode().splitlines())
    info.pop("Payload-Oxum")
    report = _bundle_report(sign_bundle(bag(payload, info), NEW), OLD, NEW)
    assert (
        f"KEY ROTATION: the rotation at seq {seq} is missing from proofs/rotations.jsonl" in report.problems
    )
