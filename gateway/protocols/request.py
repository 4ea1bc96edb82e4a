"""The client protocols, and the parsed, validated request every protocol adapter produces."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from domain.texts import TextItem
from gateway.config import NodeProtocol


class Protocol(StrEnum):
    """The protocol a client speaks: its errors and streams are shaped for it."""

    OPENAI = "openai"
    TGI = "tgi"


@dataclass(frozen=True, slots=True)
class InferenceRequest:
    protocol: Protocol  # the client's protocol: errors and streams are shaped for it
    route: str  # the gateway route the client called
    model: str | None  # None: the gateway's default model
    stream: bool
    texts: tuple[TextItem, ...]  # everything classification must see
    # What to send upstream, per kind of node that can serve it (path, JSON body).
    upstream: dict[NodeProtocol, tuple[str, dict[str, Any]]]
    # OpenAI streams: the client asked for the usage chunk (we always ask upstream, for the record).
    include_usage: bool = False

    @property
    def node_protocols(self) -> tuple[NodeProtocol, ...]:
        """The kinds of node that can serve it: the ones it has an upstream body for."""
        return tuple(self.upstream)
