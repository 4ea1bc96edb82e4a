"""A throwaway PostgreSQL cluster of our own, for tests that stop the server mid-run.

The shared server other tests use is never touched. As root, the cluster runs as the ``postgres``
system user (PostgreSQL refuses to run as root); otherwise as the current user.
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest


def _bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PrivateCluster:
    def __init__(self, bin_dir: Path, data: Path, port: int, as_user: str | None) -> None:
        self.bin_dir, self.data, self.port, self.as_user = bin_dir, data, port, as_user
        self.url = f"postgresql://postgres@127.0.0.1:{port}/postgres"

    def _run(self, *args: str) -> None:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self.as_user:
            command = ["su", self.as_user, "-c", " ".join(f"'{a}'" for a in command)]
        subprocess.run(command, check=True, capture_output=True, timeout=60)

    def start(self) -> None:
        options = f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1 -c fsync=on"
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.data / "server.log"), "-o", options, "-w", "start"
        )

    def stop(self, mode: str = "immediate") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def _processes(self) -> list[int]:
        """This cluster's postmaster and its children (it answers nothing while they are stopped)."""
        postmaster = int((self.data / "postmaster.pid").read_text().split()[0])
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == postmaster:
                children.append(int(stat.parent.name))
        return [postmaster, *children]

    def pause(self) -> None:
        for pid in self._processes():
            os.kill(pid, signal.SIGSTOP)

    def resume(self) -> None:
        for pid in self._processes():
            os.kill(pid, signal.SIGCONT)


@contextmanager
def private_postgres() -> Iterator[PrivateCluster]:
    bin_dir = _bin_dir()
    if bin_dir is None:
        if os.environ.get("SOVGW_REQUIRE_SYSTEM_DEPS") == "1":
            pytest.fail("PostgreSQL server binaries (initdb, pg_ctl) are required but missing")
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    as_user = "postgres" if os.geteuid() == 0 else None
    root = Path(tempfile.mkdtemp(prefix="sovgw-pg-"))
    data = root / "data"
    data.mkdir()
    if as_user:
        root.chmod(0o755)
        shutil.chown(data, as_user, as_user)
    cluster = PrivateCluster(bin_dir, data, _free_port(), as_user)
    try:
        cluster._run("initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        cluster.start()
        yield cluster
    finally:
        with suppress(subprocess.CalledProcessError):  # already stopped by the test
            cluster.stop("immediate")
        shutil.rmtree(root, ignore_errors=True)
