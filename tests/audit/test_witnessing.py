"""The log sends its checkpoints to real witnesses on loopback and keeps the one the quorum cosigned."""

from __future__ import annotations

import asyncio
import base64
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import ValidationError

from audit.checkpoint import NoteSigner, NoteVerifier
from audit.config import WitnessConfig
from audit.cosignature import CosignatureVerifier, check_quorum
from audit.store import AuditStartupError, open_audit_log
from gateway.local import ThreadedServer, free_port
from tests.audit.conftest import audit_config, forward, running_witnesses
from witness.witness import Witness

SEED = bytes(range(32))
ORIGIN = "sovereign-gateway.local/audit"
LOG = NoteSigner.from_seed(ORIGIN, SEED)


@pytest.fixture
def witnesses(tmp_path: Path) -> Iterator[list[tuple[ThreadedServer, Witness]]]:
    with running_witnesses(tmp_path, 3, LOG.vkey()) as running:
        yield running


def config(tmp_path: Path, targets: list[tuple[str, Witness]], quorum: int | None = None):  # type: ignore[no-untyped-def]
    return audit_config(
        tmp_path,
        signing_key=base64.b64encode(SEED).decode(),
        checkpoint_every_records=10,
        witnesses=[WitnessConfig(url=url, vkey=w.vkey()) for url, w in targets],
        witness_quorum=quorum,
        witness_timeout_s=5,
    )


def run_session(cfg, records: int) -> None:  # type: ignore[no-untyped-def]
    async def main() -> None:
        store = await open_audit_log(cfg)
        for i in range(records):
            await store.append(forward(i))
        await store.aclose()

    asyncio.run(main())


def kept(tmp_path: Path) -> str:
    return (tmp_path / "audit.db.witnessed-checkpoint").read_text()


def test_each_checkpoint_is_cosigned_and_the_latest_kept(tmp_path: Path, witnesses) -> None:  # type: ignore[no-untyped-def]
    run_session(config(tmp_path, [(s.url, w) for s, w in witnesses], quorum=3), 25)
    note = kept(tmp_path)
    assert NoteVerifier.from_vkey(LOG.vkey()).verify(note).size == 26  # 25 and the key's record
    names = check_quorum(note, [CosignatureVerifier.from_vkey(w.vkey()) for _, w in witnesses], 3)
    assert names == ["w0.test", "w1.test", "w2.test"]
    assert [w.state.head(ORIGIN).size for _, w in witnesses] == [26, 26, 26]


def test_a_witness_down_still_meets_a_two_of_three_quorum(tmp_path: Path, witnesses) -> None:  # type: ignore[no-untyped-def]
    targets = [(witnesses[0][0].url, witnesses[0][1]), (f"http://127.0.0.1:{free_port()}", witnesses[1][1])]
    targets.append((witnesses[2][0].url, witnesses[2][1]))
    run_session(config(tmp_path, targets, quorum=2), 12)
    verifiers = [CosignatureVerifier.from_vkey(w.vkey()) for _, w in targets]
    assert check_quorum(kept(tmp_path), verifiers, 2) == ["w0.test", "w2.test"]


def test_without_the_quorum_nothing_counts_as_published_and_requests_still_pass(
    tmp_path: Path, witnesses
) -> None:  # type: ignore[no-untyped-def]
    down = f"http://127.0.0.1:{free_port()}"
    targets = [(witnesses[0][0].url, witnesses[0][1]), (down, witnesses[1][1])]
    run_session(config(tmp_path, targets), 12)  # quorum defaults to all
    assert not (tmp_path / "audit.db.witnessed-checkpoint").exists()
    assert witnesses[0][1].state.head(ORIGIN).size == 13  # the reachable witness did cosign


def test_a_restarted_log_learns_each_witness_size_from_409_and_proves_consistency(
    tmp_path: Path, witnesses
) -> None:  # type: ignore[no-untyped-def]
    cfg = config(tmp_path, [(witnesses[0][0].url, witnesses[0][1])])
    run_session(cfg, 10)
    assert witnesses[0][1].state.head(ORIGIN).size == 11
    run_session(cfg, 7)  # a new process knows nothing of what the witness saw
    assert witnesses[0][1].state.head(ORIGIN).size == 18
    assert NoteVerifier.from_vkey(LOG.vkey()).verify(kept(tmp_path)).size == 18


def test_a_log_key_given_as_a_witness_key_stops_start_up(tmp_path: Path) -> None:
    cfg = audit_config(tmp_path, witnesses=[WitnessConfig(url="http://127.0.0.1:1", vkey=LOG.vkey())])
    with pytest.raises(AuditStartupError, match="type 0x04"):
        asyncio.run(open_audit_log(cfg))


def test_a_quorum_larger_than_the_witnesses_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="exceeds the 0 witnesses"):
        audit_config(tmp_path, witness_quorum=1)
