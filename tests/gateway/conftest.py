"""Fixtures of the gateway tests: a cluster of simulated nodes and a gateway on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.cluster import Cluster, NodeSpec, start_cluster

US_MODEL = "test/us-only"


@pytest.fixture(scope="session")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    """Two EEA nodes for the shared model, one US node serving a model nobody in the EEA serves."""
    workdir: Path = tmp_path_factory.mktemp("cluster")
    running = start_cluster(
        workdir,
        [
            NodeSpec("lt-1", "LT", "Baltic GPU UAB"),
            NodeSpec("de-1", "DE", "Rhein Rechenzentrum GmbH"),
            NodeSpec("us-1", "US", "Atlantic Cloud Inc.", models=(US_MODEL,)),
        ],
        classifier="process",
    )
    yield running
    running.stop()
