"""Our checkpoints, cosignatures and proofs checked by independent Go code (interop/); its vectors by ours."""

from __future__ import annotations

import base64
import json
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from audit import bundle_verify, merkle
from audit.checkpoint import Checkpoint, NoteSigner, NoteVerifier
from audit.cosignature import CosignatureSigner, CosignatureVerifier, add_signature_lines
from tests.support.system import tlog_interop_binary
from witness.state import WitnessState
from witness.witness import Witness

ORIGIN = "sovereign-gateway.test/audit"
LEAVES = [merkle.leaf_hash(json.dumps({"seq": i}).encode()) for i in range(300)]


def go(command: str, request: dict[str, Any]) -> dict[str, Any]:
    done = subprocess.run(
        [str(tlog_interop_binary()), command],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    answer: dict[str, Any] = json.loads(done.stdout)
    return answer


@cache
def vectors() -> dict[str, Any]:
    return go("vectors", {})


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def unb64(items: list[str] | None) -> list[bytes]:
    return [base64.b64decode(x) for x in items or []]


def rh(leaves: list[bytes]) -> merkle.RangeHash:
    return lambda s, e: merkle.root(leaves[s:e])


def test_our_tree_matches_the_transparency_dev_vectors() -> None:
    v = vectors()
    leaves = [merkle.leaf_hash(x) for x in unb64(v["leaf_inputs"])]
    assert merkle.root([]) == base64.b64decode(v["empty_root"])
    for n, expected in enumerate(unb64(v["roots"])):  # indexed by size, from the empty tree
        assert merkle.root(leaves[:n]) == expected
    for p in v["inclusion"]:
        proof = unb64(p["proof"])
        assert merkle.inclusion_proof(p["index"], p["size"], rh(leaves)) == proof
        merkle.verify_inclusion(leaves[p["index"]], p["index"], p["size"], proof, base64.b64decode(p["root"]))
    for p in v["consistency"]:
        proof = unb64(p["proof"])
        assert merkle.consistency_proof(p["size1"], p["size2"], rh(leaves)) == proof
        merkle.verify_consistency(
            p["size1"], p["size2"], proof, base64.b64decode(p["root1"]), base64.b64decode(p["root2"])
        )


def test_the_one_file_verifier_accepts_the_vectors_and_rejects_altered_ones() -> None:
    v = vectors()
    leaves = [bundle_verify.leaf_hash(x) for x in unb64(v["leaf_inputs"])]
    for p in v["inclusion"]:
        proof, root = unb64(p["proof"]), base64.b64decode(p["root"])
        bundle_verify.verify_inclusion(leaves[p["index"]], p["index"], p["size"], proof, root)
        if proof:
            with pytest.raises(bundle_verify.ProofError):
                bundle_verify.verify_inclusion(
                    leaves[p["index"]], p["index"], p["size"], [bytes(32), *proof[1:]], root
                )
    for p in v["consistency"]:
        proof = unb64(p["proof"])
        r1, r2 = base64.b64decode(p["root1"]), base64.b64decode(p["root2"])
        bundle_verify.verify_consistency(p["size1"], p["size2"], proof, r1, r2)
        if p["size1"] < p["size2"]:
            with pytest.raises(bundle_verify.ProofError):
                bundle_verify.verify_consistency(p["size1"], p["size2"], proof, r1, bytes(32))


def witnessed(tmp_path: Path, count: int, size: int) -> tuple[NoteSigner, list[CosignatureSigner], str]:
    """A checkpoint of ``size`` signed by a log, cosigned through our witness by ``count`` witnesses."""
    log = NoteSigner.from_seed(ORIGIN, bytes(range(32)))
    cp = Checkpoint(ORIGIN, size, merkle.root(LEAVES[:size]))
    note = log.sign(cp)
    signers = [CosignatureSigner.from_seed(f"w{i}.test", bytes([i + 1]) * 32) for i in range(3)]
    lines = []
    for i, signer in enumerate(signers[:count]):
        w = Witness(signer, [NoteVerifier.from_vkey(log.vkey())], WitnessState(tmp_path / f"w{i}.json"))
        lines.append(w.add_checkpoint(f"old 0\n\n{note}".encode()))
    return log, signers, add_signature_lines(note, lines)


def test_go_verifies_our_checkpoint_cosignatures_and_quorum(tmp_path: Path) -> None:
    log, signers, note = witnessed(tmp_path, 2, 300)
    request = {
        "note": note,
        "log_vkey": log.vkey(),
        "origin": ORIGIN,
        "witnesses": [s.vkey() for s in signers],
    }
    met = go("check", {**request, "quorum": 2})
    assert met["errors"] == []
    assert (met["size"], base64.b64decode(met["root"])) == (300, merkle.root(LEAVES))
    assert met["cosigners"] == ["w0.test", "w1.test"] and met["quorum_met"] is True
    assert go("check", {**request, "quorum": 3})["quorum_met"] is False


def test_go_rejects_a_forged_cosignature_and_a_wrong_origin(tmp_path: Path) -> None:
    log, signers, note = witnessed(tmp_path, 1, 10)
    head, _, line = note.rstrip("\n").rpartition("\n")
    name, _, sig = line.rpartition(" ")
    raw = bytearray(base64.b64decode(sig))
    raw[-1] ^= 1
    forged = f"{head}\n{name} {b64(bytes(raw))}\n"
    request = {"log_vkey": log.vkey(), "origin": ORIGIN, "witnesses": [signers[0].vkey()], "quorum": 1}
    assert go("check", {**request, "note": forged})["errors"] != []  # Go refuses a note with a bad signature
    wrong = go("check", {**request, "note": note, "origin": "someone.else/log"})
    assert any("Origin" in e for e in wrong["errors"])


def test_we_verify_a_torchwood_cosignature_and_derive_the_same_key() -> None:
    cp = Checkpoint(ORIGIN, 7, merkle.root(LEAVES[:7]))
    seed = bytes([9]) * 32
    answer = go("cosign", {"seed": b64(seed), "name": "torchwood.test", "note": cp.body()})
    assert answer["vkey"] == CosignatureSigner.from_seed("torchwood.test", seed).vkey()
    sig_line = answer["note"].rpartition("\n\n")[2]
    note = NoteSigner.from_seed(ORIGIN, bytes(range(32))).sign(cp) + sig_line
    assert CosignatureVerifier.from_vkey(answer["vkey"]).timestamp(note) > 1_700_000_000


def test_go_verifies_our_proofs(tmp_path: Path) -> None:
    r = rh(LEAVES)
    consistency = [
        {
            "size1": m,
            "size2": n,
            "root1": b64(r(0, m)),
            "root2": b64(r(0, n)),
            "proof": [b64(h) for h in merkle.consistency_proof(m, n, r)],
        }
        for m, n in [(1, 300), (12, 16), (255, 256), (256, 300), (37, 211)]
    ]
    inclusion = [
        {
            "index": i,
            "size": n,
            "leaf_hash": b64(LEAVES[i]),
            "root": b64(r(0, n)),
            "proof": [b64(h) for h in merkle.inclusion_proof(i, n, r)],
        }
        for i, n in [(0, 1), (5, 300), (299, 300), (128, 129)]
    ]
    log, _, note = witnessed(tmp_path, 0, 300)
    base = {"note": note, "log_vkey": log.vkey(), "origin": ORIGIN, "witnesses": [], "quorum": 0}
    assert go("check", {**base, "consistency": consistency, "inclusion": inclusion})["errors"] == []
    consistency[2]["root2"] = b64(bytes(32))
    inclusion[1]["index"] = 6
    errors = go("check", {**base, "consistency": consistency, "inclusion": inclusion})["errors"]
    assert len(errors) == 2 and "consistency 255->256" in errors[0] and "inclusion 6 in 300" in errors[1]
