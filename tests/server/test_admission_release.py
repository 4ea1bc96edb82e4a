"""A request holds its place under the admission bound until its answer has gone, not while the work
after the answer (the completion record) runs: a client that sends its next request the moment it
has its answer is not shed."""

from __future__ import annotations

import asyncio

import pytest
from starlette.types import Message, Receive, Scope, Send

from gateway.serving.admission import Admission, answered

CHAT = "/v1/chat/completions"


def _scope(path: str = CHAT) -> Scope:
    return {"type": "http", "method": "POST", "path": path, "headers": [], "query_string": b""}


async def _nothing() -> Message:
    return {"type": "http.request", "body": b"", "more_body": False}


class _AnswerThenWork:
    """Answers 200 at once, then keeps working (as a background task does) until ``finish`` is set."""

    def __init__(self, fail_after_answer: bool = False) -> None:
        self.answered = asyncio.Event()
        self.finish = asyncio.Event()
        self.fail_after_answer = fail_after_answer

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"{}", "more_body": True})
        await send({"type": "http.response.body", "body": b"", "more_body": False})
        answered(scope)  # as the pipeline does before the completion record
        self.answered.set()
        if self.fail_after_answer:
            raise RuntimeError("the completion record failed")
        await self.finish.wait()


async def _status(app: Admission, path: str = CHAT) -> int:
    statuses: list[int] = []

    async def send(message: Message) -> None:
        if message["type"] == "http.response.start":
            statuses.append(message["status"])

    await app(_scope(path), _nothing, send)
    return statuses[0]


def test_a_request_whose_answer_has_gone_frees_its_place_while_its_work_goes_on() -> None:
    async def main() -> tuple[int, int, int, int]:
        inner = _AnswerThenWork()
        app = Admission(inner, max_in_flight=1)
        first = asyncio.create_task(_status(app))
        await inner.answered.wait()
        held_after_answer = app.in_flight
        inner.answered.clear()
        second = asyncio.create_task(_status(app))  # the client's next request, at once
        await inner.answered.wait()
        inner.finish.set()
        statuses = await asyncio.gather(first, second)
        return held_after_answer, statuses[0], statuses[1], app.in_flight

    held, first, second, left = asyncio.run(main())
    assert held == 0
    assert (first, second) == (200, 200)
    assert left == 0


def test_a_request_still_answering_holds_its_place_and_the_next_is_shed() -> None:
    class _Slow:
        def __init__(self) -> None:
            self.started = asyncio.Event()
            self.finish = asyncio.Event()

        async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
            await send({"type": "http.response.start", "status": 200, "headers": []})
            await send({"type": "http.response.body", "body": b"data: 1\n\n", "more_body": True})
            self.started.set()
            await self.finish.wait()  # a stream still going
            await send({"type": "http.response.body", "body": b"", "more_body": False})

    async def main() -> tuple[int, int, int]:
        inner = _Slow()
        app = Admission(inner, max_in_flight=1)
        first = asyncio.create_task(_status(app))
        await inner.started.wait()
        shed = await _status(app)
        inner.finish.set()
        return await first, shed, app.in_flight

    first, shed, left = asyncio.run(main())
    assert (first, shed, left) == (200, 503, 0)


def test_a_failure_after_the_answer_does_not_free_the_place_twice() -> None:
    app = Admission(_AnswerThenWork(fail_after_answer=True), max_in_flight=2)
    with pytest.raises(RuntimeError, match="completion record"):
        asyncio.run(_status(app))
    assert app.in_flight == 0
