"""The installed package is the repository's: every data file a module reads ships in the wheel."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("gateway", "audit", "domain", "nodesim", "sovgw")


def test_the_wheel_carries_every_file_of_every_package(tmp_path: Path) -> None:
    tracked = subprocess.run(
        ["git", "ls-files", "--", "pyproject.toml", "README.md", *PACKAGES],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    source = tmp_path / "source"  # built from a copy: the build leaves nothing in the checkout
    for name in tracked:
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, source / name)
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
        cwd=source,
        check=True,
    )
    (wheel,) = tmp_path.glob("*.whl")
    shipped = set(zipfile.ZipFile(wheel).namelist())
    wanted = {f for f in tracked if f.split("/")[0] in PACKAGES and not f.endswith(".md")}  # notes stay
    assert not wanted - shipped, f"missing from the wheel: {sorted(wanted - shipped)}"
