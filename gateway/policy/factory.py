"""Builds the configured policy engine: its backend, and the decision cache in front of it."""

from __future__ import annotations

from gateway.config import PolicyConfig
from gateway.policy.backend import Backend
from gateway.policy.embedded import EmbeddedBackend
from gateway.policy.engine import PolicyEngine
from gateway.policy.source import default_rego_dir


def build_policy_engine(config: PolicyConfig) -> PolicyEngine:
    """The OPA server when ``opa_url`` is set, else the embedded backend; cached unless cache_size is 0."""
    backend: Backend
    if config.opa_url is not None:
        # Imported only when configured: the OPA client brings aiohttp and requests, which cost a
        # worker that never asks OPA about half a second at start-up.
        from gateway.policy.opa_server import OpaServerBackend

        backend = OpaServerBackend(
            str(config.opa_url),
            token=config.opa_token,
            timeout_s=config.timeout_s,
            reload_interval_s=config.reload_interval_s,
            watched_dir=config.rego_dir,
        )
    else:
        backend = EmbeddedBackend(
            config.rego_dir or default_rego_dir(),
            timeout_s=config.timeout_s,
            reload_interval_s=config.reload_interval_s,
        )
    return PolicyEngine(backend, cache_size=config.cache_size)
