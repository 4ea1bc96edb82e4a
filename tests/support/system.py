"""Finding the real system parts the integration tests need: OPA, PostgreSQL, Chromium, redis-server, wrk.

A missing part skips its tests on a developer's machine, with a reason that names the part, which
the run's closing summary counts (tests/conftest.py). With ``SOVGW_REQUIRE_SYSTEM_DEPS=1`` (set by
CI) a missing part fails the test instead, so CI can never pass by skipping.

PostgreSQL is, in order: the server at ``$SOVGW_TEST_PG_DSN`` when that is set; a server answering
at the default DSN; or a throwaway cluster started once for the run from the installed binaries.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import pytest

from tests.support.throwaway_postgres import ThrowawayCluster, server_binaries

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_PG_DSN = "postgresql://postgres:postgres@127.0.0.1:5432/postgres"


@dataclass(frozen=True)
class SystemPart:
    """A part of the machine some tests need, and the one command that provides it."""

    name: str
    enable: str

    @property
    def reason(self) -> str:
        return f"{self.name} is not available (enable: {self.enable})"


OPA = SystemPart("the OPA binary", "make .tools/bin/opa")
POSTGRES = SystemPart("PostgreSQL", "apt-get install postgresql")
POSTGRES_AT_DSN = SystemPart("the PostgreSQL server at $SOVGW_TEST_PG_DSN", "unset SOVGW_TEST_PG_DSN")
CHROMIUM = SystemPart("Debian's chromium", "apt-get install chromium")
TLOG_INTEROP = SystemPart("the Go interop checker", "make .tools/bin/tlog-interop")
HELM = SystemPart("helm", "make .tools/bin/helm")
REDIS = SystemPart("redis-server", "apt-get install redis-server")
WRK = SystemPart("wrk", "apt-get install wrk")
PARTS = (OPA, POSTGRES, POSTGRES_AT_DSN, CHROMIUM, TLOG_INTEROP, HELM, REDIS, WRK)


def missing(part: SystemPart) -> NoReturn:
    if os.environ.get("SOVGW_REQUIRE_SYSTEM_DEPS") == "1":
        pytest.fail(f"{part.name} is required (SOVGW_REQUIRE_SYSTEM_DEPS=1) but missing; {part.enable}")
    pytest.skip(part.reason)


def part_skipped(reason: str) -> SystemPart | None:
    """The part whose absence a skip reason reports, if any."""
    return next((part for part in PARTS if part.reason in reason), None)


def opa_binary() -> Path:
    """The OPA binary: $SOVGW_OPA_BIN, then .tools/bin/opa, then PATH."""
    candidates = [os.environ.get("SOVGW_OPA_BIN"), str(ROOT / ".tools/bin/opa"), shutil.which("opa")]
    for c in candidates:
        if c and Path(c).is_file() and os.access(c, os.X_OK):
            return Path(c)
    missing(OPA)


def tlog_interop_binary() -> Path:
    """The Go program that checks our log formats with other projects' code (interop/)."""
    path = ROOT / ".tools/bin/tlog-interop"
    if path.is_file() and os.access(path, os.X_OK):
        return path
    missing(TLOG_INTEROP)


def helm_binary() -> Path:
    """Helm, built from its Go module at the version the Makefile pins."""
    path = ROOT / ".tools/bin/helm"
    if path.is_file() and os.access(path, os.X_OK):
        return path
    missing(HELM)


def redis_server_binary() -> Path:
    """Debian's redis-server, found on PATH, for the shared-quota tests."""
    found = shutil.which("redis-server")
    if found is None:
        missing(REDIS)
    return Path(found)


def wrk_binary() -> Path:
    """Debian's wrk, found on PATH, for the side-by-side's C load generator."""
    found = shutil.which("wrk")
    if found is None:
        missing(WRK)
    return Path(found)


def chromium_binary() -> Path:
    """Debian's Chromium for the browser tests: $SOVGW_CHROMIUM_BIN, then PATH. Never downloaded."""
    candidates = [
        os.environ.get("SOVGW_CHROMIUM_BIN"),
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
        "/usr/bin/chromium",
    ]
    for c in candidates:
        if c and Path(c).is_file() and os.access(c, os.X_OK):
            return Path(c)
    missing(CHROMIUM)


def postgres_binaries() -> Path:
    """The directory of the installed PostgreSQL server binaries, for a throwaway cluster."""
    bin_dir = server_binaries()
    if bin_dir is None:
        missing(POSTGRES)
    return bin_dir


class _Postgres:
    """The run's choice of server, made on first use; the throwaway cluster, if started, closes at exit."""

    def __init__(self) -> None:
        self.dsn: str | None = None
        self.absent: SystemPart | None = None
        self.cluster: ThrowawayCluster | None = None

    def admin_dsn(self) -> str:
        if self.dsn is None and self.absent is None:
            self.dsn, self.absent = self._find()
        if self.absent is not None:
            missing(self.absent)
        assert self.dsn is not None
        return self.dsn

    def _find(self) -> tuple[str | None, SystemPart | None]:
        given = os.environ.get("SOVGW_TEST_PG_DSN")
        if given:
            return (given, None) if _answers(given) else (None, POSTGRES_AT_DSN)
        if _answers(DEFAULT_PG_DSN):
            return DEFAULT_PG_DSN, None
        bin_dir = server_binaries()
        if bin_dir is None:
            return None, POSTGRES
        self.cluster = ThrowawayCluster(bin_dir)
        try:
            self.cluster.start()
        except BaseException:
            self.close()
            raise
        return self.cluster.url, None

    def close(self) -> None:
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None


_postgres = _Postgres()
close_postgres = _postgres.close


def _answers(dsn: str) -> bool:
    import psycopg

    try:
        with psycopg.connect(dsn, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except psycopg.OperationalError:
        return False
    return True


def postgres_admin_dsn() -> str:
    """A superuser DSN for the run's PostgreSQL server (see the module's docstring for which)."""
    return _postgres.admin_dsn()


@contextmanager
def fresh_postgres_database() -> Iterator[str]:
    """Create an empty database for one test, yield its DSN, drop it afterwards."""
    import psycopg
    from psycopg.conninfo import make_conninfo

    admin = postgres_admin_dsn()
    name = f"sovgw_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_conninfo(admin, dbname=name)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def postgres_url(dsn: str) -> str:
    """A ``postgresql://user:password@host:port/db`` URL (what the gateway's config takes) for a DSN."""
    from psycopg.conninfo import conninfo_to_dict

    p = conninfo_to_dict(dsn)
    return f"postgresql://{p['user']}:{p.get('password', '')}@{p['host']}:{p.get('port', 5432)}/{p['dbname']}"
