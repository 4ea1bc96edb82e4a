"""How a node's stream is read for the client: each protocol's reader, chosen by the client's protocol."""

from __future__ import annotations

from typing import Protocol as Interface

from gateway.protocols.openai_stream import OpenAIStream
from gateway.protocols.request import InferenceRequest, Protocol
from gateway.protocols.tgi_stream import TgiStream
from gateway.protocols.usage import Usage


class StreamReader(Interface):
    """Rewrites each event for the client (b"" drops it) and notes in ``Usage`` what it learns."""

    finished: bool  # the node ended the stream properly (its last event, or its own in-band error)

    def __call__(self, event: bytes) -> bytes: ...

    def error(self, message: str, status: int) -> bytes:
        """An in-band error event ending the stream, once bytes have reached the client."""
        ...


def stream_reader(request: InferenceRequest, usage: Usage) -> StreamReader:
    if request.protocol is Protocol.OPENAI:
        return OpenAIStream(request, usage)
    return TgiStream(usage)
