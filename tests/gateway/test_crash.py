"""The gateway killed with SIGKILL under load: no gap, every 2xx recorded, nothing left running."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from bench import crash_test
from tests.support.processes import children, cmdline, running
from tests.support.system import fresh_postgres_database, postgres_url


def test_sigkill_under_load_keeps_the_trail_complete_on_sqlite() -> None:
    result = crash_test.run(kills=1, clients=4, database=None, interval_s=1.0)
    _assert_trail_complete(result)


def test_sigkill_of_two_workers_writing_at_once_keeps_the_trail_complete() -> None:
    result = crash_test.run(kills=2, clients=8, database=None, interval_s=1.0, workers=2)
    _assert_trail_complete(result)


@pytest.mark.postgres
def test_sigkill_under_load_keeps_the_trail_complete_on_postgresql() -> None:
    with fresh_postgres_database() as dsn:
        result = crash_test.run(kills=1, clients=4, database=postgres_url(dsn), interval_s=1.0)
    _assert_trail_complete(result)


@pytest.mark.postgres
@pytest.mark.timeout(600)  # three gateways, each with its classifier pool, start and restart on 2 cores
def test_three_replicas_on_one_postgresql_keep_one_log_through_kills() -> None:
    """Three gateway processes append to one PostgreSQL log while one of them is killed with SIGKILL
    and restarted, twice: one sequence without gap or fork, every acknowledged request recorded."""
    with fresh_postgres_database() as dsn:
        result = crash_test.run(kills=2, clients=6, database=postgres_url(dsn), interval_s=1.5, replicas=3)
    _assert_trail_complete(result)
    assert result["replicas"] == 3


def _assert_trail_complete(result: dict) -> None:
    assert result["answers_2xx"] > 0
    assert result["sequence_gap_free"], result
    assert result["receipts_without_record"] == 0, result
    assert result["verify_exit_code"] == 0, result["verify_report"]


def test_classifier_workers_do_not_outlive_a_killed_gateway(tmp_path: Path) -> None:
    crash_test._signing_key(tmp_path)
    port = crash_test.free_port()
    config = crash_test._config(tmp_path, port, crash_test.free_port(), None)
    gateway = subprocess.Popen([sys.executable, "-m", "sovgw.cli", "serve", "--config", str(config)])
    try:
        deadline = time.monotonic() + 120
        while not _classifier_ready(port):  # workers have built their engines
            assert time.monotonic() < deadline, "the gateway did not start"
            time.sleep(0.2)
        workers = children(gateway.pid)
        assert workers
    finally:
        os.kill(gateway.pid, signal.SIGKILL)
        gateway.wait()
    deadline = time.monotonic() + 10
    while survivors := {w: cmdline(w)[:120] for w in workers if running(w)}:
        assert time.monotonic() < deadline, f"processes outlived the gateway: {survivors}"
        time.sleep(0.1)


def _classifier_ready(port: int) -> bool:
    try:
        return bool(httpx.get(f"http://127.0.0.1:{port}/ready", timeout=2).json()["checks"].get("classifier"))
    except (httpx.HTTPError, ValueError, KeyError):
        return False
