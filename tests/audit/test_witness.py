"""The witness: cosignatures in the C2SP format, and add-checkpoint's answers for every kind of request."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from audit.checkpoint import Checkpoint, CheckpointError, NoteSigner, NoteVerifier
from audit.cosignature import (
    CosignatureSigner,
    CosignatureVerifier,
    add_signature_lines,
    check_quorum,
    cosigners,
)
from audit.merkle import consistency_proof, leaf_hash, root
from sovgw.cli import main
from witness.server import build_app
from witness.state import WitnessState, load_or_create_key
from witness.witness import Refused, Witness

ORIGIN = "example.org/log"
LEAVES = [leaf_hash(f"record {i}".encode()) for i in range(20)]


def proof(m: int, n: int, leaves: list[bytes] = LEAVES) -> list[bytes]:
    return consistency_proof(m, n, lambda s, e: root(leaves[s:e]))


def request(old: int, size: int, log: NoteSigner, leaves: list[bytes] = LEAVES) -> bytes:
    note = log.sign(Checkpoint(ORIGIN, size, root(leaves[:size])))
    hashes = proof(old, size, leaves) if old <= size else []
    lines = [f"old {old}", *(base64.b64encode(h).decode() for h in hashes)]
    return ("\n".join(lines) + "\n\n" + note).encode()


@pytest.fixture
def log() -> NoteSigner:
    return NoteSigner.from_seed(ORIGIN, bytes(range(32)))


@pytest.fixture
def witness(tmp_path: Path, log: NoteSigner) -> Witness:
    signer = load_or_create_key(tmp_path / "w", "w1.example")
    return Witness(signer, [NoteVerifier.from_vkey(log.vkey())], WitnessState(tmp_path / "w" / "state.json"))


def test_a_cosignature_verifies_and_names_its_time(log: NoteSigner) -> None:
    w = CosignatureSigner.from_seed("w1.example", bytes(32))
    cp = Checkpoint(ORIGIN, 3, root(LEAVES[:3]))
    note = log.sign(cp) + w.cosign(cp, timestamp=1_700_000_000)
    verifier = CosignatureVerifier.from_vkey(w.vkey())
    assert verifier.timestamp(note) == 1_700_000_000
    assert NoteVerifier.from_vkey(log.vkey()).verify(note) == cp  # the log's signature still counts


def test_a_cosignature_on_another_checkpoint_or_time_fails(log: NoteSigner) -> None:
    w = CosignatureSigner.from_seed("w1.example", bytes(32))
    line = w.cosign(Checkpoint(ORIGIN, 3, root(LEAVES[:3])), timestamp=5)
    other = log.sign(Checkpoint(ORIGIN, 4, root(LEAVES[:4]))) + line
    with pytest.raises(CheckpointError, match="does not verify"):
        w.verifier().timestamp(other)
    name, _, sig = line.rstrip("\n").rpartition(" ")
    raw = bytearray(base64.b64decode(sig))
    raw[11] ^= 1  # the timestamp
    forged = log.sign(Checkpoint(ORIGIN, 3, root(LEAVES[:3]))) + f"{name} {base64.b64encode(raw).decode()}\n"
    with pytest.raises(CheckpointError, match="does not verify"):
        w.verifier().timestamp(forged)


def test_a_log_key_is_not_a_witness_key(log: NoteSigner) -> None:
    with pytest.raises(CheckpointError, match="type 0x04"):
        CosignatureVerifier.from_vkey(log.vkey())


def test_quorum_counts_only_valid_distinct_witnesses(log: NoteSigner) -> None:
    ws = [CosignatureSigner.from_seed(f"w{i}.example", bytes([i]) * 32) for i in range(3)]
    cp = Checkpoint(ORIGIN, 5, root(LEAVES[:5]))
    note = add_signature_lines(log.sign(cp), [ws[0].cosign(cp), ws[1].cosign(cp), ws[0].cosign(cp, 1)])
    verifiers = [w.verifier() for w in ws]
    assert cosigners(note, verifiers) == ["w0.example", "w1.example"]
    assert check_quorum(note, verifiers, 2) == ["w0.example", "w1.example"]
    with pytest.raises(CheckpointError, match=r"2 of the required 3 .*missing: w2.example"):
        check_quorum(note, verifiers, 3)


def test_the_witness_cosigns_a_first_checkpoint_then_only_consistent_growth(
    witness: Witness, log: NoteSigner
) -> None:
    line = witness.add_checkpoint(request(0, 8, log))
    note = log.sign(Checkpoint(ORIGIN, 8, root(LEAVES[:8]))) + line
    assert cosigners(note, [witness.signer.verifier()]) == ["w1.example"]
    witness.add_checkpoint(request(8, 13, log))
    assert witness.state.head(ORIGIN).size == 13


def test_a_stale_old_size_gets_409_with_the_known_size(witness: Witness, log: NoteSigner) -> None:
    witness.add_checkpoint(request(0, 8, log))
    with pytest.raises(Refused) as e:
        witness.add_checkpoint(request(5, 13, log))
    assert (e.value.status, e.value.known_size) == (409, 8)


def test_a_rollback_or_fork_is_never_cosigned(witness: Witness, log: NoteSigner) -> None:
    witness.add_checkpoint(request(0, 12, log))
    with pytest.raises(Refused) as e:  # truncated log: back to 9 records
        witness.add_checkpoint(request(12, 9, log))
    assert e.value.status == 400
    rewritten = [*LEAVES[:6], leaf_hash(b"rewritten"), *LEAVES[7:]]
    with pytest.raises(Refused) as e:  # same size, another history
        witness.add_checkpoint(request(12, 12, log, rewritten))
    assert e.value.status == 422
    with pytest.raises(Refused) as e:  # a longer history that does not extend the cosigned one
        witness.add_checkpoint(request(12, 16, log, rewritten))
    assert e.value.status == 422
    assert witness.state.head(ORIGIN).size == 12


def test_unknown_logs_and_bad_signatures_get_403(witness: Witness, log: NoteSigner) -> None:
    stranger = NoteSigner.from_seed(ORIGIN, bytes(32))  # same origin, another key
    with pytest.raises(Refused) as e:
        witness.add_checkpoint(request(0, 3, stranger))
    assert e.value.status == 403
    other = NoteSigner.from_seed("other.example/log", bytes(range(32)))
    body = b"old 0\n\n" + other.sign(Checkpoint("other.example/log", 1, LEAVES[0])).encode()
    with pytest.raises(Refused, match="unknown log") as e:
        witness.add_checkpoint(body)
    assert e.value.status == 403


@pytest.mark.parametrize(
    "body",
    [b"old x\n\nnote", b"no old line\n\n", b"old 0\nnot base64!\n\n", b"old 0\n" + b"QQ==\n\n", b"\xff"],
)
def test_malformed_requests_get_400(witness: Witness, body: bytes) -> None:
    with pytest.raises(Refused) as e:
        witness.add_checkpoint(body)
    assert e.value.status == 400


def test_state_survives_a_restart(tmp_path: Path, witness: Witness, log: NoteSigner) -> None:
    witness.add_checkpoint(request(0, 8, log))
    again = Witness(
        load_or_create_key(tmp_path / "w", "w1.example"),
        [NoteVerifier.from_vkey(log.vkey())],
        WitnessState(tmp_path / "w" / "state.json"),
    )
    assert again.vkey() == witness.vkey()
    with pytest.raises(Refused) as e:
        again.add_checkpoint(request(0, 3, log))
    assert e.value.known_size == 8
    assert (tmp_path / "w" / "witness.key").stat().st_mode & 0o077 == 0


def test_http_answers_speak_the_protocol(witness: Witness, log: NoteSigner) -> None:
    client = TestClient(build_app(witness))
    ok = client.post("/add-checkpoint", content=request(0, 8, log))
    assert ok.status_code == 200 and ok.text.startswith("\u2014 w1.example ")
    conflict = client.post("/add-checkpoint", content=request(0, 9, log))
    assert conflict.status_code == 409
    assert conflict.headers["content-type"].startswith("text/x.tlog.size")
    assert conflict.text == "8\n"
    bad = client.post("/add-checkpoint", content=request(8, 12, log, [leaf_hash(b"x")] * 20))
    assert bad.status_code == 422
    assert client.post("/add-checkpoint", content=b"junk").status_code == 400
    assert client.post("/add-checkpoint", content=b"x" * 70_000).status_code == 413
    assert client.get("/vkey").text.strip() == witness.vkey()


def test_sovgw_witness_key_prints_a_stable_cosignature_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["witness", "key", "--state-dir", str(tmp_path / "s"), "--name", "w9.example"]
    assert main(args) == 0
    first = capsys.readouterr().out.strip()
    assert CosignatureVerifier.from_vkey(first).name == "w9.example"
    assert main(args) == 0
    assert capsys.readouterr().out.strip() == first


def test_sovgw_witness_serve_refuses_a_bad_log_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["witness", "serve", "--state-dir", str(tmp_path), "--log", "not-a-key"]) == 2
    assert "verifier key" in capsys.readouterr().err
