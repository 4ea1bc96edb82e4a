"""serde-like type checks: a wrong JSON shape is refused as axum's ``Json`` extractor refuses it,
with a plain-text 422 naming the field path and what was expected."""

from __future__ import annotations

import json

from nodesim.errors import Rejection, shape_error


def parse_json(raw: bytes) -> object:
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise Rejection(400, f"Failed to parse the request body as JSON: {exc}") from exc


_U32_MAX = 2**32 - 1
_U64_MAX = 2**64 - 1


def describe(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"boolean `{str(value).lower()}`"
    if isinstance(value, int):
        return f"integer `{value}`"
    if isinstance(value, float):
        return f"floating point `{value}`"
    if isinstance(value, str):
        return f"string {json.dumps(value)}"
    if isinstance(value, list):
        return "sequence"
    return "map"


def wrong_type(path: str, value: object, expected: str) -> Rejection:
    return shape_error(path, f"invalid type: {describe(value)}, expected {expected}")


def opt_float(obj: dict, name: str, path: str) -> float | None:
    value = obj.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise wrong_type(path + name, value, "f32")
    return float(value)


def opt_uint(obj: dict, name: str, path: str, bits: int = 32) -> int | None:
    value = obj.get(name)
    if value is None:
        return None
    expected = "u32" if bits == 32 else "u64"
    if isinstance(value, bool) or not isinstance(value, int):
        raise wrong_type(path + name, value, expected)
    if value < 0 or value > (_U32_MAX if bits == 32 else _U64_MAX):
        raise shape_error(path + name, f"invalid value: integer `{value}`, expected {expected}")
    return value


def opt_int(obj: dict, name: str, path: str) -> int | None:
    value = obj.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise wrong_type(path + name, value, "i32")
    return value


def flag(obj: dict, name: str, path: str, nullable: bool = False) -> bool:
    value = obj.get(name)
    if value is None:
        if name in obj and not nullable:
            raise wrong_type(path + name, value, "a boolean")
        return False
    if not isinstance(value, bool):
        raise wrong_type(path + name, value, "a boolean")
    return value


def opt_str(obj: dict, name: str, path: str) -> str | None:
    value = obj.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise wrong_type(path + name, value, "a string")
    return value


def strings(obj: dict, name: str, path: str, nullable: bool) -> tuple[str, ...]:
    value = obj.get(name)
    if value is None:
        if name in obj and not nullable:
            raise wrong_type(path + name, value, "a sequence")
        return ()
    if not isinstance(value, list):
        raise wrong_type(path + name, value, "a sequence")
    for index, item in enumerate(value):
        if not isinstance(item, str):
            raise wrong_type(f"{path}{name}[{index}]", item, "a string")
    return tuple(value)


def as_struct(value: object, path: str, struct: str) -> dict:
    if not isinstance(value, dict):
        raise wrong_type(path, value, f"struct {struct}")
    return value
