"""The side-by-side harness runs end to end with tiny counts, and its parts report what they measure."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bench.sidebyside import hotspots, procstat, report, servers, stats, workloads
from bench.sidebyside.postgres import PostgresUnavailable, fresh_database
from bench.sidebyside.run import parse_args
from gateway.local import free_port
from tests.support.system import wrk_binary

ROOT = Path(__file__).resolve().parents[2]


def _head() -> str:
    return subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()


def _is_ancestor(older: str, newer: str) -> bool:
    return subprocess.run(["git", "merge-base", "--is-ancestor", older, newer], cwd=ROOT).returncode == 0


def test_harness_runs_end_to_end_and_writes_every_result(tmp_path: Path) -> None:
    wrk_binary()
    head_before = _head()
    argv = [sys.executable, "-m", "bench.sidebyside", "--paths", "direct,floor,sovgw-sqlite"]
    argv += ["--baseline", "HEAD", "--load-generator", "wrk"]  # streams: locust
    argv += ["--workloads", "prompt_1kb,stream_200", "--concurrency", "2", "--duration", "1", "--warmup", "0"]
    argv += ["--out", str(tmp_path), "--name", "smoke"]
    # its own session, so that a run cut off by the timeout takes its servers with it
    run = subprocess.Popen(
        argv, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        _, stderr = run.communicate(timeout=240)
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
            run.wait()
    assert run.returncode == 0, stderr[-2000:]
    result = json.loads((tmp_path / "smoke.json").read_text())
    assert result["skipped"] == {}
    assert result["load_generator"].startswith("wrk") and "stream_200 by locust" in result["load_generator"]
    by_cell = {c["workload"]: c["paths"] for c in result["cells"]}
    for workload in ("prompt_1kb", "stream_200"):
        direct, gateway = by_cell[workload]["direct"], by_cell[workload]["sovgw-sqlite"]
        assert direct["requests"] > 0 and gateway["requests"] > 0
        assert direct["failures"] == 0 and gateway["failures"] == 0
        assert gateway["added_p50_ms"] == pytest.approx(gateway["p50_ms"] - direct["p50_ms"])
        assert gateway["cpu_ms_per_request"] > 0 and gateway["peak_rss_mib"] > 0
        for other in ("floor", "sovgw-sqlite-baseline"):  # the floor relays streams too
            assert by_cell[workload][other]["requests"] > 0 and by_cell[workload][other]["failures"] == 0
    assert "added_ttft_p50_ms" in by_cell["stream_200"]["sovgw-sqlite"]
    assert "ttft_p50_ms" not in by_cell["prompt_1kb"]["direct"]
    assert "| 2 | sovgw-sqlite |" in (tmp_path / "smoke.md").read_text()
    # HEAD as it was during the run: others may commit meanwhile
    code = result["paths"]["sovgw-sqlite-baseline"]["code"]
    assert _is_ancestor(head_before, code) and _is_ancestor(code, _head())
    assert (tmp_path / "smoke_added_latency.png").read_bytes().startswith(b"\x89PNG")


def test_unknown_path_or_workload_is_refused_by_name(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        parse_args(["--paths", "direct,nginx"])
    assert "unknown paths: nginx" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        parse_args(["--workloads", "video"])
    assert "unknown workloads: video" in capsys.readouterr().err


def test_measured_window_runs_from_warmup_to_the_first_user_stopping() -> None:
    # (start s, latency ms, ttft ms): one request per 100 ms, each taking 50 ms
    samples = [(i / 10, 50.0, -1.0) for i in range(30)]
    kept, completed, window = stats.measured(samples, warmup_s=1.0, until_s=2.0)
    assert [s[0] for s in kept] == [i / 10 for i in range(10, 20)]
    assert window == pytest.approx(1.0)
    assert completed == 10
    assert stats.measured([], 1.0, 2.0) == ([], 0, 0.0)
    # no user stopped (the cap ended the round): the window ends with the last completion
    _, _, whole = stats.measured(samples, warmup_s=1.0, until_s=None)
    assert whole == pytest.approx(1.95)


def test_slow_requests_that_started_in_the_window_count_however_late_they_end() -> None:
    # four users each waiting 2.5 s per request: the window sees starts, not completions
    samples = [(0.0, 2500.0, -1.0)] * 4 + [(2.5, 2500.0, -1.0)] * 4
    kept, completed, _ = stats.measured(samples, warmup_s=0.5, until_s=5.0)
    assert len(kept) == 4 and completed == 4  # the first wave completes inside the window


def test_failures_are_kept_by_reason_across_rounds() -> None:
    ok = [(0.0, 5.0, -1.0)]
    rounds = [
        stats.Round(ok, {"HTTP 503": 2}, 1, 1.0, 3, 0.1, 10.0),
        stats.Round(ok, {"HTTP 503": 1, "ConnectionResetError": 4}, 1, 1.0, 6, 0.1, 10.0),
    ]
    row = stats.summarise(rounds)
    assert row["failures"] == 7
    assert row["failure_reasons"] == {"HTTP 503": 3, "ConnectionResetError": 4}


def test_summary_refuses_rounds_without_requests() -> None:
    empty = stats.Round([], {"HTTP 503": 4}, 0, 0.0, 4, 0.1, 10.0)
    with pytest.raises(stats.NoSamples):
        stats.summarise([empty])
    with pytest.raises(stats.NoSamples):
        stats.percentile([], 50)


def test_added_latency_and_ttft_are_taken_over_the_direct_path() -> None:
    direct = {"p50_ms": 1.0, "p99_ms": 4.0, "ttft_p50_ms": 0.5, "ttft_p99_ms": 1.0}
    path = {"p50_ms": 3.5, "p99_ms": 14.0, "ttft_p50_ms": 2.5, "ttft_p99_ms": 9.0}
    assert stats.added_over(path, direct) == {
        "added_p50_ms": 2.5,
        "added_p99_ms": 10.0,
        "added_ttft_p50_ms": 2.0,
        "added_ttft_p99_ms": 8.0,
    }


def test_targets_say_not_measured_rather_than_met_when_a_path_is_missing() -> None:
    result = {"cells": [], "saturation_rps": {"prompt_1kb": {"sovgw-sqlite": 300.0}}}
    assert {met for _, met, _ in report.targets(result)} == {None}
    cells = [{"workload": "prompt_1kb", "concurrency": 16, "paths": {"sovgw-sqlite": {"added_p50_ms": 6.0}}}]
    result = {"cells": cells, "saturation_rps": {"prompt_1kb": {"sovgw-sqlite": 300.0, "litellm": 150.0}}}
    verdicts = {what: met for what, met, _ in report.targets(result)}
    assert verdicts["1 KB prompt, c=16: added_p50 <= 5 ms"] is False
    assert verdicts["1 KB prompt: saturation >= litellm"] is True


def test_two_workers_are_held_to_litellm_on_two_workers() -> None:
    sat = {"prompt_1kb": {"sovgw-sqlite-2w": 400.0, "litellm": 150.0, "litellm-2w": 450.0}}
    verdicts = {what: met for what, met, _ in report.targets({"cells": [], "saturation_rps": sat}, *_TWO)}
    assert verdicts["1 KB prompt: saturation >= litellm-2w"] is False


def test_the_floor_is_quoted_at_the_target_cell_only() -> None:
    floor = {"added_p50_ms": 10.84, "added_p99_ms": 49.6}
    cell = {"workload": "prompt_1kb", "concurrency": 16, "paths": {"floor": floor}}
    assert "adds 10.8 / 49.6 ms" in (report.floor_line({"cells": [cell]}) or "")
    assert report.floor_line({"cells": [{**cell, "concurrency": 1}]}) is None


_TWO = next((path, litellm) for path, litellm, _ in report.SETUPS if path.endswith("-2w"))


_BURN = """
import sys, time
sys.stdin.readline()
t = time.process_time()
while time.process_time() - t < 0.3:
    pass
