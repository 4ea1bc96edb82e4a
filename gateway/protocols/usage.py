"""What an answer told the gateway about itself for its completion record: outcome, status, tokens, timing."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from domain.events import Outcome


@dataclass
class Usage:
    """Filled in while an answer is relayed; read once it has gone, by the completion record."""

    status: int = 200
    outcome: Outcome = "success"
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    first_byte_ms: float | None = None
    started: float = field(default_factory=time.perf_counter)
