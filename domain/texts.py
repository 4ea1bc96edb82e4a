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
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class TextItem:
    kind: FieldKind
    text: str
