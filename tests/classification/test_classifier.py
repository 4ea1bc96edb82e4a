"""The classifier the gateway calls: field kinds, the per-message cache, failing closed."""

from __future__ import annotations

import asyncio
import logging
import socket
import time
from pathlib import Path

import pytest

from domain.classification import Category
from domain.texts import FieldKind, TextItem
from gateway.classification import workers
from gateway.classification.classifier import (
    ClassificationError,
    Classifier,
    build_classifier,
    degraded_summary,
)
from gateway.classification.errors import EngineError
from gateway.config import ClassificationConfig

from .conftest import LANGUAGES

SECRET_CODE = "38001085718"
SECRET_MAIL = "rasa.jankauskiene@example.lt"
PERSONAL = f"Mano asmens kodas {SECRET_CODE}, rašykite {SECRET_MAIL}."


@pytest.fixture(scope="module")
def classifier() -> Classifier:
    return build_classifier(ClassificationConfig(executor="inline", languages=LANGUAGES))


def run(coro):  # type: ignore[no-untyped-def]
    return asyncio.run(coro)


@pytest.mark.parametrize("kind", list(FieldKind))
def test_every_field_kind_is_classified_and_named(classifier: Classifier, kind: FieldKind) -> None:
    summary = run(classifier.classify([TextItem(FieldKind.SYSTEM, "Be concise."), TextItem(kind, PERSONAL)]))
    assert summary.category is Category.PERSONAL
    assert summary.entities == {"LT_PERSONAL_CODE": 1, "EMAIL_ADDRESS": 1}
    assert summary.field_kinds == {"EMAIL_ADDRESS": [kind], "LT_PERSONAL_CODE": [kind]}


def test_findings_from_several_fields_are_merged(classifier: Classifier) -> None:
    summary = run(
        classifier.classify(
            [
                TextItem(FieldKind.USER, "My father was diagnosed with diabetes."),
                TextItem(FieldKind.TOOL_CALL_ARGUMENTS, '{"email": "a.b@example.de"}'),
                TextItem(
                    FieldKind.TOOL_RESULT, '{"contact": "a.b@example.de", "iban": "DE89370400440532013000"}'
                ),
            ]
        )
    )
    assert summary.category is Category.SPECIAL
    assert summary.special_categories == ["health"]
    assert summary.entities == {"EMAIL_ADDRESS": 2, "IBAN_CODE": 1, "SPECIAL_HEALTH": 1}
    assert summary.field_kinds["EMAIL_ADDRESS"] == [FieldKind.TOOL_CALL_ARGUMENTS, FieldKind.TOOL_RESULT]
    assert summary.max_score == 1.0
    assert summary.languages == ["en"]
    assert len(summary.recognizer_hash) == 64 and summary.detector_version


def test_plain_text_is_none_and_empty_requests_are_none(classifier: Classifier) -> None:
    assert run(classifier.classify([TextItem(FieldKind.USER, "Explain Raft leader election.")])).category is (
        Category.NONE
    )
    assert run(classifier.classify([])).category is Category.NONE
    assert run(classifier.classify([TextItem(FieldKind.USER, "   ")])).category is Category.NONE


def test_an_unchanged_conversation_prefix_is_not_analysed_again() -> None:
    fresh = build_classifier(ClassificationConfig(executor="inline", languages=["en"]))
    turns = [TextItem(FieldKind.USER, f"Question {i}: how do I tune the JVM heap?") for i in range(3)]
    run(fresh.classify(turns))
    assert fresh.analysed_texts == 3
    run(fresh.classify([*turns, TextItem(FieldKind.ASSISTANT, "Use -Xmx.")]))
    assert fresh.analysed_texts == 4
    run(fresh.classify([*turns, TextItem(FieldKind.ASSISTANT, "Use -Xmx.")]))
    assert fresh.analysed_texts == 4
    # The same text in another kind of field is another cache entry (its field kind is reported).
    run(fresh.classify([TextItem(FieldKind.SYSTEM, turns[0].text)]))
    assert fresh.analysed_texts == 5


def test_the_cache_is_bounded() -> None:
    small = build_classifier(ClassificationConfig(executor="inline", languages=["en"], cache_size=2))
    for i in range(5):
        run(small.classify([TextItem(FieldKind.USER, f"message {i}")]))
    assert len(small._cache) == 2
    run(small.classify([TextItem(FieldKind.USER, "message 0")]))
    assert small.analysed_texts == 6


