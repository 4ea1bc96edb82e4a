"""TGI's router validation of a parsed request (``Input validation error: ...`` and tool errors),
and what to generate once it passes."""

from __future__ import annotations

import json
from dataclasses import replace

from nodesim import limits
from nodesim.errors import TgiError
from nodesim.generation import GenSpec, count_prompt_tokens, value_for_schema
from nodesim.payloads import ChatRequest, Parameters, ToolCallPlan


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
        structured = grammar_value(params.grammar, inputs, params.seed)
    return GenSpec(
        prompt=inputs,
        prompt_tokens=prompt_tokens,
        max_new_tokens=params.max_new_tokens,
        stop=params.stop,
        seed=params.seed,
        sampling=params.sampling,
        structured=structured,
    )


def grammar_value(grammar: dict, prompt: str, seed: int | None) -> object:
    kind = grammar.get("type")
    value = grammar.get("value")
    if kind == "regex":
        # A regex cannot be sampled cheaply; the answer is a plain word, which a test can match.
        return None
    if value is None and kind == "json_schema":
        value = grammar.get("json_schema")  # OpenAI's spelling, accepted for SDK users
    if kind == "json_schema" and isinstance(value, dict):
        value = value.get("schema", value)
    if value is None and kind == "json_object":
        value = {"properties": {"answer": {"type": "string"}}}  # OpenAI's JSON mode: any object
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
        function = choice.get("function")
        choice = function.get("name") if isinstance(function, dict) else None
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
        structured = grammar_value(request.response_format, request.prompt, request.spec_parameters.seed)
    return replace(spec, structured=structured, opening=True)
