"""What each tenant may ask for: its purposes of processing, the models it can reach, and how the
policy sees it."""

from __future__ import annotations

from starlette.datastructures import Headers

from domain.policy import TenantView
from gateway.config import GatewayConfig
from gateway.errors import Forbidden, InvalidRequest, NotFound
from gateway.intake.keys import Caller

PURPOSE_HEADER = "x-sovgw-purpose"


class Tenants:
    def __init__(self, config: GatewayConfig):
        self._models = frozenset(config.models())
        self._tenant_models = {
            t.id: sorted(
                {m for n in config.nodes if n.jurisdiction in t.allowed_jurisdictions for m in n.models}
            )
            for t in config.tenants
        }
        self._views = {
            t.id: TenantView(
                id=t.id,
                home_jurisdiction=t.home_jurisdiction,
                allowed_jurisdictions=t.allowed_jurisdictions,
                settings=t.policy,
            )
            for t in config.tenants
        }

    def purpose(self, caller: Caller, headers: Headers) -> str:
        tenant = caller.tenant
        asked = headers.get(PURPOSE_HEADER)
        if asked is None:
            if tenant.default_purpose:
                return tenant.default_purpose
            if len(tenant.purposes) == 1:
                return tenant.purposes[0]
            raise InvalidRequest(
                f"Name the purpose of processing in the {PURPOSE_HEADER} header.", param=PURPOSE_HEADER
            )
        if asked not in tenant.purposes:
            raise Forbidden(
                "That purpose of processing is not registered for this tenant.", param=PURPOSE_HEADER
            )
        return asked

    def resolve_model(self, caller: Caller, model: str | None) -> str:
        if model is None:
            reachable = self.models(caller)
            if len(reachable) == 1:
                return reachable[0]
            raise InvalidRequest("Name a model: this gateway serves several.", param="model")
        if model not in self._models:
            raise NotFound(f"The model {model!r} is not served by this gateway.", param="model")
        return model

    def models(self, caller: Caller) -> list[str]:
        """Models served by a node in a jurisdiction the tenant may ever use."""
        return self._tenant_models[caller.tenant.id]

    def view(self, tenant_id: str) -> TenantView:
        return self._views[tenant_id]
