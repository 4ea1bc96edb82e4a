"""The tile API: a monitor mirrors the trail from /checkpoint and /tile/... alone; independent code agrees."""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from audit import merkle
from audit.checkpoint import NoteVerifier
from audit.database import open_database
from audit.tiles import WIDTH, format_index
from audit.tree_store import RECORDS
from tests.compliance.conftest import gateway_config, make_app
from tests.compliance.trail import Trail, build_trail
from tests.support.system import tlog_interop_binary


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Trail, TestClient]]:
    trail = build_trail(tmp_path_factory.mktemp("tiles"), requests=150)
    with TestClient(make_app(gateway_config(trail)), base_url="http://127.0.0.1") as client:
        yield trail, client


def tile_paths(size: int) -> list[str]:
    """Every tile a mirror of a tree of ``size`` holds: full ones, then the partial right edge."""
    paths = []
    for prefix, count in (("entries", size), ("0", size), ("1", size >> 8)):
        full, rest = divmod(count, WIDTH)
        paths += [f"tile/{prefix}/{format_index(n)}" for n in range(full)]
        if rest:
            paths.append(f"tile/{prefix}/{format_index(full)}.p/{rest}")
    return paths


def record_digests(trail: Trail, size: int) -> list[str]:
    """The SHA-256 of each record's bytes, seq 0 to size - 1, read from the trail's database."""
    db = open_database(trail.url, writer=False)
    try:
        with db.engine.connect() as conn:
            rows = conn.execute(
                select(RECORDS.c.canonical).where(RECORDS.c.seq < size).order_by(RECORDS.c.seq)
            )
            return [hashlib.sha256(bytes(c)).hexdigest() for (c,) in rows]
    finally:
        db.dispose()


def entries(data: bytes) -> list[bytes]:
    out = []
    while data:
        n = int.from_bytes(data[:2], "big")
        out.append(data[2 : 2 + n])
        data = data[2 + n :]
    return out


def test_a_monitor_rebuilds_the_signed_tree_from_tiles(site: tuple[Trail, TestClient]) -> None:
    trail, client = site
    served = client.get("/checkpoint")
    assert served.status_code == 200 and served.headers["cache-control"] == "public, max-age=5"
    cp = NoteVerifier.from_vkey(trail.vkey).verify(served.text)
    assert cp.size == trail.size > WIDTH
    got = {p: client.get("/" + p) for p in tile_paths(cp.size)}
    assert all(r.status_code == 200 for r in got.values())
    records = [e for p, r in got.items() if p.startswith("tile/entries/") for e in entries(r.content)]
    leaves = b"".join(r.content for p, r in got.items() if p.startswith("tile/0/"))
    assert [merkle.leaf_hash(e) for e in records] == [leaves[i : i + 32] for i in range(0, len(leaves), 32)]
    assert merkle.root([merkle.leaf_hash(e) for e in records]) == cp.root
    level8 = got["tile/1/000.p/1"].content
    assert level8 == merkle.root([merkle.leaf_hash(e) for e in records[:WIDTH]])
    # entries are format 2: each the scope and digest of the record at its seq (audit/entries.py)
    assert [json.loads(e)["v"] for e in records] == [2] * cp.size
    assert [json.loads(e)["record"] for e in records] == record_digests(trail, cp.size)
    assert got["tile/0/000"].headers["cache-control"] == "public, max-age=31536000, immutable"
    assert got[f"tile/0/001.p/{cp.size - WIDTH}"].headers["cache-control"] == "public, max-age=5"


@pytest.mark.parametrize(
    "path",
    [
        "tile/0/999",  # beyond the checkpoint
        "tile/entries/002",  # a full bundle the tree has not reached
        "tile/0/001.p/255",  # a partial wider than the tree
        "tile/1/000",
        "tile/8/000",  # no such level
        "tile/0/1",  # not three digits
        "tile/0/001/002",  # a group without x
        "tile/0/000.p/0",
        "tile/0/000.p/256",
        "tile/entries/x",
    ],
)
def test_tiles_outside_the_signed_tree_or_malformed_are_404(
    site: tuple[Trail, TestClient], path: str
) -> None:
    assert site[1].get("/" + path).status_code == 404


def test_independent_go_code_verifies_the_mirrored_tiles(
    site: tuple[Trail, TestClient], tmp_path: Path
) -> None:
    binary = tlog_interop_binary()
    trail, client = site
    note = client.get("/checkpoint").text
    cp = NoteVerifier.from_vkey(trail.vkey).verify(note)
    for path in tile_paths(cp.size):
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(client.get("/" + path).content)
    request = {"note": note, "log_vkey": trail.vkey, "origin": cp.origin, "tiles_dir": str(tmp_path)}
    done = subprocess.run(
        [binary, "check"], input=json.dumps(request), capture_output=True, text=True, check=True
    )
    answer = json.loads(done.stdout)
    assert answer["errors"] == []
    assert len(answer["entries"]) == cp.size
    first = json.loads(base64.b64decode(answer["entries"][0]))
    assert first["record"] == record_digests(trail, 1)[0]
    # one altered byte in an entry bundle is found by the independent reader
    bundle = tmp_path / "tile/entries/000"
    data = bytearray(bundle.read_bytes())
    data[40] ^= 1
    bundle.write_bytes(bytes(data))
    done = subprocess.run(
        [binary, "check"], input=json.dumps(request), capture_output=True, text=True, check=True
    )
    assert any("does not match its leaf hash" in e for e in json.loads(done.stdout)["errors"])


def test_checkpoint_is_the_quorum_cosigned_one_when_witnesses_are_configured(tmp_path: Path) -> None:
    from audit.witnessing import Witnessed, Witnessing

    trail = build_trail(tmp_path, requests=5)
    state: dict = {}
    with TestClient(make_app(gateway_config(trail), state), base_url="http://127.0.0.1") as client:
        state["audit"].witnessing = Witnessing([], 1, 1.0, state["audit"].consistency_proof, tmp_path / "w")
        assert client.get("/checkpoint").status_code == 404  # signed, but not yet published
        state["audit"].witnessing.latest = Witnessed("cosigned note\n", 3, ["w0"])
        assert client.get("/checkpoint").text == "cosigned note\n"


def test_a_tree_with_missing_hashes_answers_503_not_a_wrong_tile(tmp_path: Path) -> None:
    from tests.audit.conftest import tamper

    trail = build_trail(tmp_path, requests=5)
    tamper(trail.url, "DELETE FROM audit_records WHERE seq = 3")
    with TestClient(make_app(gateway_config(trail)), base_url="http://127.0.0.1") as client:
        assert client.get("/tile/0/000.p/8").status_code == 503
        assert client.get("/tile/entries/000.p/8").status_code == 503
