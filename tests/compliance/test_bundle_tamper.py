"""Every file of an export counts: each way an insider could alter a bundle is caught and named."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from audit import bundle_verify, entries, tree_store
from audit.checkpoint import Checkpoint, NoteSigner
from audit.cosignature import CosignatureSigner, add_signature_lines
from audit.database import open_database
from audit.export.bundle import Bundle, build_bundle
from audit.export.request import ExportRequest
from audit.export.statement import FILE, sign_bundle
from audit.query.scope import ADMIN_SCOPE
from tests.compliance.test_bundle import SINCE, UNTIL, bundle_for, verify
from tests.compliance.trail import SIGNER, build_trail
from tests.support.bags import rebag


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    trail = build_trail(tmp_path_factory.mktemp("trail"))
    return bundle_for(trail, jurisdiction="CH")


def failures(files: dict[str, bytes]) -> str:
    report = verify(files)
    assert not report.ok
    return "\n".join(report.problems)


def test_the_untouched_bundle_passes_with_its_statement(bundle: Bundle) -> None:
    report = verify(bundle.files)
    assert report.ok, report.render()
    assert any("signed statement covers every file" in c for c in report.checks)


@pytest.mark.parametrize(
    "name", ["data/report.html", "data/report.pdf", "data/summary.csv", "data/README.txt"]
)
def test_an_edited_derived_file_is_named(bundle: Bundle, name: str) -> None:
    files = dict(bundle.files)
    files[name] = files[name].replace(b"CH", b"DE", 1) + b" "
    assert "FILE EDITED" in failures(rebag(files))


def test_a_widened_period_in_export_json_is_named(bundle: Bundle) -> None:
    files = dict(bundle.files)
    manifest = json.loads(files["data/export.json"])
    manifest["to"] = "2027-01-01T00:00:00Z"
    files["data/export.json"] = json.dumps(manifest).encode()
    assert "PERIOD WIDENED" in failures(rebag(files))


def test_a_changed_scope_in_export_json_is_named(bundle: Bundle) -> None:
    files = dict(bundle.files)
    manifest = json.loads(files["data/export.json"])
    manifest["scope"]["jurisdictions"] = ["CH", "DE"]
    files["data/export.json"] = json.dumps(manifest).encode()
    assert "SCOPE CHANGED" in failures(rebag(files))


def test_a_leaf_moved_to_the_withheld_leaves_is_caught(bundle: Bundle) -> None:
    files = dict(bundle.files)
    records = files["data/records.jsonl"].splitlines(keepends=True)
    moved = records.pop()
    seq = json.loads(moved)["seq"]
    data = moved.rstrip(b"\n")
    line = entries.withheld_line(seq, json.loads(data), data)  # its true scope and digest
    withheld = [*files["data/withheld-entries.jsonl"].splitlines(keepends=True), line]
    files["data/records.jsonl"] = b"".join(records)
    files["data/withheld-entries.jsonl"] = b"".join(sorted(withheld, key=lambda x: json.loads(x)["seq"]))
    assert "FILE EDITED" in failures(rebag(files))


def test_a_replaced_verifier_is_named(bundle: Bundle) -> None:
    files = dict(bundle.files)
    files["data/verifier/bundle_verify.py"] = b"print('result: PASS')\n"
    assert "VERIFIER REPLACED" in failures(rebag(files))


def test_a_bundle_without_its_statement_is_unsigned(bundle: Bundle) -> None:
    files = {p: d for p, d in bundle.files.items() if p != FILE}
    assert "UNSIGNED" in failures(files)


def test_a_statement_re_signed_with_a_local_key_does_not_verify(bundle: Bundle) -> None:
    files = dict(bundle.files)
    manifest = json.loads(files["data/export.json"])
    manifest["to"] = UNTIL.isoformat()
    local = NoteSigner.from_seed(SIGNER.name, bytes(32))  # the insider's own key, same name
    forged = sign_bundle(rebag({**files, "data/export.json": json.dumps(manifest).encode()}), local)
    assert "bundle-signature.txt: no signature by the given key" in failures(forged)


def test_the_trusted_verifier_warns_when_the_bundled_copy_differs(bundle: Bundle, tmp_path: Path) -> None:
    """Run alone, as a regulator would: the independently obtained copy names a bundled copy it is not."""
    trusted = tmp_path / "bundle_verify.py"
    source = Path("audit/bundle_verify.py").read_bytes()
    trusted.write_bytes(source + b"\n# release 2\n")
    bag = bundle.write(tmp_path / "bag")
    key = tmp_path / "log.vkey"
    key.write_text(SIGNER.vkey())
    done = subprocess.run(
        [sys.executable, str(trusted), str(bag), "--key", str(key)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout
    assert "is not this one" in done.stdout and "obtained independently" in done.stdout


WITNESSES = [CosignatureSigner.from_seed(f"w{i}.test", bytes([i + 1]) * 32) for i in range(2)]


def witnessed_bundle(
    trail_dir: Path, size_delta: int = -5, cosigners: int = 2, root: bytes | None = None
) -> Bundle:
    trail = build_trail(trail_dir)
    db = open_database(trail.url, writer=False)
    try:
        with db.engine.connect() as conn:
            anchor = tree_store.latest_checkpoint(conn)
            assert anchor is not None
            size = anchor.size + size_delta
            if root is None:
                root = tree_store.root(conn, min(size, anchor.size))
        cp = Checkpoint(anchor.note.split("\n", 1)[0], size, root)
        note = add_signature_lines(SIGNER.sign(cp), [w.cosign(cp) for w in WITNESSES[:cosigners]])
        request = ExportRequest(SINCE, UNTIL, jurisdiction="CH")
        return build_bundle(db, ADMIN_SCOPE, request, [trail.vkey], signer=SIGNER, witnessed=note)
    finally:
        db.dispose()


def verify_witnessed(bundle: Bundle, quorum: int = 2) -> bundle_verify.Report:
    keys = [bundle_verify.WitnessKey(w.vkey()) for w in WITNESSES]
    return bundle_verify.verify_bundle(
        bundle.files, bundle_verify.PublicKey.parse(SIGNER.vkey()), keys, quorum
    )


def test_a_bundle_extending_its_witnessed_checkpoint_passes(tmp_path: Path) -> None:
    report = verify_witnessed(witnessed_bundle(tmp_path))
    assert report.ok, report.render()
    assert any("extends the one witnessed" in c and "w0.test, w1.test" in c for c in report.checks)


def test_a_witnessed_checkpoint_without_the_quorum_is_named(tmp_path: Path) -> None:
    report = verify_witnessed(witnessed_bundle(tmp_path, cosigners=1))
    assert "NOT WITNESSED: 1 of the required 2 witness cosignatures" in report.problems


def test_a_bundle_from_a_rolled_back_log_is_named(tmp_path: Path) -> None:
    report = verify_witnessed(witnessed_bundle(tmp_path, size_delta=7, root=bytes(32)))
    assert any(p.startswith("ROLLBACK: the witnesses cosigned size") for p in report.problems)


def test_a_bundle_from_a_rewritten_log_is_named(tmp_path: Path) -> None:
    report = verify_witnessed(witnessed_bundle(tmp_path, root=bytes(32)))
    assert any(p.startswith("REWRITE: the bundle's checkpoints do not extend") for p in report.problems)


def test_a_bundle_without_a_witnessed_checkpoint_is_named(bundle: Bundle) -> None:
    report = verify_witnessed(bundle, quorum=1)
    assert "NOT WITNESSED: the bundle holds no witnessed checkpoint and none was given" in report.problems


def test_the_one_file_verifier_takes_witness_keys_on_its_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "t").mkdir()
    bag = witnessed_bundle(tmp_path / "t").write(tmp_path / "bag")
    args = [str(bag), "--key", SIGNER.vkey(), "--quorum", "2"]
    witness_args = [a for w in WITNESSES for a in ("--witness", w.vkey())]
    assert bundle_verify.main([*args, *witness_args]) == 0
    assert "extends the one witnessed" in capsys.readouterr().out
    assert bundle_verify.main([*args, "--witness", SIGNER.vkey()]) == 2
    assert "not a cosignature (type 0x04) key" in capsys.readouterr().err
    assert bundle_verify.main([*args, *witness_args, "--witnessed", str(tmp_path / "absent")]) == 2


def test_swapped_checkpoint_files_are_caught(bundle: Bundle) -> None:
    files = dict(bundle.files)
    names = json.loads(files["data/export.json"])["checkpoints"]
    assert len(names) >= 2
    a, b = f"data/{names[0]}", f"data/{names[-1]}"
    files[a], files[b] = files[b], files[a]
    problems = failures(rebag(files))
    assert "FILE EDITED" in problems and "not consistent" in problems
