"""The log's signed promise per record: its byte format, its signature, and what the log must then keep."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import time
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pydantic import ValidationError

from audit import entries
from audit.checkpoint import NoteSigner, NoteVerifier
from audit.config import AuditConfig
from audit.database import open_database
from audit.promise import SIZE, Promise, PromiseError, PromiseSigner, decode, log_id, verify
from audit.promise_check import check_promise
from audit.store import open_audit_log
from sovgw.cli import main
from tests.audit.conftest import API_KEY_ID, audit_config, every_kind, forward, tamper

SEED = bytes(range(32))
ORIGIN = "sovereign-gateway.local/audit"
LOG = NoteSigner.from_seed(ORIGIN, SEED)


def _config(tmp_path: Path, **overrides: object) -> AuditConfig:
    return audit_config(tmp_path, signing_key=base64.b64encode(SEED).decode(), **overrides)


def _record(tmp_path: Path, events: list, **overrides: object) -> list[str]:
    """Commit ``events`` through the store, then close it (signing a checkpoint); its promises."""

    async def run() -> list[str]:
        store = await open_audit_log(_config(tmp_path, **overrides))
        try:
            return [(await store.append_promised(e))[1] for e in events]
        finally:
            await store.aclose()

    return asyncio.run(run())


def _verify(tmp_path: Path, capsys: pytest.CaptureFixture[str], *promises: str) -> tuple[int, str]:
    args = ["audit", "verify", "--database", f"sqlite:///{tmp_path / 'audit.db'}", "--key", LOG.vkey()]
    for p in promises:
        args += ["--promise", p]
    code = main(args)
    return code, capsys.readouterr().out


# -- the format ------------------------------------------------------------------------------


def test_a_promise_is_145_bytes_laid_out_as_documented_and_verifies_under_the_log_key() -> None:
    signer = PromiseSigner.from_seed(ORIGIN, SEED)
    leaf = hashlib.sha256(b"\x00record").digest()
    raw = base64.b64decode(signer.sign(41, leaf, timestamp_ms=1_700_000_000_123))
    assert len(raw) == SIZE == 145
    assert raw[0] == 1  # version
    assert raw[1:33] == hashlib.sha256(ORIGIN.encode() + b"\n\x01" + LOG.public_key).digest()
    assert raw[1:5] == LOG.key_id  # the checkpoints' key id opens the log id
    assert int.from_bytes(raw[33:41], "big") == 1_700_000_000_123
    assert int.from_bytes(raw[41:49], "big") == 41
    assert raw[49:81] == leaf
    Ed25519PublicKey.from_public_bytes(LOG.public_key).verify(raw[81:], b"sovgw-promise/v1\x00" + raw[:81])
    promise = decode(base64.b64encode(raw).decode())
    assert verify(promise, [signer.verifier()]).name == ORIGIN


def test_the_log_key_signs_promises_its_published_vkey_verifies() -> None:
    for _ in range(32):  # keys whose base64 holds "+" and "/" among them
        log = NoteSigner(ORIGIN, Ed25519PrivateKey.generate())
        promise = decode(PromiseSigner.for_log(log).sign(1, bytes(32)))
        assert verify(promise, [NoteVerifier.from_vkey(log.vkey())]).key_id == log.key_id


@pytest.mark.parametrize("offset", [1, 33, 41, 49, 81, 144])
def test_a_promise_altered_in_any_field_is_rejected(offset: int) -> None:
    signer = PromiseSigner.from_seed(ORIGIN, SEED)
    raw = bytearray(base64.b64decode(signer.sign(7, bytes(32))))
    raw[offset] ^= 0x01
    with pytest.raises(PromiseError):
        verify(decode(base64.b64encode(bytes(raw)).decode()), [signer.verifier()])


def test_a_promise_by_another_key_or_in_another_shape_is_rejected() -> None:
    other = PromiseSigner.from_seed(ORIGIN, bytes(32))
    forged = decode(other.sign(7, bytes(32)))
    with pytest.raises(PromiseError, match="not a trusted log key"):
        verify(forged, [NoteVerifier.from_vkey(LOG.vkey())])
    # The right log id on another key's signature does not pass either.
    relabelled = Promise(log_id(ORIGIN, LOG.public_key), forged.timestamp_ms, 7, bytes(32), forged.signature)
    with pytest.raises(PromiseError, match="does not verify"):
        verify(relabelled, [NoteVerifier.from_vkey(LOG.vkey())])
    good = base64.b64decode(other.sign(7, bytes(32)))
    for text, why in [
        ("not base64!", "base64"),
        (base64.b64encode(b"\x02" + good[1:]).decode(), "version"),
        (base64.b64encode(good[:-1]).decode(), "145 bytes"),
    ]:
        with pytest.raises(PromiseError, match=why):
            decode(text)


def test_a_promise_signature_cannot_pass_as_a_checkpoint_signature() -> None:
    """The signed message opens with a NUL-terminated context, which no note text may hold."""
    promise = decode(PromiseSigner.from_seed(ORIGIN, SEED).sign(3, bytes(32)))
    assert promise.signed_bytes().startswith(b"sovgw-promise/v1\x00")


# -- the store gives them ------------------------------------------------------------------------


def test_every_committed_record_gets_a_promise_of_its_own_seq_and_leaf(tmp_path: Path) -> None:
    promises = _record(tmp_path, every_kind())
    db = open_database(f"sqlite:///{tmp_path / 'audit.db'}", writer=False)
    try:
        with db.engine.connect() as conn:
            stored = dict(conn.exec_driver_sql("SELECT seq, canonical FROM audit_records").all())
            key = PromiseSigner.from_seed(ORIGIN, SEED).verifier()
            seqs = []
            for text in promises:
                p = decode(text)
                verify(p, [key])
                assert p.leaf_hash == entries.leaf(p.seq, bytes(stored[p.seq]), 0)
                assert abs(p.timestamp_s - time.time()) < 60
                seqs.append(p.seq)
                assert check_promise(conn, p, [key], 120).ok
    finally:
        db.dispose()
    assert seqs == sorted(seqs) and len(set(seqs)) == len(promises)


def test_promises_hold_no_personal_data_only_seq_time_leaf_and_signature(tmp_path: Path) -> None:
    [text] = _record(tmp_path, [forward(5)])
    raw = base64.b64decode(text)
    for value in (API_KEY_ID, "acme", "req-000005", "Example GPU GmbH"):
        assert value.encode() not in raw and value not in text
        assert hashlib.sha256(value.encode()).digest() not in raw
    p = decode(text)
    assert p.to_bytes() == raw  # nothing beyond the documented fields


# -- the log must keep them ------------------------------------------------------------------------


def test_verify_promise_passes_with_an_inclusion_proof_once_checkpointed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    promises = _record(tmp_path, [forward(i) for i in range(6)])
    code, out = _verify(tmp_path, capsys, promises[3])
    assert code == 0, out
    assert "included in the checkpoint of size" in out and "inclusion proof of" in out


def test_verify_promise_reads_header_lines_from_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    promises = _record(tmp_path, [forward(i) for i in range(3)])
    kept = tmp_path / "promises.txt"
    kept.write_text(f"x-sovgw-promise: {promises[0]}\n{promises[2]}\n")
    code, out = _verify(tmp_path, capsys, str(kept))
    assert code == 0 and out.count(": kept") == 2, out


def test_a_tampered_promise_is_reported_invalid(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    [text] = _record(tmp_path, [forward(0)])
    raw = bytearray(base64.b64decode(text))
    raw[45] ^= 0x01  # another seq
    code, out = _verify(tmp_path, capsys, base64.b64encode(bytes(raw)).decode())
    assert code == 1 and "INVALID PROMISE" in out


def test_a_malformed_promise_cannot_be_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _record(tmp_path, [forward(0)])
    assert _verify(tmp_path, capsys, "bm90IGEgcHJvbWlzZQ==")[0] == 2


def test_a_record_deleted_after_its_promise_is_a_broken_promise(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The issue's truncation: 16 records, a checkpoint at 12; the 4 newest (acknowledged) deleted
    past the triggers, with every trace of them in the tree and checkpoints."""
    promises = _record(tmp_path, [forward(i) for i in range(16)], checkpoint_every_records=12)
    tamper(
        f"sqlite:///{tmp_path / 'audit.db'}",
        "DELETE FROM audit_records WHERE seq >= 13",
        "DELETE FROM audit_tree_heads WHERE size > 13",
        "DELETE FROM audit_tree_nodes WHERE ((idx + 1) << level) > 13",
        "DELETE FROM audit_checkpoints WHERE size > 13",
    )
    code, out = _verify(tmp_path, capsys, promises[-1], promises[0])
    assert code == 1, out
    assert "BROKEN PROMISE" in out and "is missing from the log" in out
    assert "promise for seq 1: kept" in out  # seq 1: the first event, after the key's announcement


