"""A throwaway PostgreSQL cluster from the installed server binaries, run by pytest-postgresql's executor.

The cluster lives in a temporary directory that is removed when it stops. PostgreSQL refuses to run
as root, so as root the server runs as the ``postgres`` system user that Debian's package creates.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import socket
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

from pytest_postgresql.executors import PostgreSQLExecutor

from tests.support import processes

# The signal the postmaster takes for each of pg_ctl's shutdown modes.
_SHUTDOWN_SIGNALS = {"smart": signal.SIGTERM, "fast": signal.SIGINT, "immediate": signal.SIGQUIT}


def server_binaries() -> Path | None:
    """The directory holding ``pg_ctl`` and ``initdb`` (Debian's newest version, else PATH's), if this
    process can run them: as root that needs the ``postgres`` user."""
    user = run_as()
    if user is not None and not _user_exists(user):
        return None
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=_version)
    if found:
        return Path(found[-1]).parent
    pg_ctl = shutil.which("pg_ctl")
    return Path(pg_ctl).parent if pg_ctl and shutil.which("initdb") else None


def _version(pg_ctl: str) -> tuple[int, ...]:
    version = Path(pg_ctl).parents[1].name
    return tuple(int(part) for part in version.split(".") if part.isdigit())


def run_as() -> str | None:
    """The user the server runs as instead of this process: ``postgres`` as root, else none."""
    return "postgres" if os.geteuid() == 0 else None


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ThrowawayCluster:
    """One cluster: ``url`` reaches it as the ``postgres`` superuser, without a password."""

    def __init__(self, bin_dir: Path) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="sovgw-pg-"))
        self.port = _free_port()
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"
        pg_ctl = bin_dir / "pg_ctl"
        user = run_as()
        if user is not None:
            # The executor runs this in place of pg_ctl, so every start, stop and status is the user's.
            self.root.chmod(0o755)
            shutil.chown(self.root, user, user)
            pg_ctl = self.root / "pg_ctl"
            pg_ctl.write_text(
                "#!/bin/sh\n"
                f'exec setpriv --reuid={user} --regid={user} --init-groups -- "{bin_dir / "pg_ctl"}" "$@"\n'
            )
            pg_ctl.chmod(0o755)
        self._executor = PostgreSQLExecutor(
            executable=str(pg_ctl),
            host="127.0.0.1",
            port=self.port,
            datadir=str(self.root / "data"),
            unixsocketdir=str(self.root),
            logfile=str(self.root / "server.log"),
            startparams="-w",
            dbname="postgres",
            user="postgres",
            postgres_options="-c listen_addresses=127.0.0.1 -c fsync=on",
        )

    def start(self) -> None:
        self._executor.start()
        # The executor returns once the port takes connections; its launcher, ``pg_ctl start -w``,
        # exits once the server takes logins (after crash recovery, on a restart).
        launcher = self._executor.process
        if launcher is not None and launcher.wait(timeout=60) != 0:
            log = (self.root / "server.log").read_text(errors="replace")
            raise RuntimeError(f"the throwaway PostgreSQL did not start:\n{log[-2000:]}")

    def stop(self, mode: Literal["smart", "fast", "immediate"] = "fast") -> None:
        """Shut the server down the way ``pg_ctl stop -m MODE`` does; ``start()`` brings it back."""
        postmaster = self._postmaster()
        os.kill(postmaster, _SHUTDOWN_SIGNALS[mode])
        deadline = time.monotonic() + 60
        while processes.running(postmaster):
            if time.monotonic() > deadline:
                raise TimeoutError(f"PostgreSQL did not stop within 60 s ({mode})")
            time.sleep(0.05)
        self._executor.kill()  # forget the finished launcher, so start() launches a new one

    def pause(self) -> None:
        """Freeze the server: it accepts connections and answers nothing, like a hung host."""
        for pid in self._processes():
            os.kill(pid, signal.SIGSTOP)

    def resume(self) -> None:
        for pid in self._processes():
            os.kill(pid, signal.SIGCONT)

    def close(self) -> None:
        """Stop the server if it runs and remove its directory."""
        try:
            if self._executor.running():
                self._executor.stop()
            else:
                self._executor.kill()
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def _postmaster(self) -> int:
        return int((self.root / "data" / "postmaster.pid").read_text().split()[0])

    def _processes(self) -> list[int]:
        postmaster = self._postmaster()
        return [postmaster, *processes.children(postmaster)]


@contextmanager
def throwaway_cluster(bin_dir: Path) -> Iterator[ThrowawayCluster]:
    """A started cluster, stopped and removed on the way out."""
    cluster = ThrowawayCluster(bin_dir)
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.close()
