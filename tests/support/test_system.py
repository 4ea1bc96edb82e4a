"""What a developer sees of the suite's setup when a system part is missing, and when nothing is.

A missing part's skip is counted in the closing summary with the command that provides it, it fails
the run under SOVGW_REQUIRE_SYSTEM_DEPS=1, and no run leaves temporary files behind.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

from tests.support.system import ROOT

WRITES_A_TEMPORARY_FILE = """
def test_writes_a_temporary_file(tmp_path):
    (tmp_path / "scratch").write_text("x")
"""
NEEDS_POSTGRES = """
from tests.support.system import postgres_admin_dsn

def test_needs_postgres():
    postgres_admin_dsn()
"""


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run_pytest(tmp_path: Path, sample: str, **env: str) -> tuple[subprocess.CompletedProcess[str], Path]:
    """Run a sample test module with the suite's setup, and a temporary directory of its own."""
    (tmp_path / "test_sample.py").write_text(sample)
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("SOVGW_", "PYTEST_"))}
    # The suite's own setup is all a sample needs; installed plugins would only slow the start.
    environ.update(env, TMPDIR=str(tmpdir), PYTHONPATH=str(ROOT), PYTEST_DISABLE_PLUGIN_AUTOLOAD="1")
    command = [sys.executable, "-m", "pytest", "-p", "tests.conftest", "-p", "no:cacheprovider"]
    result = subprocess.run(
        [*command, "-q", "--rootdir", str(tmp_path), "test_sample.py"],
        cwd=tmp_path,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result, tmpdir


def test_a_missing_part_is_counted_with_the_command_that_provides_it(tmp_path):
    unreachable = f"postgresql://postgres@127.0.0.1:{closed_port()}/postgres"
    result, tmpdir = run_pytest(
        tmp_path, WRITES_A_TEMPORARY_FILE + NEEDS_POSTGRES, SOVGW_TEST_PG_DSN=unreachable
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed, 1 skipped" in result.stdout
    assert "skipped tests, and how to run them" in result.stdout
    assert "1 need the PostgreSQL server at $SOVGW_TEST_PG_DSN: unset SOVGW_TEST_PG_DSN" in result.stdout
    assert list(tmpdir.iterdir()) == []


def test_ci_fails_on_a_missing_part(tmp_path):
    unreachable = f"postgresql://postgres@127.0.0.1:{closed_port()}/postgres"
    result, _ = run_pytest(
        tmp_path,
        WRITES_A_TEMPORARY_FILE + NEEDS_POSTGRES,
        SOVGW_TEST_PG_DSN=unreachable,
        SOVGW_REQUIRE_SYSTEM_DEPS="1",
    )
    assert result.returncode == 1
    assert "1 failed, 1 passed" in result.stdout
    assert "is required (SOVGW_REQUIRE_SYSTEM_DEPS=1) but missing" in result.stdout


def test_nothing_is_said_when_nothing_was_skipped(tmp_path):
    result, tmpdir = run_pytest(tmp_path, WRITES_A_TEMPORARY_FILE)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout
    assert "how to run them" not in result.stdout
    assert list(tmpdir.iterdir()) == []
