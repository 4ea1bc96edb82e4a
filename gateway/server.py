"""Running the app under uvicorn (uvloop + httptools where installed), in one process or several."""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from pathlib import Path

import uvicorn
from starlette.applications import Starlette

from gateway import metrics
from gateway.app import create_app
from gateway.config import GatewayConfig, load_config
from gateway.parent_watch import exit_with_parent
from gateway.serving.uvicorn_setup import uvicorn_config, uvicorn_options
from gateway.serving.workers import Supervisor

__all__ = ["app_from_env", "serve", "uvicorn_config", "uvicorn_options", "worker_config"]

_CONFIG_PATH_ENV = "SOVGW_CONFIG"
_WORKERS_ENV = "SOVGW_SERVER_WORKERS"


def app_from_env() -> Starlette:
    """The factory each uvicorn worker calls; the configuration was validated before workers start."""
    configure_logging()  # a worker is a new process: without this its INFO lines go nowhere
    config = load_config(Path(os.environ[_CONFIG_PATH_ENV]))
    workers = int(os.environ.get(_WORKERS_ENV, "1"))
    if workers > 1:
        # A supervisor killed with SIGKILL would leave its workers serving on the port.
        exit_with_parent(os.getppid())
    return create_app(worker_config(config, workers, os.cpu_count() or 1))


def worker_config(config: GatewayConfig, workers: int, cores: int) -> GatewayConfig:
    """One worker's configuration: with ``classification.workers`` unset (one per core), the
    workers share the cores, so each gets its share of classifier processes, at least one."""
    if config.classification.workers or workers <= 1:
        return config
    classification = config.classification.model_copy(update={"workers": max(1, cores // workers)})
    return config.model_copy(update={"classification": classification})


def configure_logging() -> None:
    """INFO and above to stderr, with the process id so several workers' lines can be told apart."""
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"
    )
    # One line per upstream request or health check is noise (httpx2: the client huggingface_hub uses).
    for name in ("httpx", "httpx2"):
        logging.getLogger(name).setLevel(logging.WARNING)


def serve(config_path: Path, host: str, port: int, workers: int) -> int:
    configure_logging()
    os.environ[_CONFIG_PATH_ENV] = str(config_path)
    os.environ[_WORKERS_ENV] = str(workers)
    settings = load_config(config_path).server
    with contextlib.ExitStack() as stack:
        if workers > 1:
            # Each worker keeps its metrics in files here, so any worker's /metrics sums them all;
            # a fresh directory per run, since stale files would count old runs' requests.
            metrics_dir = stack.enter_context(tempfile.TemporaryDirectory(prefix="sovgw-metrics-"))
            os.environ[metrics.MULTIPROCESS_DIR_ENV] = metrics_dir
            return Supervisor(f"{__name__}:app_from_env", settings, workers).run(host, port)
        config = uvicorn_config(app_from_env, settings, factory=True, host=host, port=port)
        uvicorn.Server(config).run()
    return 0
