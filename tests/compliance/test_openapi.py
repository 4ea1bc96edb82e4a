"""The audit API keeps to its OpenAPI document: schemathesis, with an officer's token, finds no 5xx,
no schema-valid request refused, no schema-violating request accepted and no answer off its schema."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode, checks

from gateway.compliance.openapi import openapi_document

schema = schemathesis.openapi.from_dict(openapi_document())
# Requests the document allows and requests it does not, each operation 60 times in each mode,
# besides the coverage phase's boundary values (every enum value, lengths at and past each limit).
schema.config.generation.update(
    modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
    max_examples=60,
    with_security_parameters=False,  # the test sends the officer's token itself
)
CHECKS = [
    checks.not_a_server_error,
    checks.positive_data_acceptance,
    checks.negative_data_rejection,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.response_headers_conformance,
]


def test_the_document_is_served_at_a_stable_path(env):
    r = env.client.get("/audit/v1/openapi.json")
    assert r.status_code == 200
    assert r.json() == openapi_document()
    assert r.json()["openapi"].startswith("3.1")


@schema.parametrize()
@settings(
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_api_conforms_to_its_document(env, case):
    kwargs = case.as_transport_kwargs(headers=env.auth("officer"))
    kwargs.pop("base_url", None)
    response = env.client.request(**kwargs)
    case.validate_response(response, checks=CHECKS)
