"""What each turn of a 10-turn conversation costs to classify, against its newest message alone.

A client resends the whole history with every turn. The per-message cache should make turn k cost
what its new texts cost (the assistant's last answer, the user's new message and the seams that
join them to the history), however long the history has grown. For each turn this measures, on
one core and in this process (the classifier's inline executor, no worker hand-off):

- ``turn``: parsing the whole request as the OpenAI adapter does and classifying it with the cache
  warm from the turns before (what the gateway does);
- ``newest``: classifying the same turn's new messages alone, as a one-turn request;
- ``uncached``: the whole request with the cache off (what the history would cost without it).

Each figure is the median CPU time of ``--repeat`` runs over fresh conversations (unique text per
run, so no run hits another's cache). Writes bench/results/conversation_cache.json and prints a
table.

    python -m bench.conversation_cache [--repeat 30]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import statistics
import time
from pathlib import Path
from typing import Any

from bench.sidebyside.workloads import PROSE_1KB, TURN, nonce
from gateway.classification.classifier import Classifier
from gateway.config import ClassificationConfig, LimitConfig
from gateway.protocols import openai

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench/results/conversation_cache.json"
TURNS = 10
ANSWER = "District heating stores summer heat in large water tanks and releases it in winter. "


def _conversation(tag: str) -> list[list[dict[str, str]]]:
    """The message lists a client sends on turns 1..TURNS (each repeats the history verbatim)."""
    messages = [{"role": "user", "content": f"{PROSE_1KB[:400]} (Topic {tag}.)"}]
    sent = [list(messages)]
    for turn in range(1, TURNS):
        messages += [
            {"role": "assistant", "content": f"{ANSWER}(Answer {nonce(turn)} of {tag}.)"},
            {"role": "user", "content": f"{TURN} (Step {nonce(turn)} of {tag}.)"},
        ]
        sent.append(list(messages))
    return sent


def _cpu(classifier: Classifier, messages: list[dict[str, str]]) -> float:
    body: dict[str, Any] = {"model": "bench/model", "messages": messages}
    start = time.process_time()
    request = openai.parse_chat(body, LimitConfig())
    asyncio.run(classifier.classify(request.texts))
    return (time.process_time() - start) * 1e6


def measure(repeat: int) -> dict[str, list[float]]:
    warm = Classifier(ClassificationConfig(executor="inline"))
    cold = Classifier(ClassificationConfig(executor="inline", cache_size=0))
    fresh = Classifier(ClassificationConfig(executor="inline"))
    _cpu(warm, _conversation("warmup")[-1])  # first calls build lazy state: not part of any turn
    runs: dict[str, list[list[float]]] = {"turn": [], "newest": [], "uncached": []}
    for r in range(repeat):
        sent = _conversation(nonce(10_000 + r))
        runs["turn"].append([_cpu(warm, messages) for messages in sent])
        runs["uncached"].append([_cpu(cold, messages) for messages in sent])
        runs["newest"].append(
            [_cpu(fresh, messages[-2:] if k else messages) for k, messages in enumerate(sent)]
        )
    return {
        name: [statistics.median(run[k] for run in rows) for k in range(TURNS)] for name, rows in runs.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    figures = measure(args.repeat)
    RESULTS.write_text(
        json.dumps(
            {"repeat": args.repeat, "machine": platform.processor() or platform.machine(), "cpu_us": figures},
            indent=1,
        )
        + "\n"
    )
    print(f"CPU per turn, µs (median of {args.repeat} conversations; inline classifier, one core)")
    print(f"{'turn':>4} {'with cache':>11} {'newest only':>12} {'no cache':>9}")
    for k in range(TURNS):
        turn, newest, uncached = (figures[name][k] for name in ("turn", "newest", "uncached"))
        print(f"{k + 1:>4} {turn:>11.0f} {newest:>12.0f} {uncached:>9.0f}")
    ratio = statistics.median(t / n for t, n in zip(figures["turn"][1:], figures["newest"][1:], strict=True))
    print(f"turns 2-{TURNS}: with cache / newest only = {ratio:.2f} (median)")


if __name__ == "__main__":
    main()
