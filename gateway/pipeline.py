"""One inference request, start to end (see ARCHITECTURE.md):

intake (key -> tenant, body, protocol) -> classify -> decide -> record + route + forward
-> answer -> record completion.

Each stage hands the next a small typed value. Every stage that can fail closes the path: nothing is
forwarded without a classification (or an explicitly degraded one), a policy decision and a
committed audit record naming the node.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any
from typing import Protocol as Interface

from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Scope

from audit.promise import HEADER as PROMISE_HEADER
from domain.classification import ClassificationSummary
from domain.events import RequestContext
from domain.policy import CandidateNode, PolicyDecision, PolicyInput, RequestMeta
from domain.texts import TextItem
from gateway import metrics, telemetry
from gateway.config import GatewayConfig, config_digest
from gateway.errors import GatewayError, NotFound, PolicyDenied, ServiceUnavailable, UpstreamTimeout
from gateway.forwarding.attempt import AttemptFailed, Opened
from gateway.forwarding.forwarder import Forwarder
from gateway.forwarding.receipts import Trail
from gateway.intake.body import read_json
from gateway.intake.keys import KeyRing
from gateway.intake.tenants import Tenants
from gateway.policy.engine import PolicyEngine
from gateway.policy.errors import PolicyEngineError
from gateway.protocols.accounting import UnknownFields
from gateway.protocols.request import InferenceRequest
from gateway.protocols.usage import Usage
from gateway.quotas.quotas import Quotas
from gateway.recording.recorder import Recorder, node_ref
from gateway.routing.node import NodeState
from gateway.routing.registry import NodeRegistry
from gateway.serving.admission import answered

log = logging.getLogger(__name__)

# A protocol adapter: the JSON body, the HTTP request (for headers) and the tenant's choice for
# fields the gateway does not know.
Parse = Callable[[dict[str, Any], Request, UnknownFields], InferenceRequest]


class Classifier(Interface):
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
        recorder: Recorder,
        registry: NodeRegistry,
        forwarder: Forwarder,
        quotas: Quotas,
        tracing: telemetry.Tracing | None = None,
    ):
        self.config = config
        self.keys = KeyRing(config.tenants)
        self.tenants = Tenants(config)
        self.registry = registry
        self._classifier = classifier
        self._degraded_summary = degraded_summary
        self._classification_errors: tuple[type[BaseException], ...] = (TimeoutError, *classification_errors)
        self._policy = policy
        self.recorder = recorder
        self._forwarder = forwarder
        self.quotas = quotas
        self._tracing = tracing  # None: tracing is off, and costs nothing
        self._stage: Callable[[str], AbstractContextManager[Any]] = (
            telemetry.untraced if tracing is None else tracing.stage
        )
        registry.identity.on_change = recorder.node_identity

    # -- the whole path ----------------------------------------------------------------------

    async def handle(self, http: Request, parse: Parse) -> Response:
        with self._stage("intake"):
            caller = self.keys.authenticate(http.headers)
            await self.quotas.admit(caller.tenant.id)  # before the body is read: the cheapest refusal
            limits = self.config.limits
            body = await read_json(http, limits.max_body_bytes, limits.max_json_depth)
            request = parse(body, http, UnknownFields(caller.tenant.unknown_fields))
            model = self.tenants.resolve_model(caller, request.model)
            context = RequestContext(
                request_id=uuid.uuid4().hex,
                tenant=caller.tenant.id,
                api_key_id=caller.api_key_id,
                purpose=self.tenants.purpose(caller, http.headers),
                route=request.route,
                model=model,
                stream=request.stream,
            )
        if self._tracing is not None:
            self._tracing.annotate({"sovgw.tenant": context.tenant, "sovgw.model": model})
        with self._stage("classification"):
            summary = await self.classify(context, request)
        with self._stage("policy"):
            decision = await self.decide(context, request, model, summary)
        usage = Usage()
        admission = Admission(context, request, summary, decision)
        opened, failovers, promise = await self.open_upstream(admission, usage)
        return await self.answer(admission, opened, failovers, usage, promise, http.scope)

    # -- stages ------------------------------------------------------------------------------

    async def classify(self, context: RequestContext, request: InferenceRequest) -> ClassificationSummary:
        settings = self.config.classification
        with metrics.timed("classify"):
            try:
                async with asyncio.timeout(settings.timeout_s):
                    return await self._classifier.classify(request.texts)
            except self._classification_errors as e:
                reason = "timeout" if isinstance(e, TimeoutError) else type(e).__name__
        metrics.STAGE_FAILURES.labels(stage="classification").inc()
        log.warning("classification failed (%s) for request %s", reason, context.request_id)
        if settings.on_failure == "special":
            # Explicitly degraded: treated as special-category data by the policy, and recorded.
            return self._degraded_summary(reason)
        promise = await self.recorder.engine_failure(context, "classification", reason, None)
        raise _promised(
            ServiceUnavailable(
                "Personal-data classification is unavailable; nothing was forwarded.",
                code="classification_unavailable",
            ),
            promise,
        )

    async def decide(
        self, context: RequestContext, request: InferenceRequest, model: str, summary: ClassificationSummary
    ) -> PolicyDecision:
        nodes = self.registry.serving(model, request.node_protocols)
        if not nodes:
            raise NotFound(f"The model {model!r} is not served over this route's protocol.", param="model")
        tenant = self.tenants.view(context.tenant)
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
                        attested=n.attested,
                        appraisal=n.identity.appraisal if n.identity is not None else None,
                    )
                    for n in nodes
                ],
                request=RequestMeta(
                    route=request.route, protocol=request.protocol.value, model=model, stream=request.stream
                ),
            )

        with metrics.timed("decide"):
            try:
                decision = _within(await self._policy.decide(policy_input(all_healthy=False)), nodes)
                if self._tracing is not None:
                    allowed = decision.allow and bool(decision.allowed_nodes)
                    self._tracing.annotate({"sovgw.decision": "allow" if allowed else "deny"})
                await self.recorder.policy_revision(decision.revision)
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
                promise = await self.recorder.engine_failure(context, "policy", str(e), summary)
                raise _promised(
                    ServiceUnavailable(
                        "The residency policy engine is unavailable; nothing was forwarded.",
                        code="policy_unavailable",
                    ),
                    promise,
                ) from None
        promise = await self.recorder.denial(context, summary, decision, 503 if would_allow else 451)
        if would_allow:
            raise _promised(
                ServiceUnavailable(
                    "No node the policy allows for this request is healthy right now.",
                    code="no_healthy_node",
                ),
                promise,
            )
        metrics.DENIALS.labels(route=request.route).inc()
        raise _promised(PolicyDenied(decision.reasons, decision.decision_id), promise)

    async def open_upstream(self, admission: Admission, usage: Usage) -> tuple[Opened, int, str]:
        """Route and forward with failover inside the allowed set. Each attempt is recorded first;
        with the node that opened comes the log's promise for its attempt's record."""
        allowed = admission.decision.allowed_nodes
        tried: set[str] = set()
        last_error: GatewayError | None = None
        for attempt in range(1, len(allowed) + 1):
            with self._stage("routing"):
                node = self.registry.pick(allowed, exclude=tried)
            if node is None:
                break
            target = node_ref(node, allowed[node.id])
            context = admission.context
            with self._stage("audit commit"):
                promise = await self.recorder.forward(
                    context, admission.classification, admission.decision, target, attempt
                )
                if self._tracing is not None:
                    self._tracing.record_seq(promise)
            node.begin()
            try:
                with metrics.timed("upstream_open"), self._stage("upstream"):
                    if self._tracing is not None:
                        self._tracing.annotate(
                            {"sovgw.node": node.id, "sovgw.jurisdiction": node.config.jurisdiction}
                        )
                    trail = Trail(context.request_id, admission.decision.decision_id, target)
                    opened = await self._forwarder.open(node, admission.request, usage, trail)
            except AttemptFailed as failed:
                node.end()
                if failed.retryable or isinstance(failed.error, UpstreamTimeout):
                    self.registry.record_failure(node)
                else:  # the node refused this request's values: it answered, the client erred
                    self.registry.record_success(node)
                tried.add(node.id)
                ended = Usage(
                    status=failed.error.status,
                    outcome="timeout" if isinstance(failed.error, UpstreamTimeout) else "upstream_error",
                    started=usage.started,
                )
                await self.recorder.completion(context, ended, target, attempt, attempt - 1)
                if not failed.retryable:
                    raise _promised(failed.error, promise) from None
                last_error = _promised(failed.error, promise)
                metrics.FAILOVERS.labels(route=admission.request.route).inc()
                continue
            except asyncio.CancelledError:  # the client left while the node was being asked
                node.end()
                gone = Usage(status=499, outcome="client_disconnected", started=usage.started)
                await asyncio.shield(self.recorder.completion(context, gone, target, attempt, attempt - 1))
                raise
            self.registry.record_success(node)
            return opened, attempt - 1, promise
        if last_error is not None:
            raise last_error
        raise ServiceUnavailable(
            "No node the policy allows for this request is available right now.", code="no_healthy_node"
        )

    async def answer(
        self,
        admission: Admission,
        opened: Opened,
        failovers: int,
        usage: Usage,
        promise: str,
        scope: Scope,
    ) -> Response:
        """The node's answer for the client, whose completion is recorded once it has gone."""
        context, request, decision = admission.context, admission.request, admission.decision
        node = opened.node
        served = opened.routed or node_ref(node, decision.allowed_nodes[node.id])  # as recorded
        headers = {
            "x-sovgw-request-id": context.request_id,
            "x-sovgw-decision-id": decision.decision_id,
            "x-sovgw-node": node.id,
            "x-sovgw-operator": node.config.operator,
            "x-sovgw-jurisdiction": node.config.jurisdiction,
            "x-sovgw-transfer-basis": served.transfer_basis,
            "x-sovgw-data-category": admission.classification.category.value,
            PROMISE_HEADER: promise,
        }

        async def done() -> None:
            node.end()
            if usage.outcome == "success":
                self.registry.record_success(node)  # an answer delivered: the node is up
            receipt = opened.receipt(usage)  # nodes behind a node-agent: its receipt, as checked
            await self.quotas.charge(context.tenant, usage, receipt)
            with self._stage("completion record"):
                await self.recorder.completion(context, usage, served, failovers + 1, failovers, receipt)

        if opened.body is None:
            return self._forwarder.respond(opened, request, usage, headers, done)
        try:
            response = self._forwarder.respond(opened, request, usage, headers, done)
        except GatewayError as e:
            usage.outcome, usage.status = "upstream_error", e.status
            await done()
            raise

        async def after_answer() -> None:
            answered(scope)  # the client has its whole answer: its admission place is free
            await done()

        # The completion record is written after the answer has gone, off the client's path.
        response.background = BackgroundTask(after_answer)
        return response

    # -- records of the gateway itself --------------------------------------------------------

    async def record_startup(self) -> None:
        await self.recorder.startup(config_digest(self.config), self._policy.revision)

    async def record_shutdown(self) -> None:
        await self.recorder.shutdown()


def _promised(error: GatewayError, promise: str | None) -> GatewayError:
    """``error``, carrying the log's promise for the record of the refusal, if one was committed."""
    if promise is not None:
        error.headers[PROMISE_HEADER] = promise
    return error


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
