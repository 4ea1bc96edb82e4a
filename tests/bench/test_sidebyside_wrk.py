"""The side-by-side's wrk load generator times what a client sees, tells shed requests from failures,
and the report shows the CPU the rest of the bench takes beside the server."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from bench.sidebyside import procstat, report, stats, workloads, wrk
from tests.support.system import wrk_binary


def test_wrk_output_is_parsed_into_answered_shed_and_failed_requests() -> None:
    text = "\n".join(
        [
            "100.500000\t4.000\tok",
            "100.000000\t6.000\tok",
            "100.250000\t1.000\tshed",
            "100.700000\t2.000\tHTTP 500",
            "100.800000\t3.000\tmalformed answer",
            "100.900000\t-1\tunfinished",  # started in the window (until 1.5 s): a failure
            "102.000000\t-1\tunfinished",  # started past it: cut off by wrk's end, not measured anyway
            "error\t2\tconnect",
        ]
    )
    timings = wrk.parse(text, warmup_s=0.5, duration_s=1.0)
    assert timings.samples == [(pytest.approx(0.5), 4.0, -1.0), (0.0, 6.0, -1.0)]
    assert timings.shed == [pytest.approx(0.25)]
    assert timings.failures == {"HTTP 500": 1, "malformed answer": 1, "unfinished": 1, "wrk connect error": 2}
    assert timings.until_s == 1.5
    assert wrk.parse("", 0.5, 1.0) == stats.Timings([], [], {}, 1.5)


def test_wrk_sends_the_same_bodies_as_the_python_client() -> None:
    for workload in workloads.WORKLOADS.values():
        pieces = wrk.body_pieces(workload)
        first = pieces["BENCH_FIRST_A"] + "kalo" + pieces["BENCH_FIRST_B"]
        turn = pieces["BENCH_TURN_A"] + workloads.nonce(3) + pieces["BENCH_TURN_B"] + "kalo"
        turn += pieces["BENCH_TURN_C"]
        sent = json.loads(pieces["BENCH_HEAD"] + first + "," + turn + pieces["BENCH_TAIL"])
        messages = [workloads.first_message(workload, "kalo"), workloads.next_turn("kalo", 3)]
        assert sent == workloads.body(workload, messages)


def test_streams_are_left_to_locust(tmp_path: Path) -> None:
    stream = workloads.WORKLOADS["stream_200"]
    assert not wrk.supports(stream) and wrk.supports(workloads.WORKLOADS["conversation_10"])
    with pytest.raises(ValueError, match="first token"):
        wrk.drive("http://127.0.0.1:9", stream, 1, "k", 0, 1, tmp_path)


ANSWER = 'say "hi"\n'


class _Scripted(BaseHTTPRequestHandler):
    """Answers in turns of eight: three answers, a shed (503 with retry-after), an answer, a 500, an
    answer and one without content."""

    protocol_version = "HTTP/1.1"
    bodies: list[dict[str, Any]] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["content-length"])))
        self.bodies.append(body)
        n = len(self.bodies) % 8
        if n in (1, 2, 3, 5, 7):  # three answers in a row, so a conversation gets past its first turn
            self._send(200, {"choices": [{"message": {"role": "assistant", "content": ANSWER}}]})
        elif n == 4:
            self._send(503, {"error": {"code": "overloaded"}}, {"retry-after": "0"})
        elif n == 6:
            self._send(500, {"error": {}})
        else:
            self._send(200, {"choices": []})

    def _send(self, status: int, payload: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        for name, value in {"content-type": "application/json", **(headers or {})}.items():
            self.send_header(name, value)
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *_: object) -> None:
        pass


@pytest.fixture
def scripted() -> Iterator[str]:
    wrk_binary()
    _Scripted.bodies = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Scripted)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_wrk_counts_shed_apart_and_carries_a_conversation_on(scripted: str, tmp_path: Path) -> None:
    conversation = workloads.WORKLOADS["conversation_10"]
    timings = wrk.drive(scripted, conversation, 1, "sk-x", 0.0, 1.0, tmp_path, honour_retry_after=True)
    sent = _Scripted.bodies
    assert len(sent) >= 16
    answered = len(timings.samples)
    # every eighth request from the fourth on is shed, the sixth fails with 500, the eighth has no answer
    # of every eight: the fourth shed, the sixth failed with 500, the eighth without content
    assert len(timings.shed) == pytest.approx(len(sent) / 8, abs=1)
    assert timings.failures["HTTP 500"] == pytest.approx(len(sent) / 8, abs=1)
    assert timings.failures["malformed answer"] == pytest.approx(len(sent) / 8, abs=1)
    assert answered == pytest.approx(len(sent) * 5 / 8, abs=2)
    assert all(latency > 0 for _, latency, ttft in timings.samples if ttft == -1.0)
    # a conversation goes on with the answer sent back verbatim and the next turn of the same nonce
    second = next(b for b in sent if len(b["messages"]) == 3)
    first, reply, turn = second["messages"]
    assert reply == {"role": "assistant", "content": ANSWER}
    tag = first["content"].rsplit("Topic ", 1)[1].rstrip(".)")
    assert turn == workloads.next_turn(tag, 0)
    # every conversation starts with a nonce of its own
    openings = [b["messages"][0]["content"] for b in sent if len(b["messages"]) == 1]
    assert len(set(openings)) == len(openings) > 1


def test_shed_requests_are_counted_apart_from_the_percentiles() -> None:
    samples = [(0.1 * i, 10.0 + i, -1.0) for i in range(20)]
    assert stats.shed_in_window([0.05, 0.6, 1.2, 1.9], samples, warmup_s=0.5, window_s=1.0) == 2
    assert stats.shed_in_window([0.6], [], 0.5, 1.0) == 0
    kept, completed, window = stats.measured(samples, 0.5, 1.5)
    r = stats.Round(
        kept,
        {},
        completed,
        window,
        20,
        0.2,
        50.0,
        shed=2,
        loadgen_cpu_s=0.01,
        sim_cpu_s=0.03,
        machine_cpu_s=0.3,
    )
    row = stats.summarise([r])
    assert row["shed"] == 2 and row["requests"] == 10
    assert row["shed_share"] == pytest.approx(2 / 12)
    assert (row["p50_ms"], row["p99_ms"]) == (19.0, 24.0)  # of the answered requests in the window
    assert row["cpu_ms_per_request"] == pytest.approx(10.0)
    assert row["loadgen_cpu_ms_per_request"] == pytest.approx(0.5)
    assert row["sim_cpu_ms_per_request"] == pytest.approx(1.5)
    assert row["machine_cpu_ms_per_request"] == pytest.approx(15.0)


def test_report_shows_shed_and_the_bound_the_rest_of_the_bench_puts_on_two_workers() -> None:
    assert report.scaling_bound(5.0, 0.0) == 2.0
    assert report.scaling_bound(4.0, 1.0) == pytest.approx(1.6)
    row = {
        "requests": 10,
        "p50_ms": 20.0,
        "p99_ms": 29.0,
        "throughput_rps": 100.0,
        "cpu_ms_per_request": 4.0,
        "loadgen_cpu_ms_per_request": 0.25,
        "sim_cpu_ms_per_request": 0.75,
        "machine_cpu_ms_per_request": 5.5,
        "peak_rss_mib": 50.0,
        "failures": 0,
        "shed": 7,
    }
    result = {
        "when": "now",
        "machine": {"cpus": 2, "python": "3.11"},
        "load_generator": "wrk",
        "plan": {"workloads": ["prompt_1kb"], "concurrency": [64]},
        "elapsed_s": 1.0,
        "paths": {"sovgw-sqlite": {"title": "the gateway"}},
        "skipped": {},
        "cells": [{"workload": "prompt_1kb", "concurrency": 64, "paths": {"sovgw-sqlite": row}}],
        "saturation_rps": report.saturation([]),
    }
    text = report.markdown(result)
    assert "| 64 | sovgw-sqlite | 20.0 | 29.0 | - | - | - | - | 100 | 4.00 | 50 | 0 | 7 |" in text
    # the whole machine's 5.5 ms holds 0.5 ms no process was charged with: 2 x 4 / 5.5
    assert "| prompt_1kb | 64 | sovgw-sqlite | 4.00 | 0.25 | 0.75 | 1.60x | 5.50 | 1.45x |" in text
    del row["machine_cpu_ms_per_request"]  # results written before it was measured
    assert "| prompt_1kb | 64 | sovgw-sqlite | 4.00 | 0.25 | 0.75 | 1.60x | - | - |" in report.markdown(
        result
    )


def test_the_machines_busy_time_counts_every_working_state_but_idle_iowait_and_steal(tmp_path) -> None:
    ticks = procstat._TICKS
    # user nice system idle iowait irq softirq steal guest guest_nice
    (tmp_path / "stat").write_text(
        f"cpu  {3 * ticks} {ticks} {2 * ticks} 999999 7777 {ticks} {ticks} 5555 0 0\ncpu0 1 2 3\n"
    )
    assert procstat.machine_busy_seconds(tmp_path) == pytest.approx(8.0)
    assert procstat.machine_busy_seconds() > 0  # this machine's own


def test_bounded_paths_give_the_gateway_their_admission_bound(tmp_path: Path) -> None:
    from bench.sidebyside import paths, servers
    from gateway.config import GatewayConfig

    plain = servers.gateway_config("http://127.0.0.1:9", "sqlite:///x.db", tmp_path, 8080)
    assert "server" not in plain  # the gateway's own defaults
    bounded = servers.gateway_config(
        "http://127.0.0.1:9", "sqlite:///x.db", tmp_path, 8080, server={"max_in_flight": paths.BOUND}
    )
    assert GatewayConfig.model_validate(bounded).server.max_in_flight == paths.BOUND
    assert {f"sovgw-sqlite-bound{paths.BOUND}", f"sovgw-sqlite-2w-bound{paths.BOUND}"} <= set(paths.PATHS)


def test_clients_wait_what_retry_after_says_unless_told_not_to() -> None:
    from bench.sidebyside.run import parse_args, plan_from

    assert plan_from(parse_args([])).honour_retry_after is True
    assert plan_from(parse_args(["--ignore-retry-after"])).honour_retry_after is False
    wrk_binary()
    assert plan_from(parse_args(["--load-generator", "wrk"])).load_generator == "wrk"


def test_wrk_missing_is_refused_with_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from bench.sidebyside.run import parse_args

    monkeypatch.setattr(wrk.shutil, "which", lambda _: None)
    with pytest.raises(SystemExit):
        parse_args(["--load-generator", "wrk"])
    assert "apt-get install wrk" in capsys.readouterr().err


def test_worker_scaling_and_overload_are_checked_against_the_issue() -> None:
    def row(rps: float, cpu: float, p50: float, p99: float, shed: int = 0) -> dict[str, float]:
        return {"throughput_rps": rps, "cpu_ms_per_request": cpu, "p50_ms": p50, "p99_ms": p99, "shed": shed}

    c16 = {"sovgw-sqlite": row(200, 5.0, 80, 160), "sovgw-sqlite-2w": row(370, 5.2, 45, 90)}
    c64 = {"sovgw-sqlite": row(210, 5.0, 300, 1100), "sovgw-sqlite-2w-bound16": row(360, 5.1, 90, 250, 40)}
    cells = [
        {"workload": "prompt_1kb", "concurrency": 16, "paths": c16},
        {"workload": "prompt_1kb", "concurrency": 64, "paths": c64},
    ]
    checks = {what: (met, value) for what, met, value in report.scaling_targets({"cells": cells})}
    assert checks["c=16: sovgw-sqlite-2w >= 1.8x the throughput of sovgw-sqlite"] == (
        True,
        "1.85x (370 vs 200 req/s)",
    )
    assert checks["c=16: CPU per request of sovgw-sqlite-2w within 5% of sovgw-sqlite"][0] is True
    bounded = checks["c=64: sovgw-sqlite-2w-bound16 p99 <= 3x p50 (answered requests)"]
    assert bounded == (True, "2.8x (250 / 90 ms), 40 shed, 360 req/s")
    assert checks["c=64: sovgw-sqlite p99 <= 3x p50 (answered requests)"][0] is False
    c16["sovgw-sqlite-2w"] = row(300, 5.5, 45, 90)
    verdicts = {what: met for what, met, _ in report.scaling_targets({"cells": cells})}
    assert verdicts["c=16: sovgw-sqlite-2w >= 1.8x the throughput of sovgw-sqlite"] is False
    assert verdicts["c=16: CPU per request of sovgw-sqlite-2w within 5% of sovgw-sqlite"] is False
    assert report.scaling_targets({"cells": []}) == []