def test_a_ten_turn_conversation_costs_no_more_than_its_newest_message() -> None:
    fresh = build_classifier(ClassificationConfig(executor="inline", languages=["en"]))
    conversation: list[TextItem] = []
    for turn in range(10):
        kind = FieldKind.USER if turn % 2 == 0 else FieldKind.ASSISTANT
        conversation.append(TextItem(kind, f"Turn {turn}: how do I tune the JVM heap?"))
        before = fresh.analysed_texts
        run(fresh.classify(conversation))
        assert fresh.analysed_texts == before + 1
    run(fresh.classify(conversation))
    assert fresh.analysed_texts == 10


def test_the_cache_keeps_what_was_used_recently() -> None:
    small = build_classifier(ClassificationConfig(executor="inline", languages=["en"], cache_size=2))
    first, second, third = (TextItem(FieldKind.USER, f"recent {i}") for i in range(3))
    run(small.classify([first]))
    run(small.classify([second]))
    run(small.classify([first]))  # a hit: "first" is now the most recently used
    run(small.classify([third]))  # evicts "second"
    assert small.analysed_texts == 3
    run(small.classify([first]))
    assert small.analysed_texts == 3
    run(small.classify([second]))
    assert small.analysed_texts == 4


def test_a_cache_size_of_zero_remembers_nothing() -> None:
    uncached = build_classifier(ClassificationConfig(executor="inline", languages=["en"], cache_size=0))
    item = TextItem(FieldKind.USER, "the same message")
    for _ in range(3):
        assert run(uncached.classify([item])).category is Category.NONE
    assert uncached.analysed_texts == 3 and len(uncached._cache) == 0


def test_no_value_reaches_the_summary(classifier: Classifier) -> None:
    summary = run(classifier.classify([TextItem(FieldKind.USER, PERSONAL)]))
    dumped = summary.model_dump_json()
    for value in (SECRET_CODE, SECRET_MAIL, "jankauskiene"):
        assert value not in dumped


