"""Client-visible errors: one class per status; each protocol renders them (``gateway.protocols.errors``).

Messages are written for the client and never carry request text: they name fields, limits and
policy reasons, not values.
"""

from __future__ import annotations

from typing import Any


class GatewayError(Exception):
    status: int = 500
    openai_type: str = "server_error"
    tgi_type: str = "internal"
    code: str | None = None

    def __init__(self, message: str, *, param: str | None = None, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.message = message
        self.param = param
        self.headers = headers or {}

    @property
    def details(self) -> dict[str, Any]:
        """Fields beyond the message that every protocol's error body carries."""
        return {}


class InvalidRequest(GatewayError):
    status = 400
    openai_type = "invalid_request_error"
    tgi_type = "validation"


class Unauthenticated(GatewayError):
    status = 401
    openai_type = "authentication_error"
    tgi_type = "authentication"
    code = "invalid_api_key"

    def __init__(self, message: str = "A valid API key is required (Authorization: Bearer <key>)."):
        super().__init__(message, headers={"www-authenticate": "Bearer"})


class Forbidden(GatewayError):
    status = 403
    openai_type = "permission_error"
    tgi_type = "forbidden"


class NotFound(GatewayError):
    status = 404
    openai_type = "invalid_request_error"
    tgi_type = "not_found"
    code = "model_not_found"


class PayloadTooLarge(GatewayError):
    status = 413
    openai_type = "invalid_request_error"
    tgi_type = "validation"
    code = "payload_too_large"


class UnsupportedMediaType(GatewayError):
    status = 415
    openai_type = "invalid_request_error"
    tgi_type = "validation"
    code = "unsupported_media_type"


class RequestTimeout(GatewayError):
    """The client did not send its whole request within the server's read deadline."""

    status = 408
    openai_type = "invalid_request_error"
    tgi_type = "timeout"
    code = "request_timeout"


class HeadersTooLarge(GatewayError):
    """The request line and headers exceed the server's limit."""

    status = 431
    openai_type = "invalid_request_error"
    tgi_type = "validation"
    code = "headers_too_large"


class Unprocessable(GatewayError):
    status = 422
    openai_type = "invalid_request_error"
    tgi_type = "validation"


class PolicyDenied(GatewayError):
    """The residency policy refused the request: HTTP 451 with the policy's reasons."""

    status = 451
    openai_type = "policy_denied"
    tgi_type = "policy_denied"
    code = "residency_policy"

    def __init__(self, reasons: list[str], decision_id: str):
        self.reasons = reasons
        self.decision_id = decision_id
        joined = "; ".join(reasons) or "no node satisfies the residency policy"
        super().__init__(
            f"Denied by residency policy: {joined}",
            headers={"x-should-retry": "false", "x-sovgw-decision-id": decision_id},
        )

    @property
    def details(self) -> dict[str, Any]:
        return {"reasons": self.reasons, "decision_id": self.decision_id}


class QuotaExceeded(GatewayError):
    """The tenant used up a limit of its contract: 429 with ``retry-after`` until its window ends.

    OpenAI names the limit in ``type`` ("requests" or "tokens") with code ``rate_limit_exceeded``;
    its SDK raises ``RateLimitError``. TGI has one type for 429, ``overloaded`` (huggingface_hub
    raises ``OverloadedError``). A refusal for the rest of the day tells SDKs not to retry."""

    status = 429
    tgi_type = "overloaded"
    code = "rate_limit_exceeded"

    def __init__(self, message: str, *, limit: str, retry_after: int):
        headers = {"retry-after": str(retry_after)}
        if retry_after > 60:  # the openai SDK would retry at once, twice, into the same refusal
            headers["x-should-retry"] = "false"
        super().__init__(message, headers=headers)
        self.openai_type = limit


class ServiceUnavailable(GatewayError):
    """Nothing may be forwarded right now: no allowed healthy node, or a stage that must not fail open."""

    status = 503
    openai_type = "service_unavailable"
    tgi_type = "unavailable"

    def __init__(self, message: str, *, retry_after: int = 5, code: str | None = None):
        super().__init__(message, headers={"retry-after": str(retry_after)})
        if code:
            self.code = code


class UpstreamTimeout(GatewayError):
    status = 504
    openai_type = "timeout"
    tgi_type = "timeout"
    code = "upstream_timeout"


class UpstreamFailed(GatewayError):
    """Every allowed node that was tried failed."""

    status = 502
    openai_type = "upstream_error"
    tgi_type = "upstream"
    code = "upstream_error"


class UpstreamRejected(GatewayError):
    """The node refused the request itself (validation); passed on with the node's status and message."""

    openai_type = "invalid_request_error"

    def __init__(self, status: int, message: str, tgi_type: str):
        super().__init__(message)
        self.status = status
        self.tgi_type = tgi_type
