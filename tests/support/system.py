"""Finding the real system parts the integration tests need: an OPA binary and a PostgreSQL server.

Missing parts skip their tests on a developer's machine. With ``SOVGW_REQUIRE_SYSTEM_DEPS=1`` (set
by CI) a missing part fails the test instead, so CI can never pass by skipping.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_PG_DSN = "postgresql://postgres:postgres@127.0.0.1:5432/postgres"


def _missing(what: str) -> None:
    if os.environ.get("SOVGW_REQUIRE_SYSTEM_DEPS") == "1":
        pytest.fail(f"{what} is required (SOVGW_REQUIRE_SYSTEM_DEPS=1) but missing")
    pytest.skip(f"{what} is not available")


def opa_binary() -> Path:
    """The OPA binary: $SOVGW_OPA_BIN, then .tools/bin/opa, then PATH."""
    candidates = [os.environ.get("SOVGW_OPA_BIN"), str(ROOT / ".tools/bin/opa"), shutil.which("opa")]
    for c in candidates:
        if c and Path(c).is_file() and os.access(c, os.X_OK):
            return Path(c)
    _missing("the OPA binary")
    raise AssertionError("unreachable")


def postgres_admin_dsn() -> str:
    """A superuser DSN for a reachable PostgreSQL server ($SOVGW_TEST_PG_DSN or the CI default)."""
    import psycopg

    dsn = os.environ.get("SOVGW_TEST_PG_DSN", DEFAULT_PG_DSN)
    try:
        with psycopg.connect(dsn, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except psycopg.OperationalError:
        _missing("a PostgreSQL server")
    return dsn


@contextmanager
def fresh_postgres_database() -> Iterator[str]:
    """Create an empty database for one test, yield its DSN, drop it afterwards."""
    import psycopg
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    admin = postgres_admin_dsn()
    name = f"sovgw_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    params = conninfo_to_dict(admin)
    params["dbname"] = name
    try:
        yield make_conninfo(**params)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


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
    _missing("Debian's chromium")
    raise AssertionError("unreachable")


def postgres_url(dsn: str) -> str:
    """A ``postgresql://user:password@host:port/db`` URL (what the gateway's config takes) for a DSN."""
    from psycopg.conninfo import conninfo_to_dict

    p = conninfo_to_dict(dsn)
    return f"postgresql://{p['user']}:{p.get('password', '')}@{p['host']}:{p.get('port', 5432)}/{p['dbname']}"
