"""The installed package is the repository's: every data file a module reads ships in the wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("gateway", "audit", "domain", "nodesim", "sovgw")


def test_the_wheel_carries_every_file_of_every_package(tmp_path: Path) -> None:
    tracked = subprocess.run(
        ["git", "ls-files", "--", *PACKAGES], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.split()
    wanted = {f for f in tracked if not f.endswith(".md")}  # notes for readers of the repository
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path),
            ".",
        ],
        cwd=ROOT,
        check=True,
    )
    (wheel,) = tmp_path.glob("*.whl")
    shipped = set(zipfile.ZipFile(wheel).namelist())
    assert not wanted - shipped, f"missing from the wheel: {sorted(wanted - shipped)}"
