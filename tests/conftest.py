"""Suite-wide setup: the run's temporary directory and the closing summary of what was skipped.

Everything the run puts in the temporary directory goes at its end. The run closes with how many
tests each missing system part skipped and the one command that provides it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections import Counter
from pathlib import Path

import pytest

from tests.support import system


def pytest_configure(config: pytest.Config) -> None:
    # Everything the run writes to the temporary directory, pytest's tmp_path, the throwaway
    # PostgreSQL and whatever the gateways and OPA servers it starts leave (even when killed),
    # lands under one root that goes at the end.
    root = Path(tempfile.mkdtemp(prefix="sovgw-tests-"))
    root.chmod(0o711)  # the throwaway PostgreSQL runs as the postgres user and must reach its directory
    saved = os.environ.get("TMPDIR"), tempfile.tempdir
    os.environ["TMPDIR"] = tempfile.tempdir = str(root)

    def remove_root() -> None:
        if saved[0] is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = saved[0]
        tempfile.tempdir = saved[1]
        shutil.rmtree(root, ignore_errors=True)

    config.add_cleanup(remove_root)
    config.add_cleanup(system.close_postgres)  # cleanups run last-first: the server stops, then the root goes


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    skipped = terminalreporter.stats.get("skipped", [])
    if not skipped:
        return
    parts: Counter[system.SystemPart] = Counter()
    other = 0
    for report in skipped:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        part = system.part_skipped(reason)
        if part is None:
            other += 1
        else:
            parts[part] += 1
    terminalreporter.write_sep("-", "skipped tests, and how to run them")
    for part, count in parts.most_common():
        terminalreporter.write_line(f"{count:4d} need {part.name}: {part.enable}")
    if other:
        terminalreporter.write_line(f"{other:4d} skipped for other reasons: pytest -rs shows them")
