"""How a request accounts for every string it holds: each field of a request model declares its
handling, and one walk turns the validated model into the texts classification must see.

A field is ``Text`` (every key and string inside it is classified, with its kind), ``Token`` (closed
vocabulary its type validates: numbers, booleans, enum values, ids matching a strict pattern) or
``Nested`` (a request model of its own, walked the same way). A model whose field declares none of
them cannot be defined, so a new route's request model cannot leave a field unaccounted for. Keys a
model does not know are classified as ``unknown_field`` text, or refused when the tenant says so.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, ValidationError

from domain.texts import FieldKind, TextItem
from gateway.errors import GatewayError


class UnknownFields(StrEnum):
    """What a tenant wants done with a request field the gateway does not know."""

    CLASSIFY = "classify"  # every key and string inside it is classified, then it is forwarded
    REJECT = "reject"  # the request is refused, naming the field


@dataclass(frozen=True, slots=True)
class Text:
    """Every key and string inside the field is classified as ``kind`` (None: the kind of the
    enclosing message's role). ``parse_json``: a string holding JSON is read as the JSON it holds."""

    kind: FieldKind | None
    parse_json: bool = False


@dataclass(frozen=True, slots=True)
class Token:
    """Closed vocabulary, validated by the field's type; nothing in it is free text."""


@dataclass(frozen=True, slots=True)
class Nested:
    """A request model (or a list of them) walked field by field; a bare string in its place is
    text of the enclosing message's kind."""


Handling = Text | Token | Nested

# Ids the gateway forwards without classifying must look like ids, not like sentences.
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:@+/-]{0,127}$"


class Accounted(BaseModel):
    """A request shape whose every field declares its handling; unknown keys are kept as extras."""

    model_config = ConfigDict(extra="allow", strict=True)
    handling: ClassVar[dict[str, Handling]] = {}
    # The fields that can hold text, in declaration order: what the walk visits.
    walked: ClassVar[tuple[tuple[str, Text | Nested], ...]] = ()

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        handling: dict[str, Handling] = {}
        for name, info in cls.model_fields.items():
            declared = [m for m in info.metadata if isinstance(m, Text | Token | Nested)]
            if len(declared) != 1:
                raise TypeError(f"{cls.__name__}.{name} must declare one of Text, Token or Nested")
            handling[name] = declared[0]
        cls.handling = handling
        cls.walked = tuple((n, h) for n, h in handling.items() if not isinstance(h, Token))

    def role_kind(self) -> FieldKind | None:
        """The kind of the text this model's bare strings carry (messages: their role's)."""
        return None


Refuse = Callable[[str, str], GatewayError]  # (field path, message) -> the protocol's 4xx


class Texts:
    """The texts of one request, in the order the model reads them."""

    def __init__(self, unknown: UnknownFields, refuse: Refuse):
        self.items: list[TextItem] = []
        self._unknown = unknown
        self._refuse = refuse

    def add(self, kind: FieldKind, strings: list[str]) -> None:
        text = strings[0] if len(strings) == 1 else "\n".join(s for s in strings if s)
        if text:
            self.items.append(TextItem(kind, text))

    def walk(self, model: Accounted, where: str = "", kind: FieldKind | None = None) -> None:
        """Every set field of ``model`` by its declared handling, then its unknown keys."""
        kind = model.role_kind() or kind
        fields_set = model.__pydantic_fields_set__
        for name, handling in type(model).walked:
            if name not in fields_set:
                continue
            value = getattr(model, name)
            if value is None:
                continue
            if isinstance(handling, Nested):
                self._nested(value, f"{where}.{name}" if where else name, kind)
            elif isinstance(value, str) and not handling.parse_json:
                self.add(handling.kind or kind or FieldKind.OTHER, [value])
            else:
                self.add(handling.kind or kind or FieldKind.OTHER, list(strings(value, handling.parse_json)))
        for key, value in (model.__pydantic_extra__ or {}).items():
            path = f"{where}.{key}" if where else key
            if self._unknown is UnknownFields.REJECT:
                raise self._refuse(path, f"`{path}` is not a field this gateway accepts.")
            self.add(FieldKind.UNKNOWN_FIELD, [key, *strings(value)])

    def _nested(self, value: Any, path: str, kind: FieldKind | None) -> None:
        if isinstance(value, str):
            self.add(kind or FieldKind.OTHER, [value])
        elif isinstance(value, Accounted):
            self.walk(value, path, kind)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                self._nested(item, f"{path}[{i}]", kind)
        else:
            self.add(kind or FieldKind.OTHER, list(strings(value)))


def strings(value: Any, parse_json: bool = False) -> Iterator[str]:
    """Every key, string and integer inside a JSON value, depth first (an integer can be an id or
    a phone number the model reads as well as any string)."""
    if isinstance(value, str):
        if parse_json:
            try:
                parsed = json.loads(value)
            except ValueError:
                yield value
                return
            if isinstance(parsed, dict | list):
                yield from strings(parsed)
                return
        yield value
    elif isinstance(value, bool) or value is None or isinstance(value, float):
        return
    elif isinstance(value, int):
        yield str(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from strings(item, parse_json)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings(item, parse_json)
    elif isinstance(value, BaseModel):
        yield from strings(value.model_dump(exclude_unset=True), parse_json)


SEAM_CHARS = 64  # each side of a join: longer than an e-mail address, an IBAN or a full name


def seams(texts: list[str]) -> list[TextItem]:
    """The join of each two adjacent texts, as the model reads them one after the other: the tail
    of one and the head of the next, so an identifier or a name split across them is found
    without classifying either whole text again."""
    out = []
    for before, after in itertools.pairwise(texts):
        tail, head = before[-SEAM_CHARS:], after[:SEAM_CHARS]
        if tail.strip() and head.strip():
            out.append(TextItem(FieldKind.SEAM, tail + head, join=len(tail)))
    return out


_INSTANCE_OF = re.compile(r" or instance of \w+")
_TYPE_LABEL = re.compile(r"^(str|int|float|bool|list|dict|none|literal|[A-Z].*|.*[\[(].*)$")


def invalid(error: ValidationError, refuse: Refuse, prefix: str = "") -> GatewayError:
    """A pydantic validation error as the protocol's 4xx naming the first field at fault."""
    # Of a union's branches, the one that got furthest names the field most precisely.
    first = max(error.errors(include_url=False), key=lambda e: len(e["loc"]))
    path = ""
    for part in first["loc"]:
        if isinstance(part, int):
            path += f"[{part}]"
        elif not _TYPE_LABEL.match(part):
            path += f".{part}" if path else part
    message = _INSTANCE_OF.sub("", str(first["msg"]).removeprefix("Value error, "))
    return refuse(path, f"{prefix}`{path or 'body'}`: {message}")
