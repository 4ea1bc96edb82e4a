"""``sovgw node-sim``: serve one simulated TGI node with uvicorn."""

from __future__ import annotations

import argparse
import importlib.util

import uvicorn
from starlette.applications import Starlette

from nodesim.app import create_app
from nodesim.fastpath import SimProtocol
from nodesim.settings import SimSettings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, required=True, help="port to listen on")
    parser.add_argument("--jurisdiction", default="DE", help="country code the node claims in /info")
    parser.add_argument("--model", default="sovgw/sim-7b", help="model id the node serves")
    parser.add_argument("--latency-ms", type=float, default=0, help="delay before the first token")
    parser.add_argument(
        "--tokens-per-second", type=float, default=0, help="token pacing (0: as fast as possible)"
    )
    parser.add_argument("--fail-rate", type=float, default=0, help="share of requests that fail (0..1)")
    parser.add_argument(
        "--max-concurrent", type=int, default=128, help="requests in flight before 'Model is overloaded'"
    )
    parser.add_argument("--seed", type=int, default=0, help="seed for answers and injected failures")
    parser.add_argument("--api-key", default=None, help="require 'Authorization: Bearer KEY' on POST routes")
    parser.add_argument("--node-id", default="sim", help="name reported in /info")


def settings_from(args: argparse.Namespace) -> SimSettings:
    return SimSettings(
        jurisdiction=args.jurisdiction,
        model=args.model,
        latency_ms=args.latency_ms,
        tokens_per_second=args.tokens_per_second,
        fail_rate=args.fail_rate,
        max_concurrent=args.max_concurrent,
        seed=args.seed,
        api_key=args.api_key,
        node_id=args.node_id,
    )


def server_config(app: Starlette, host: str, port: int) -> uvicorn.Config:
    loop = "uvloop" if importlib.util.find_spec("uvloop") else "asyncio"
    # Whole non-stream generation requests are answered on the connection; the rest by uvicorn's
    # httptools protocol and the app.
    return uvicorn.Config(app, host=host, port=port, log_level="warning", loop=loop, http=SimProtocol)


def run(args: argparse.Namespace) -> int:
    try:
        settings = settings_from(args)
    except ValueError as exc:
        print(f"node-sim: {exc}")
        return 2
    server = uvicorn.Server(server_config(create_app(settings), args.host, args.port))
    server.run()
    return 0 if server.started else 1


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry (``python -m nodesim``) until the lead wires ``sovgw node-sim``."""
    parser = argparse.ArgumentParser(prog="node-sim", description=__doc__)
    add_arguments(parser)
    return run(parser.parse_args(argv))
