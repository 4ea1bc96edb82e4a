"""The OpenAI request shapes the gateway accepts, each field declaring how its text is accounted for.

Known vendor extensions that SDKs send through ``extra_body`` (vLLM's and TGI's sampling and
guided-decoding parameters) are typed here; any other key is an unknown field (see accounting).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, field_validator, model_validator

from domain.texts import FieldKind
from gateway.protocols.accounting import ID_PATTERN, Accounted, Nested, Text, Token

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Number = Annotated[float | None, Token()]
Count = Annotated[int | None, Token()]
Flag = Annotated[bool | None, Token()]
Free = Any  # JSON of any shape: its strings are all classified (the handling says as what)

ROLE_KINDS = {
    "system": FieldKind.SYSTEM,
    "developer": FieldKind.SYSTEM,
    "user": FieldKind.USER,
    "assistant": FieldKind.ASSISTANT,
    "tool": FieldKind.TOOL_RESULT,
    "function": FieldKind.TOOL_RESULT,
}
_TEXT_PARTS = ("text", "refusal")


class ContentPart(Accounted):
    type: Annotated[Literal["text", "refusal"], Token()]
    text: Annotated[str | None, Text(None)] = None
    refusal: Annotated[str | None, Text(FieldKind.REFUSAL)] = None

    @field_validator("type", mode="before")
    @classmethod
    def _text_only(cls, value: object) -> object:
        if value not in _TEXT_PARTS:
            # Images, audio and files cannot be classified here; forwarding them would fail open.
            raise ValueError("only text content parts are accepted by this gateway.")
        return value

    @model_validator(mode="after")
    def _has_its_text(self) -> ContentPart:
        if getattr(self, self.type) is None:
            raise ValueError(f"a {self.type!r} content part needs its `{self.type}`.")
        return self

    @property
    def visible(self) -> str:
        return (self.text if self.type == "text" else self.refusal) or ""


class CalledFunction(Accounted):
    name: Annotated[str | None, Text(FieldKind.TOOL_DEFINITION)] = None
    arguments: Annotated[Free, Text(FieldKind.TOOL_CALL_ARGUMENTS, parse_json=True)] = None


class ToolCall(Accounted):
    id: Annotated[Id | None, Text(FieldKind.IDENTIFIER)] = None
    type: Annotated[Literal["function"] | None, Token()] = None
    index: Count = None
    function: Annotated[CalledFunction, Nested()]


class Message(Accounted):
    role: Annotated[Literal["system", "developer", "user", "assistant", "tool", "function"], Token()]
    content: Annotated[str | list[ContentPart] | None, Nested()] = None
    name: Annotated[str | None, Text(FieldKind.MESSAGE_NAME)] = None
    tool_calls: Annotated[list[ToolCall] | None, Nested()] = None
    tool_call_id: Annotated[Id | None, Text(FieldKind.IDENTIFIER)] = None
    function_call: Annotated[CalledFunction | None, Nested()] = None
    refusal: Annotated[str | None, Text(FieldKind.REFUSAL)] = None
    reasoning_content: Annotated[str | None, Text(FieldKind.REASONING)] = None

    def role_kind(self) -> FieldKind:
        return ROLE_KINDS[self.role]

    @property
    def visible(self) -> list[str]:
        """The texts of its content in the order the model reads them."""
        if isinstance(self.content, str):
            return [self.content]
        return [part.visible for part in self.content or ()]


class StreamOptions(Accounted):
    include_usage: Flag = None
    continuous_usage_stats: Flag = None


class ResponseFormat(Accounted):
    # OpenAI's spellings, and TGI's own (``json`` or ``regex`` with a ``value``).
    type: Annotated[Literal["text", "json_object", "json_schema", "json", "regex"], Token()]
    json_schema: Annotated[Free, Text(FieldKind.RESPONSE_SCHEMA)] = None
    value: Annotated[Free, Text(FieldKind.RESPONSE_SCHEMA)] = None


class Tool(Accounted):
    type: Annotated[Literal["function"], Token()]
    function: Annotated[Free, Text(FieldKind.TOOL_DEFINITION)]


class Sampling(Accounted):
    """What chat and completions share, the vendor extensions included."""

    model: Annotated[Id | None, Token()] = None
    stream: Flag = None
    stream_options: Annotated[StreamOptions | None, Nested()] = None
    temperature: Number = None
    top_p: Number = None
    n: Count = None
    max_tokens: Count = None
    seed: Count = None
    frequency_penalty: Number = None
    presence_penalty: Number = None
    logit_bias: Annotated[
        dict[Annotated[str, StringConstraints(pattern=r"^\d{1,9}$")], float] | None, Token()
    ] = None
    stop: Annotated[str | list[str] | None, Text(FieldKind.STOP_SEQUENCE)] = None
    user: Annotated[str | None, Text(FieldKind.END_USER)] = None
    metadata: Annotated[Free, Text(FieldKind.METADATA)] = None
    response_format: Annotated[ResponseFormat | None, Nested()] = None
    # vLLM and TGI extensions (``extra_body``)
    top_k: Count = None
    min_p: Number = None
    typical_p: Number = None
    repetition_penalty: Number = None
    length_penalty: Number = None
    min_tokens: Count = None
    best_of: Count = None
    use_beam_search: Flag = None
    ignore_eos: Flag = None
    skip_special_tokens: Flag = None
    spaces_between_special_tokens: Flag = None
    include_stop_str_in_output: Flag = None
    truncate_prompt_tokens: Count = None
    stop_token_ids: Annotated[list[int] | None, Token()] = None
    guided_json: Annotated[Free, Text(FieldKind.RESPONSE_SCHEMA)] = None
    guided_regex: Annotated[str | None, Text(FieldKind.GRAMMAR)] = None
    guided_choice: Annotated[list[str] | None, Text(FieldKind.GRAMMAR)] = None
    guided_grammar: Annotated[str | None, Text(FieldKind.GRAMMAR)] = None
    guided_decoding_backend: Annotated[str | None, Text(FieldKind.VENDOR_EXTENSION)] = None


class ChatRequest(Sampling):
    messages: Annotated[list[Message], Nested(), Field(min_length=1)]
    max_completion_tokens: Count = None
    logprobs: Flag = None
    top_logprobs: Count = None
    tools: Annotated[list[Tool] | None, Nested()] = None
    tool_choice: Annotated[Free, Text(FieldKind.TOOL_DEFINITION)] = None
    parallel_tool_calls: Flag = None
    functions: Annotated[Free, Text(FieldKind.TOOL_DEFINITION)] = None
    function_call: Annotated[Free, Text(FieldKind.TOOL_DEFINITION)] = None
    prediction: Annotated[Free, Text(FieldKind.PREDICTION)] = None
    reasoning_effort: Annotated[Literal["minimal", "low", "medium", "high"] | None, Token()] = None
    service_tier: Annotated[Literal["auto", "default", "flex", "priority", "scale"] | None, Token()] = None
    store: Flag = None
    modalities: Annotated[list[Literal["text"]] | None, Token()] = None
    chat_template: Annotated[str | None, Text(FieldKind.VENDOR_EXTENSION)] = None
    chat_template_kwargs: Annotated[Free, Text(FieldKind.VENDOR_EXTENSION)] = None
    add_generation_prompt: Flag = None
    continue_final_message: Flag = None
    echo: Flag = None


class CompletionRequest(Sampling):
    # Token-id prompts cannot be classified without the node's tokenizer, so they are refused.
    prompt: Annotated[str | list[str], Text(FieldKind.COMPLETION_PROMPT)]
    suffix: Annotated[str | None, Text(FieldKind.COMPLETION_PROMPT)] = None
    echo: Flag = None
    logprobs: Count = None
