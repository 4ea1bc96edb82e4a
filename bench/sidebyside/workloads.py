"""The four request shapes every path is driven with, and the bodies they send.

Each request carries a nonce made of letters so that no two messages are alike: the gateway's
per-message classification cache would otherwise turn every request after the first into a cache
hit and hide the classifier's cost. A conversation repeats its earlier turns verbatim, as a real
client does, so there the cache does what it would do in production.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MODEL = "bench/model"
CHAT_ROUTE = "/v1/chat/completions"

# ~1 KB of plain prose: no personal data, so the full pipeline runs and the request is allowed.
PROSE_1KB = (
    "Explain how district heating networks in northern Europe balance seasonal demand, "
    "what role heat pumps and thermal storage play, and which trade-offs operators face. "
) * 6
# A name, an e-mail address, an Estonian personal code (valid checksum) and an IBAN: the gateway
# classifies it as personal data and still allows it to the tenant's home jurisdiction.
PERSONAL = (
    "Please draft a polite reply to Mari Tamm (mari.tamm@example.ee, isikukood 49403136526) "
    "confirming that the refund to her account EE382200221020145685 was sent on Monday."
)
TURN = "Thanks. Now go one step further and explain the next consideration in plain words."
# The user's messages: the first carries the conversation's nonce, each later turn its step too.
FIRST_CONTENT = "{prompt} (Topic {tag}.)"
TURN_CONTENT = TURN + " (Step {step} of {tag}.)"

_SYLLABLES = ("ka", "lo", "mi", "nu", "re", "sa", "to", "vi", "ze", "pu", "go", "he")


@dataclass(frozen=True)
class Workload:
    name: str
    title: str
    prompt: str
    max_tokens: int
    stream: bool = False
    turns: int = 1  # more than one: a conversation whose history grows turn by turn


WORKLOADS: dict[str, Workload] = {
    w.name: w
    for w in (
        Workload("prompt_1kb", "non-stream, 1 KB prompt", PROSE_1KB, max_tokens=16),
        Workload("stream_200", "stream, 200 tokens", "Tell a long story about the sea.", 200, stream=True),
        Workload("conversation_10", "10-turn conversation", PROSE_1KB[:400], max_tokens=32, turns=10),
        Workload("personal_data", "prompt with personal data", PERSONAL, max_tokens=16),
    )
}


def nonce(n: int) -> str:
    """A pronounceable letters-only word unique to ``n`` (digits could read as identifiers)."""
    word = ""
    while True:
        n, r = divmod(n, len(_SYLLABLES))
        word += _SYLLABLES[r]
        if n == 0:
            return word


def body(workload: Workload, messages: list[dict[str, str]]) -> dict[str, Any]:
    out: dict[str, Any] = {"model": MODEL, "messages": messages, "max_tokens": workload.max_tokens}
    if workload.stream:
        out["stream"] = True
    return out


def first_message(workload: Workload, tag: str) -> dict[str, str]:
    return {"role": "user", "content": FIRST_CONTENT.format(prompt=workload.prompt, tag=tag)}


def next_turn(tag: str, turn: int) -> dict[str, str]:
    return {"role": "user", "content": TURN_CONTENT.format(step=nonce(turn), tag=tag)}
