"""Reading request bodies the way TGI's router does: shape first (axum's plain-text 422), then the
router's own parameter validation (``Input validation error: ...``), producing a ``GenSpec``.

Hand-written checks instead of a model library keep a request's parsing to a few dictionary lookups.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

from gateway.nodesim import limits
from gateway.nodesim.errors import Rejection, TgiError, shape_error
from gateway.nodesim.generation import GenSpec, count_prompt_tokens, value_for_schema

_U32_MAX = 2**32 - 1
_U64_MAX = 2**64 - 1


def parse_json(raw: bytes) -> object:
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise Rejection(400, f"Failed to parse the request body as JSON: {exc}") from exc


# ---- serde-like type checks -------------------------------------------------------------------


def _describe(value: object) -> str:
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


def _wrong(path: str, value: object, expected: str) -> Rejection:
    return shape_error(path, f"invalid type: {_describe(value)}, expected {expected}")


def _float(obj: dict, name: str, path: str) -> float | None:
    value = obj.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _wrong(path + name, value, "f32")
    return float(value)


def _uint(obj: dict, name: str, path: str, bits: int = 32) -> int | None:
    value = obj.get(name)
    if value is None:
        return None
    expected = "u32" if bits == 32 else "u64"
    if isinstance(value, bool) or not isinstance(value, int):
        raise _wrong(path + name, value, expected)
    if value < 0 or value > (_U32_MAX if bits == 32 else _U64_MAX):
        raise shape_error(path + name, f"invalid value: integer `{value}`, expected {expected}")
    return value


def _int(obj: dict, name: str, path: str) -> int | None:
    value = obj.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise _wrong(path + name, value, "i32")
    return value


def _bool(obj: dict, name: str, path: str, nullable: bool = False) -> bool:
    value = obj.get(name)
    if value is None:
        if name in obj and not nullable:
            raise _wrong(path + name, value, "a boolean")
        return False
    if not isinstance(value, bool):
        raise _wrong(path + name, value, "a boolean")
    return value


def _str(obj: dict, name: str, path: str) -> str | None:
    value = obj.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _wrong(path + name, value, "a string")
    return value


def _strings(obj: dict, name: str, path: str, nullable: bool) -> tuple[str, ...]:
    value = obj.get(name)
    if value is None:
        if name in obj and not nullable:
            raise _wrong(path + name, value, "a sequence")
        return ()
    if not isinstance(value, list):
        raise _wrong(path + name, value, "a sequence")
    for index, item in enumerate(value):
        if not isinstance(item, str):
            raise _wrong(f"{path}{name}[{index}]", item, "a string")
    return tuple(value)


def _object(value: object, path: str, struct: str) -> dict:
    if not isinstance(value, dict):
        raise _wrong(path, value, f"struct {struct}")
    return value


# ---- native parameters (GenerateParameters) ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class Parameters:
    best_of: int | None = None
    temperature: float | None = None
    repetition_penalty: float | None = None
    frequency_penalty: float | None = None
    top_k: int | None = None
    top_p: float | None = None
    typical_p: float | None = None
    do_sample: bool = False
    max_new_tokens: int | None = None
    return_full_text: bool | None = None
    stop: tuple[str, ...] = ()
    truncate: int | None = None
    details: bool = False
    decoder_input_details: bool = False
    seed: int | None = None
    top_n_tokens: int | None = None
    grammar: dict | None = None

    @property
    def sampling(self) -> bool:
        return (
            self.do_sample
            or self.temperature is not None
            or self.top_k is not None
            or self.top_p is not None
            or self.typical_p is not None
        )


def parse_parameters(value: object) -> Parameters:
    if value is None:
        return Parameters()
    p = _object(value, "parameters", "GenerateParameters")
    path = "parameters."
    grammar = p.get("grammar")
    if grammar is not None:
        grammar = _object(grammar, path + "grammar", "GrammarType")
        if grammar.get("type") not in ("json", "json_object", "regex", "json_schema"):
            raise shape_error(
                path + "grammar",
                f"unknown variant `{grammar.get('type')}`, expected one of `json`, `regex`, `json_schema`",
            )
    return_full_text = p.get("return_full_text")
    if return_full_text is not None and not isinstance(return_full_text, bool):
        raise _wrong(path + "return_full_text", return_full_text, "a boolean")
    _str(p, "adapter_id", path)
    _bool(p, "watermark", path)
    return Parameters(
        best_of=_uint(p, "best_of", path),
        temperature=_float(p, "temperature", path),
        repetition_penalty=_float(p, "repetition_penalty", path),
        frequency_penalty=_float(p, "frequency_penalty", path),
        top_k=_int(p, "top_k", path),
        top_p=_float(p, "top_p", path),
        typical_p=_float(p, "typical_p", path),
        do_sample=_bool(p, "do_sample", path),
        max_new_tokens=_uint(p, "max_new_tokens", path),
        return_full_text=return_full_text,
        stop=_strings(p, "stop", path, nullable=False),
        truncate=_uint(p, "truncate", path),
        details=_bool(p, "details", path),
        decoder_input_details=_bool(p, "decoder_input_details", path),
        seed=_uint(p, "seed", path, bits=64),
        top_n_tokens=_uint(p, "top_n_tokens", path),
        grammar=grammar,
    )


def validate(inputs: str, params: Parameters) -> GenSpec:
    """TGI's ``Validation::validate``, in its order; returns what to generate."""
    best_of = params.best_of if params.best_of is not None else 1
    if best_of == 0 or best_of > limits.MAX_BEST_OF:
        raise TgiError.validation(f"`best_of` must be > 0 and <= {limits.MAX_BEST_OF}. Given: {best_of}")
    if best_of > 1 and not params.sampling:
        raise TgiError.validation("you must use sampling when `best_of` is > 1")
    if params.temperature is not None and params.temperature <= 0:
        raise TgiError.validation("`temperature` must be strictly positive")
    if params.repetition_penalty is not None and params.repetition_penalty <= 0:
        raise TgiError.validation("`repetition_penalty` must be strictly positive")
    if params.frequency_penalty is not None and not -2.0 <= params.frequency_penalty <= 2.0:
        raise TgiError.validation("`frequency_penalty` must be >= -2.0 and <= 2.0")
    if params.top_p is not None and not 0.0 < params.top_p < 1.0:
        raise TgiError.validation("`top_p` must be > 0.0 and < 1.0")
    if params.typical_p is not None and not 0.0 < params.typical_p < 1.0:
        raise TgiError.validation("`typical_p` must be > 0.0 and < 1.0")
    if params.top_k is not None and params.top_k <= 0:
        raise TgiError.validation("`top_k` must be strictly positive")
    if params.max_new_tokens == 0:
        raise TgiError.validation("`max_new_tokens` must be strictly positive")
    if len(params.stop) > limits.MAX_STOP_SEQUENCES:
        raise TgiError.validation(
            f"`stop` supports up to {limits.MAX_STOP_SEQUENCES} stop sequences. Given: {len(params.stop)}"
        )
    if params.seed is not None and best_of > 1:
        raise TgiError.validation("`seed` must not be set when `best_of` > 1")
    if params.top_n_tokens is not None and params.top_n_tokens > limits.MAX_TOP_N_TOKENS:
        raise TgiError.validation(
            f"`top_n_tokens` must be >= 0 and <= {limits.MAX_TOP_N_TOKENS}. Given: {params.top_n_tokens}"
        )
    if not inputs:
        raise TgiError.validation("`inputs` cannot be empty")
    if params.truncate is not None and not 0 < params.truncate <= limits.MAX_INPUT_TOKENS:
        raise TgiError.validation(
            f"`truncate` must be strictly positive and less than {limits.MAX_INPUT_TOKENS}. "
            f"Given: {params.truncate}"
        )
    prompt_tokens = count_prompt_tokens(inputs)
    if params.truncate is not None:
        prompt_tokens = min(prompt_tokens, params.truncate)
    if params.max_new_tokens is not None:
        if prompt_tokens + params.max_new_tokens > limits.MAX_TOTAL_TOKENS:
            raise TgiError.validation(
                f"`inputs` tokens + `max_new_tokens` must be <= {limits.MAX_TOTAL_TOKENS}. "
                f"Given: {prompt_tokens} `inputs` tokens and {params.max_new_tokens} `max_new_tokens`"
            )
    elif prompt_tokens >= limits.MAX_TOTAL_TOKENS:
        raise TgiError.validation(
            f"`inputs` tokens + `max_new_tokens` must be <= {limits.MAX_TOTAL_TOKENS}. "
            f"Given: {prompt_tokens} `inputs` tokens and 0 `max_new_tokens`"
        )
    if prompt_tokens > limits.MAX_INPUT_TOKENS:
        raise TgiError.validation(
            f"`inputs` must have less than {limits.MAX_INPUT_TOKENS} tokens. Given: {prompt_tokens}"
        )
    structured = None
    if params.grammar is not None:
        structured = _grammar_value(params.grammar, inputs, params.seed)
    return GenSpec(
        prompt=inputs,
        prompt_tokens=prompt_tokens,
        max_new_tokens=params.max_new_tokens,
        stop=params.stop,
        seed=params.seed,
        sampling=params.sampling,
        structured=structured,
    )


