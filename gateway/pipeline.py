"""One inference request, start to end (see design.md):

authenticate -> parse -> classify -> decide -> route -> record -> forward -> record completion.

Each stage hands the next a small typed value. Every stage that can fail closes the path: nothing is
forwarded without a classification (or an explicitly degraded one), a policy decision and a
committed audit record naming the node.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal
from typing import Protocol as TypingProtocol

from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import Response

from audit.log import AuditLog, AuditUnavailable
from domain.classification import ClassificationSummary
from domain.events import (
    AdminEvent,
    CompletionEvent,
    DecisionRef,
    DenialEvent,
    EngineFailureEvent,
    ForwardEvent,
    NodeRef,
    RequestContext,
)
from domain.policy import (
    CandidateNode,
    PolicyDecision,
    PolicyEngineError,
    PolicyInput,
    RequestMeta,
    TenantView,
)
from domain.texts import TextItem
from gateway import metrics
from gateway.auth import Caller, KeyRing
from gateway.config import GatewayConfig, config_digest
from gateway.errors import (
    Forbidden,
    GatewayError,
    InvalidRequest,
    NotFound,
    PayloadTooLarge,
    PolicyDenied,
    ServiceUnavailable,
    UnsupportedMediaType,
)
from gateway.forwarding import AttemptFailed, Forwarder, Opened, Usage
from gateway.nodes import NodeRegistry, NodeState
from gateway.policy.engine import PolicyEngine
from gateway.protocols.request import InferenceRequest

log = logging.getLogger(__name__)

PURPOSE_HEADER = "x-sovgw-purpose"


class Classifier(TypingProtocol):
    """What the pipeline needs of ``gateway.classification.classifier.Classifier`` (a test may
    stand in); named structurally so importing the pipeline does not load Presidio."""

    async def classify(self, items: tuple[TextItem, ...] | list[TextItem]) -> ClassificationSummary: ...

    async def ready(self) -> bool: ...

    async def aclose(self) -> None: ...


@dataclass(frozen=True, slots=True)
class Admission:
    """Everything decided before the first attempt: who, what was found, where it may go."""

    context: RequestContext  # its model is the resolved one
    request: InferenceRequest
    classification: ClassificationSummary
    decision: PolicyDecision


class Pipeline:
    def __init__(
        self,
        config: GatewayConfig,
        classifier: Classifier,
        degraded_summary: Callable[[str], ClassificationSummary],
        classification_errors: tuple[type[BaseException], ...],
        policy: PolicyEngine,
        audit: AuditLog,
        registry: NodeRegistry,
        forwarder: Forwarder,
    ):
        self.config = config
        self.keys = KeyRing(config.tenants)
        self._classifier = classifier
        self._degraded_summary = degraded_summary
        self._classification_errors = classification_errors
        self._policy = policy
        self._audit = audit
        self.registry = registry
        self._forwarder = forwarder
        self._revision = ""  # the policy revision the trail last recorded
        self._models = frozenset(config.models())
        self._tenant_models = {
            t.id: sorted(
                {m for n in config.nodes if n.jurisdiction in t.allowed_jurisdictions for m in n.models}
            )
            for t in config.tenants
        }
        self._tenant_views = {
            t.id: TenantView(
                id=t.id,
                home_jurisdiction=t.home_jurisdiction,
                allowed_jurisdictions=t.allowed_jurisdictions,
                settings=t.policy,
            )
            for t in config.tenants
        }

    # -- stages ------------------------------------------------------------------------------

    async def read_json(self, request: Request) -> dict[str, Any]:
        content_type = request.headers.get("content-type", "")
        if content_type.split(";")[0].strip().lower() != "application/json":
            raise UnsupportedMediaType("Expected a JSON body (content-type: application/json).")
        limit = self.config.limits.max_body_bytes
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise PayloadTooLarge(f"The body exceeds this gateway's limit of {limit} bytes.")
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > limit:
                raise PayloadTooLarge(f"The body exceeds this gateway's limit of {limit} bytes.")
        try:
            parsed = json.loads(body)
        except ValueError:
            raise InvalidRequest("The body is not valid JSON.") from None
        if not isinstance(parsed, dict):
            raise InvalidRequest("The body must be a JSON object.")
        return parsed

    def purpose(self, caller: Caller, request: Request) -> str:
        tenant = caller.tenant
        asked = request.headers.get(PURPOSE_HEADER)
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
            reachable = self.tenant_models(caller)
            if len(reachable) == 1:
                return reachable[0]
            raise InvalidRequest("Name a model: this gateway serves several.", param="model")
        if model not in self._models:
            raise NotFound(f"The model {model!r} is not served by this gateway.", param="model")
        return model

    def tenant_models(self, caller: Caller) -> list[str]:
        """Models served by a node in a jurisdiction the tenant may ever use."""
        return self._tenant_models[caller.tenant.id]

    async def classify(self, context: RequestContext, request: InferenceRequest) -> ClassificationSummary:
        settings = self.config.classification
        with _stage("classify"):
            failures: tuple[type[BaseException], ...] = (TimeoutError, *self._classification_errors)
            try:
                async with asyncio.timeout(settings.timeout_s):
                    return await self._classifier.classify(request.texts)
            except failures as e:
                reason = "timeout" if isinstance(e, TimeoutError) else type(e).__name__
        metrics.STAGE_FAILURES.labels(stage="classification").inc()
        log.warning("classification failed (%s) for request %s", reason, context.request_id)
        if settings.on_failure == "special":
            # Explicitly degraded: treated as special-category data by the policy, and recorded.
            return self._degraded_summary(reason)
        await self._record_failure(context, "classification", reason, None)
        raise ServiceUnavailable(
            "Personal-data classification is unavailable; nothing was forwarded.",
            code="classification_unavailable",
        )

    async def decide(
        self, context: RequestContext, request: InferenceRequest, model: str, summary: ClassificationSummary
    ) -> PolicyDecision:
        nodes = self.registry.serving(model, request.node_protocols)
        if not nodes:
            raise NotFound(f"The model {model!r} is not served over this route's protocol.", param="model")
        tenant = self._tenant_views[context.tenant]
        now = time.monotonic()

        def policy_input(all_healthy: bool) -> PolicyInput:
            return PolicyInput(
                tenant=tenant,
                purpose=context.purpose,
                classification=summary,
                candidates=[
                    CandidateNode(
                        id=n.id,
                        operator=n.config.operator,
                        jurisdiction=n.config.jurisdiction,
                        healthy=all_healthy or n.available(now),
                        attested=n.config.attested,
                    )
                    for n in nodes
                ],
                request=RequestMeta(
                    route=request.route, protocol=request.protocol.value, model=model, stream=request.stream
                ),
            )

        with _stage("decide"):
            try:
                decision = _within(await self._policy.decide(policy_input(all_healthy=False)), nodes)
                await self._note_revision(decision.revision)
                if decision.allow and decision.allowed_nodes:
                    return decision
                # Denied: for the data, or only because the nodes it could use are down? The
                # answer decides between 451 (do not retry) and 503 (retry later).
                unavailable = any(not n.available(now) for n in nodes)
                would_allow = (
                    unavailable and (await self._policy.decide(policy_input(all_healthy=True))).allow
                )
            except PolicyEngineError as e:
                metrics.STAGE_FAILURES.labels(stage="policy").inc()
                log.warning("policy engine failed (%s) for request %s", e, context.request_id)
                await self._record_failure(context, "policy", str(e), summary)
                raise ServiceUnavailable(
                    "The residency policy engine is unavailable; nothing was forwarded.",
                    code="policy_unavailable",
                ) from None
        await self._append(
            DenialEvent(request=context, classification=summary, decision=_decision_ref(decision))
        )
        if would_allow:
            raise ServiceUnavailable(
                "No node the policy allows for this request is healthy right now.", code="no_healthy_node"
            )
        metrics.DENIALS.labels(route=request.route).inc()
        raise PolicyDenied(decision.reasons, decision.decision_id)

    async def open_upstream(self, admission: Admission, usage: Usage) -> tuple[Opened, int]:
        """Route and forward with failover inside the allowed set. Each attempt is recorded first."""
        allowed = admission.decision.allowed_nodes
        tried: set[str] = set()
        last_error: GatewayError | None = None
        for attempt in range(1, len(allowed) + 1):
            node = self.registry.pick(allowed, exclude=tried)
            if node is None:
                break
            await self._append(
                ForwardEvent(
                    request=admission.context,
                    classification=admission.classification,
                    decision=_decision_ref(admission.decision),
                    node=_node_ref(node, allowed[node.id]),
                    attempt=attempt,
                )
            )
            node.begin()
            try:
                with _stage("upstream_open"):
                    opened = await self._forwarder.open(node, admission.request, usage)
            except AttemptFailed as failed:
                node.end()
                self.registry.record_failure(node)
                tried.add(node.id)
                if not failed.retryable:
                    raise failed.error from None
                last_error = failed.error
                metrics.FAILOVERS.labels(route=admission.request.route).inc()
                continue
            self.registry.record_success(node)
            return opened, attempt - 1
        if last_error is not None:
            raise last_error
        raise ServiceUnavailable(
            "No node the policy allows for this request is available right now.", code="no_healthy_node"
        )

    # -- the whole path ----------------------------------------------------------------------

    async def handle(
        self, http: Request, parse: Callable[[dict[str, Any], Request], InferenceRequest]
    ) -> Response:
        caller = self.keys.authenticate(http.headers)
        body = await self.read_json(http)
        request = parse(body, http)
        model = self.resolve_model(caller, request.model)
        context = RequestContext(
            request_id=uuid.uuid4().hex,
            tenant=caller.tenant.id,
            api_key_id=caller.api_key_id,
            purpose=self.purpose(caller, http),
            route=request.route,
            model=model,
            stream=request.stream,
        )
        summary = await self.classify(context, request)
        decision = await self.decide(context, request, model, summary)
        admission = Admission(context, request, summary, decision)
        usage = Usage()
        opened, failovers = await self.open_upstream(admission, usage)
        node = opened.node
        served = _node_ref(node, decision.allowed_nodes[node.id])
        headers = {
            "x-sovgw-request-id": context.request_id,
            "x-sovgw-decision-id": decision.decision_id,
            "x-sovgw-node": node.id,
            "x-sovgw-operator": node.config.operator,
            "x-sovgw-jurisdiction": node.config.jurisdiction,
            "x-sovgw-transfer-basis": served.transfer_basis,
            "x-sovgw-data-category": summary.category.value,
        }

        async def done() -> None:
            node.end()
            if usage.outcome == "success":
                self.registry.record_success(node)  # an answer delivered: the node is up
            await self._record_completion(context, usage, served, failovers)

        if opened.body is None:
            return self._forwarder.respond(opened, request, usage, headers, done)
        try:
            response = self._forwarder.respond(opened, request, usage, headers, done)
        except GatewayError as e:
            usage.outcome, usage.status = "upstream_error", e.status
            await done()
            raise
        # The completion record is written after the answer has gone, off the client's path.
        response.background = BackgroundTask(done)
        return response

    # -- records -----------------------------------------------------------------------------

    async def record_startup(self) -> None:
        """The trail says when the gateway started, with which configuration and policy."""
        self._revision = self._policy.revision
        detail = {"config_sha256": config_digest(self.config), "policy_revision": self._revision}
        await self._append(AdminEvent(kind="startup", detail=detail))

    async def record_shutdown(self) -> None:
        try:
            await self._audit.append(AdminEvent(kind="shutdown"))
        except AuditUnavailable:
            log.error("shutdown could not be recorded")

    async def _note_revision(self, revision: str) -> None:
        if revision == self._revision:
            return
        previous, self._revision = self._revision, revision  # set first: one record per change
        await self._append(AdminEvent(kind="policy_revision", detail={"from": previous, "to": revision}))

    async def _append(self, event: Any) -> int:
        with _stage("record"):
            try:
                return await self._audit.append(event)
            except AuditUnavailable:
                metrics.STAGE_FAILURES.labels(stage="audit").inc()
                log.error("audit record could not be committed; request not forwarded")
                raise ServiceUnavailable(
                    "The audit trail cannot record this request; nothing was forwarded.",
                    code="audit_unavailable",
                ) from None

    async def _record_failure(
        self,
        context: RequestContext,
        stage: Literal["classification", "policy"],
        reason: str,
        summary: ClassificationSummary | None,
    ) -> None:
        event = EngineFailureEvent(request=context, stage=stage, error=reason, classification=summary)
        try:
            await self._audit.append(event)
        except AuditUnavailable:
            log.error("engine failure could not be recorded either")

    async def _record_completion(
        self, context: RequestContext, usage: Usage, node: NodeRef, failovers: int
    ) -> None:
        event = CompletionEvent(
            request=context,
            outcome=usage.outcome,
            status=usage.status,
            served_by=node,
            failovers=failovers,
            prompt_tokens=usage.prompt_tokens,
            completion_tokens=usage.completion_tokens,
            latency_ms=(time.perf_counter() - usage.started) * 1000,
            first_byte_ms=usage.first_byte_ms,
        )
        try:
            await self._audit.append(event)
        except AuditUnavailable:
            # The answer has already gone; the forward record stands. Alarm, do not hide it.
            metrics.STAGE_FAILURES.labels(stage="audit_completion").inc()
            log.error("completion record for request %s could not be committed", context.request_id)


def _within(decision: PolicyDecision, candidates: list[NodeState]) -> PolicyDecision:
    """Only candidates, and only with a transfer basis, may ever be used, whatever a policy returns:
    a policy naming another node, or a node with basis "none", must not open a path."""
    ids = {n.id for n in candidates}
    allowed = {
        n: basis for n, basis in decision.allowed_nodes.items() if n in ids and basis and basis != "none"
    }
    if allowed == decision.allowed_nodes:
        return decision
    return decision.model_copy(update={"allowed_nodes": allowed})


def _decision_ref(decision: PolicyDecision) -> DecisionRef:
    return DecisionRef(
        decision_id=decision.decision_id,
        allow=decision.allow,
        revision=decision.revision,
        engine=decision.engine,
        reasons=decision.reasons,
        obligations=decision.obligations,
        legal_basis=decision.legal_basis,
    )


def _node_ref(node: NodeState, basis: str) -> NodeRef:
    return NodeRef(
        node_id=node.id,
        operator=node.config.operator,
        jurisdiction=node.config.jurisdiction,
        transfer_basis=basis,
    )


@contextmanager
def _stage(name: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        metrics.STAGE_SECONDS.labels(stage=name).observe(time.perf_counter() - start)
