"""TGI's OpenAI-style routes: ``POST /v1/chat/completions`` and ``POST /v1/completions``.

Errors before generation are TGI's ``{"error","error_type"}`` JSON (not OpenAI's error shape, as
on a real node); after a stream opened they are ``data: {"error":{"message","http_status_code"}}``
followed by ``data: [DONE]``.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response

from nodesim import exchange, limits
from nodesim.errors import Rejection, TgiError
from nodesim.generation import (
    LENGTH,
    Generation,
    GenSpec,
    count_prompt_tokens,
    generate,
    openai_finish_reason,
)
from nodesim.pacing import Schedule, StreamSteps
from nodesim.payloads import (
    ChatRequest,
    CompletionRequest,
    ToolCallPlan,
    parse_chat,
    parse_completion,
)
from nodesim.shapes import parse_json
from nodesim.sse import DONE, EventStreamResponse, dumps, event
from nodesim.state import SimState
from nodesim.validation import chat_spec, plan_tool_call, validate
from nodesim.vocabulary import Token

_FINGERPRINT = dumps(limits.SYSTEM_FINGERPRINT)


def _usage(prompt_tokens: int, completion_tokens: int) -> str:
    return (
        f'{{"prompt_tokens":{prompt_tokens},"completion_tokens":{completion_tokens},'
        f'"total_tokens":{prompt_tokens + completion_tokens}}}'
    )


def _token_logprobs(tokens: list[Token]) -> str:
    items = ",".join(f'{{"token":{t.text_json},"logprob":{t.logprob},"top_logprobs":[]}}' for t in tokens)
    return f'{{"content":[{items}]}}'


@dataclass(frozen=True, slots=True)
class _Run:
    """A non-stream generation under way: its answers, when it was admitted, whether it fails, and
    the concurrency permits it holds."""

    generations: list[Generation]
    admitted: float
    failing: bool
    permits: list[int]

    @property
    def tokens(self) -> int:
        """The longest answer's tokens: what the pacing waits for."""
        return max(g.generated_tokens for g in self.generations)


