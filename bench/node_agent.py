"""What the node-agent adds in front of a TGI node: latency at concurrency 1 and its CPU per request.

Starts a node simulator (zero think time) and `sovgw node-agent` in front of it, each as its own
process, then sends the same requests straight to the node and through the agent, interleaving
rounds so machine drift hits both alike: non-stream `/generate` (receipt in a header) and
`/generate_stream` (receipt as a trailing event; time to first token too). The agent's CPU is
read from /proc before and after its rounds. Writes bench/results/node_agent.json.

    python -m bench.node_agent [--requests 400] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from bench.single_node import SOVGW, start_node, wait_ready
from domain.nodes import (
    NodeDescriptor,
    OperatorName,
    new_private_key,
    public_key_text,
    sign_descriptor,
)
from gateway.local import free_port

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench/results/node_agent.json"
MODEL = "bench/model"
PROMPT = "Explain how district heating networks balance seasonal demand. " * 16  # ~1 KB
IDS = {"x-sovgw-request-id": "bench", "x-sovgw-decision-id": "bench"}
TICK = os.sysconf("SC_CLK_TCK")


def _descriptor(workdir: Path) -> tuple[Path, Path]:
    key_file = workdir / "node.pem"
    node_key = new_private_key(key_file)
    now = datetime.now(UTC)
    descriptor = NodeDescriptor(
        node_id="bench-1",
        operator=OperatorName(legal_name="Bench Operator", registration_number="1"),
        country="LT",
        site="bench",
        gpu_model="none",
        tgi_image_digest="sha256:" + "0" * 64,
        model_weights_digest="sha256:" + "1" * 64,
        node_key=public_key_text(node_key),
        valid_from=now - timedelta(hours=1),
        valid_until=now + timedelta(days=1),
    )
    path = workdir / "descriptor.json"
    path.write_text(sign_descriptor(descriptor, Ed25519PrivateKey.generate()).model_dump_json())
    return path, key_file


def _cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def _round(client: httpx.Client, path: str, requests: int) -> tuple[list[float], list[float]]:
    """Latency of whole requests and, for streams, time to the first byte, in ms."""
    body = {"inputs": PROMPT, "parameters": {"max_new_tokens": 16}}
    totals, firsts = [], []
    for _ in range(requests):
        start = time.perf_counter()
        with client.stream("POST", path, json=body, headers=IDS) as r:
            first = None
            for _ in r.iter_raw():
                if first is None:
                    first = time.perf_counter()
            if r.status_code != 200:
                raise SystemExit(f"{path}: HTTP {r.status_code}")
        end = time.perf_counter()
        totals.append((end - start) * 1000)
        firsts.append(((first or end) - start) * 1000)
    return totals, firsts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400, help="requests per round, path and target")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        descriptor, key = _descriptor(Path(tmp))
        sim_port, agent_port = free_port(), free_port()
        sim = start_node(sim_port, MODEL)
        upstream = f"http://127.0.0.1:{sim_port}"
        agent = subprocess.Popen(
            [*SOVGW, "node-agent", "--upstream", upstream, "--descriptor", str(descriptor), "--key", str(key),
             "--port", str(agent_port)]
        )  # fmt: skip
        try:
            direct, through = f"http://127.0.0.1:{sim_port}", f"http://127.0.0.1:{agent_port}"
            wait_ready(f"{direct}/health")
            wait_ready(f"{through}/health")
            results = _measure(direct, through, agent.pid, args.requests, args.rounds)
        finally:
            for p in (agent, sim):
                p.terminate()
                p.wait(timeout=10)
    results["machine"] = {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "load_average_1m": os.getloadavg()[0],  # other work on the machine inflates both numbers
    }
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    for path, r in results["paths"].items():
        print(
            f"{path}: p50 direct {r['direct_p50_ms']:.2f} ms, through the agent {r['agent_p50_ms']:.2f} ms "
            f"(+{r['added_p50_ms']:.2f} ms); first byte +{r['added_first_byte_p50_ms']:.2f} ms; "
            f"agent CPU {r['agent_cpu_ms_per_request']:.2f} ms per request"
        )


def _measure(direct: str, through: str, agent_pid: int, requests: int, rounds: int) -> dict[str, object]:
    out: dict[str, object] = {"requests_per_round": requests, "rounds": rounds, "concurrency": 1, "paths": {}}
    with httpx.Client(base_url=direct, timeout=30) as d, httpx.Client(base_url=through, timeout=30) as a:
        for path in ("/generate", "/generate_stream"):
            _round(d, path, 20), _round(a, path, 20)  # warm-up
            samples: dict[str, list[float]] = {
                "direct": [],
                "agent": [],
                "direct_first": [],
                "agent_first": [],
            }
            cpu = 0.0
            for _ in range(rounds):
                totals, firsts = _round(d, path, requests)
                samples["direct"] += totals
                samples["direct_first"] += firsts
                before = _cpu_s(agent_pid)
                totals, firsts = _round(a, path, requests)
                cpu += _cpu_s(agent_pid) - before
                samples["agent"] += totals
                samples["agent_first"] += firsts
            med = {k: statistics.median(v) for k, v in samples.items()}
            out["paths"][path] = {  # type: ignore[index]
                "direct_p50_ms": med["direct"],
                "agent_p50_ms": med["agent"],
                "added_p50_ms": med["agent"] - med["direct"],
                "added_first_byte_p50_ms": med["agent_first"] - med["direct_first"],
                "agent_cpu_ms_per_request": cpu * 1000 / (requests * rounds),
            }
    return out


if __name__ == "__main__":
    main()