def test_a_record_rewritten_after_its_promise_is_a_broken_promise(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    promises = _record(tmp_path, [forward(i) for i in range(4)])
    url = f"sqlite:///{tmp_path / 'audit.db'}"
    seq = decode(promises[2]).seq
    tamper(
        url,
        "UPDATE audit_records SET canonical = CAST(replace(CAST(canonical AS TEXT), 'fra-1', 'nyc-1')"
        " AS BLOB) WHERE seq = :seq",
        params={"seq": seq},
    )
    code, out = _verify(tmp_path, capsys, promises[2])
    assert code == 1 and "BROKEN PROMISE" in out and "rewritten" in out


def test_a_promise_not_checkpointed_within_the_merge_delay_is_broken(tmp_path: Path) -> None:
    [text] = _record(tmp_path, [forward(0)])
    tamper(f"sqlite:///{tmp_path / 'audit.db'}", "DELETE FROM audit_checkpoints")
    promise = decode(text)
    key = PromiseSigner.from_seed(ORIGIN, SEED).verifier()
    db = open_database(f"sqlite:///{tmp_path / 'audit.db'}", writer=False)
    try:
        with db.engine.connect() as conn:
            pending = check_promise(conn, promise, [key], 120, now_s=promise.timestamp_s + 119)
            late = check_promise(conn, promise, [key], 120, now_s=promise.timestamp_s + 121)
    finally:
        db.dispose()
    assert pending.ok and any("due by" in n for n in pending.notes)
    assert not late.ok and "maximum merge delay ended" in late.problems[0]


def test_checkpoints_must_come_at_least_twice_within_the_merge_delay(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="max_merge_delay_seconds"):
        AuditConfig(checkpoint_every_s=60, max_merge_delay_seconds=90)
    assert AuditConfig().max_merge_delay_seconds >= 2 * AuditConfig().checkpoint_every_s