class OpenAIRoutes:
    def __init__(self, state: SimState) -> None:
        self.state = state
        self.schedule = Schedule(state.settings)
        self.model = dumps(state.settings.model)

    # ---- chat -----------------------------------------------------------------------------------

    async def chat(self, request: Request) -> Response:
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
            parsed = parse_chat(parse_json(body))
        except Rejection as rejection:
            return exchange.rejection_response(rejection)
        self.state.count_request()
        try:
            tool = plan_tool_call(parsed, self.state.table.request_key(parsed.prompt, None))
        except TgiError as error:
            return exchange.response(self._failed(error))
        if parsed.stream:
            permits: list[int] = []
            events = self._chat_events(parsed, tool, permits, self.state.take_crash())
            return EventStreamResponse(
                events,
                exchange.stream_headers(len(parsed.prompt)),
                on_close=lambda: self.state.release(permits),
                paced=self.schedule.paced,
            )
        try:
            run = self._begin_chat(parsed, tool)
        except TgiError as error:
            return exchange.response(self._failed(error))
        try:
            await self.schedule.sleep_total(run.tokens)
        finally:
            self.state.release(run.permits)
        return exchange.response(self._finish_chat(parsed, tool, run, started))

    def chat_now(self, path: str, headers: Mapping[str, str], body: bytes) -> exchange.Reply | None:
        """A whole non-stream chat request answered at once, as ``chat`` answers it; None, with
        nothing counted or recorded, when it needs the app: a stream, or a node that paces tokens."""
        started = time.monotonic()
        if self.schedule.paced:
            return None
        refused = exchange.refusal(headers, self.state.settings)
        if refused is not None:
            return refused
        try:
            parsed: ChatRequest | Rejection = parse_chat(parse_json(body))
        except Rejection as rejection:
            parsed = rejection
        if isinstance(parsed, ChatRequest) and parsed.stream:
            return None
        self.state.receive(path, body)
        if isinstance(parsed, Rejection):
            return exchange.rejected(parsed)
        self.state.count_request()
        try:
            tool = plan_tool_call(parsed, self.state.table.request_key(parsed.prompt, None))
            run = self._begin_chat(parsed, tool)
        except TgiError as error:
            return self._failed(error)
        self.state.release(run.permits)
        return self._finish_chat(parsed, tool, run, started)

    def _begin_chat(self, parsed: ChatRequest, tool: ToolCallPlan | None) -> _Run:
        reserved = count_prompt_tokens(parsed.prompt) + (parsed.spec_parameters.max_new_tokens or 0)
        return self._begin(reserved, 1, lambda: [self._chat_spec(parsed, tool)])

    def _finish_chat(
        self, parsed: ChatRequest, tool: ToolCallPlan | None, run: _Run, started: float
    ) -> exchange.Reply:
        if run.failing:
            return self._failed(self.state.failure_for_response())
        result = run.generations[0]
        try:
            message = self._chat_message(tool, result)
        except TgiError as error:
            return self._failed(error)
        self.state.count_success()
        logprobs = _token_logprobs(result.tokens) if parsed.logprobs else "null"
        body = (
            f'{{"object":"chat.completion","id":"","created":{int(time.time())},"model":{self.model},'
            f'"system_fingerprint":{_FINGERPRINT},"choices":[{{"index":0,"message":{message},'
            f'"logprobs":{logprobs},"finish_reason":"{openai_finish_reason(result.finish_reason)}"}}],'
            f'"usage":{_usage(result.prompt_tokens, result.generated_tokens)}}}'
        )
        headers = exchange.timing_headers(
            started, run.admitted, len(parsed.prompt), result.prompt_tokens, result.generated_tokens
        )
        return exchange.json_reply(body, headers)

    def _chat_spec(self, parsed: ChatRequest, tool: ToolCallPlan | None) -> GenSpec:
        return chat_spec(parsed, tool.arguments if tool is not None else None)

    @staticmethod
    def _chat_message(tool: ToolCallPlan | None, generation: Generation) -> str:
        if tool is None:
            return f'{{"role":"assistant","content":{dumps(generation.text)}}}'
        if generation.finish_reason == LENGTH:
            raise TgiError.tool(f"Failed to parse generated text: EOF while parsing {dumps(generation.text)}")
        arguments = dumps(dumps(tool.arguments))
        return (
            f'{{"role":"assistant","tool_calls":[{{"id":"0","type":"function","function":'
            f'{{"description":null,"name":{dumps(tool.name)},"arguments":{arguments}}}}}]}}'
        )

    def _chunk(self, created: int, delta: str, logprobs: str, finish: str) -> bytes:
        return event(
            f'{{"object":"chat.completion.chunk","id":"","created":{created},"model":{self.model},'
            f'"system_fingerprint":{_FINGERPRINT},"choices":[{{"index":0,"delta":{delta},'
            f'"logprobs":{logprobs},"finish_reason":{finish}}}],"usage":null}}'
        )

    async def _chat_events(
        self, parsed: ChatRequest, tool: ToolCallPlan | None, permits: list[int], crash_after: int | None
    ) -> AsyncIterator[bytes]:
        state = self.state
        try:
            reserved = count_prompt_tokens(parsed.prompt) + (parsed.spec_parameters.max_new_tokens or 0)
            permits.extend(state.admit(reserved))
            generation = generate(state.table, self._chat_spec(parsed, tool))
        except TgiError as error:
            state.count_failure(error)
            yield error.openai_event()
            yield DONE
            return
        created = int(time.time())
        tokens = generation.tokens
        last = len(tokens) - 1
        tool_name = dumps(tool.name) if tool is not None else "null"
        steps = StreamSteps(state, self.schedule, len(tokens), crash_after, _openai_failure)
        async for index in steps:
            if isinstance(index, bytes):
                yield index
                continue
            token = tokens[index]
            text = '""' if token.special else token.text_json
            if tool is None:
                delta = f'{{"role":"assistant","content":{text}}}'
            else:
                name = tool_name if index == 0 else "null"
                delta = (
                    f'{{"role":"assistant","tool_calls":[{{"index":0,"id":"","type":"function",'
                    f'"function":{{"name":{name},"arguments":{text}}}}}]}}'
                )
            logprobs = _token_logprobs([token]) if parsed.logprobs else "null"
            finish = f'"{openai_finish_reason(generation.finish_reason)}"' if index == last else "null"
            yield self._chunk(created, delta, logprobs, finish)
        if steps.failed:
            return
        if parsed.include_usage:
            yield event(
                f'{{"object":"chat.completion.chunk","id":"","created":{created},"model":{self.model},'
                f'"system_fingerprint":{_FINGERPRINT},"choices":[],'
                f'"usage":{_usage(generation.prompt_tokens, generation.generated_tokens)}}}'
            )
        state.count_success()
        yield DONE

    # ---- completions ----------------------------------------------------------------------------

    async def completions(self, request: Request) -> Response:
        started = time.monotonic()
        if not exchange.authorized(request.headers, self.state.settings):
            return exchange.unauthorized()
        try:
            parsed = parse_completion(await exchange.read_json(request, self.state.receive))
        except Rejection as rejection:
            return exchange.rejection_response(rejection)
        except TgiError as error:
            self.state.count_request()
            self.state.count_failure(error)
            return exchange.error_response(error)
        self.state.count_request()
        characters = sum(len(p) for p in parsed.prompts)
        if parsed.stream:
            permits: list[int] = []
            events = self._completion_events(parsed, permits, self.state.take_crash())
            return EventStreamResponse(
                events,
                exchange.stream_headers(characters),
                on_close=lambda: self.state.release(permits),
                paced=self.schedule.paced,
            )
        try:
            reserved = max(count_prompt_tokens(p) for p in parsed.prompts)
            reserved += parsed.parameters.max_new_tokens or 0
            generations, admitted = await self._run(
                reserved,
                len(parsed.prompts),
                lambda: [validate(prompt, parsed.parameters) for prompt in parsed.prompts],
            )
        except TgiError as error:
            self.state.count_failure(error)
            return exchange.error_response(error)
        self.state.count_success()
        choices = ",".join(
            f'{{"index":{i},"text":{dumps(g.text)},"logprobs":null,'
            f'"finish_reason":"{openai_finish_reason(g.finish_reason)}"}}'
            for i, g in enumerate(generations)
        )
        prompt_tokens = sum(g.prompt_tokens for g in generations)
        completion_tokens = sum(g.generated_tokens for g in generations)
        body = (
            f'{{"object":"text_completion","id":"","created":{int(time.time())},"model":{self.model},'
            f'"system_fingerprint":{_FINGERPRINT},"choices":[{choices}],'
            f'"usage":{_usage(prompt_tokens, completion_tokens)}}}'
        )
        headers = exchange.timing_headers(started, admitted, characters, prompt_tokens, completion_tokens)
        del headers["x-compute-time"]  # TGI's aggregated completions headers leave it out
        return exchange.json_response(body, headers)

    async def _completion_events(
        self, parsed: CompletionRequest, permits: list[int], crash_after: int | None
    ) -> AsyncIterator[bytes]:
        state = self.state
        try:
            reserved = max(count_prompt_tokens(p) for p in parsed.prompts)
            reserved += parsed.parameters.max_new_tokens or 0
            permits.extend(state.admit(reserved, len(parsed.prompts)))
            generations = [generate(state.table, validate(p, parsed.parameters)) for p in parsed.prompts]
        except TgiError as error:
            state.count_failure(error)
            yield error.openai_event()
            yield DONE
            return
        created = int(time.time())
        longest = max(g.generated_tokens for g in generations)
        # Prompts advance together, one token each per step, as TGI's batch does.
        steps = StreamSteps(state, self.schedule, longest, crash_after, _openai_failure)
        async for step in steps:
            if isinstance(step, bytes):
                yield step
                continue
            for index, generation in enumerate(generations):
                if step < generation.generated_tokens:
                    yield self._completion_chunk(created, index, generation, step)
        if steps.failed:
            return
        state.count_success()
        yield DONE

    def _completion_chunk(self, created: int, index: int, generation: Generation, step: int) -> bytes:
        token = generation.tokens[step]
        if step < generation.generated_tokens - 1:
            return event(
                f'{{"object":"text_completion","id":"","created":{created},"choices":[{{"index":{index},'
                f'"text":{token.text_json},"logprobs":null,"finish_reason":""}}],"model":{self.model},'
                f'"system_fingerprint":{_FINGERPRINT}}}'
            )
        return event(
            f'{{"object":"text_completion","id":"","created":{created},"model":{self.model},'
            f'"system_fingerprint":{_FINGERPRINT},"choices":[{{"index":{index},"text":{token.text_json},'
            f'"logprobs":null,"finish_reason":"{openai_finish_reason(generation.finish_reason)}"}}],'
            f'"usage":{_usage(generation.prompt_tokens, generation.generated_tokens)}}}'
        )

    # ---- shared ---------------------------------------------------------------------------------

    def _begin(self, reserved: int, slots: int, validated: Callable[[], list[GenSpec]]) -> _Run:
        """Admit, then validate (TGI's order: a full node says "overloaded" before "invalid"),
        generate, and draw whether it fails; the permits are the caller's to release once the
        answer's time has passed (released here on a TgiError)."""
        permits = self.state.admit(reserved, slots)
        try:
            admitted = time.monotonic()
            generations = [generate(self.state.table, spec) for spec in validated()]
            return _Run(generations, admitted, self.state.draw_failure(), permits)
        except TgiError:
            self.state.release(permits)
            raise

    def _failed(self, error: TgiError) -> exchange.Reply:
        self.state.count_failure(error)
        return exchange.failed(error)

    async def _run(
        self, reserved: int, slots: int, validated: Callable[[], list[GenSpec]]
    ) -> tuple[list[Generation], float]:
        """``_begin``, then wait out the pacing, and maybe fail."""
        run = self._begin(reserved, slots, validated)
        try:
            await self.schedule.sleep_total(run.tokens)
        finally:
            self.state.release(run.permits)
        if run.failing:
            raise self.state.failure_for_response()
        return run.generations, run.admitted


def _openai_failure(failure: TgiError) -> tuple[bytes, ...]:
    """OpenAI routes report an in-band failure, then end with [DONE] as TGI does."""
    return failure.openai_event(), DONE
