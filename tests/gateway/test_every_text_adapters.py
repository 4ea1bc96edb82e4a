"""The protocol adapters' accounting, field by field: the kind each text is classified as, unknown
fields under both tenant settings, the seams of joins, and the rule that every route's request
shape declares how each of its fields is handled."""

from __future__ import annotations

from typing import Annotated, Any

import pytest
from starlette.routing import Route

from domain.texts import FieldKind, TextItem
from gateway.app import create_app
from gateway.config import LimitConfig
from gateway.errors import GatewayError
from gateway.protocols import openai as oai
from gateway.protocols import tgi
from gateway.protocols.accounting import SEAM_CHARS, Accounted, Text, UnknownFields
from gateway.protocols.routes import REQUEST_SHAPES
from tests.support.cluster import Cluster

LIMITS = LimitConfig()
USER = {"role": "user", "content": "hello"}


def _kinds(body: dict[str, Any]) -> dict[FieldKind, list[str]]:
    found: dict[FieldKind, list[str]] = {}
    for item in oai.parse_chat({"model": "m", "messages": [USER], **body}, LIMITS).texts:
        found.setdefault(item.kind, []).append(item.text)
    return found


@pytest.mark.parametrize(
    ("body", "kind", "text"),
    [
        ({"messages": [{**USER, "name": "Ona"}]}, FieldKind.MESSAGE_NAME, "Ona"),
        ({"stop": "Ona"}, FieldKind.STOP_SEQUENCE, "Ona"),
        ({"user": "Ona"}, FieldKind.END_USER, "Ona"),
        ({"metadata": {"patient": "Ona"}}, FieldKind.METADATA, "patient\nOna"),
        (
            {"response_format": {"type": "json_schema", "json_schema": {"schema": {"enum": ["Ona"]}}}},
            FieldKind.RESPONSE_SCHEMA,
            "schema\nenum\nOna",
        ),
        (
            {"functions": [{"name": "f", "description": "Ona"}]},
            FieldKind.TOOL_DEFINITION,
            "name\nf\ndescription\nOna",
        ),
        (
            {"prediction": {"type": "content", "content": "Ona"}},
            FieldKind.PREDICTION,
            "type\ncontent\ncontent\nOna",
        ),
        ({"response_format": {"type": "regex", "value": "Ona"}}, FieldKind.RESPONSE_SCHEMA, "Ona"),
        ({"guided_regex": "Ona"}, FieldKind.GRAMMAR, "Ona"),
        ({"chat_template": "Ona"}, FieldKind.VENDOR_EXTENSION, "Ona"),
        ({"patient": {"n": ["Ona", 38703181745]}}, FieldKind.UNKNOWN_FIELD, "patient\nn\nOna\n38703181745"),
        (
            {"messages": [USER, {"role": "assistant", "content": None, "reasoning_content": "Ona"}]},
            FieldKind.REASONING,
            "Ona",
        ),
        (
            {"messages": [USER, {"role": "assistant", "content": [{"type": "refusal", "refusal": "Ona"}]}]},
            FieldKind.REFUSAL,
            "Ona",
        ),
        (
            {"messages": [{"role": "user", "content": [{"type": "text", "text": "hi", "note": "Ona"}]}]},
            FieldKind.UNKNOWN_FIELD,
            "note\nOna",
        ),
        (
            {
                "messages": [
                    USER,
                    {
                        "role": "assistant",
                        "tool_calls": [
                            {"id": "call_Ona", "function": {"name": "f", "arguments": '{"who": "Ona"}'}}
                        ],
                    },
                ]
            },
            FieldKind.TOOL_CALL_ARGUMENTS,
            "who\nOna",
        ),
        (
            {"messages": [{"role": "tool", "tool_call_id": "call_Ona", "content": "x"}]},
            FieldKind.IDENTIFIER,
            "call_Ona",
        ),
    ],
)
def test_each_chat_field_is_classified_with_its_kind(
    body: dict[str, Any], kind: FieldKind, text: str
) -> None:
    assert text in _kinds(body)[kind]


def test_tool_call_arguments_that_are_not_json_are_classified_as_they_are() -> None:
    call = {"function": {"name": "f", "arguments": "who: Ona {"}}
    found = _kinds({"messages": [USER, {"role": "assistant", "tool_calls": [call]}]})
    assert found[FieldKind.TOOL_CALL_ARGUMENTS] == ["who: Ona {"]


def test_completion_fields_are_classified_with_their_kind() -> None:
    body = {"model": "m", "prompt": ["a", "b"], "suffix": "Ona", "stop": ["Ona"], "user": "u1"}
    texts = oai.parse_completion(body, LIMITS).texts
    assert TextItem(FieldKind.COMPLETION_PROMPT, "a\nb") in texts
    assert TextItem(FieldKind.COMPLETION_PROMPT, "Ona") in texts
    assert TextItem(FieldKind.STOP_SEQUENCE, "Ona") in texts and TextItem(FieldKind.END_USER, "u1") in texts


def test_native_fields_are_classified_with_their_kind() -> None:
    body = {
        "inputs": "hi",
        "parameters": {
            "stop": ["Ona"],
            "adapter_id": "Ona-lora",
            "grammar": {"type": "regex", "value": "Ona"},
        },
    }
    texts = tgi.parse_generate(body, tgi.GENERATE_ROUTE, None).texts
    assert texts == (
        TextItem(FieldKind.TGI_INPUTS, "hi"),
        TextItem(FieldKind.GRAMMAR, "Ona"),
        TextItem(FieldKind.STOP_SEQUENCE, "Ona"),
        TextItem(FieldKind.ADAPTER_ID, "Ona-lora"),
    )


