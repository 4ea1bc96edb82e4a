"""The routes that describe a node: health, /info, /metrics, /v1/models and /tokenize."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

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
        if self.state.healthy:
            return Response(status_code=200)
        return Response(_UNHEALTHY, status_code=503, media_type="application/json")

    async def info(self, request: Request) -> Response:
        return exchange.json_response(self._info)

    async def models(self, request: Request) -> Response:
        return exchange.json_response(self._models)

    async def metrics(self, request: Request) -> Response:
        return PlainTextResponse(self.state.render_metrics())

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
