"""TGI's native routes: ``POST /generate``, ``POST /generate_stream`` and the compat ``POST /``."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, replace

from starlette.requests import Request
from starlette.responses import Response

from nodesim import exchange
from nodesim.errors import Rejection, TgiError
from nodesim.generation import Generation, count_prompt_tokens, generate
from nodesim.pacing import Schedule, StreamSteps
from nodesim.payloads import NativeRequest, parse_native
from nodesim.shapes import parse_json
from nodesim.sse import EventStreamResponse, dumps, event
from nodesim.state import SimState
from nodesim.validation import validate
from nodesim.vocabulary import word_id


@dataclass(frozen=True, slots=True)
class _Run:
    """A non-stream generation under way: its answer, when it was admitted, whether it fails, and
    the concurrency permits it holds."""

    generation: Generation
    admitted: float
    failing: bool
    permits: list[int]


def _parse(body: bytes, compat: bool) -> NativeRequest:
    """The body as the route deserialises it; POST / defaults ``return_full_text`` to true."""
    parsed = parse_native(parse_json(body), compat=compat)
    if compat and parsed.parameters.return_full_text is None:
        return replace(parsed, parameters=replace(parsed.parameters, return_full_text=True))
    return parsed


class NativeRoutes:
    def __init__(self, state: SimState) -> None:
        self.state = state
        self.schedule = Schedule(state.settings)

    async def generate(self, request: Request) -> Response:
        return await self._handle(request, compat=False, stream=False)

    async def generate_stream(self, request: Request) -> Response:
        return await self._handle(request, compat=False, stream=True)

    async def compat(self, request: Request) -> Response:
        """POST /: ``stream`` picks the SSE or a JSON list; ``return_full_text`` defaults to true
        (TGI's default for a model whose pipeline tag is text-generation)."""
        return await self._handle(request, compat=True, stream=False)

    async def _handle(self, request: Request, *, compat: bool, stream: bool) -> Response:
        started = time.monotonic()
        refused = exchange.refusal(request.headers, self.state.settings)
        if refused is not None:
            return exchange.response(refused)
        try:
            body = await exchange.read_body(request)
        except Rejection as rejection:
            return exchange.rejection_response(rejection)
        self.state.receive(request.url.path, body)
        try:
            parsed = _parse(body, compat)
        except Rejection as rejection:
            return exchange.rejection_response(rejection)
        self.state.count_request()
        if stream or parsed.stream:
            return self._stream(parsed)
        try:
            run = self._begin(parsed)
        except TgiError as error:
            return exchange.response(self._failed(error))
        try:
            await self.schedule.sleep_total(run.generation.generated_tokens)
        finally:
            self.state.release(run.permits)
        return exchange.response(self._finish(parsed, run, started, compat))

    def answer_now(self, path: str, headers: Mapping[str, str], body: bytes) -> exchange.Reply | None:
        """A whole non-stream request of ``/generate`` or ``POST /`` answered at once, as
        ``_handle`` answers it; None, with nothing counted or recorded, when it needs the app: a
        stream, or a node that paces its tokens."""
        started = time.monotonic()
        if self.schedule.paced:
            return None
        compat = path == "/"
        refused = exchange.refusal(headers, self.state.settings)
        if refused is not None:
            return refused
        try:
            parsed: NativeRequest | Rejection = _parse(body, compat)
        except Rejection as rejection:
            parsed = rejection
        if isinstance(parsed, NativeRequest) and parsed.stream:
            return None
        self.state.receive(path, body)
        if isinstance(parsed, Rejection):
            return exchange.rejected(parsed)
        self.state.count_request()
        try:
            run = self._begin(parsed)
        except TgiError as error:
            return self._failed(error)
        self.state.release(run.permits)
        return self._finish(parsed, run, started, compat)

    def _begin(self, parsed: NativeRequest) -> _Run:
        """Admit, then validate and generate, and draw whether it fails; the permits are the
        caller's to release once the answer's time has passed (released here on a TgiError)."""
        params = parsed.parameters
        permits = self.state.admit(count_prompt_tokens(parsed.inputs) + (params.max_new_tokens or 0))
        try:
            admitted = time.monotonic()
            generation = generate(self.state.table, validate(parsed.inputs, params))
            return _Run(generation, admitted, self.state.draw_failure(), permits)
        except TgiError:
            self.state.release(permits)
            raise

    def _failed(self, error: TgiError) -> exchange.Reply:
        self.state.count_failure(error)
        return exchange.failed(error)

    def _finish(self, parsed: NativeRequest, run: _Run, started: float, compat: bool) -> exchange.Reply:
        if run.failing:
            return self._failed(self.state.failure_for_response())
        self.state.count_success()
        generation = run.generation
        body = _response_json(parsed, generation)
        headers = exchange.timing_headers(
            started,
            run.admitted,
            len(parsed.inputs),
            generation.prompt_tokens,
            generation.generated_tokens,
        )
        return exchange.json_reply(f"[{body}]" if compat else body, headers)

    def _stream(self, parsed: NativeRequest) -> Response:
        permits: list[int] = []
        events = self._events(parsed, permits, self.state.take_crash())
        headers = exchange.stream_headers(len(parsed.inputs))
        return EventStreamResponse(
            events, headers, on_close=lambda: self.state.release(permits), paced=self.schedule.paced
        )

    async def _events(
        self, parsed: NativeRequest, permits: list[int], crash_after: int | None
    ) -> AsyncIterator[bytes]:
        state = self.state
        params = parsed.parameters
        try:
            if params.best_of not in (None, 1):
                raise TgiError.validation("`best_of` != 1 is not supported when streaming tokens")
            if params.decoder_input_details:
                raise TgiError.validation(
                    "`decoder_input_details` == true is not supported when streaming tokens"
                )
            permits.extend(state.admit(count_prompt_tokens(parsed.inputs) + (params.max_new_tokens or 0)))
            generation = generate(state.table, validate(parsed.inputs, params))
        except TgiError as error:
            state.count_failure(error)
            yield error.native_event()
            return
        tokens = generation.tokens
        last = len(tokens) - 1
        steps = StreamSteps(state, self.schedule, len(tokens), crash_after, lambda f: (f.native_event(),))
        async for index in steps:
            if isinstance(index, bytes):
                yield index
                continue
            token = tokens[index]
            if index < last:
                yield event(
                    f'{{"index":{index + 1},"token":{token.json},"generated_text":null,"details":null}}'
                )
            else:
                text = _full_text(parsed, generation)
                details = "null"
                if params.details:
                    details = (
                        f'{{"finish_reason":"{generation.finish_reason}",'
                        f'"generated_tokens":{generation.generated_tokens},'
                        f'"seed":{dumps(generation.seed)},"input_length":{generation.prompt_tokens}}}'
                    )
                yield event(
                    f'{{"index":{index + 1},"token":{token.json},'
                    f'"generated_text":{dumps(text)},"details":{details}}}'
                )
        if steps.failed:
            return
        state.count_success()


def _full_text(parsed: NativeRequest, generation: Generation) -> str:
    if parsed.parameters.return_full_text:
        return parsed.inputs + generation.text
    return generation.text


def _response_json(parsed: NativeRequest, generation: Generation) -> str:
    text = dumps(_full_text(parsed, generation))
    params = parsed.parameters
    if not (params.details or params.decoder_input_details):
        return f'{{"generated_text":{text}}}'
    prefill = _prefill(parsed.inputs) if params.decoder_input_details else "[]"
    tokens = ",".join(token.json for token in generation.tokens)
    return (
        f'{{"generated_text":{text},"details":{{"finish_reason":"{generation.finish_reason}",'
        f'"generated_tokens":{generation.generated_tokens},"seed":{dumps(generation.seed)},'
        f'"prefill":{prefill},"tokens":[{tokens}]}}}}'
    )


def _prefill(inputs: str) -> str:
    """The prompt's tokens; the first has no logprob, as in TGI."""
    words = inputs.split()
    items = [
        {"id": word_id(word), "text": word if i == 0 else " " + word, "logprob": None if i == 0 else -1.0}
        for i, word in enumerate(words)
    ]
    return dumps(items)
