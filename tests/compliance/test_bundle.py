"""Export bundles verify offline, and every way of tampering with one is caught and named."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from audit import bundle_verify
from audit.database import open_database
from audit.export.bundle import build_bundle
from audit.export.request import ExportError, ExportForbidden, ExportRequest
from audit.query.scope import ADMIN_SCOPE, AccessScope, Role
from audit.times import TimeFormatError, parse_when
from sovgw.cli import main as sovgw
from tests.compliance.trail import SIGNER, build_trail
from tests.support.bags import rebag

OTHER_KEY = "sovereign-gateway.local/audit+00000000+" + "AQ" + "A" * 42 + "="
SINCE, UNTIL = datetime(2026, 11, 3, tzinfo=UTC), datetime(2026, 11, 7, tzinfo=UTC)


@pytest.fixture(scope="module")
def trail(tmp_path_factory):
    return build_trail(tmp_path_factory.mktemp("trail"))


def bundle_for(trail, scope=ADMIN_SCOPE, **kw):
    db = open_database(trail.url, writer=False)
    try:
        return build_bundle(
            db,
            scope,
            ExportRequest(kw.pop("since", SINCE), kw.pop("until", UNTIL), **kw),
            [trail.vkey],
            signer=SIGNER,
        )
    finally:
        db.dispose()


def verify(files, key=None):
    return bundle_verify.verify_bundle(files, bundle_verify.PublicKey.parse(key or SIGNER.vkey()))


def failures(report):
    assert not report.ok, report.render()
    return "\n".join(report.problems)


def test_a_tenant_export_verifies_and_holds_only_that_tenants_records(trail):
    bundle = bundle_for(trail, tenant="acme")
    report = verify(bundle.files)
    assert report.ok, report.render()
    lines = bundle.files["data/records.jsonl"].splitlines()
    assert lines and all(json.loads(line)["request"]["tenant"] == "acme" for line in lines)
    assert bundle.withheld_count > bundle.record_count  # two other tenants' entries, as hashes only
    withheld = bundle.files["data/withheld-entries.jsonl"] + bundle.files["data/withheld-leaves.txt"]
    assert b"globex" not in withheld and b"acme" not in withheld  # tenants hashed with each record
    for name in ("bagit.txt", "bag-info.txt", "data/report.html", "data/schema/record.schema.json"):
        assert name in bundle.files
    assert bundle.files["data/report.pdf"].startswith(b"%PDF-")
    assert b"records exported" in bundle.files["data/report.html"].lower()


def test_a_jurisdiction_export_holds_only_records_served_there(trail):
    bundle = bundle_for(trail, jurisdiction="CH")
    assert verify(bundle.files).ok
    docs = [json.loads(line) for line in bundle.files["data/records.jsonl"].splitlines()]
    assert docs and {(d.get("node") or d.get("served_by"))["jurisdiction"] for d in docs} == {"CH"}


def test_an_empty_time_range_gives_an_empty_bundle_that_verifies(trail):
    bundle = bundle_for(trail, since=datetime(2020, 1, 1, tzinfo=UTC), until=datetime(2020, 2, 1, tzinfo=UTC))
    assert bundle.record_count == 0
    assert verify(bundle.files).ok


def test_scope_limits_exports(trail):
    officer = AccessScope(Role.OFFICER, tenants=("acme",))
    with pytest.raises(ExportForbidden):
        bundle_for(trail, officer, tenant="globex")
    own = bundle_for(trail, officer)  # no filter: still only the officer's tenant
    assert {json.loads(x)["request"]["tenant"] for x in own.files["data/records.jsonl"].splitlines()} == {
        "acme"
    }
    assert verify(own.files).ok
    with pytest.raises(ExportError):
        bundle_for(trail, tenant="acme", jurisdiction="DE")
    with pytest.raises(ExportError):
        bundle_for(trail, since=UNTIL, until=SINCE)


def edit_record(files):
    lines = files["data/records.jsonl"].split(b"\n")
    lines[1] = lines[1].replace(b'"analytics"', b'"marketing"').replace(b'"support"', b'"marketing"')
    return {**files, "data/records.jsonl": b"\n".join(lines)}


def drop_record(files):
    lines = files["data/records.jsonl"].split(b"\n")
    del lines[2]
    return {**files, "data/records.jsonl": b"\n".join(lines)}


def reorder_records(files):
    lines = files["data/records.jsonl"].split(b"\n")
    lines[0], lines[1] = lines[1], lines[0]
    return {**files, "data/records.jsonl": b"\n".join(lines)}


def drop_withheld_entry(files):
    lines = files["data/withheld-entries.jsonl"].split(b"\n")
    del lines[3]
    return {**files, "data/withheld-entries.jsonl": b"\n".join(lines)}


def withheld_to_record(files):
    """Pretend a record was never there: turn a record into a forged withheld hash."""
    lines = files["data/records.jsonl"].split(b"\n")
    seq = json.loads(lines[0])["seq"]
    forged = f"{seq} {'ab' * 32}\n".encode()
    return {
        **files,
        "data/records.jsonl": b"\n".join(lines[1:]),
        "data/withheld-leaves.txt": files["data/withheld-leaves.txt"] + forged,
    }


def withheld_with_another_scope(files):
    """Pretend a record was someone else's: list it as a withheld entry whose scope names another tenant."""
    lines = files["data/records.jsonl"].split(b"\n")
    doc = json.loads(lines[0])
    digest = hashlib.sha256(lines[0]).hexdigest()
    scope = {"jurisdiction": None, "kind": doc["kind"], "recorded_at": doc["recorded_at"]}
    scope["tenant"] = hashlib.sha256(f"{digest}\nglobex".encode()).hexdigest()
    forged = json.dumps({"record": digest, "scope": scope, "seq": doc["seq"]}).encode() + b"\n"
    return {
        **files,
        "data/records.jsonl": b"\n".join(lines[1:]),
        "data/withheld-entries.jsonl": files["data/withheld-entries.jsonl"] + forged,
    }


