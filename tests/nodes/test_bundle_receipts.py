"""Bundles carry the node evidence behind their records, and the one-file verifier checks every
node-agent receipt from the bundle alone: a tampered receipt, a swapped descriptor and a foreign
operator key are each caught by name."""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from audit import bundle_verify
from audit.checkpoint import NoteSigner
from audit.database import open_database
from audit.export.bundle import Bundle, build_bundle
from audit.export.request import ExportRequest
from audit.query.scope import ADMIN_SCOPE
from domain.nodes import descriptor_digest
from tests.nodes.grid import BALTIC, RHEIN, GridNode, descriptor, signed, start_grid
from tests.support.bags import rebag

KEYS = {n: Ed25519PrivateKey.generate() for n in ("lt-1", "lv-1")}
SIGNED = {n: signed(descriptor(n, BALTIC, n[:2].upper(), k), BALTIC) for n, k in KEYS.items()}
DIGESTS = {n: descriptor_digest(s.descriptor) for n, s in SIGNED.items()}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Bundle, NoteSigner]]:
    workdir: Path = tmp_path_factory.mktemp("bundle-receipts")
    nodes = [
        GridNode(n, n[:2].upper(), BALTIC, SIGNED[n].model_dump_json().encode(), "honest", KEYS[n])
        for n in KEYS
    ]
    grid = start_grid(workdir, nodes, [BALTIC])
    try:
        for _ in range(3):
            assert grid.generate().status_code == 200
        assert grid.stream().status_code == 200
    finally:
        grid.stop()  # the gateway signs its last checkpoint on the way out
    signer = NoteSigner.from_text(grid.config.audit.log_origin, grid.config.audit.signing_key or "")
    db = open_database(grid.config.audit.database_url, writer=False)
    now = datetime.now(UTC)
    try:
        request = ExportRequest(now - timedelta(hours=1), now + timedelta(hours=1))
        yield build_bundle(db, ADMIN_SCOPE, request, [signer.vkey()], signer=signer), signer
    finally:
        db.dispose()


def verify(files: dict[str, bytes], signer: NoteSigner) -> bundle_verify.Report:
    return bundle_verify.verify_bundle(files, bundle_verify.PublicKey.parse(signer.vkey()))


def receipt_seqs(files: dict[str, bytes]) -> list[int]:
    docs = [json.loads(line) for line in files["data/records.jsonl"].splitlines()]
    return [d["seq"] for d in docs if d["kind"] == "completion" and d["receipt"]["status"] == "verified"]


def served(files: dict[str, bytes]) -> str:
    """A descriptor digest some exported receipt was routed under."""
    names = [p for p in files if p.startswith("data/nodes/descriptors/")]
    return names[0].rsplit("/", 1)[1].removesuffix(".json")


def test_the_bundle_holds_the_descriptors_and_operator_keys_and_its_receipts_verify(exported) -> None:
    bundle, signer = exported
    files = bundle.files
    assert len(receipt_seqs(files)) == 4
    held = {
        p.rsplit("/", 1)[1].removesuffix(".json") for p in files if p.startswith("data/nodes/descriptors/")
    }
    assert held and held <= set(DIGESTS.values())
    assert json.loads(files["data/nodes/operators.json"]) == {BALTIC.name: [BALTIC.public_key]}
    manifest = files["manifest-sha256.txt"].decode()
    assert "data/nodes/operators.json" in manifest
    assert all(f"data/nodes/descriptors/{d}.json" in manifest for d in held)
    report = verify(files, signer)
    assert report.ok, report.render()
    assert "4 node receipts signed by their nodes, under descriptors their operators signed" in report.checks


def test_a_tampered_receipt_is_caught(exported) -> None:
    bundle, signer = exported
    seq = receipt_seqs(bundle.files)[0]
    lines = []
    for line in bundle.files["data/records.jsonl"].splitlines():
        doc = json.loads(line)
        if doc["seq"] == seq:
            doc["receipt"]["receipt"]["receipt"]["generated_tokens"] += 1
            line = json.dumps(doc, sort_keys=True, separators=(",", ":")).encode()
        lines.append(line + b"\n")
    files = rebag({**bundle.files, "data/records.jsonl": b"".join(lines)})
    report = verify(files, signer)
    assert (
        f"receipt of seq {seq}: signature invalid (not by the node key its descriptor names)"
        in report.problems
    )


