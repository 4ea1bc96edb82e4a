"""A TGI node simulator: speaks text-generation-inference's HTTP protocol with deterministic answers,
configurable latency and injected failures, so the gateway can be tested and benchmarked without GPUs."""

from gateway.nodesim.app import create_app
from gateway.nodesim.settings import SimSettings
from gateway.nodesim.state import SimState

__all__ = ["SimSettings", "SimState", "create_app"]
