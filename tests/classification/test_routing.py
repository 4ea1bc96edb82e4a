"""Which requests the gateway process analyses itself and which go to the worker pool.

A small request is analysed on the event loop, so it is classified even while every worker is
busy; a large one waits for a worker and, like any pool job, fails closed when it cannot finish
in time. The pool here has one worker, kept busy by a sleeping job where a test needs it.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from domain.texts import FieldKind, TextItem
from gateway.classification.cache import FindingsCache
from gateway.classification.classifier import ClassificationError, Classifier, build_classifier
from gateway.classification.inline import INLINE_MAX_CHARS, inline_limit
from gateway.config import ClassificationConfig

SECRET_CODE = "38001085718"
SECRET_MAIL = "rasa.jankauskiene@example.lt"
PERSONAL = f"Mano asmens kodas {SECRET_CODE}, rašykite {SECRET_MAIL}."
PROSE = "Plain notes about the cluster upgrade schedule and nothing personal at all. "
TIMEOUT_S = 1.0


def run(coro):  # type: ignore[no-untyped-def]
    return asyncio.run(coro)


@pytest.fixture(scope="module")
def pooled() -> Iterator[Classifier]:
    classifier = build_classifier(
        ClassificationConfig(languages=["en", "lt"], workers=1, timeout_s=TIMEOUT_S)
    )
    # The worker builds its engine in the background: wait for it outside the request timeout.
    assert classifier._pool is not None
    concurrent.futures.wait(classifier._pool.warm_up, timeout=120)
    yield classifier
    run(classifier.aclose())


def occupy_the_worker(classifier: Classifier) -> concurrent.futures.Future[None]:
    """Keep the only worker busy for longer than the request timeout."""
    assert classifier._pool is not None
    return classifier._pool.submit(time.sleep, TIMEOUT_S * 3)


def large(tag: str) -> str:
    """Personal data inside enough prose to exceed the event-loop bound."""
    text = PROSE * (INLINE_MAX_CHARS // len(PROSE)) + f"{tag}: {PERSONAL}"
    assert len(text) > INLINE_MAX_CHARS
    return text


def test_a_small_request_is_classified_while_every_worker_is_busy(pooled: Classifier) -> None:
    busy = occupy_the_worker(pooled)
    summary = run(pooled.classify([TextItem(FieldKind.USER, "busy pool 1: " + PERSONAL)]))
    assert summary.entities == {"EMAIL_ADDRESS": 1, "LT_PERSONAL_CODE": 1}
    assert not busy.done()  # it did not wait for the worker
    busy.result()


def test_a_large_request_goes_to_the_pool_and_fails_closed_when_it_cannot_finish(pooled: Classifier) -> None:
    busy = occupy_the_worker(pooled)
    with pytest.raises(ClassificationError, match="timed out"):
        run(pooled.classify([TextItem(FieldKind.USER, large("busy pool 2"))]))
    busy.result()
    # With the worker free again the same request is classified there, and nothing was cached.
    summary = run(pooled.classify([TextItem(FieldKind.USER, large("busy pool 2"))]))
    assert summary.entities == {"EMAIL_ADDRESS": 1, "LT_PERSONAL_CODE": 1}


def test_the_bound_counts_the_uncached_text_of_every_message(pooled: Classifier) -> None:
    half = PROSE * (INLINE_MAX_CHARS // len(PROSE) // 2 + 1)
    first = TextItem(FieldKind.SYSTEM, "bound 3 " + half)
    second = TextItem(FieldKind.USER, "bound 3 " + half + PERSONAL)
    busy = occupy_the_worker(pooled)
    # Each message is small, together they are not: the pool, busy, so the request fails closed.
    with pytest.raises(ClassificationError):
        run(pooled.classify([first, second]))
    # Once the first is cached (analysed alone), only the second is new: the event loop does it.
    run(pooled.classify([first]))
    summary = run(pooled.classify([first, second]))
    assert summary.entities == {"EMAIL_ADDRESS": 1, "LT_PERSONAL_CODE": 1}
    assert not busy.done()
    busy.result()


@pytest.mark.parametrize("number", ["38001085718", "３８００１０８５７１８"])
def test_a_short_text_full_of_numbers_goes_to_the_pool(pooled: Classifier, number: str) -> None:
    # Each digit starts the identifier recognizers: 300 characters of them cost more than 1.5 KB
    # of prose, so they are not analysed on the event loop (ASCII or fullwidth alike).
    text = "numbers 5: " + " ".join([number] * 25)
    assert len(text) < INLINE_MAX_CHARS
    busy = occupy_the_worker(pooled)
    with pytest.raises(ClassificationError, match="timed out"):
        run(pooled.classify([TextItem(FieldKind.USER, text)]))
    busy.result()
    summary = run(pooled.classify([TextItem(FieldKind.USER, text)]))
    assert summary.entities["LT_PERSONAL_CODE"] == 25


def test_an_error_on_the_event_loop_fails_closed_without_the_text(
    pooled: Classifier, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def explode(text: str) -> None:
        raise ValueError(f"cannot parse {text!r}")  # an error message that quotes its input

    assert pooled._engine is not None
    monkeypatch.setattr(pooled._engine, "analyze", explode)
    caplog.set_level(logging.DEBUG)
    item = TextItem(FieldKind.USER, "loop error 4: " + PERSONAL)
    with pytest.raises(ClassificationError) as failure:
        run(pooled.classify([item]))
    assert SECRET_CODE not in str(failure.value) and failure.value.__cause__ is None
    assert failure.value.__suppress_context__
    assert SECRET_CODE not in caplog.text and SECRET_MAIL not in caplog.text
    assert "ValueError" in caplog.text
    # A failure is never cached as "nothing found".
    monkeypatch.undo()
    assert run(pooled.classify([item])).entities == {"EMAIL_ADDRESS": 1, "LT_PERSONAL_CODE": 1}


def test_the_event_loop_bound_follows_the_settings(tmp_path: Path) -> None:
    assert inline_limit(ClassificationConfig()) == INLINE_MAX_CHARS
    assert inline_limit(ClassificationConfig(inline_max_chars=0)) == 0
    assert inline_limit(ClassificationConfig(inline_max_chars=500)) == 500
    # An NER model makes every text slow: the pool takes them all unless told otherwise.
    assert inline_limit(ClassificationConfig(ner_model_path=tmp_path)) == 0
    assert inline_limit(ClassificationConfig(ner_model_path=tmp_path, inline_max_chars=300)) == 300
    # The inline executor already runs every text in this process, in a thread with a timeout.
    assert inline_limit(ClassificationConfig(executor="inline")) == 0
    with pytest.raises(ValueError):
        ClassificationConfig(inline_max_chars=-1)


def test_cache_keys_are_keyed_per_gateway_and_tell_field_kinds_apart() -> None:
    one, other = FindingsCache(8), FindingsCache(8)
    user, system = TextItem(FieldKind.USER, PERSONAL), TextItem(FieldKind.SYSTEM, PERSONAL)
    assert one.key(user) == one.key(TextItem(FieldKind.USER, PERSONAL))
    assert one.key(user) != one.key(system)
    assert one.key(user) != other.key(user)  # a fresh key per start: no key can be precomputed