def test_a_swapped_descriptor_is_caught(exported) -> None:
    bundle, signer = exported
    digest = served(bundle.files)
    other = next(n for n, d in DIGESTS.items() if d != digest)
    name = f"data/nodes/descriptors/{digest}.json"
    files = rebag({**bundle.files, name: SIGNED[other].model_dump_json().encode()})
    problems = verify(files, signer).problems
    swapped = f"descriptor digest differs from the forward record's ({name} holds another descriptor)"
    assert any(p.startswith("receipt of seq ") and p.endswith(swapped) for p in problems), problems
    # its node key did not sign the receipts either
    assert any(p.endswith("signature invalid (not by the node key its descriptor names)") for p in problems)


def test_a_foreign_operator_key_is_caught(exported) -> None:
    bundle, signer = exported
    foreign = json.dumps({BALTIC.name: [RHEIN.public_key]}).encode()
    files = rebag({**bundle.files, "data/nodes/operators.json": foreign})
    problems = verify(files, signer).problems
    expected = f"descriptor not signed by its operator ({BALTIC.name})"
    assert any(p.startswith("receipt of seq ") and p.endswith(expected) for p in problems), problems


def test_a_bundle_without_node_records_has_no_node_files(tmp_path: Path) -> None:
    grid = start_grid(tmp_path, [GridNode("lt-1", "LT", BALTIC)], [BALTIC])
    try:
        assert grid.generate().status_code == 200
    finally:
        grid.stop()
    signer = NoteSigner.from_text(grid.config.audit.log_origin, grid.config.audit.signing_key or "")
    db = open_database(grid.config.audit.database_url, writer=False)
    now = datetime.now(UTC)
    try:
        request = ExportRequest(now - timedelta(hours=1), now + timedelta(hours=1))
        files = build_bundle(db, ADMIN_SCOPE, request, [signer.vkey()], signer=signer).files
    finally:
        db.dispose()
    assert not [p for p in files if p.startswith("data/nodes/")]
    assert verify(files, signer).ok


def test_operator_keys_given_by_the_operators_replace_the_bundles_list(exported, tmp_path: Path) -> None:
    """The log's operator compiles the bundle's list of operator keys, so it could list a key of its
    own beside descriptors it made up; a regulator who has each operator's key from the operator
    itself checks the descriptors against that."""
    bundle, signer = exported
    listed = bundle_verify.verify_bundle(
        bundle.files,
        bundle_verify.PublicKey.parse(signer.vkey()),
        operator_keys={BALTIC.name: [BALTIC.public_key]},
    )
    assert listed.ok, listed.render()
    assert any("(with the operator keys given)" in check for check in listed.checks)

    # The bundle says the descriptors are Baltic's and lists Baltic with a key; Baltic says otherwise.
    pinned = bundle_verify.verify_bundle(
        bundle.files,
        bundle_verify.PublicKey.parse(signer.vkey()),
        operator_keys={BALTIC.name: [RHEIN.public_key]},
    )
    expected = f"descriptor not signed by its operator ({BALTIC.name})"
    assert any(p.startswith("receipt of seq ") and p.endswith(expected) for p in pinned.problems)
    assert f"the bundle lists other keys for {BALTIC.name} than those pinned" in pinned.notes

    # From the command line: NAME=KEY, as itself or in a file; a malformed one is not checkable.
    (tmp_path / "bundle").mkdir()
    for name, data in bundle.files.items():
        (tmp_path / "bundle" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "bundle" / name).write_bytes(data)
    (tmp_path / "operators.txt").write_text(f"{BALTIC.name}={RHEIN.public_key}\n")
    for value, status in [
        (f"{BALTIC.name}={BALTIC.public_key}", 0),
        (str(tmp_path / "operators.txt"), 1),
        (f"{BALTIC.name}:{BALTIC.public_key}", 2),
        (f"{BALTIC.name}=not-a-key", 2),
    ]:
        parser = argparse.ArgumentParser()
        bundle_verify.add_arguments(parser)
        args = parser.parse_args([str(tmp_path / "bundle"), "--key", signer.vkey(), "--operator-key", value])
        assert bundle_verify.run(args) == status, value
