"""Rejections in TGI's exact words: the router's validation (JSON, 422) and axum's (plain text)."""

from __future__ import annotations

import json

import pytest

from tests.nodesim.conftest import sse_events

VALIDATION_CASES = [
    ({"top_p": 1.0}, "`top_p` must be > 0.0 and < 1.0"),
    ({"top_p": 0}, "`top_p` must be > 0.0 and < 1.0"),
    ({"temperature": 0}, "`temperature` must be strictly positive"),
    ({"top_k": 0}, "`top_k` must be strictly positive"),
    ({"typical_p": 1.5}, "`typical_p` must be > 0.0 and < 1.0"),
    ({"repetition_penalty": 0}, "`repetition_penalty` must be strictly positive"),
    ({"frequency_penalty": 3}, "`frequency_penalty` must be >= -2.0 and <= 2.0"),
    ({"max_new_tokens": 0}, "`max_new_tokens` must be strictly positive"),
    ({"stop": ["a", "b", "c", "d", "e"]}, "`stop` supports up to 4 stop sequences. Given: 5"),
    ({"best_of": 3}, "`best_of` must be > 0 and <= 2. Given: 3"),
    ({"best_of": 2}, "you must use sampling when `best_of` is > 1"),
    ({"top_n_tokens": 9}, "`top_n_tokens` must be >= 0 and <= 5. Given: 9"),
    (
        {"max_new_tokens": 8192},
        "`inputs` tokens + `max_new_tokens` must be <= 8192. "
        "Given: 2 `inputs` tokens and 8192 `max_new_tokens`",
    ),
]


@pytest.mark.parametrize(("parameters", "message"), VALIDATION_CASES)
def test_parameter_validation_is_a_422_in_tgi_words(client, parameters, message):
    r = client.post("/generate", json={"inputs": "two words", "parameters": parameters})
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/json"
    assert r.json() == {"error": f"Input validation error: {message}", "error_type": "validation"}


def test_empty_inputs_are_rejected(client):
    r = client.post("/generate", json={"inputs": "", "parameters": {}})
    assert r.status_code == 422
    assert r.json()["error"] == "Input validation error: `inputs` cannot be empty"


def test_too_long_inputs_are_rejected(client):
    r = client.post("/generate", json={"inputs": "w " * 8192, "parameters": {"max_new_tokens": 1}})
    assert r.status_code == 422
    assert "tokens" in r.json()["error"]


def test_validation_errors_in_a_stream_come_in_band_with_status_200(client):
    r = client.post("/generate_stream", json={"inputs": "x", "parameters": {"top_p": 1.0}})
    assert r.status_code == 200
    assert r.content == (
        b'data: {"error":"Input validation error: `top_p` must be > 0.0 and < 1.0",'
        b'"error_type":"validation"}\n\n'
    )


def test_streams_refuse_best_of_and_prefill_details(client):
    best_of = client.post(
        "/generate_stream", json={"inputs": "x", "parameters": {"best_of": 2, "do_sample": True}}
    )
    assert json.loads(sse_events(best_of.content)[0][6:])["error"] == (
        "Input validation error: `best_of` != 1 is not supported when streaming tokens"
    )
    prefill = client.post(
        "/generate_stream", json={"inputs": "x", "parameters": {"decoder_input_details": True}}
    )
    assert b"`decoder_input_details` == true is not supported when streaming tokens" in prefill.content


def test_openai_stream_validation_error_is_in_band_then_done(client):
    r = client.post(
        "/v1/chat/completions",
        json={"messages": [{"role": "user", "content": "hi"}], "top_p": 1.0, "stream": True},
    )
    assert r.status_code == 200
    assert r.content == (
        b'data: {"error":{"message":"Input validation error: `top_p` must be > 0.0 and < 1.0",'
        b'"http_status_code":422}}\n\ndata: [DONE]\n\n'
    )


def test_chat_temperature_zero_means_greedy_not_an_error(client):
    r = client.post(
        "/v1/chat/completions", json={"messages": [{"role": "user", "content": "hi"}], "temperature": 0}
    )
    assert r.status_code == 200


def test_bad_json_is_a_plain_text_400(client):
    r = client.post("/generate", content=b'{"inputs": ', headers={"content-type": "application/json"})
    assert r.status_code == 400
    assert r.headers["content-type"].startswith("text/plain")
    assert r.text.startswith("Failed to parse the request body as JSON: ")


def test_wrong_content_type_is_a_plain_text_415(client):
    r = client.post("/generate", content=b'{"inputs": "x"}', headers={"content-type": "text/plain"})
    assert r.status_code == 415
    assert r.text == "Expected request with `Content-Type: application/json`"


@pytest.mark.parametrize(
    ("path", "body", "fragment"),
    [
        ("/generate", {"parameters": {}}, "missing field `inputs`"),
        ("/generate", {"inputs": 5}, "inputs: invalid type: integer `5`, expected a string"),
        (
            "/generate",
            {"inputs": "x", "parameters": {"top_p": "high"}},
            'parameters.top_p: invalid type: string "high"',
        ),
        ("/generate", {"inputs": "x", "parameters": {"stop": "end"}}, "parameters.stop: invalid type"),
        ("/v1/chat/completions", {"model": "m"}, "missing field `messages`"),
        ("/v1/chat/completions", {"messages": [{"content": "x"}]}, "messages[0]"),
        ("/v1/completions", {"prompt": 3}, "prompt: invalid type"),
        ("/generate", [1, 2], "invalid type: sequence"),
    ],
)
def test_wrong_shape_is_a_plain_text_422(client, path, body, fragment):
    r = client.post(path, json=body)
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("text/plain")
    assert r.text.startswith("Failed to deserialize the JSON body into the target type: ")
    assert fragment in r.text


