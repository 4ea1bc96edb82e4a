"""Request bodies as TGI's router deserialises them: ``GenerateRequest`` (and the compat form),
``ChatRequest`` and ``CompletionRequest``, read into typed values; shape errors are axum's plain 422.

Hand-written checks instead of a model library keep a request's parsing to a few dictionary lookups.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from nodesim import limits
from nodesim.errors import TgiError, shape_error
from nodesim.shapes import as_struct, flag, opt_float, opt_int, opt_str, opt_uint, strings, wrong_type

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
    p = as_struct(value, "parameters", "GenerateParameters")
    path = "parameters."
    grammar = p.get("grammar")
    if grammar is not None:
        grammar = as_struct(grammar, path + "grammar", "GrammarType")
        if grammar.get("type") not in ("json", "json_object", "regex", "json_schema"):
            raise shape_error(
                path + "grammar",
                f"unknown variant `{grammar.get('type')}`, expected one of `json`, `regex`, `json_schema`",
            )
    return_full_text = p.get("return_full_text")
    if return_full_text is not None and not isinstance(return_full_text, bool):
        raise wrong_type(path + "return_full_text", return_full_text, "a boolean")
    opt_str(p, "adapter_id", path)
    flag(p, "watermark", path)
    return Parameters(
        best_of=opt_uint(p, "best_of", path),
        temperature=opt_float(p, "temperature", path),
        repetition_penalty=opt_float(p, "repetition_penalty", path),
        frequency_penalty=opt_float(p, "frequency_penalty", path),
        top_k=opt_int(p, "top_k", path),
        top_p=opt_float(p, "top_p", path),
        typical_p=opt_float(p, "typical_p", path),
        do_sample=flag(p, "do_sample", path),
        max_new_tokens=opt_uint(p, "max_new_tokens", path),
        return_full_text=return_full_text,
        stop=strings(p, "stop", path, nullable=False),
        truncate=opt_uint(p, "truncate", path),
        details=flag(p, "details", path),
        decoder_input_details=flag(p, "decoder_input_details", path),
        seed=opt_uint(p, "seed", path, bits=64),
        top_n_tokens=opt_uint(p, "top_n_tokens", path),
        grammar=grammar,
    )


# ---- native request bodies --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NativeRequest:
    inputs: str
    parameters: Parameters
    stream: bool


def parse_native(body: object, *, compat: bool) -> NativeRequest:
    """/generate, /generate_stream (``compat`` False) or POST / (``compat``: reads ``stream``)."""
    struct = "CompatGenerateRequest" if compat else "GenerateRequest"
    body = as_struct(body, "", struct)
    if "inputs" not in body:
        raise shape_error("", "missing field `inputs`")
    inputs = body["inputs"]
    if not isinstance(inputs, str):
        raise wrong_type("inputs", inputs, "a string")
    flag(body, "add_special_tokens", "")
    stream = flag(body, "stream", "") if compat else False
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
    message = as_struct(message, path, "Message")
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
    body = as_struct(body, "", "ChatRequest")
    if "messages" not in body:
        raise shape_error("", "missing field `messages`")
    messages = body["messages"]
    if not isinstance(messages, list):
        raise wrong_type("messages", messages, "a sequence")
    opt_str(body, "model", "")
    texts = [_message_text(message, i) for i, message in enumerate(messages)]
    tools = body.get("tools")
    if tools is not None:
        if not isinstance(tools, list):
            raise wrong_type("tools", tools, "a sequence")
        for i, tool in enumerate(tools):
            function = as_struct(tool, f"tools[{i}]", "Tool").get("function")
            if not isinstance(function, dict) or not isinstance(function.get("name"), str):
                raise shape_error(f"tools[{i}]", "missing field `function`")
    response_format = body.get("response_format")
    if response_format is not None:
        response_format = as_struct(response_format, "response_format", "GrammarType")
    stream_options = body.get("stream_options")
    include_usage = False
    if stream_options is not None:
        options = as_struct(stream_options, "stream_options", "StreamOptions")
        include_usage = flag(options, "include_usage", "stream_options.")
    temperature = opt_float(body, "temperature", "")
    max_tokens = opt_uint(body, "max_tokens", "")
    if max_tokens is None:
        max_tokens = opt_uint(body, "max_completion_tokens", "")
    opt_uint(body, "top_logprobs", "")
    opt_uint(body, "n", "")
    opt_float(body, "presence_penalty", "")
    parameters = Parameters(
        # Like TGI: temperature 0 means greedy decoding, any other value samples.
        temperature=None if temperature == 0.0 else temperature,
        do_sample=temperature != 0.0,
        frequency_penalty=opt_float(body, "frequency_penalty", ""),
        top_p=opt_float(body, "top_p", ""),
        max_new_tokens=max_tokens,
        stop=strings(body, "stop", "", nullable=True),
        seed=opt_uint(body, "seed", "", bits=64),
        details=True,
    )
    prompt = "\n".join(f"{role}: {text}" for role, text in texts)
    return ChatRequest(
        spec_parameters=parameters,
        prompt=prompt,
        stream=flag(body, "stream", ""),
        include_usage=include_usage,
        logprobs=flag(body, "logprobs", "", nullable=True),
        tools=tuple(tools or ()),
        tool_choice=body.get("tool_choice"),
        response_format=response_format,
    )


@dataclass(frozen=True, slots=True)
class CompletionRequest:
    prompts: tuple[str, ...]
    parameters: Parameters
    stream: bool


def parse_completion(body: object) -> CompletionRequest:
    body = as_struct(body, "", "CompletionRequest")
    if "prompt" not in body:
        raise shape_error("", "missing field `prompt`")
    prompt = body["prompt"]
    if prompt == []:
        raise shape_error("prompt", "Empty array detected. Do not use an empty array for the prompt.")
    if isinstance(prompt, str):
        prompts: tuple[str, ...] = (prompt,)
    elif isinstance(prompt, list) and all(isinstance(p, str) for p in prompt):
        prompts = tuple(prompt)
    else:
        raise wrong_type("prompt", prompt, "a string or a sequence of strings")
    opt_str(body, "model", "")
    if opt_str(body, "suffix", "") is not None:
        raise TgiError.unprocessable(
            "Suffix is not supported and can be achieved by preprocessing the prompt.",
            "suffix not supported",
        )
    if len(prompts) > limits.MAX_CLIENT_BATCH_SIZE:
        raise TgiError.unprocessable(
            f"Number of prompts exceeds the maximum allowed batch size of {limits.MAX_CLIENT_BATCH_SIZE}",
            "batch size exceeded",
        )
    temperature = opt_float(body, "temperature", "")
    max_tokens = opt_uint(body, "max_tokens", "")
    parameters = Parameters(
        temperature=None if temperature == 0.0 else temperature,
        do_sample=temperature != 0.0,
        repetition_penalty=opt_float(body, "repetition_penalty", ""),
        frequency_penalty=opt_float(body, "frequency_penalty", ""),
        top_p=opt_float(body, "top_p", ""),
        max_new_tokens=max_tokens if max_tokens is not None else limits.COMPLETIONS_DEFAULT_MAX_TOKENS,
        stop=strings(body, "stop", "", nullable=True),
        seed=opt_uint(body, "seed", "", bits=64),
        details=True,
    )
    return CompletionRequest(prompts, parameters, flag(body, "stream", ""))
