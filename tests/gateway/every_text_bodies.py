"""Random valid and near-valid request bodies for every inference route, and a marker placed at a
random string position in one (a value or a key, known field or unknown, at any depth)."""

from __future__ import annotations

import copy
import json
import string
from typing import Any

from hypothesis import strategies as st

from tests.support.cluster import MODEL

MARKER = "Zq7MARKx"  # ASCII, so it reaches the node as these very bytes inside the JSON body

_ALNUM = string.ascii_letters + string.digits
word = st.text(_ALNUM + " .,@-_", min_size=1, max_size=10)
key = st.text(_ALNUM + "_", min_size=1, max_size=8)
leaf = st.one_of(st.none(), st.booleans(), st.integers(-100, 100), word)
free_json = st.recursive(
    leaf, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(key, inner, max_size=3), max_leaves=6
)
free_object = st.dictionaries(key, free_json, min_size=1, max_size=3)
schema = st.fixed_dictionaries(
    {
        "type": st.just("object"),
        "properties": st.dictionaries(
            key,
            st.fixed_dictionaries(
                {},
                optional={
                    "type": st.just("string"),
                    "description": word,
                    "title": word,
                    "enum": st.lists(word, max_size=2),
                    "examples": st.lists(word, max_size=2),
                    "default": word,
                },
            ),
            max_size=3,
        ),
    },
    optional={"description": word, "title": word},
)
call_id = st.text(_ALNUM + "_-", min_size=1, max_size=12).filter(lambda s: s[0].isalnum())
tool_call = st.fixed_dictionaries(
    {
        "id": call_id,
        "type": st.just("function"),
        "function": st.fixed_dictionaries({"name": word, "arguments": free_object.map(json.dumps)}),
    }
)
text_part = st.fixed_dictionaries({"type": st.just("text"), "text": word}, optional={"extra": free_json})
content = st.one_of(word, st.lists(text_part, min_size=1, max_size=3))
message = st.fixed_dictionaries(
    {"role": st.sampled_from(["system", "user", "assistant", "tool"]), "content": content},
    optional={
        "name": word,
        "reasoning_content": word,
        "tool_calls": st.lists(tool_call, max_size=2),
        "tool_call_id": call_id,
        "refusal": word,
    },
)
sampling = {
    "max_tokens": st.integers(1, 3),
    "temperature": st.floats(0.1, 1.5),
    "stop": st.one_of(word, st.lists(word, max_size=3)),
    "user": word,
    "metadata": st.dictionaries(key, word, max_size=2),
    "response_format": st.fixed_dictionaries(
        {
            "type": st.just("json_schema"),
            "json_schema": st.fixed_dictionaries({"name": key, "schema": schema}),
        }
    ),
    "stream": st.booleans(),
    "stream_options": st.fixed_dictionaries({"include_usage": st.booleans()}),
    "top_k": st.integers(1, 50),
    "repetition_penalty": st.floats(1.0, 1.5),
    "guided_json": schema,
    "guided_choice": st.lists(word, min_size=1, max_size=3),
    "seed": st.integers(0, 100),
}
chat = st.fixed_dictionaries(
    {"model": st.just(MODEL), "messages": st.lists(message, min_size=1, max_size=4)},
    optional={
        **sampling,
        "tools": st.lists(
            st.fixed_dictionaries(
                {
                    "type": st.just("function"),
                    "function": st.fixed_dictionaries(
                        {"name": key, "description": word, "parameters": schema}
                    ),
                }
            ),
            max_size=2,
        ),
        "tool_choice": st.sampled_from(["auto", "none", "required"]),
        "functions": st.lists(
            st.fixed_dictionaries({"name": key, "description": word, "parameters": schema}), max_size=2
        ),
        "prediction": st.fixed_dictionaries({"type": st.just("content"), "content": word}),
        "logit_bias": st.dictionaries(st.integers(0, 999).map(str), st.floats(-5, 5), max_size=2),
    },
)
completion = st.fixed_dictionaries(
    {"model": st.just(MODEL), "prompt": st.one_of(word, st.lists(word, min_size=1, max_size=3))},
    optional={**sampling, "suffix": word, "echo": st.booleans()},
)
native = st.fixed_dictionaries(
    {"inputs": word},
    optional={
        "parameters": st.fixed_dictionaries(
            {},
            optional={
                "max_new_tokens": st.integers(1, 3),
                "stop": st.lists(word, max_size=3),
                "adapter_id": word,
                "details": st.booleans(),
                "seed": st.integers(0, 100),
                "grammar": st.one_of(
                    st.fixed_dictionaries({"type": st.just("regex"), "value": word}),
                    st.fixed_dictionaries({"type": st.just("json"), "value": schema}),
                ),
                "extra": free_json,
            },
        ),
        "stream": st.booleans(),
    },
)
ROUTES: dict[str, st.SearchStrategy[dict[str, Any]]] = {
    "/v1/chat/completions": chat,
    "/v1/completions": completion,
    "/generate": native,
    "/generate_stream": native,
    "/": native,
}


def _positions(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], str]]:
    """Every place a string sits: ("value", path) for a string, ("key", path) for a dict key."""
    found: list[tuple[tuple[Any, ...], str]] = []
    if isinstance(value, str):
        found.append((path, "value"))
    elif isinstance(value, dict):
        for k, v in value.items():
            found.append(((*path, k), "key"))
            found.extend(_positions(v, (*path, k)))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found.extend(_positions(v, (*path, i)))
    return found


def _parent(body: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        body = body[step]
    return body


def _break(body: dict[str, Any], path: tuple[Any, ...], wrong: Any) -> dict[str, Any]:
    """Near-valid: one value swapped for one of another type."""
    out = copy.deepcopy(body)
    if path:
        _parent(out, path)[path[-1]] = wrong
    return out


@st.composite
def marked_body(draw: st.DrawFn, route: str, unknown_keys: bool = True) -> dict[str, Any]:
    body = draw(ROUTES[route])
    if unknown_keys and draw(st.booleans()):
        body.update(draw(st.dictionaries(key.map(lambda k: "x_" + k), free_json, min_size=1, max_size=2)))
    if draw(st.integers(0, 3)) == 0:
        every = [p for p, _ in _positions(body)] + _all_value_paths(body)
        body = _break(body, draw(st.sampled_from(every)), draw(st.sampled_from([5, "5", [], {}, None, True])))
    # A top-level field first, then a place inside it: every field is marked as often as any other,
    # however many strings the messages hold.
    places = _positions(body)
    field = draw(st.sampled_from(sorted({str(p[0]) for p, _ in places})))
    path, where = draw(st.sampled_from([(p, w) for p, w in places if str(p[0]) == field]))
    parent = _parent(body, path)
    if where == "value":
        old = parent[path[-1]]
        parent[path[-1]] = draw(st.sampled_from([MARKER, old + MARKER, MARKER + " " + old]))
    else:
        renamed = {}
        for k, v in parent.items():
            renamed[k + MARKER if k == path[-1] else k] = v
        parent.clear()
        parent.update(renamed)
    return body


def _all_value_paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path] if path else []
    if isinstance(value, dict):
        for k, v in value.items():
            found.extend(_all_value_paths(v, (*path, k)))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found.extend(_all_value_paths(v, (*path, i)))
    return found