def _grammar_value(grammar: dict, prompt: str, seed: int | None) -> object:
    kind = grammar.get("type")
    value = grammar.get("value")
    if kind == "regex":
        # A regex cannot be sampled cheaply; the answer is a plain word, which a test can match.
        return None
    if kind == "json_schema" and isinstance(value, dict):
        value = value.get("schema", value)
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError as exc:
            raise TgiError.validation(f"grammar is not valid: {exc}") from exc
    if not isinstance(value, dict):
        raise TgiError.validation("grammar is not supported")
    if "properties" not in value:
        raise TgiError.validation("grammar is not valid: Grammar must have a 'properties' field")
    return value_for_schema(value, len(prompt) + (seed or 0))


# ---- native request bodies --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NativeRequest:
    inputs: str
    parameters: Parameters
    stream: bool


def parse_native(body: object, *, compat: bool) -> NativeRequest:
    """/generate, /generate_stream (``compat`` False) or POST / (``compat``: reads ``stream``)."""
    struct = "CompatGenerateRequest" if compat else "GenerateRequest"
    body = _object(body, "", struct)
    if "inputs" not in body:
        raise shape_error("", "missing field `inputs`")
    inputs = body["inputs"]
    if not isinstance(inputs, str):
        raise _wrong("inputs", inputs, "a string")
    _bool(body, "add_special_tokens", "")
    stream = _bool(body, "stream", "") if compat else False
    return NativeRequest(inputs, parse_parameters(body.get("parameters")), stream)


