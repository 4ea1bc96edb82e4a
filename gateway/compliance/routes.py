"""The compliance side's routes, for the gateway's app: the audit API, the console and the log's tiles."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.routing import BaseRoute

from gateway.compliance.api import api_routes
from gateway.compliance.console import console_routes
from gateway.compliance.service import ComplianceService
from gateway.compliance.tiles import tile_routes
from gateway.config import GatewayConfig


def compliance_routes(config: GatewayConfig, audit: Callable[[], Any]) -> list[BaseRoute]:
    """``/audit/v1/...``, ``/console/...``, ``/checkpoint`` and ``/tile/...``.

    ``audit`` returns the running ``AuditStore``.
    """
    service = ComplianceService(config, audit)
    return [*api_routes(service), *console_routes(service), *tile_routes(service)]
