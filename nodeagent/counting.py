"""What a node-agent learns from the answer it relays: token counts and timings from TGI's headers,
or, for streams, from the events themselves (the last event's details or usage, else the count of
token events)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass
class Counts:
    prompt_tokens: int | None = None
    generated_tokens: int | None = None
    total_time_ms: int | None = None
    queue_time_ms: int | None = None


def from_headers(headers: Mapping[str, str], body: bytes) -> Counts:
    """A whole answer: TGI's headers, else the OpenAI body's usage."""
    counts = Counts(
        _int(headers.get("x-prompt-tokens")),
        _int(headers.get("x-generated-tokens")),
        _int(headers.get("x-total-time")),
        _int(headers.get("x-queue-time")),
    )
    if counts.generated_tokens is None and body.startswith(b"{"):
        _usage(_json(body), counts)
    return counts


class StreamCounter:
    """Fed the stream's bytes as relayed; splits events, counts token events and keeps the usage or
    details the final events carry."""

    def __init__(self) -> None:
        self._rest = b""
        self._tokens = 0
        self.counts = Counts()

    def feed(self, chunk: bytes) -> None:
        data = self._rest + chunk
        events = data.split(b"\n\n")
        self._rest = events.pop()
        for event in events:
            self._event(event)

    def finish(self) -> Counts:
        if self._rest.strip():
            self._event(self._rest)
        if self.counts.generated_tokens is None:
            self.counts.generated_tokens = self._tokens
        return self.counts

    def _event(self, event: bytes) -> None:
        if not event.startswith(b"data:"):
            return
        data = event[5:].strip()
        if data == b"[DONE]":
            return
        if b'"token"' in data or b'"delta"' in data or b'"text"' in data:
            self._tokens += 1
        # Only final events carry these; parsing them alone keeps the agent's cost per event small.
        if b'"details":{' in data or b'"usage":{' in data:
            payload = _json(data)
            details = payload.get("details")
            if isinstance(details, dict) and isinstance(details.get("generated_tokens"), int):
                self.counts.generated_tokens = details["generated_tokens"]
            _usage(payload, self.counts)


def _usage(payload: dict[str, Any], counts: Counts) -> None:
    usage = payload.get("usage")
    if isinstance(usage, dict):
        if isinstance(usage.get("prompt_tokens"), int):
            counts.prompt_tokens = usage["prompt_tokens"]
        if isinstance(usage.get("completion_tokens"), int):
            counts.generated_tokens = usage["completion_tokens"]


def _json(data: bytes) -> dict[str, Any]:
    try:
        value = json.loads(data)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None
