"""Turning one validated request into its deterministic answer: the tokens, the text, why it stopped.

Rules (documented for the tests and the gateway's engineers):
- prompt tokens are the whitespace-separated words of the prompt (at least 1 for a non-empty prompt);
- with a token limit (``max_new_tokens`` / ``max_tokens``) the answer is exactly that many tokens and
  finishes with ``length``, unless a stop sequence ends it first (``stop_sequence``, the matching
  token included, as TGI does);
- without a limit the "model" stops on its own after 8 to 48 words plus the special ``</s>`` token
  (``eos_token``), which counts as a generated token but is not part of the text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from nodesim.limits import DEFAULT_GENERATION_LENGTH, MAX_TOTAL_TOKENS
from nodesim.vocabulary import EOS, WORDS, Token, TokenTable, make_token, word_id

LENGTH = "length"
END_OF_SEQUENCE = "eos_token"
STOP_SEQUENCE = "stop_sequence"


def openai_finish_reason(finish_reason: str) -> str:
    """TGI's ``FinishReason::format(true)``: OpenAI knows only ``length`` and ``stop``."""
    return "length" if finish_reason == LENGTH else "stop"


def count_prompt_tokens(prompt: str) -> int:
    words = len(prompt.split())
    return words if words or not prompt else 1


@dataclass(frozen=True, slots=True)
class GenSpec:
    """What to generate: the text the answer is keyed on and the stopping rules."""

    prompt: str
    prompt_tokens: int
    max_new_tokens: int | None
    stop: tuple[str, ...] = ()
    seed: int | None = None
    sampling: bool = False
    # A JSON value the answer must be (tool call arguments, response_format); None for free text.
    structured: object | None = None
    # Chat answers start a sentence ("Word ..."); native and completions continue the prompt (" word").
    opening: bool = False


@dataclass(frozen=True, slots=True)
class Generation:
    tokens: list[Token]  # every generated token, the special </s> included
    text: str  # the generated text, special tokens left out
    finish_reason: str  # length | eos_token | stop_sequence
    seed: int | None
    prompt_tokens: int

    @property
    def generated_tokens(self) -> int:
        return len(self.tokens)


def generate(table: TokenTable, spec: GenSpec) -> Generation:
    key = table.request_key(spec.prompt, spec.seed)
    seed = (spec.seed if spec.seed is not None else key & 0x7FFF_FFFF_FFFF_FFFF) if spec.sampling else None
    limit = spec.max_new_tokens
    if spec.structured is not None:
        tokens = _structured_tokens(spec.structured)
        natural_end = True
    else:
        natural_end = limit is None
        count = 8 + key % 41 if limit is None else limit
        tokens = table.take(key, min(count, MAX_TOTAL_TOKENS - 1), spec.opening)
    if limit is None:
        limit = min(DEFAULT_GENERATION_LENGTH, MAX_TOTAL_TOKENS - spec.prompt_tokens)

    finish = LENGTH
    if spec.stop:
        tokens, stopped = _cut_at_stop(tokens, spec.stop, limit)
        if stopped:
            finish = STOP_SEQUENCE
    if finish != STOP_SEQUENCE:
        if natural_end and len(tokens) < limit:
            tokens = [*tokens, EOS]
            finish = END_OF_SEQUENCE
        elif len(tokens) > limit:
            tokens = tokens[:limit]
    text = "".join(t.text for t in tokens if not t.special)
    return Generation(tokens, text, finish, seed, spec.prompt_tokens)


def _cut_at_stop(tokens: list[Token], stops: tuple[str, ...], limit: int) -> tuple[list[Token], bool]:
    longest = max(len(s) for s in stops)
    text = ""
    for index, token in enumerate(tokens[:limit]):
        text += token.text
        tail = text[-(longest + len(token.text)) :]
        if any(stop and stop in tail for stop in stops):
            return tokens[: index + 1], True
    return tokens, False


def _structured_tokens(value: object) -> list[Token]:
    """A JSON value cut into 4-character tokens, the way a constrained decoder emits it."""
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return [make_token(word_id(text[i : i + 4]), text[i : i + 4], -0.0312) for i in range(0, len(text), 4)]


def value_for_schema(schema: object, key: int) -> object:
    """A plausible value of a JSON schema (properties filled in order), deterministic in ``key``."""
    if not isinstance(schema, dict):
        return "value"
    if isinstance(schema.get("enum"), list) and schema["enum"]:
        return schema["enum"][key % len(schema["enum"])]
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "string")
    properties = schema.get("properties")
    if kind == "object" or isinstance(properties, dict):
        if not isinstance(properties, dict):
            return {}
        return {name: value_for_schema(sub, key + i + 1) for i, (name, sub) in enumerate(properties.items())}
    if kind == "array":
        return [value_for_schema(schema.get("items", {"type": "string"}), key + 1)]
    if kind == "integer":
        return key % 100
    if kind == "number":
        return (key % 1000) / 10
    if kind == "boolean":
        return key % 2 == 0
    if kind == "null":
        return None
    return WORDS[key % len(WORDS)]
