"""A TGI node's native stream for a TGI client: byte for byte; the last event carries the token counts."""

from __future__ import annotations

import contextlib
import json

from gateway.protocols import sse
from gateway.protocols.usage import Usage


class TgiStream:
    """Native streams pass through unchanged; the reader only learns the counts and how it ended."""

    def __init__(self, usage: Usage):
        self._usage = usage
        self.finished = False

    def __call__(self, event: bytes) -> bytes:
        if b'"generated_text":null' in event:
            return event  # a token event: nothing to learn from it
        data = sse.data_of(event)
        if data:
            with contextlib.suppress(ValueError):
                payload = json.loads(data)
                if payload.get("generated_text") is not None:
                    self.finished = True
                    details = payload.get("details") or {}
                    self._usage.completion_tokens = details.get("generated_tokens")
                elif "error" in payload:
                    self.finished = True  # the node ended the stream with its own in-band error
                    self._usage.outcome = "upstream_error"
        return event

    def error(self, message: str, status: int) -> bytes:
        return sse.encode({"error": message, "error_type": "upstream" if status == 502 else "timeout"})
