"""A throwaway PostgreSQL cluster of one test's own, which the test may stop, restart or hang mid-run.

The server the other tests share is never touched.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from tests.support.system import postgres_binaries
from tests.support.throwaway_postgres import ThrowawayCluster, throwaway_cluster


@contextmanager
def private_postgres() -> Iterator[ThrowawayCluster]:
    with throwaway_cluster(postgres_binaries()) as cluster:
        yield cluster