def test_an_engine_error_fails_closed_without_the_text(
    classifier: Classifier, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def explode(text: str) -> None:
        raise ValueError(f"cannot parse {text!r}")  # an error message that quotes its input

    monkeypatch.setattr(classifier._engine, "analyze", explode)
    caplog.set_level(logging.DEBUG)
    with pytest.raises(ClassificationError) as failure:
        run(classifier.classify([TextItem(FieldKind.USER, PERSONAL + " unique-1")]))
    assert SECRET_CODE not in str(failure.value) and failure.value.__cause__ is None
    assert failure.value.__suppress_context__
    assert SECRET_CODE not in caplog.text and SECRET_MAIL not in caplog.text
    assert "ValueError" in caplog.text


def test_a_timeout_fails_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    slow = build_classifier(ClassificationConfig(executor="inline", languages=["en"], timeout_s=0.05))

    def stall(text: str) -> None:
        time.sleep(0.5)

    monkeypatch.setattr(slow._engine, "analyze", stall)
    with pytest.raises(ClassificationError, match="timed out"):
        run(slow.classify([TextItem(FieldKind.USER, "anything")]))
    # A failure is never cached as "nothing found".
    monkeypatch.undo()
    assert run(slow.classify([TextItem(FieldKind.USER, "anything")])).category is Category.NONE


def test_the_degraded_summary_is_special_and_flagged() -> None:
    summary = degraded_summary("timeout")
    assert summary.category is Category.SPECIAL and summary.degraded
    assert summary.risk_signals == ["classification_failed_timeout"]
    assert degraded_summary("Weird: reason with spaces!").risk_signals == [
        "classification_failed_weird__reason_with_spaces_"
    ]


def test_a_closed_classifier_refuses_work() -> None:
    closing = build_classifier(ClassificationConfig(executor="inline", languages=["en"]))
    run(closing.aclose())
    assert run(closing.ready()) is False
    with pytest.raises(ClassificationError):
        run(closing.classify([TextItem(FieldKind.USER, "hi")]))


def test_an_unusable_ner_model_path_stops_start_up(tmp_path: Path) -> None:
    with pytest.raises(ClassificationError, match=r"meta\.json"):
        build_classifier(ClassificationConfig(executor="inline", ner_model_path=tmp_path))


def test_classification_works_with_the_network_blocked(monkeypatch: pytest.MonkeyPatch) -> None:
    attempts: list[object] = []

    def no_network(*args: object, **kwargs: object) -> None:
        attempts.append(args[:1])
        raise OSError("network access attempted")

    real_socket = socket.socket

    def local_only(family: int = -1, *args: object, **kwargs: object) -> socket.socket:
        if family in (-1, socket.AF_INET, socket.AF_INET6):
            no_network(family)
        return real_socket(family, *args, **kwargs)  # the event loop's own socket pair

    monkeypatch.setattr(socket, "socket", local_only)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    # A fresh engine: building one must not fetch models or suffix lists either.
    offline = build_classifier(ClassificationConfig(executor="inline", languages=LANGUAGES))
    summary = run(
        offline.classify([TextItem(FieldKind.USER, "Write to jonas@example.lt or visit https://example.lt")])
    )
    assert summary.entities == {"EMAIL_ADDRESS": 1}
    assert attempts == []


def test_the_process_pool_classifies_and_reports_ready() -> None:
    async def scenario() -> tuple[bool, dict[str, int], int]:
        pooled = build_classifier(
            ClassificationConfig(languages=["en", "lt"], workers=1, timeout_s=30, inline_max_chars=0)
        )
        try:
            ready = any([await pooled.ready() for _ in range(3)])
            summary = await pooled.classify([TextItem(FieldKind.USER, PERSONAL)])
            return ready, summary.entities, pooled.analysed_texts
        finally:
            await pooled.aclose()

    ready, entities, analysed = run(scenario())
    assert ready
    assert entities == {"LT_PERSONAL_CODE": 1, "EMAIL_ADDRESS": 1}
    assert analysed == 1


def test_a_dead_worker_fails_closed_and_the_pool_recovers(monkeypatch: pytest.MonkeyPatch) -> None:
    async def scenario() -> tuple[str, dict[str, int]]:
        pooled = build_classifier(
            ClassificationConfig(languages=["en"], workers=1, timeout_s=30, inline_max_chars=0)
        )
        try:
            await pooled.ready()
            # Kill the worker process underneath the pool.
            for process in list(pooled._pool._executor._processes.values()):  # type: ignore[union-attr]
                process.kill()
            with pytest.raises(ClassificationError) as failure:
                await pooled.classify([TextItem(FieldKind.USER, "first after the crash")])
            summary = await pooled.classify([TextItem(FieldKind.USER, "mail me at a.b@example.de")])
            return str(failure.value), summary.entities
        finally:
            await pooled.aclose()

    message, entities = run(scenario())
    assert "worker" in message
    assert entities == {"EMAIL_ADDRESS": 1}


def test_worker_functions_refuse_to_run_without_an_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "_ENGINE", None)
    assert workers._ping() is False
    with pytest.raises(EngineError):
        workers._analyze(["text"])


def test_a_long_text_is_analysed_in_pieces_and_counted_once_each() -> None:
    from gateway.classification.findings import split_long

    line = "Deployment notes for the cluster upgrade, nothing personal here at all.\n"
    text = line * 600 + "Minu isikukood on 38001085718.\n" + line * 600 + "Write to a.b@example.de\n"
    pieces = split_long(text, 16_384)
    assert len(pieces) > 2 and "".join(pieces) == text
    assert all(piece.endswith("\n") for piece in pieces[:-1])
    long_classifier = build_classifier(ClassificationConfig(executor="inline", languages=["en", "et"]))
    summary = run(long_classifier.classify([TextItem(FieldKind.USER, text)]))
    assert summary.entities == {"EE_PERSONAL_CODE": 1, "EMAIL_ADDRESS": 1}
    assert long_classifier.analysed_texts == 1


def test_split_long_falls_back_to_spaces_and_hard_cuts() -> None:
    from gateway.classification.findings import split_long

    words = "word " * 10_000
    assert all(p.endswith(" ") for p in split_long(words, 4096)[:-1])
    blob = "x" * 20_000
    assert "".join(split_long(blob, 4096)) == blob
    assert split_long("short", 4096) == ["short"]
