"""The servers under test, each in its own process: the node simulator, the gateway and LiteLLM proxy.

Every server logs to a file in the run's work directory; a server that exits or never becomes
ready stops the run with the tail of its log.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import yaml

from bench.sidebyside.workloads import MODEL
from gateway.config import hash_api_key
from gateway.local import free_port

ROOT = Path(__file__).resolve().parents[2]
LITELLM_VENV = ROOT / ".venv-litellm"
LITELLM_LOCK = ROOT / "requirements/bench-litellm.txt"
KEY = "sk-bench-key"
# Nothing LiteLLM would fetch on its own: the bundled cost map, no telemetry.
LITELLM_OFFLINE_ENV = {
    "LITELLM_OFFLINE_MODE": "true",
    "LITELLM_LOCAL_MODEL_COST_MAP": "True",
    "LITELLM_TELEMETRY": "False",
    "LITELLM_LOG": "ERROR",
}
# LiteLLM's uvicorn writes an access-log line per request by default; the gateway writes none, so
# LiteLLM runs with the same setting rather than paying for logging the gateway skips.
LITELLM_LOG_CONFIG = {
    "version": 1,
    "disable_existing_loggers": False,
    "loggers": {
        "uvicorn.access": {"level": "WARNING"},
        "uvicorn.error": {"level": "WARNING"},
        "LiteLLM": {"level": "ERROR"},
        "LiteLLM Proxy": {"level": "ERROR"},
        "LiteLLM Router": {"level": "ERROR"},
    },
}


# The gateway's `server` settings in every generated configuration (--max-in-flight sets one); empty:
# the gateway's defaults.
GATEWAY_SERVER: dict[str, Any] = {}


class ServerFailed(Exception):
    """A server under test exited or did not become ready."""


@dataclass
class Server:
    name: str
    url: str
    process: subprocess.Popen[bytes]
    log: Path
    ready_path: str
    notes: dict[str, Any] = field(default_factory=dict)

    @property
    def pid(self) -> int:
        return self.process.pid

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except FileNotFoundError:
            return "(no log)"


def _launch(
    name: str, argv: list[str], workdir: Path, port: int, ready_path: str, env: dict[str, str] | None = None
) -> Server:
    log = workdir / f"{name}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            argv, stdout=out, stderr=subprocess.STDOUT, cwd=workdir, env={**os.environ, **(env or {})}
        )
    return Server(name, f"http://127.0.0.1:{port}", process, log, ready_path)


def wait_ready(server: Server, timeout: float = 300) -> Server:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise ServerFailed(f"{server.name} exited with {server.process.returncode}:\n{server.log_tail()}")
        try:
            if httpx.get(server.url + server.ready_path, timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    server.stop()
    raise ServerFailed(f"{server.name} was not ready within {timeout:.0f} s:\n{server.log_tail()}")


_SNAPSHOT_PACKAGES = ("gateway", "audit", "domain", "nodesim", "sovgw", "policies")


def snapshot_code(workdir: Path, revision: str = "HEAD") -> tuple[dict[str, str], str]:
    """The gateway's code as committed at ``revision``, unpacked into the work directory.

    Others edit the working tree while benchmarks run; a gateway worker restarted mid-run would
    otherwise load half-edited code. Returns the environment that makes the simulator and gateway
    import the snapshot (PYTHONPATH precedes the editable install) and the commit measured.
    """
    code = workdir / "code"
    code.mkdir()
    commit = subprocess.run(
        ["git", "rev-parse", revision], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip()
    # The packages the running gateway imports, as far as they exist at that commit (older ones had
    # no domain/ or sovgw/: the command then comes from the checkout and the rest from the snapshot).
    present = subprocess.run(
        ["git", "ls-tree", "--name-only", commit], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.split()
    packages = [p for p in _SNAPSHOT_PACKAGES if p in present]
    archive = subprocess.run(
        ["git", "archive", commit, *packages], cwd=ROOT, check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(code)], input=archive, check=True)
    return {"PYTHONPATH": str(code)}, commit


def start_simulator(workdir: Path, env: dict[str, str] | None = None) -> Server:
    port = free_port()
    argv = [sys.executable, "-m", "sovgw.cli", "node-sim", "--port", str(port), "--jurisdiction", "LT"]
    # Zero think time; room for every client at the highest concurrency without "overloaded".
    argv += ["--model", MODEL, "--latency-ms", "0", "--tokens-per-second", "0", "--max-concurrent", "4096"]
    return _launch("simulator", argv, workdir, port, "/health", env)


def gateway_config(
    sim_url: str,
    database_url: str,
    workdir: Path,
    port: int,
    classifier: str = "process",
    server: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The full pipeline: offline classifier (process pool, or ``inline`` in a thread of the gateway),
    embedded Rego, audit before forwarding; ``server`` settings over the run's (GATEWAY_SERVER)."""
    settings = {**GATEWAY_SERVER, **(server or {})}
    return {
        "listen": {"host": "127.0.0.1", "port": port},
        **({"server": settings} if settings else {}),
        "classification": {"executor": classifier},
        "audit": {
            "database_url": database_url,
            "pseudonym_key_dir": str(workdir / "keys"),
            # an inline key, which baseline checkouts read too (they know no allow_key_beside_database)
            "signing_key": base64.b64encode(os.urandom(32)).decode(),
        },
        "nodes": [
            {"id": "lt-1", "base_url": sim_url, "jurisdiction": "LT", "operator": "Bench", "models": [MODEL]}
        ],
        "tenants": [
            {
                "id": "bench",
                "home_jurisdiction": "LT",
                "allowed_jurisdictions": ["LT"],
                "purposes": ["bench"],
                "default_purpose": "bench",
                "api_keys": [{"id": "k", "sha256": hash_api_key(KEY)}],
            }
        ],
    }