def test_closed_vocabulary_is_validated_not_classified() -> None:
    body = {"temperature": 0.5, "tool_choice": "auto", "stream": False, "top_k": 5, "logit_bias": {"42": 1.0}}
    assert set(_kinds(body)) == {FieldKind.USER, FieldKind.TOOL_DEFINITION}  # tool_choice: text or an object


@pytest.mark.parametrize(
    ("parse", "body", "param"),
    [
        (oai.parse_chat, {"model": "m", "messages": [USER], "x_vendor": 1}, "x_vendor"),
        (oai.parse_chat, {"model": "m", "messages": [{**USER, "x_note": "a"}]}, "messages[0].x_note"),
        (
            oai.parse_completion,
            {"model": "m", "prompt": "p", "stream_options": {"x": True}},
            "stream_options.x",
        ),
    ],
)
def test_a_tenant_that_rejects_unknown_fields_gets_a_400_naming_it(
    parse: Any, body: dict[str, Any], param: str
) -> None:
    assert parse(body, LIMITS)  # classified by default
    with pytest.raises(GatewayError) as refused:
        parse(body, LIMITS, UnknownFields.REJECT)
    assert (
        refused.value.status == 400 and refused.value.param == param and f"`{param}`" in refused.value.message
    )


def test_known_extensions_are_accepted_when_unknown_fields_are_rejected() -> None:
    body = {"model": "m", "messages": [USER], "top_k": 5, "guided_json": {"type": "object"}, "min_p": 0.1}
    assert oai.parse_chat(body, LIMITS, UnknownFields.REJECT).upstream


def test_native_unknown_fields_rejected_with_422() -> None:
    body = {"inputs": "hi", "parameters": {"lora": "x"}}
    assert tgi.parse_generate(body, tgi.COMPAT_ROUTE, None)
    with pytest.raises(GatewayError) as refused:
        tgi.parse_generate(body, tgi.COMPAT_ROUTE, None, UnknownFields.REJECT)
    assert refused.value.status == 422 and refused.value.param == "parameters.lora"
    assert refused.value.message.startswith("Input validation error: `parameters.lora`")


def test_upstream_is_built_from_the_validated_request() -> None:
    body = {"model": "m", "messages": [USER], "stream": True, "x_vendor": {"a": "b"}}
    _, upstream = oai.parse_chat(body, LIMITS).upstream[oai.NodeProtocol.OPENAI]
    assert upstream == {**body, "stream_options": {"include_usage": True}}
    native = {"inputs": "hi", "parameters": {"max_new_tokens": 2, "top_p": 0.5}}
    assert tgi.parse_generate(native, tgi.GENERATE_ROUTE, None).upstream[oai.NodeProtocol.TGI][1] == native


def test_seams_join_adjacent_parts_and_messages() -> None:
    parts = [{"type": "text", "text": "mail jonas@exa"}, {"type": "text", "text": "mple.lt"}]
    body = {"messages": [{"role": "user", "content": parts}, {"role": "assistant", "content": "Noted."}]}
    seams = [t for t in oai.parse_chat({"model": "m", **body}, LIMITS).texts if t.kind is FieldKind.SEAM]
    assert [(s.text, s.text[: s.join]) for s in seams] == [
        ("mail jonas@example.lt", "mail jonas@exa"),
        ("mple.ltNoted.", "mple.lt"),
    ]


def test_an_unchanged_conversation_costs_only_its_newest_message_and_seam() -> None:
    """The classifier caches each text: a turn added to a conversation brings only its own message
    and the one seam that joins it to the last, never the history again."""
    turns = [
        {"role": "user" if i % 2 == 0 else "assistant", "content": f"turn {i} " + "x" * 300}
        for i in range(10)
    ]
    before = set(oai.parse_chat({"model": "m", "messages": turns}, LIMITS).texts)
    newest = {"role": "user", "content": "and now this"}
    after = set(oai.parse_chat({"model": "m", "messages": [*turns, newest]}, LIMITS).texts)
    new = after - before
    assert new == {
        TextItem(FieldKind.USER, "and now this"),
        TextItem(FieldKind.SEAM, f"{turns[-1]['content'][-SEAM_CHARS:]}and now this", join=SEAM_CHARS),
    }


def test_a_shape_with_an_undeclared_field_cannot_be_defined() -> None:
    with pytest.raises(TypeError, match="must declare"):

        class Careless(Accounted):
            note: str

    class Careful(Accounted):
        note: Annotated[str, Text(FieldKind.OTHER)]

    assert Careful.handling == {"note": Text(FieldKind.OTHER)}


def test_every_inference_route_has_a_declared_request_shape(cluster: Cluster) -> None:
    app = create_app(cluster.config)
    served = {
        r.path
        for r in app.routes
        if isinstance(r, Route)
        and "POST" in (r.methods or ())
        and not r.path.startswith(("/audit", "/console", "/checkpoint", "/tile"))
    }
    assert served == set(REQUEST_SHAPES)
    assert all(issubclass(shape, Accounted) for shape in REQUEST_SHAPES.values())
