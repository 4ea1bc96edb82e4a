"""An insider on the gateway's host against `sovgw audit verify` with witnesses: each attack is named."""

from __future__ import annotations

import asyncio
import base64
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from audit.checkpoint import NoteSigner
from audit.config import WitnessConfig
from audit.store import open_audit_log
from sovgw.cli import main
from tests.audit.conftest import audit_config, forward, running_witnesses, tamper
from witness.witness import Witness

SEED = bytes(range(32))
LOG = NoteSigner.from_seed("sovereign-gateway.local/audit", SEED)


@pytest.fixture
def witnesses(tmp_path: Path) -> Iterator[list[tuple[str, Witness]]]:
    with running_witnesses(tmp_path, 2, LOG.vkey()) as running:
        yield [(server.url, w) for server, w in running]


def session(tmp_path: Path, witnesses: list[tuple[str, Witness]], records: int, seed: bytes = SEED) -> None:
    cfg = audit_config(
        tmp_path,
        signing_key=base64.b64encode(seed).decode(),
        checkpoint_every_records=12,
        witnesses=[WitnessConfig(url=u, vkey=w.vkey()) for u, w in witnesses],
    )

    async def run() -> None:
        store = await open_audit_log(cfg)
        for i in range(records):
            await store.append(forward(i))
        await store.aclose()

    asyncio.run(run())


def verify(tmp_path: Path, witnesses: list[tuple[str, Witness]], *extra: str) -> tuple[int, str]:
    args = ["audit", "verify", "--database", f"sqlite:///{tmp_path / 'audit.db'}", *extra]
    for _, w in witnesses:
        args += ["--witness", w.vkey()]
    if "--trust-log-keys" not in extra:
        args += ["--key", LOG.vkey()]
    code = main(args)
    return code, ""


def run_verify(tmp_path, witnesses, capsys, *extra: str) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    code, _ = verify(tmp_path, witnesses, *extra)
    return code, capsys.readouterr().out


def test_an_untouched_witnessed_log_passes_and_names_its_cosigners(tmp_path, witnesses, capsys) -> None:  # type: ignore[no-untyped-def]
    session(tmp_path, witnesses, 15)
    code, out = run_verify(tmp_path, witnesses, capsys)
    assert code == 0, out
    assert "cosigned by w0.test, w1.test" in out and "result: PASS" in out


def test_truncation_after_the_last_checkpoint_is_named(tmp_path, witnesses, capsys) -> None:  # type: ignore[no-untyped-def]
    session(tmp_path, witnesses, 15)  # 16 records, checkpoints at 12 and 16 (on close), both witnessed
    url = f"sqlite:///{tmp_path / 'audit.db'}"
    tamper(
        url,
        "DELETE FROM audit_records WHERE seq >= 12",
        "DELETE FROM audit_tree_heads WHERE size > 12",
        "DELETE FROM audit_tree_nodes WHERE (idx + 1) * (1 << level) > 12",
    )
    code, out = run_verify(tmp_path, witnesses, capsys)
    assert code == 1
    assert "FAIL seq 12..15: TRUNCATION: records the witnesses cosigned at size 16 are gone" in out


def test_a_database_rolled_back_to_an_earlier_checkpoint_is_named(tmp_path, witnesses, capsys) -> None:  # type: ignore[no-untyped-def]
    session(tmp_path, witnesses, 11)  # 12 records, checkpoint at 12
    shutil.copy(tmp_path / "audit.db", tmp_path / "backup.db")
    shutil.copy(tmp_path / "audit.db.last-checkpoint", tmp_path / "backup.last-checkpoint")
    session(tmp_path, witnesses, 10)  # 22 records, witnessed
    for suffix in ("-wal", "-shm"):
        (tmp_path / f"audit.db{suffix}").unlink(missing_ok=True)
    shutil.copy(tmp_path / "backup.db", tmp_path / "audit.db")
    code, out = run_verify(tmp_path, witnesses, capsys)
    assert code == 1
    assert "ROLLBACK: the database is back at size 12; the witnesses cosigned size 22" in out


def test_a_trail_rewritten_and_re_signed_with_a_local_key_is_named(tmp_path, witnesses, capsys) -> None:  # type: ignore[no-untyped-def]
    session(tmp_path, witnesses, 15)
    kept = (tmp_path / "audit.db.witnessed-checkpoint").read_text()
    for path in tmp_path.glob("audit.db*"):
        path.unlink()
    # a new history, signed with a key the insider generated, as long as the old one and more
    session(tmp_path, [], 20, seed=bytes(32))
    (tmp_path / "audit.db.witnessed-checkpoint").write_text(kept)
    code, out = run_verify(tmp_path, witnesses, capsys, "--trust-log-keys")
    assert code == 1
    assert "REWRITE: the records produce another root than the witnesses cosigned at size 16" in out


def test_a_checkpoint_without_the_quorum_does_not_count(tmp_path, witnesses, capsys) -> None:  # type: ignore[no-untyped-def]
    session(tmp_path, witnesses[:1], 5)  # only one of the two witnesses ever saw it
    code, out = run_verify(tmp_path, witnesses, capsys)
    assert code == 1
    assert "does not count as published: 1 of the required 2 witness cosignatures (missing: w1.test)" in out
    code, out = run_verify(tmp_path, witnesses, capsys, "--quorum", "1")
    assert code == 0, out
    (tmp_path / "audit.db.witnessed-checkpoint").unlink()
    code, out = run_verify(tmp_path, witnesses, capsys, "--quorum", "1")
    assert code == 1 and "no witnessed checkpoint given" in out
    note = LOG.sign_note("x\n")  # any checkpoint note without cosignatures
    (tmp_path / "given").write_text(note)
    code, out = run_verify(tmp_path, witnesses, capsys, "--witnessed", str(tmp_path / "given"))
    assert code == 1 and "witnessed checkpoint 1 does not count as published" in out


def test_forward_records_without_a_completion_are_reported(tmp_path, witnesses, capsys) -> None:  # type: ignore[no-untyped-def]
    session(tmp_path, witnesses, 3)
    code, out = run_verify(tmp_path, witnesses, capsys)
    assert code == 0
    assert "3 forward records have no completion record" in out and "seq 1, 2, 3" in out


def test_a_bad_quorum_is_a_usage_error(tmp_path, witnesses, capsys) -> None:  # type: ignore[no-untyped-def]
    session(tmp_path, witnesses, 1)
    code, _ = verify(tmp_path, witnesses, "--quorum", "3")
    assert code == 2
    assert "--quorum must be between 1 and the 2 witnesses" in capsys.readouterr().err


def test_swapped_checkpoints_are_named(tmp_path, witnesses, capsys) -> None:  # type: ignore[no-untyped-def]
    session(tmp_path, witnesses, 30)  # checkpoints at 12, 24 and 31
    url = f"sqlite:///{tmp_path / 'audit.db'}"
    tamper(
        url,
        "UPDATE audit_checkpoints SET id = -1 WHERE size = 12",
        "UPDATE audit_checkpoints SET id = (SELECT id FROM audit_checkpoints WHERE size = 24) - 100"
        " WHERE size = 24",
        "UPDATE audit_checkpoints SET id = (SELECT MIN(id) FROM audit_checkpoints WHERE size = 31) - 50"
        " WHERE id = -1",
    )
    code, out = run_verify(tmp_path, witnesses, capsys)
    assert code == 1
    assert "(size 12) was signed after one of size 24" in out