print("done", flush=True)
time.sleep(60)
"""


def test_process_tree_cpu_and_peak_memory_include_children() -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", _BURN], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert child.stdin and child.stdout
    try:
        before = procstat.sample_tree(os.getpid())
        child.stdin.write("go\n")
        child.stdin.flush()
        assert child.stdout.readline() == "done\n"  # the child has burnt 0.3 s of CPU
        after = procstat.sample_tree(os.getpid())
        assert child.pid in procstat.process_tree(os.getpid())
        assert procstat.cpu_between(before, after) >= 0.29
        assert after.peak_rss_mib > procstat.peak_rss_mib(os.getpid())
    finally:
        child.kill()
        child.wait()


def test_vanished_process_is_reported_as_missing(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        procstat.cpu_seconds(2**22 + 12345)
    fake = tmp_path / "1"
    fake.mkdir()
    (fake / "status").write_text("Name:\tx\nVmRSS:\t10 kB\n")
    with pytest.raises(ValueError, match="VmHWM"):
        procstat.peak_rss_mib(1, proc=tmp_path)


def test_nonces_are_unique_letters_so_no_two_prompts_share_a_cache_entry() -> None:
    words = [workloads.nonce(n) for n in range(5000)]
    assert len(set(words)) == len(words)
    assert all(w.isalpha() for w in words)


def test_server_that_exits_at_start_fails_with_its_log(tmp_path: Path) -> None:
    log = tmp_path / "broken.log"
    log.write_text("configuration error: nodes[0].base_url\n")
    process = subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])
    server = servers.Server("broken", f"http://127.0.0.1:{free_port()}", process, log, "/ready")
    with pytest.raises(servers.ServerFailed, match=r"(?s)broken exited with 3.*nodes\[0\]"):
        servers.wait_ready(server, timeout=10)


def test_litellm_runs_offline_and_gets_the_guardrail_only_when_asked() -> None:
    plain = servers.litellm_config("http://127.0.0.1:9", None)
    assert "guardrails" not in plain
    assert plain["model_list"][0]["litellm_params"]["api_base"] == "http://127.0.0.1:9/v1"
    guarded = servers.litellm_config("http://127.0.0.1:9", "http://127.0.0.1:10")
    assert guarded["guardrails"][0]["litellm_params"]["guardrail"] == "presidio"
    assert servers.LITELLM_OFFLINE_ENV["LITELLM_LOCAL_MODEL_COST_MAP"] == "True"
    assert "1.107.0" not in (ROOT / "requirements/bench-litellm.txt").read_text()


def test_unreachable_postgres_is_a_named_error() -> None:
    with (
        pytest.raises(PostgresUnavailable),
        fresh_database(f"postgresql://u:p@127.0.0.1:{free_port()}/postgres"),
    ):
        pass


def test_profile_summary_shares_own_time_by_function_component_and_process() -> None:
    # py-spy names files by absolute path: wherever this checkout lives.
    lines = [
        f'process 10:"python -m sovgw.cli serve";handle ({ROOT}/gateway/pipeline.py:40);'
        "commit (/x/site-packages/sqlalchemy/engine/base.py:10) 3",
        f'process 10:"python -m sovgw.cli serve";handle ({ROOT}/gateway/pipeline.py:40) 1',
        'process 10:"python -m sovgw.cli serve";process 11:"python -c from multiprocessing.spawn import '
        'spawn_main; spawn_main(tracker_fd=20) --multiprocessing-fork";'
        f"find ({ROOT}/gateway/classification/special.py:5) 4",
        "not a stack line",
    ]
    profile = hotspots.summarise(lines)
    assert profile["samples"] == 8
    own = {r["where"]: r["share"] for r in profile["own"]}
    assert own["sqlalchemy/engine/base.py:commit"] == pytest.approx(3 / 8)
    inclusive = {r["where"]: r["share"] for r in profile["inclusive"]}
    assert inclusive["gateway/pipeline.py:handle"] == pytest.approx(4 / 8)
    components = {r["where"]: r["share"] for r in profile["components"]}
    assert components["gateway/classification"] == pytest.approx(4 / 8)
    processes = {r["where"]: r["share"] for r in profile["processes"]}
    assert processes["classifier pool"] == pytest.approx(4 / 8)
    assert processes["gateway process"] == pytest.approx(4 / 8)
    assert hotspots.summarise([])["samples"] == 0


def test_gateway_runs_from_the_committed_code_not_the_working_tree(tmp_path: Path) -> None:
    env, commit = servers.snapshot_code(tmp_path)
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout
    assert commit == head.strip()
    probe = "import gateway, audit; print(gateway.__file__); print(audit.__file__)"
    # servers start in the run's work directory, so the working tree is not on their path
    where = subprocess.run(
        [sys.executable, "-c", probe], env={**os.environ, **env}, cwd=tmp_path, capture_output=True, text=True
    )
    assert where.stdout.splitlines() == [
        str(tmp_path / "code/gateway/__init__.py"),
        str(tmp_path / "code/audit/__init__.py"),
    ]
    assert (tmp_path / "code/policies/rego").is_dir()
