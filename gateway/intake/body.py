"""Reading a request's body: its media type and size limit enforced before it is read whole, and JSON
parsed as RFC 8259 allows and no further (UTF-8, finite numbers, bounded depth, no lone surrogates)."""

from __future__ import annotations

import json
import math
import re
from typing import Any

from starlette.requests import ClientDisconnect, Request

from gateway.errors import InvalidRequest, PayloadTooLarge, RequestTimeout, UnsupportedMediaType

# An escaped UTF-16 surrogate: only then can a parsed string hold a lone one (raw bytes are decoded
# strictly, so encoded surrogates never get that far).
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


class NotStrictJson(ValueError):
    """Why a body is not the JSON this gateway accepts; the message names no content."""


async def read_bounded(request: Request, limit: int) -> bytes:
    """The body, refused as soon as it (or its declared length) exceeds ``limit`` bytes.

    The server closes a connection whose body is later than its deadline (``gateway.serving``):
    the read then ends as if the client had left, and nothing read so far is used.
    """
    declared = request.headers.get("content-length")
    if declared and declared.isascii() and declared.isdigit() and int(declared) > limit:
        raise PayloadTooLarge(f"The body exceeds this gateway's limit of {limit} bytes.")
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise PayloadTooLarge(f"The body exceeds this gateway's limit of {limit} bytes.")
            chunks.append(chunk)
    except ClientDisconnect:
        raise RequestTimeout("The request body did not arrive in time.") from None
    return b"".join(chunks)


def parse_json(data: bytes, max_depth: int) -> Any:
    """``data`` as JSON, or ``NotStrictJson``: not UTF-8, not JSON, NaN or Infinity, a number beyond
    a double's range, nesting deeper than ``max_depth``, or a string with a lone surrogate (none
    of which a node or a classifier could be trusted to read the same way)."""
    try:
        text = data.decode("utf-8")
        value = json.loads(text, parse_constant=_no_constant, parse_float=_finite)
    except UnicodeDecodeError:
        raise NotStrictJson("The body is not UTF-8.") from None
    except RecursionError:
        raise NotStrictJson(f"The JSON is nested deeper than {max_depth} levels.") from None
    except NotStrictJson:
        raise
    except ValueError:  # malformed, or an integer too long to convert
        raise NotStrictJson("The body is not valid JSON.") from None
    _check(value, max_depth, surrogates=_SURROGATE_ESCAPE.search(text) is not None)
    return value


async def read_json(request: Request, limit: int, max_depth: int) -> dict[str, Any]:
    """An inference request's JSON object, or a client-visible error saying what is wrong with it."""
    content_type = request.headers.get("content-type", "")
    if content_type.split(";")[0].strip().lower() != "application/json":
        raise UnsupportedMediaType("Expected a JSON body (content-type: application/json).")
    try:
        parsed = parse_json(await read_bounded(request, limit), max_depth)
    except NotStrictJson as e:
        raise InvalidRequest(str(e)) from None
    if not isinstance(parsed, dict):
        raise InvalidRequest("The body must be a JSON object.")
    return parsed


def _no_constant(name: str) -> Any:
    raise NotStrictJson(f"{name} is not a JSON number.")


def _finite(literal: str) -> float:
    value = float(literal)
    if not math.isfinite(value):
        raise NotStrictJson("A number in the body is beyond the range of a 64-bit float.")
    return value


def _check(value: Any, max_depth: int, *, surrogates: bool) -> None:
    """Depth (iteratively: the parser's own recursion is no bound) and, where escapes allow them,
    lone surrogates in keys and strings."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            if depth > max_depth:
                raise NotStrictJson(f"The JSON is nested deeper than {max_depth} levels.")
            for key, child in item.items():
                if surrogates:
                    _no_lone_surrogate(key)
                stack.append((child, depth + 1))
        elif isinstance(item, list):
            if depth > max_depth:
                raise NotStrictJson(f"The JSON is nested deeper than {max_depth} levels.")
            stack.extend((child, depth + 1) for child in item)
        elif surrogates and isinstance(item, str):
            _no_lone_surrogate(item)


def _no_lone_surrogate(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise NotStrictJson("A string in the body holds a lone UTF-16 surrogate.") from None
