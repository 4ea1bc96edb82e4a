"""The one-file verifier holds a bundle to the promises clients were given (``--promise``)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from audit import bundle_verify, entries
from audit.database import open_database
from audit.promise import PromiseSigner
from audit.tree_store import RECORDS
from tests.compliance.test_bundle import bundle_for
from tests.compliance.trail import ORIGIN, build_trail

LOG = PromiseSigner.from_seed(ORIGIN, bytes(range(32)))  # the trail's signing key


def _leaf(line: bytes) -> bytes:
    """The leaf of a record: of its format 2 entry (the compliance trail is format 2 from seq 0)."""
    return entries.leaf(json.loads(line)["seq"], line, 0)


def _stored_leaf(url: str, seq: int) -> bytes:
    """The leaf the log holds for ``seq``: what the client's promise was signed over."""
    db = open_database(url, writer=False)
    try:
        with db.engine.connect() as conn:
            found = conn.execute(select(RECORDS.c.leaf_hash).where(RECORDS.c.seq == seq)).scalar_one()
            return bytes(found)
    finally:
        db.dispose()


def _run(tmp_path: Path, files: dict[str, bytes], key: str, *promises: str) -> int:
    out = tmp_path / "bag"
    for name, data in files.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(data)
    args = [str(out), "--key", key]
    for p in promises:
        args += ["--promise", p]
    return bundle_verify.main(args)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """One tenant's export of the compliance tests' trail: its records and others' withheld leaves."""
    trail = build_trail(tmp_path_factory.mktemp("trail"))
    return trail, bundle_for(trail, tenant="acme").files


def test_a_kept_promise_passes_and_one_outside_the_bundle_is_only_noted(
    bundle, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    trail, files = bundle
    line = files["data/records.jsonl"].split(b"\n")[0]
    seq = json.loads(line)["seq"]
    withheld_seq = json.loads(files["data/withheld-entries.jsonl"].split(b"\n")[0])["seq"]
    promises = tmp_path / "promises.txt"
    promises.write_text(
        f"x-sovgw-promise: {LOG.sign(seq, _leaf(line))}\n"
        f"{LOG.sign(withheld_seq, _stored_leaf(trail.url, withheld_seq))}\n"
        f"{LOG.sign(10**9, bytes(32))}\n"
    )
    code = _run(tmp_path, files, trail.vkey, str(promises))
    out = capsys.readouterr().out
    assert code == 0, out
    assert f"PASS promise for seq {seq} kept" in out and f"promise for seq {withheld_seq} kept" in out
    assert f"NOTE promise for seq {10**9}: outside what this bundle holds" in out


def test_a_bundle_whose_entry_is_not_the_promised_one_is_a_broken_promise(
    bundle, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    trail, files = bundle
    seq = json.loads(files["data/records.jsonl"].split(b"\n")[0])["seq"]
    promised = LOG.sign(seq, hashlib.sha256(b'\x00{"the record the client was promised": true}').digest())
    code = _run(tmp_path, files, trail.vkey, promised)
    out = capsys.readouterr().out
    assert code == 1 and f"FAIL BROKEN PROMISE: seq {seq} in this bundle" in out


def test_a_forged_promise_is_invalid(bundle, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    trail, files = bundle
    line = files["data/records.jsonl"].split(b"\n")[0]
    forged = PromiseSigner.from_seed(ORIGIN, bytes(32)).sign(json.loads(line)["seq"], _leaf(line))
    code = _run(tmp_path, files, trail.vkey, forged)
    out = capsys.readouterr().out
    assert code == 1 and "INVALID PROMISE" in out
    assert _run(tmp_path, files, trail.vkey, "bm90IGEgcHJvbWlzZQ==") == 1
