"""``sovgw node-sim``'s arguments and a real process serving them."""

from __future__ import annotations

import argparse
import signal
import socket
import subprocess
import sys
import time

import httpx
import pytest

from nodesim.cli import add_arguments, run, settings_from


def _parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    return parser.parse_args(argv)


def test_arguments_become_settings():
    args = _parse(
        "--port", "3000", "--jurisdiction", "NL", "--model", "m/x", "--latency-ms", "5",
        "--tokens-per-second", "40", "--fail-rate", "0.25", "--max-concurrent", "9", "--seed", "3",
        "--api-key", "k", "--node-id", "ams-2",
    )  # fmt: skip
    assert args.host == "127.0.0.1"
    s = settings_from(args)
    assert (s.jurisdiction, s.model, s.latency_ms, s.tokens_per_second) == ("NL", "m/x", 5, 40)
    assert (s.fail_rate, s.max_concurrent, s.seed, s.api_key, s.node_id) == (0.25, 9, 3, "k", "ams-2")


def test_port_is_required():
    with pytest.raises(SystemExit):
        _parse()


def test_run_refuses_impossible_settings(capsys):
    assert run(_parse("--port", "3000", "--fail-rate", "2")) == 2
    assert "fail_rate" in capsys.readouterr().out


def test_a_node_process_serves_until_stopped():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "nodesim",
            "--port",
            str(port),
            "--jurisdiction",
            "IT",
            "--node-id",
            "mil-1",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                info = httpx.get(f"http://127.0.0.1:{port}/info").json()
                break
            except httpx.TransportError:
                assert process.poll() is None, process.stdout.read() if process.stdout else ""
                assert time.monotonic() < deadline, "node-sim did not start"
                time.sleep(0.1)
        assert (info["jurisdiction"], info["node_id"]) == ("IT", "mil-1")
    finally:
        process.terminate()
        # uvicorn shuts down, then re-raises the signal: death by SIGTERM, with no traceback.
        assert process.wait(timeout=10) in (0, -signal.SIGTERM)
        assert b"Traceback" not in (process.stdout.read() if process.stdout else b"")