def swap_checkpoint(files):
    names = sorted(p for p in files if p.startswith("data/checkpoints/"))
    first, last = names[0], names[-1]
    return {**files, last: files[first]}


def forge_checkpoint(files):
    name = sorted(p for p in files if p.startswith("data/checkpoints/"))[-1]
    body, _, sig = files[name].decode().partition("\n\n")
    lines = body.split("\n")
    lines[1] = str(int(lines[1]) + 1)
    return {**files, name: ("\n".join(lines) + "\n\n" + sig).encode()}


def edit_manifest(files):
    manifest = files["manifest-sha256.txt"].decode().split("\n")
    manifest[0] = "0" * 64 + manifest[0][64:]
    return {**files, "manifest-sha256.txt": "\n".join(manifest).encode()}


def edit_export_filter(files):
    manifest = json.loads(files["data/export.json"])
    manifest["filter"]["tenant"] = "globex"
    return {**files, "data/export.json": json.dumps(manifest).encode()}


TAMPERING = {
    "edit a record": (edit_record, "does not match its SHA-256"),
    "drop a record": (drop_record, "missing from the range"),
    "reorder records": (reorder_records, "reordered"),
    "drop a withheld entry": (drop_withheld_entry, "missing from the range"),
    "hide a record as a bare leaf": (withheld_to_record, "HIDDEN SCOPE"),
    "hide a record behind another scope": (withheld_with_another_scope, "scope falsified"),
    "swap a checkpoint": (swap_checkpoint, "not consistent"),
    "forge a checkpoint": (forge_checkpoint, "does not verify"),
    "edit the manifest": (edit_manifest, "does not match its SHA-256 in manifest-sha256.txt"),
    "claim another filter": (edit_export_filter, "another tenant"),
}


@pytest.mark.parametrize("rebagged", [False, True], ids=["as-is", "manifests-recomputed"])
@pytest.mark.parametrize("name", list(TAMPERING))
def test_tampering_is_caught_and_named(trail, name, rebagged):
    tamper, expected = TAMPERING[name]
    files = tamper(bundle_for(trail, tenant="acme").files)
    if rebagged:
        files = rebag(files)
        if name == "edit the manifest":
            expected = "does not match its SHA-256"  # rebagging undoes the edit: caught as a file change
            files = edit_manifest(files)
    if rebagged and name == "edit a record":
        expected = "seq"
    assert expected in failures(verify(files))


def test_a_wrong_key_is_refused(trail):
    from audit.checkpoint import NoteSigner

    other = NoteSigner.from_seed(SIGNER.name, bytes(32)).vkey()
    assert "no signature by the given key" in failures(verify(bundle_for(trail).files, other))
    renamed = NoteSigner.from_seed("another-log", bytes(range(32))).vkey()
    assert "no signature by the given key" in failures(verify(bundle_for(trail).files, renamed))


def test_keys_and_bundles_that_cannot_be_read_exit_2(trail, tmp_path, capsys):
    assert bundle_verify.main([str(tmp_path), "--key", "not-a-key"]) == 2
    assert bundle_verify.main([str(tmp_path), "--key", SIGNER.vkey()]) == 2  # an empty directory
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip")
    assert bundle_verify.main([str(junk), "--key", SIGNER.vkey()]) == 2
    assert "cannot verify" in capsys.readouterr().err


def _only_cryptography(deps: Path) -> None:
    """A directory holding the cryptography package and what it imports, nothing of this project."""
    import _cffi_backend
    import cffi
    import cryptography
    import pycparser

    deps.mkdir()
    for module in (cryptography, cffi, pycparser):
        (deps / module.__name__).symlink_to(Path(module.__file__).parent)
    backend = Path(_cffi_backend.__file__)
    (deps / backend.name).symlink_to(backend)


