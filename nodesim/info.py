"""The routes that describe a node: health, /info, /metrics, /v1/models and /tokenize."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from nodesim import exchange, limits
from nodesim.errors import Rejection
from nodesim.payloads import parse_native
from nodesim.sse import dumps
from nodesim.state import SimState
from nodesim.vocabulary import word_id

_UNHEALTHY = b'{"error":"unhealthy","error_type":"healthcheck"}'


class InfoRoutes:
    def __init__(self, state: SimState) -> None:
        self.state = state
        settings = state.settings
        self._info = dumps(
            {
                "model_id": settings.model,
                "model_sha": None,
                "model_pipeline_tag": "text-generation",
                "max_concurrent_requests": settings.max_concurrent,
                "max_best_of": limits.MAX_BEST_OF,
                "max_stop_sequences": limits.MAX_STOP_SEQUENCES,
                "max_input_tokens": limits.MAX_INPUT_TOKENS,
                "max_total_tokens": limits.MAX_TOTAL_TOKENS,
                "validation_workers": limits.VALIDATION_WORKERS,
                "max_client_batch_size": limits.MAX_CLIENT_BATCH_SIZE,
                "router": limits.ROUTER,
                "version": limits.VERSION,
                "sha": None,
                "docker_label": None,
                # Not in TGI: where this simulated node claims to run, and which one it is.
                "jurisdiction": settings.jurisdiction,
                "node_id": settings.node_id,
            }
        )
        self._models = dumps(
            {
                "object": "list",
                "data": [{"id": settings.model, "object": "model", "created": 0, "owned_by": settings.model}],
            }
        )

    async def health(self, request: Request) -> Response:
        return exchange.response(self.health_now())

    async def info(self, request: Request) -> Response:
        return exchange.response(self.info_now())

    async def models(self, request: Request) -> Response:
        return exchange.response(self.models_now())

    async def metrics(self, request: Request) -> Response:
        return exchange.response(self.metrics_now())

    # The same answers for the fast path (nodesim.fastpath), which takes (path, headers, body).

    def health_now(self, *_: object) -> exchange.Reply:
        if self.state.healthy:
            return exchange.Reply(200)
        return exchange.Reply(503, _UNHEALTHY, "application/json")

    def info_now(self, *_: object) -> exchange.Reply:
        return exchange.json_reply(self._info)

    def models_now(self, *_: object) -> exchange.Reply:
        return exchange.json_reply(self._models)

    def metrics_now(self, *_: object) -> exchange.Reply:
        return exchange.Reply(200, self.state.render_metrics().encode(), "text/plain")

    async def tokenize(self, request: Request) -> Response:
        """Whitespace words with their character offsets: the simulator's tokenizer."""
        if not exchange.authorized(request.headers, self.state.settings):
            return exchange.unauthorized()
        try:
            parsed = parse_native(await exchange.read_json(request), compat=False)
        except Rejection as rejection:
            return exchange.rejection_response(rejection)
        tokens = []
        position = 0
        text = parsed.inputs
        for word in text.split():
            start = text.index(word, position)
            position = start + len(word)
            tokens.append({"id": word_id(word), "text": word, "start": start, "stop": position})
        return exchange.json_response(dumps(tokens))