# ---- OpenAI-style bodies ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ToolCallPlan:
    name: str
    arguments: dict


@dataclass(frozen=True, slots=True)
class ChatRequest:
    spec_parameters: Parameters
    prompt: str
    stream: bool
    include_usage: bool
    logprobs: bool
    tools: tuple[dict, ...] = ()
    tool_choice: object = None
    response_format: dict | None = None


def _message_text(message: object, index: int) -> tuple[str, str]:
    path = f"messages[{index}]"
    message = _object(message, path, "Message")
    role = message.get("role")
    if not isinstance(role, str):
        raise shape_error(path, "missing field `role`" if role is None else "invalid type, expected a string")
    content = message.get("content")
    if isinstance(content, str):
        return role, content
    if isinstance(content, list):
        parts = []
        for chunk in content:
            if not isinstance(chunk, dict) or chunk.get("type") not in ("text", "image_url"):
                raise shape_error(path, "data did not match any variant of untagged enum MessageContent")
            if chunk.get("type") == "text":
                if not isinstance(chunk.get("text"), str):
                    raise shape_error(path, "data did not match any variant of untagged enum MessageContent")
                parts.append(chunk["text"])
        return role, "".join(parts)
    if content is None and isinstance(message.get("tool_calls"), list):
        return role, json.dumps(message["tool_calls"], separators=(",", ":"))
    raise shape_error(path, "data did not match any variant of untagged enum MessageBody")