def _run_alone(work: Path, *args: str) -> subprocess.CompletedProcess:
    # -I -S: no site-packages, no PYTHONPATH, no current directory: only the stdlib and deps/.
    launcher = (
        "import runpy, sys; sys.path[:0] = ['deps']; sys.argv = sys.argv[1:]; "
        "runpy.run_path(sys.argv[0], run_name='__main__')"
    )
    return subprocess.run(
        [sys.executable, "-I", "-S", "-c", launcher, *args],
        cwd=work,
        env={"PATH": os.environ["PATH"]},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_verifier_runs_alone_from_an_empty_directory(trail, tmp_path):
    """Only the bundle, the key, the verifier copied out of the bundle, and cryptography."""
    bundle = bundle_for(trail, jurisdiction="DE")
    work = tmp_path / "regulator"
    work.mkdir()
    (work / "bundle.zip").write_bytes(bundle.zip_bytes())
    (work / "log.vkey").write_text(SIGNER.vkey() + "\n")
    with zipfile.ZipFile(work / "bundle.zip") as zf:
        (work / "bundle_verify.py").write_bytes(zf.read(f"{bundle.name}/data/verifier/bundle_verify.py"))
    _only_cryptography(work / "deps")
    (work / "probe.py").write_text("import audit\n")
    assert "No module named 'audit'" in _run_alone(work, "probe.py").stderr
    done = _run_alone(work, "bundle_verify.py", "bundle.zip", "--key", "log.vkey")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip().endswith("result: PASS")
    with zipfile.ZipFile(work / "bundle.zip") as zf:
        zf.extractall(work / "extracted")
    bag = work / "extracted" / bundle.name
    (bag / "data/records.jsonl").write_bytes(b"")
    failed = _run_alone(work, "bundle_verify.py", str(bag), "--key", "log.vkey")
    assert failed.returncode == 1
    assert "FAIL data/records.jsonl does not match" in failed.stdout


def test_the_export_command_records_the_export_and_writes_a_verifiable_bag(trail, tmp_path, capsys):
    db_copy = tmp_path / "copy.db"
    shutil.copy(trail.url.removeprefix("sqlite:///"), db_copy)
    key_file = tmp_path / "keys" / "log.key"
    key_file.parent.mkdir()
    key_file.write_text(SIGNER.private_text() + "\n")
    argv = ["audit", "export", "--database", f"sqlite:///{db_copy}", "--signing-key-file", str(key_file)]
    argv += ["--from", "2026-11-01"]
    argv += ["--to", "2026-11-19", "--tenant", "globex", "--out", str(tmp_path / "out")]
    assert sovgw(argv) == 0
    assert "records" in capsys.readouterr().out
    assert bundle_verify.main([str(tmp_path / "out"), "--key", SIGNER.vkey()]) == 0
    db = open_database(f"sqlite:///{db_copy}", writer=False)
    try:
        with db.engine.connect() as conn:
            detail = conn.exec_driver_sql(
                "SELECT canonical FROM audit_records WHERE kind = 'export' ORDER BY seq DESC"
            ).scalar()
    finally:
        db.dispose()
    assert json.loads(detail)["detail"]["tenant_filter"] == "globex"
    assert sovgw(argv) == 2  # the output directory is no longer empty
    assert "not empty" in capsys.readouterr().err


def test_dates_parse_as_whole_days():
    assert parse_when("2026-11-03") == datetime(2026, 11, 3, tzinfo=UTC)
    assert parse_when("2026-11-03", end=True) == datetime(2026, 11, 4, tzinfo=UTC)
    assert parse_when("2026-11-03T10:00:00+01:00") == datetime(2026, 11, 3, 9, tzinfo=UTC)
    for text in ("yesterday", "2026-13-01", "9999-12-31", "0001-01-01T00:00:00+01:00"):
        with pytest.raises(TimeFormatError):
            parse_when(text, end=True)


def test_after_a_key_rotation_both_keys_are_needed_and_shipped(tmp_path):
    from audit import canonical
    from audit.checkpoint import NoteSigner
    from audit.writer import LogWriter, PendingRecord
    from domain.events import AdminEvent
    from tests.compliance.trail import ORIGIN

    trail = build_trail(tmp_path, requests=60)
    new = NoteSigner.from_seed(SIGNER.name, bytes(range(1, 33)))
    db = open_database(trail.url)
    try:
        rotation = AdminEvent(
            kind="key_rotation", detail={"key_name": new.name, "key_id": new.key_id.hex(), "vkey": new.vkey()}
        )
        LogWriter(db).append_batch(
            [PendingRecord(datetime(2026, 11, 12, tzinfo=UTC), canonical.event_body(rotation, None))]
        )
        LogWriter(db).sign_checkpoint(new, ORIGIN)
    finally:
        db.dispose()
    bundle = bundle_for(
        trail, since=datetime(2026, 11, 6, tzinfo=UTC), until=datetime(2026, 11, 13, tzinfo=UTC)
    )
    shipped = {d.decode().strip() for p, d in bundle.files.items() if p.startswith("data/keys/")}
    assert shipped == {SIGNER.vkey(), new.vkey()}
    both = [bundle_verify.PublicKey.parse(k) for k in (SIGNER.vkey(), new.vkey())]
    assert bundle_verify.verify_bundle(bundle.files, both).ok
    assert "no signature by the given key" in failures(verify(bundle.files, new.vkey()))
