"""A fresh, empty PostgreSQL database for one run of the gateway on PostgreSQL, dropped afterwards."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

ADMIN_DSN = os.environ.get("SOVGW_TEST_PG_DSN", "postgresql://postgres:postgres@127.0.0.1:5432/postgres")


class PostgresUnavailable(Exception):
    """No PostgreSQL server answers at the admin DSN."""


@contextmanager
def fresh_database(admin_dsn: str = ADMIN_DSN) -> Iterator[str]:
    """Yield the URL (``postgresql://...``) of a new database on the server at ``admin_dsn``."""
    import psycopg

    name = f"sovgw_bench_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(admin_dsn, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as e:
        raise PostgresUnavailable(f"PostgreSQL is not reachable: {type(e).__name__}") from None
    try:
        yield urlunsplit(urlsplit(admin_dsn)._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin_dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
