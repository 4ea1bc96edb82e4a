"""Each inference route and the request shape its adapter validates: every field of a shape declares
how its text is accounted for, and a test checks that every inference route the app serves is here."""

from __future__ import annotations

from gateway.protocols import openai, tgi
from gateway.protocols.accounting import Accounted
from gateway.protocols.openai_models import ChatRequest, CompletionRequest

REQUEST_SHAPES: dict[str, type[Accounted]] = {
    openai.CHAT_ROUTE: ChatRequest,
    openai.COMPLETIONS_ROUTE: CompletionRequest,
    tgi.GENERATE_ROUTE: tgi.GenerateRequest,
    tgi.GENERATE_STREAM_ROUTE: tgi.GenerateRequest,
    tgi.COMPAT_ROUTE: tgi.GenerateRequest,
}
