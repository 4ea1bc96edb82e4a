"""API key -> tenant. Keys are stored only as SHA-256 hashes; comparison is constant-time."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from starlette.datastructures import Headers

from gateway.config import TenantConfig
from gateway.errors import Unauthenticated


@dataclass(frozen=True, slots=True)
class Caller:
    tenant: TenantConfig
    api_key_id: str


class KeyRing:
    def __init__(self, tenants: list[TenantConfig]):
        self._keys = [(bytes.fromhex(k.sha256), t, k.id) for t in tenants for k in t.api_keys]

    def authenticate(self, headers: Headers) -> Caller:
        key = _presented_key(headers)
        if not key:
            raise Unauthenticated()
        digest = hashlib.sha256(key.encode()).digest()
        found: Caller | None = None
        # Compare against every stored hash without stopping early, so timing says nothing about
        # which key (if any) matched.
        for stored, tenant, key_id in self._keys:
            if hmac.compare_digest(stored, digest):
                found = Caller(tenant=tenant, api_key_id=key_id)
        if found is None:
            raise Unauthenticated()
        return found


def _presented_key(headers: Headers) -> str | None:
    scheme, _, value = headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return None