def parse_chat(body: object) -> ChatRequest:
    body = _object(body, "", "ChatRequest")
    if "messages" not in body:
        raise shape_error("", "missing field `messages`")
    messages = body["messages"]
    if not isinstance(messages, list):
        raise _wrong("messages", messages, "a sequence")
    _str(body, "model", "")
    texts = [_message_text(message, i) for i, message in enumerate(messages)]
    tools = body.get("tools")
    if tools is not None:
        if not isinstance(tools, list):
            raise _wrong("tools", tools, "a sequence")
        for i, tool in enumerate(tools):
            function = _object(tool, f"tools[{i}]", "Tool").get("function")
            if not isinstance(function, dict) or not isinstance(function.get("name"), str):
                raise shape_error(f"tools[{i}]", "missing field `function`")
    response_format = body.get("response_format")
    if response_format is not None:
        response_format = _object(response_format, "response_format", "GrammarType")
    stream_options = body.get("stream_options")
    include_usage = False
    if stream_options is not None:
        include_usage = _bool(_object(stream_options, "stream_options", "StreamOptions"), "include_usage", "")
    temperature = _float(body, "temperature", "")
    max_tokens = _uint(body, "max_tokens", "")
    if max_tokens is None:
        max_tokens = _uint(body, "max_completion_tokens", "")
    _uint(body, "top_logprobs", "")
    _uint(body, "n", "")
    _float(body, "presence_penalty", "")
    parameters = Parameters(
        # Like TGI: temperature 0 means greedy decoding, any other value samples.
        temperature=None if temperature == 0.0 else temperature,
        do_sample=temperature != 0.0,
        frequency_penalty=_float(body, "frequency_penalty", ""),
        top_p=_float(body, "top_p", ""),
        max_new_tokens=max_tokens,
        stop=_strings(body, "stop", "", nullable=True),
        seed=_uint(body, "seed", "", bits=64),
        details=True,
    )
    prompt = "\n".join(f"{role}: {text}" for role, text in texts)
    return ChatRequest(
        spec_parameters=parameters,
        prompt=prompt,
        stream=_bool(body, "stream", ""),
        include_usage=include_usage,
        logprobs=_bool(body, "logprobs", "", nullable=True),
        tools=tuple(tools or ()),
        tool_choice=body.get("tool_choice"),
        response_format=response_format,
    )


def plan_tool_call(request: ChatRequest, key: int) -> ToolCallPlan | None:
    """Which tool the "model" calls, with arguments that fit its schema; None to answer in text."""
    if not request.tools:
        return None
    if request.response_format is not None:
        raise TgiError.tool("Grammar and tools are mutually exclusive")
    choice = request.tool_choice
    if choice == "none":
        return None
    functions = [tool["function"] for tool in request.tools]
    if isinstance(choice, dict):
        choice = (choice.get("function") or {}).get("name")
    if isinstance(choice, str) and choice not in ("auto", "required"):
        matching = [f for f in functions if f["name"] == choice]
        if not matching:
            raise TgiError.tool(f"Tool choice `{choice}` not found in tool names")
        function = matching[0]
    else:
        function = functions[key % len(functions)]
    arguments = value_for_schema(function.get("parameters") or {"properties": {}}, key)
    return ToolCallPlan(function["name"], arguments if isinstance(arguments, dict) else {})


def chat_spec(request: ChatRequest, structured: object | None) -> GenSpec:
    """Validate a chat request's parameters as TGI's router does and say what to generate."""
    spec = validate(request.prompt, request.spec_parameters)
    if structured is None and request.response_format is not None:
        structured = _grammar_value(request.response_format, request.prompt, request.spec_parameters.seed)
    return replace(spec, structured=structured, opening=True)


@dataclass(frozen=True, slots=True)
class CompletionRequest:
    prompts: tuple[str, ...]
    parameters: Parameters
    stream: bool


def parse_completion(body: object) -> CompletionRequest:
    body = _object(body, "", "CompletionRequest")
    if "prompt" not in body:
        raise shape_error("", "missing field `prompt`")
    prompt = body["prompt"]
    if isinstance(prompt, str):
        prompts: tuple[str, ...] = (prompt,)
    elif isinstance(prompt, list) and all(isinstance(p, str) for p in prompt):
        prompts = tuple(prompt)
    else:
        raise _wrong("prompt", prompt, "a string or a sequence of strings")
    _str(body, "model", "")
    if _str(body, "suffix", "") is not None:
        raise TgiError.unprocessable(
            "Suffix is not supported and can be achieved by preprocessing the prompt.",
            "suffix not supported",
        )
    if len(prompts) > limits.MAX_CLIENT_BATCH_SIZE:
        raise TgiError.unprocessable(
            f"Number of prompts exceeds the maximum allowed batch size of {limits.MAX_CLIENT_BATCH_SIZE}",
            "batch size exceeded",
        )
    temperature = _float(body, "temperature", "")
    max_tokens = _uint(body, "max_tokens", "")
    parameters = Parameters(
        temperature=None if temperature == 0.0 else temperature,
        do_sample=temperature != 0.0,
        repetition_penalty=_float(body, "repetition_penalty", ""),
        frequency_penalty=_float(body, "frequency_penalty", ""),
        top_p=_float(body, "top_p", ""),
        max_new_tokens=max_tokens if max_tokens is not None else limits.COMPLETIONS_DEFAULT_MAX_TOKENS,
        stop=_strings(body, "stop", "", nullable=True),
        seed=_uint(body, "seed", "", bits=64),
        details=True,
    )
    return CompletionRequest(prompts, parameters, _bool(body, "stream", ""))
