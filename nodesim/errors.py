"""The two kinds of rejection a TGI router gives, as exceptions the routes raise and render.

``Rejection`` is axum's extractor failing (plain text: bad JSON, wrong content type, wrong shape,
body too large); ``TgiError`` is the router's own ``InferError`` with its JSON body
``{"error", "error_type"}`` and, after a stream has opened, its in-band event forms.
"""

from __future__ import annotations

import json

_COMPACT = (",", ":")


class Rejection(Exception):
    """A request refused before it reaches TGI's handler: plain-text body."""

    def __init__(self, status: int, text: str) -> None:
        super().__init__(text)
        self.status = status
        self.text = text


def shape_error(path: str, problem: str) -> Rejection:
    """axum's JsonDataError: the body is JSON but not the shape the route deserialises."""
    where = f"{path}: " if path else ""
    return Rejection(422, f"Failed to deserialize the JSON body into the target type: {where}{problem}")


class TgiError(Exception):
    """An ``InferError``: its status, message, ``error_type`` and the ``err`` label of
    ``tgi_request_failure`` it counts under (None: TGI does not count it)."""

    def __init__(self, status: int, message: str, error_type: str, metric: str | None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.error_type = error_type
        self.metric = metric

    @classmethod
    def validation(cls, detail: str) -> TgiError:
        return cls(422, f"Input validation error: {detail}", "validation", "validation")

    @classmethod
    def overloaded(cls) -> TgiError:
        return cls(429, "Model is overloaded", "overloaded", "overloaded")

    @classmethod
    def generation(cls, detail: str) -> TgiError:
        return cls(424, f"Request failed during generation: {detail}", "generation", "generation")

    @classmethod
    def incomplete(cls) -> TgiError:
        return cls(500, "Incomplete generation", "incomplete_generation", "incomplete")

    @classmethod
    def tool(cls, detail: str) -> TgiError:
        return cls(422, f"Tool error: {detail}", "tool_error", None)

    @classmethod
    def unprocessable(cls, message: str, error_type: str) -> TgiError:
        """A handler's own 422 (unsupported suffix, too many prompts), counted as a validation failure."""
        return cls(422, message, error_type, "validation")

    def body(self) -> bytes:
        payload = {"error": self.message, "error_type": self.error_type}
        return json.dumps(payload, separators=_COMPACT).encode()

    def native_event(self) -> bytes:
        """In-band error on /generate_stream and POST / (stream): the stream closes after it."""
        return b"data: " + self.body() + b"\n\n"

    def openai_event(self) -> bytes:
        """In-band error on the OpenAI routes: ``[DONE]`` still follows it."""
        payload = {"error": {"message": self.message, "http_status_code": self.status}}
        return b"data: " + json.dumps(payload, separators=_COMPACT).encode() + b"\n\n"


class SimulatedCrash(Exception):
    """Raised inside a stream to drop the connection without a final chunk, as a dying node does."""
