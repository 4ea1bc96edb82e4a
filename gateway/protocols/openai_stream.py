"""A node's chat or completion stream for an OpenAI client: ids and finish reasons normalised, usage
chunk only if the client asked for it."""

from __future__ import annotations

import json
import re

from gateway.protocols import openai as oai
from gateway.protocols import sse
from gateway.protocols.request import InferenceRequest
from gateway.protocols.usage import Usage

# TGI's token chunks: ``{"object":"chat.completion.chunk","id":"","created":<non-zero>,...`` ending
# in ``,"usage":null}``. Both anchors sit at the top level: the id follows a plain string as the
# second key, and the last key before the closing brace is the object's own.
_TOKEN_CHUNK = re.compile(rb'data: \{"object":"[a-z._]+","id":"(?=","created":[1-9])')
_NULL_USAGE_END = b',"usage":null}\n\n'
# A finish reason to map, or an error (or the word as content: parsed too, to be safe).
_NEEDS_PARSING = re.compile(rb'"finish_reason":"|"error"')


class OpenAIStream:
    def __init__(self, request: InferenceRequest, usage: Usage):
        self._usage = usage
        self._include_usage = request.include_usage
        self._id = oai.completion_id(request.route)
        self._id_bytes = self._id.encode()
        self.finished = False

    def __call__(self, event: bytes) -> bytes:
        token = _TOKEN_CHUNK.match(event)
        if token and event.endswith(_NULL_USAGE_END) and not _NEEDS_PARSING.search(event):
            return self._token_chunk(event, token.end())
        data = sse.data_of(event)
        if data is None:
            return event  # keep-alive comments pass through
        if data == b"[DONE]":
            self.finished = True
            return sse.DONE
        try:
            payload = json.loads(data)
        except ValueError:
            return b""  # a fragment from a peer that broke mid-event; the error follows
        if "error" in payload:
            self._usage.outcome = "upstream_error"
            err = payload["error"]
            message = err.get("message") if isinstance(err, dict) else str(err)
            status = err.get("http_status_code", 500) if isinstance(err, dict) else 500
            return sse.encode(oai.stream_error(str(message), int(status), "upstream_error"))
        if payload.get("usage") and not payload.get("choices"):
            tokens = payload["usage"]
            self._usage.prompt_tokens = tokens.get("prompt_tokens")
            self._usage.completion_tokens = tokens.get("completion_tokens")
            if not self._include_usage:
                return b""
        elif not self._include_usage and "usage" in payload:
            del payload["usage"]  # requested upstream only for the record
        return sse.encode(oai.normalise_response(payload, self._id))

    def _token_chunk(self, event: bytes, id_at: int) -> bytes:
        """The same edit as the JSON path, on the bytes: the id filled in, the null usage dropped
        unless the client asked for usage. Only for chunks whose top-level id is provably the empty
        one after the first key, whose usage (the last key) is null, with no finish reason to map."""
        if self._include_usage:
            return b"".join((event[:id_at], self._id_bytes, event[id_at:]))
        return b"".join((event[:id_at], self._id_bytes, event[id_at : -len(_NULL_USAGE_END)], b"}\n\n"))

    def error(self, message: str, status: int) -> bytes:
        return sse.encode(oai.stream_error(message, status, "upstream_error")) + sse.DONE