def test_body_over_two_million_bytes_is_a_413(client):
    r = client.post("/generate", json={"inputs": "x" * 2_000_001})
    assert r.status_code == 413
    assert r.text == "Failed to buffer the request body: length limit exceeded"


def test_body_just_under_the_limit_is_read(client):
    r = client.post("/generate", json={"inputs": "x" * 1_999_900, "parameters": {"max_new_tokens": 1}})
    assert r.status_code == 200


def test_api_key_guards_generation_routes_with_an_empty_401(make_client):
    guarded = make_client(api_key="s3cret")
    body = {"inputs": "x", "parameters": {"max_new_tokens": 1}}
    for path in ("/generate", "/generate_stream", "/", "/tokenize"):
        r = guarded.post(path, json=body)
        assert (r.status_code, r.content) == (401, b""), path
    chat = guarded.post(
        "/v1/chat/completions", json={"messages": []}, headers={"authorization": "Bearer wrong"}
    )
    assert chat.status_code == 401
    ok = guarded.post("/generate", json=body, headers={"authorization": "bearer S3CRET"})
    assert ok.status_code == 200  # TGI compares case-insensitively
    assert guarded.get("/health").status_code == 200
    assert guarded.get("/info").status_code == 200


def test_completions_reject_suffix_and_too_many_prompts(client):
    suffix = client.post("/v1/completions", json={"prompt": "a", "suffix": "b"})
    assert suffix.status_code == 422
    assert suffix.json() == {
        "error": "Suffix is not supported and can be achieved by preprocessing the prompt.",
        "error_type": "suffix not supported",
    }
    many = client.post("/v1/completions", json={"prompt": ["a"] * 5})
    assert many.status_code == 422
    assert many.json()["error"] == "Number of prompts exceeds the maximum allowed batch size of 4"


def test_tools_and_response_format_together_are_a_tool_error(client):
    r = client.post(
        "/v1/chat/completions",
        json={
            "messages": [{"role": "user", "content": "hi"}],
            "tools": [{"type": "function", "function": {"name": "f", "parameters": {"properties": {}}}}],
            "response_format": {"type": "json", "value": {"properties": {"a": {"type": "string"}}}},
            "stream": True,
        },
    )
    assert r.status_code == 422
    assert r.json() == {
        "error": "Tool error: Grammar and tools are mutually exclusive",
        "error_type": "tool_error",
    }


def test_unknown_route_is_an_empty_404(client):
    r = client.get("/v2/whatever")
    assert (r.status_code, r.content) == (404, b"")


@pytest.mark.parametrize(
    ("grammar", "message"),
    [
        (
            {"type": "json", "value": {"type": "object"}},
            "grammar is not valid: Grammar must have a 'properties' field",
        ),
        ({"type": "json", "value": "{not json"}, "grammar is not valid: "),
        ({"type": "json", "value": 42}, "grammar is not supported"),
    ],
)
def test_invalid_grammars_are_validation_errors(client, grammar, message):
    r = client.post("/generate", json={"inputs": "x", "parameters": {"grammar": grammar}})
    assert r.status_code == 422
    assert r.json()["error"].startswith(f"Input validation error: {message}")


def test_json_grammar_answers_with_json_of_that_schema(client):
    grammar = {
        "type": "json",
        "value": {"properties": {"city": {"type": "string"}, "n": {"type": "integer"}}},
    }
    r = client.post("/generate", json={"inputs": "x", "parameters": {"grammar": grammar, "details": True}})
    answer = json.loads(r.json()["generated_text"])
    assert set(answer) == {"city", "n"} and isinstance(answer["n"], int)
    assert r.json()["details"]["finish_reason"] == "eos_token"


@pytest.mark.parametrize(
    ("path", "body", "fragment"),
    [
        ("/generate", {"inputs": "x", "parameters": {"grammar": {"type": "xml"}}}, "unknown variant `xml`"),
        (
            "/generate",
            {"inputs": "x", "parameters": {"seed": -1}},
            "invalid value: integer `-1`, expected u64",
        ),
        (
            "/generate",
            {"inputs": "x", "parameters": {"details": None}},
            "parameters.details: invalid type: null",
        ),
        ("/v1/chat/completions", {"messages": [], "tools": [{"type": "function"}]}, "tools[0]"),
        ("/v1/chat/completions", {"messages": [{"role": "user", "content": 1}]}, "untagged enum MessageBody"),
        (
            "/v1/chat/completions",
            {"messages": [], "stream_options": {"include_usage": "yes"}},
            "include_usage",
        ),
    ],
)
def test_more_wrong_shapes_are_plain_text_422(client, path, body, fragment):
    r = client.post(path, json=body)
    assert r.status_code == 422
    assert fragment in r.text


def test_chat_with_no_messages_has_empty_inputs(client):
    r = client.post("/v1/chat/completions", json={"messages": []})
    assert r.status_code == 422
    assert r.json()["error"] == "Input validation error: `inputs` cannot be empty"