def start_gateway(
    name: str,
    workdir: Path,
    sim_url: str,
    database_url: str,
    workers: int = 1,
    classifier: str = "process",
    env: dict[str, str] | None = None,
    server_settings: dict[str, Any] | None = None,
) -> Server:
    home = workdir / name
    home.mkdir(parents=True, exist_ok=True)
    port = free_port()
    config = home / "gateway.yaml"
    settings = gateway_config(sim_url, database_url, home, port, classifier, server_settings)
    config.write_text(yaml.safe_dump(settings))
    argv = [sys.executable, "-m", "sovgw.cli", "serve", "--config", str(config), "--workers", str(workers)]
    server = _launch(name, argv, workdir, port, "/ready", env)
    server.notes = {"workers": workers, "audit": database_url.split(":", 1)[0], "classifier": classifier}
    if "server" in settings:
        server.notes["server"] = settings["server"]
    return server


def start_floor(workdir: Path, sim_url: str, env: dict[str, str] | None = None) -> Server:
    """The server setup and upstream client alone, no pipeline (see floor_proxy)."""
    port = free_port()
    argv = [sys.executable, "-m", "bench.sidebyside.floor_proxy", "--port", str(port), "--upstream", sim_url]
    # The gateway's modules from the snapshot in env, if any; this module from the checkout.
    path = os.pathsep.join(filter(None, [(env or {}).get("PYTHONPATH"), str(ROOT)]))
    return _launch("floor", argv, workdir, port, "/ready", {**(env or {}), "PYTHONPATH": path})


def _lock_digest() -> str:
    return hashlib.sha256(LITELLM_LOCK.read_bytes()).hexdigest()


def litellm_executable() -> Path:
    """LiteLLM's CLI in its own virtualenv, made from the hashed lock on first use (or when it changed)."""
    exe, stamp = LITELLM_VENV / "bin/litellm", LITELLM_VENV / ".lock-sha256"
    if exe.exists() and stamp.exists() and stamp.read_text() == _lock_digest():
        return exe
    uv = shutil.which("uv")
    if uv is None:
        raise ServerFailed("uv is needed to make .venv-litellm from requirements/bench-litellm.txt")
    python = LITELLM_VENV / "bin/python"
    if not python.exists():
        subprocess.run([uv, "venv", "-q", "--python", "3.11", str(LITELLM_VENV)], check=True)
    lock = str(LITELLM_LOCK)
    subprocess.run([uv, "pip", "sync", "-q", "--python", str(python), "--require-hashes", lock], check=True)
    stamp.write_text(_lock_digest())
    return exe


def litellm_config(sim_url: str, presidio_url: str | None) -> dict[str, Any]:
    config: dict[str, Any] = {
        "model_list": [
            {
                "model_name": MODEL,
                "litellm_params": {
                    "model": f"openai/{MODEL}",
                    "api_base": f"{sim_url}/v1",
                    "api_key": "none",
                },
            }
        ],
        "litellm_settings": {"telemetry": False, "drop_params": True},
        "general_settings": {"master_key": KEY},
    }
    if presidio_url:
        config["guardrails"] = [
            {
                "guardrail_name": "presidio-pii",
                "litellm_params": {
                    "guardrail": "presidio",
                    "mode": "pre_call",
                    "default_on": True,
                    "presidio_analyzer_api_base": presidio_url,
                    "presidio_anonymizer_api_base": presidio_url,
                    "presidio_language": "en",
                },
            }
        ]
    return config


def start_litellm(
    name: str, workdir: Path, sim_url: str, workers: int = 1, presidio_url: str | None = None
) -> Server:
    exe = litellm_executable()
    home = workdir / name
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.yaml").write_text(yaml.safe_dump(litellm_config(sim_url, presidio_url)))
    (home / "log_config.json").write_text(json.dumps(LITELLM_LOG_CONFIG))
    port = free_port()
    argv = [str(exe), "--config", str(home / "config.yaml"), "--host", "127.0.0.1", "--port", str(port)]
    argv += ["--num_workers", str(workers), "--log_config", str(home / "log_config.json")]
    server = _launch(name, argv, home, port, "/health/liveliness", LITELLM_OFFLINE_ENV)
    server.notes = {"workers": workers, "guardrail": "presidio" if presidio_url else None}
    return server


def start_presidio(workdir: Path) -> Server:
    """The local Presidio service for LiteLLM's guardrail, in LiteLLM's virtualenv (see presidio_service)."""
    python = litellm_executable().parent / "python"
    port = free_port()
    argv = [str(python), str(Path(__file__).with_name("presidio_service.py")), "--port", str(port)]
    return _launch("presidio", argv, workdir, port, "/health")
