"""The texts a request carries, each tagged with the kind of field it came from.

Protocol adapters extract these; classification reads them. Nothing else sees raw text.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class FieldKind(StrEnum):
    SYSTEM = "system_message"
    USER = "user_message"
    ASSISTANT = "assistant_message"
    TOOL_RESULT = "tool_result"
    TOOL_CALL_ARGUMENTS = "tool_call_arguments"
    TOOL_DEFINITION = "tool_definition"
    COMPLETION_PROMPT = "completion_prompt"
    TGI_INPUTS = "tgi_inputs"
    MESSAGE_NAME = "message_name"  # a message's or a participant's ``name``
    REFUSAL = "refusal"  # an assistant's refusal text
    REASONING = "reasoning"  # an assistant's ``reasoning_content``
    STOP_SEQUENCE = "stop_sequence"
    END_USER = "end_user"  # OpenAI's ``user``: an end-user id chosen by the client
    METADATA = "metadata"  # keys and values of ``metadata``
    RESPONSE_SCHEMA = "response_schema"  # a JSON schema the answer must follow: every string in it
    GRAMMAR = "grammar"  # a regex, grammar or closed choice list constraining the answer
    PREDICTION = "prediction"  # predicted output (``prediction.content``)
    IDENTIFIER = "identifier"  # an id the client chose (tool-call ids): short, but free to carry a name
    ADAPTER_ID = "adapter_id"  # TGI's LoRA adapter name
    VENDOR_EXTENSION = "vendor_extension"  # a known extension carrying text (chat templates, ...)
    UNKNOWN_FIELD = "unknown_field"  # every key and string under a field the gateway does not know
    SEAM = "seam"  # the join of two adjacent texts, as the model reads them one after the other
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class TextItem:
    kind: FieldKind
    text: str
    # For a seam, where the earlier text's tail ends and the next one's head begins: only what
    # the join itself adds is reported, not what either side already holds.
    join: int = -1
