"""The verifier from a trusted source: its hash is printed by the release, signed into every bundle,
and the verifier says when it, or the bundled copy, is not the published one."""

from __future__ import annotations

import asyncio
import hashlib
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from audit import bundle_verify
from audit.checkpoint import NoteSigner
from audit.database import open_database
from audit.export.bagit import bag
from audit.export.bundle import build_bundle
from audit.export.request import ExportRequest
from audit.export.statement import sign_bundle
from audit.query.scope import ADMIN_SCOPE
from audit.store import open_audit_log
from sovgw.cli import main as sovgw
from tests.audit.conftest import audit_config, forward

SIGNER = NoteSigner.from_seed("sovereign-gateway.local/audit", bytes(range(32)))
PUBLISHED = hashlib.sha256(Path(bundle_verify.__file__).read_bytes()).hexdigest()


@pytest.fixture
def bag_dir(tmp_path) -> Path:
    config = audit_config(tmp_path, signing_key=SIGNER.private_text())

    async def write():
        store = await open_audit_log(config)
        for i in range(5):
            await store.append(forward(i))
        await store.aclose()

    asyncio.run(write())
    db = open_database(config.database_url, writer=False)
    try:
        request = ExportRequest(datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))
        bundle = build_bundle(db, ADMIN_SCOPE, request, [SIGNER.vkey()], signer=SIGNER)
    finally:
        db.dispose()
    return bundle.write(tmp_path / "bag")


def _with_verifier_copy(bag_dir: Path, source: bytes) -> Path:
    """The bag as an operator could ship it: another verifier copy, every manifest and the statement
    made afresh with the log's key (so the bag itself verifies)."""
    files = bundle_verify.read_bag(bag_dir)
    payload = {p.removeprefix("data/"): d for p, d in files.items() if p.startswith("data/")}
    payload["verifier/bundle_verify.py"] = source
    info = dict(line.split(": ", 1) for line in files["bag-info.txt"].decode().splitlines())
    info.pop("Payload-Oxum")
    out = bag_dir.with_name("reshipped")
    for path, data in sign_bundle(bag(payload, info), SIGNER).items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_bytes(data)
    return out


def test_verifier_hash_prints_the_hash_every_bundle_signs(bag_dir, capsys):
    assert sovgw(["audit", "verifier-hash"]) == 0
    printed = capsys.readouterr().out.split()[0]
    assert printed == PUBLISHED
    assert f"verifier-sha256 {printed}" in (bag_dir / "bundle-signature.txt").read_text()
    assert hashlib.sha256((bag_dir / "data/verifier/bundle_verify.py").read_bytes()).hexdigest() == printed


def test_verify_bundle_with_the_published_hash_passes_and_says_which_verifier_ran(bag_dir, capsys):
    argv = ["audit", "verify-bundle", str(bag_dir), "--key", SIGNER.vkey(), "--verifier-sha256", PUBLISHED]
    assert sovgw(argv) == 0
    out = capsys.readouterr().out
    assert f"this verifier's sha256 is {PUBLISHED}" in out
    assert "PASS this verifier is the published release" in out
    assert "VERIFIER DIFFERS" not in out


def test_a_bundled_copy_that_is_not_the_published_verifier_is_reported(bag_dir, capsys):
    other = _with_verifier_copy(bag_dir, b"print('all fine')\n")
    argv = ["audit", "verify-bundle", str(other), "--key", SIGNER.vkey(), "--verifier-sha256", PUBLISHED]
    assert sovgw(argv) == 0  # the evidence itself is intact: the note tells not to trust the copy
    out = capsys.readouterr().out
    bundled = hashlib.sha256(b"print('all fine')\n").hexdigest()
    assert f"VERIFIER DIFFERS: the bundled verifier (sha256 {bundled}) is not this one" in out
    assert "the bundled copy is not the published release either" in out


def test_running_a_verifier_that_is_not_the_published_one_fails(bag_dir, tmp_path):
    changed = Path(bundle_verify.__file__).read_bytes() + b"\n# changed\n"
    (tmp_path / "run").mkdir()
    (tmp_path / "run" / "bundle_verify.py").write_bytes(changed)
    argv = [sys.executable, "bundle_verify.py", str(bag_dir), "--key", SIGNER.vkey()]
    ran = subprocess.run(
        [*argv, "--verifier-sha256", PUBLISHED], cwd=tmp_path / "run", capture_output=True, text=True
    )
    assert ran.returncode == 1
    assert f"FAIL UNTRUSTED VERIFIER: this verifier ({hashlib.sha256(changed).hexdigest()})" in ran.stdout
    assert (
        subprocess.run(argv, cwd=tmp_path / "run", capture_output=True).returncode == 0
    )  # no hash: no claim
