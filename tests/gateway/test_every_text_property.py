"""Property: a marker placed anywhere in any request body either gets the request refused with a
4xx naming the field, or reaches the classifier; it never reaches a node without passing it."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings

from domain.classification import Category, ClassificationSummary
from domain.texts import TextItem
from gateway.config import GatewayConfig, LimitConfig
from gateway.errors import GatewayError
from gateway.protocols import openai as oai
from gateway.protocols import tgi
from gateway.protocols.accounting import UnknownFields
from gateway.services import Services, build_services
from tests.gateway.every_text_bodies import MARKER, ROUTES, marked_body
from tests.support.cluster import Cluster, NodeSpec, start_cluster

FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class RecordingClassifier:
    """Stands in for the classifier: keeps every text it is given and finds nothing. What is under
    test is the adapters' accounting, not detection (tests/gateway/test_every_text.py runs that)."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    async def classify(self, items: tuple[TextItem, ...] | list[TextItem]) -> ClassificationSummary:
        self.seen.extend(item.text for item in items)
        return ClassificationSummary(category=Category.NONE, detector_version="stub", recognizer_hash="stub")

    async def ready(self) -> bool:
        return True

    async def aclose(self) -> None:
        return None


RECORDER = RecordingClassifier()


async def _services(config: GatewayConfig) -> Services:
    built = await build_services(config)
    await built.classifier.aclose()
    return dataclasses.replace(built, classifier=RECORDER)


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    workdir: Path = tmp_path_factory.mktemp("every-text")
    running = start_cluster(workdir, [NodeSpec("lt-1", "LT")], services=_services)
    yield running
    running.stop()


def _names_a_field(response: httpx.Response) -> bool:
    error = response.json()
    if isinstance(error.get("error"), dict):
        return bool(error["error"].get("param"))
    return "`" in str(error.get("error"))


@pytest.mark.parametrize("route", list(ROUTES))
def test_no_marker_reaches_the_node_without_passing_the_classifier(recorded: Cluster, route: str) -> None:
    sim = recorded.nodes["lt-1"].sim
    outcomes: dict[str, int] = {"refused": 0, "classified": 0}

    @FAST
    @given(body=marked_body(route))
    def check(body: dict[str, Any]) -> None:
        RECORDER.seen.clear()
        sim.received.clear()
        r = httpx.post(f"{recorded.url}{route}", json=body, headers=recorded.auth, timeout=20)
        r.read()
        classified = any(MARKER in text for text in RECORDER.seen)
        reached_node = any(MARKER.encode() in raw for _, raw in sim.received)
        assert classified or not reached_node, f"unclassified marker forwarded: {json.dumps(body)}"
        if not classified:
            assert 400 <= r.status_code < 500 and _names_a_field(r), (r.status_code, r.text, body)
            outcomes["refused"] += 1
        else:
            outcomes["classified"] += 1

    check()
    # Both outcomes occur: the property is not satisfied by refusing (or accepting) everything.
    assert outcomes["refused"] > 0 and outcomes["classified"] > 0, outcomes


def _parse(route: str, body: dict[str, Any], unknown: UnknownFields) -> Any:
    if route == oai.CHAT_ROUTE:
        return oai.parse_chat(body, LimitConfig(), unknown)
    if route == oai.COMPLETIONS_ROUTE:
        return oai.parse_completion(body, LimitConfig(), unknown)
    return tgi.parse_generate(body, route, None, unknown)


@pytest.mark.parametrize("unknown", list(UnknownFields))
@pytest.mark.parametrize("route", list(ROUTES))
def test_every_adapter_accounts_for_the_marker(route: str, unknown: UnknownFields) -> None:
    """The adapter alone, many more bodies: what it builds for upstream holds the marker only if
    its texts do; a refusal names a field; a tenant that rejects unknown fields never gets one
    through."""

    @settings(max_examples=300, deadline=None)
    @given(body=marked_body(route))
    def check(body: dict[str, Any]) -> None:
        try:
            parsed = _parse(route, body, unknown)
        except GatewayError as e:
            assert 400 <= e.status < 500 and e.param, (e.message, body)
            assert MARKER not in e.message or "`" in e.message
            return
        texts = "\n".join(item.text for item in parsed.texts)
        for _, upstream in parsed.upstream.values():
            # The model id is checked against the catalogue by the pipeline (a 404 naming `model`
            # end to end, in the test above); everything else is the adapter's to account for.
            rest = {k: v for k, v in upstream.items() if k != "model" or v != parsed.model}
            if MARKER in json.dumps(rest, ensure_ascii=False):
                assert MARKER in texts, body
        if unknown is UnknownFields.REJECT:
            assert not any(k.startswith("x_") for k in body), body

    check()
