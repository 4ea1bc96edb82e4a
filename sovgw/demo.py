"""``sovgw demo``: simulated nodes in six jurisdictions, a gateway on embedded defaults, a witness
cosigning its trail's checkpoints, and a few requests through the openai SDK showing where each one
went and why. Each answer's promise (``x-sovgw-promise``) is kept in ``promises.txt`` to check."""

from __future__ import annotations

import argparse
import secrets
import signal
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gateway.config import GatewayConfig, hash_api_key, parse_config
from gateway.local import ThreadedServer, free_port

MODEL = "sovereign/demo-7b"
US_MODEL = "frontier/us-70b"


@dataclass(frozen=True)
class DemoNode:
    id: str
    jurisdiction: str
    operator: str
    model: str = MODEL


NODES = (
    DemoNode("vilnius-1", "LT", "Baltic GPU UAB"),
    DemoNode("riga-1", "LV", "Daugava Compute SIA"),
    DemoNode("tallinn-1", "EE", "Toompea AI OÜ"),
    DemoNode("helsinki-1", "FI", "Aurora Inference Oy"),
    DemoNode("frankfurt-1", "DE", "Rhein Rechenzentrum GmbH"),
    DemoNode("virginia-1", "US", "Atlantic Cloud Inc.", US_MODEL),
)

SCENARIO: tuple[tuple[str, str, bool], ...] = (
    ("plain question", "Summarise the benefits of renewable energy in two sentences.", False),
    ("plain question, streamed", "Write a haiku about the Baltic sea.", True),
    (
        "e-mail and an Estonian personal code",
        "Draft a reply to mari.tamm@example.ee, isikukood 49403136526.",
        False,
    ),
    (
        "health data (GDPR Art. 9), streamed",
        "My patient has type 2 diabetes and depression; suggest a diet plan.",
        True,
    ),
)


WITNESS = "demo-witness"


def demo_config(
    workdir: Path,
    key: str,
    ports: dict[str, int],
    witness_vkey: str | None = None,
    agents: tuple[dict[str, str], list[dict[str, Any]]] | None = None,
) -> GatewayConfig:
    """The demo gateway; with ``witness_vkey``, its checkpoints go to the witness on ``ports["witness"]``
    and count once it cosigned them (a quorum of one). With ``agents`` (node id -> its node-agent's
    URL, and the operators' keys), each node is reached through its operator's node-agent."""
    witnesses = (
        [{"url": f"http://127.0.0.1:{ports['witness']}", "vkey": witness_vkey}] if witness_vkey else []
    )
    data: dict[str, Any] = {
        "listen": {"host": "127.0.0.1", "port": ports["gateway"]},
        "audit": {
            "database_url": f"sqlite:///{workdir / 'audit.db'}",
            "pseudonym_key_dir": str(workdir / "keys"),
            "signing_key_file": str(log_key_file(workdir)),
            # Checkpoints every few seconds: the scenario's records are witnessed while you look.
            "checkpoint_every_s": 2.0,
            "witnesses": witnesses,
        },
        "health": {"interval_s": 2.0},
        # The demo serves loopback over plain HTTP: the console's cookie cannot require HTTPS.
        "compliance": {"secure_cookies": False},
        "operators": agents[1] if agents else [],
        "nodes": [
            {
                "id": n.id,
                "base_url": agents[0][n.id] if agents else f"http://127.0.0.1:{ports[n.id]}",
                "jurisdiction": n.jurisdiction,
                "operator": n.operator,
                "models": [n.model],
                **({"descriptor": "agent"} if agents else {}),
            }
            for n in NODES
        ],
        "tenants": [
            {
                "id": "acme-lt",
                "home_jurisdiction": "LT",
                "allowed_jurisdictions": ["LT", "LV", "EE", "FI", "DE"],
                "purposes": ["customer-support"],
                "api_keys": [{"id": "demo-key", "sha256": hash_api_key(key)}],
            }
        ],
    }
    return parse_config(data, "demo")


def log_key_file(workdir: Path) -> Path:
    """The demo log's signing key (its public ``.vkey`` beside it), apart from the database."""
    return workdir / "log-key" / "signing-key"


def start_witness(workdir: Path, port: int, log_vkey: str) -> tuple[ThreadedServer, str]:
    """A C2SP witness of the demo log with its own key and state in ``workdir/witness``; its vkey."""
    from audit.checkpoint import NoteVerifier
    from witness.server import build_app
    from witness.state import WitnessState, load_or_create_key
    from witness.witness import Witness

    directory = workdir / "witness"
    witness = Witness(
        load_or_create_key(directory, WITNESS),
        [NoteVerifier.from_vkey(log_vkey)],
        WitnessState(directory / "state.json"),
    )
    return ThreadedServer(build_app(witness), port).start(), witness.vkey()


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--once", action="store_true", help="exit after the scenario instead of serving on")
    parser.add_argument(
        "--port", type=int, default=8080, help="gateway port (default 8080; 0 for any free port)"
    )
    parser.add_argument(
        "--workdir", type=Path, help="where the demo keeps its audit database (default: a temp dir)"
    )


def run(args: argparse.Namespace) -> int:
    from audit.checkpoint import load_or_create_signer
    from audit.config import AuditConfig
    from gateway.app import create_app
    from nodesim.app import create_app as create_sim
    from nodesim.settings import SimSettings
    from sovgw.demo_nodes import start_agents

    _take_back_ctrl_c()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="sovgw-demo-"))
    workdir.mkdir(parents=True, exist_ok=True)
    key = f"sk-demo-{secrets.token_urlsafe(18)}"
    ports = {n.id: free_port() for n in NODES} | {"gateway": args.port or free_port(), "witness": free_port()}
    log_signer, _ = load_or_create_signer(AuditConfig().log_origin, None, None, log_key_file(workdir))
    witness, witness_vkey = start_witness(workdir, ports["witness"], log_signer.vkey())
    upstreams = {n.id: f"http://127.0.0.1:{ports[n.id]}" for n in NODES}
    agents, operators = start_agents(NODES, upstreams)
    urls = {node: agent.url for node, agent in agents.items()}
    config = demo_config(workdir, key, ports, witness_vkey, (urls, operators))

    sims = [
        ThreadedServer(
            create_sim(
                SimSettings(
                    jurisdiction=n.jurisdiction,
                    model=n.model,
                    node_id=n.id,
                    latency_ms=20,
                    tokens_per_second=200,
                )
            ),
            ports[n.id],
        ).start()
        for n in NODES
    ]
    officer = None if args.once else _officer_token(config)
    print(f"Simulated TGI nodes: {', '.join(f'{n.id} ({n.jurisdiction})' for n in NODES)}")
    print(
        "Each behind its operator's node-agent: a descriptor signed by the operator's key, evidence"
        " on request, a signed receipt per answer (checked and recorded by the gateway)"
    )
    where = f" at {witness.url}" if not args.once else ""
    print(
        f"Witness {WITNESS}{where} cosigns the trail's checkpoints (key and state in {workdir / 'witness'})"
    )
    print("Starting the gateway (embedded policy engine, SQLite audit trail, offline classifier)...")
    try:
        gateway = ThreadedServer(create_app(config), ports["gateway"]).start(timeout=120)
    except BaseException:
        for agent in agents.values():
            agent.stop()
        for server in (witness, *sims):
            server.stop()
        raise
    base_url = f"{gateway.url}/v1"
    try:
        promises = _scenario(base_url, key)
        (workdir / "promises.txt").write_text("".join(f"x-sovgw-promise: {p}\n" for p in promises))
        print()
        print(f"Audit trail: {workdir / 'audit.db'}")
        print(
            f"Each answer's signed promise is in {workdir / 'promises.txt'}; check them with"
            f" sovgw audit verify --database sqlite:///{workdir / 'audit.db'}"
            f" --key {log_key_file(workdir)}.vkey --promise {workdir / 'promises.txt'}"
        )
        if not args.once:  # with --once the gateway is gone when this returns: no URL to offer
            print(f"Gateway: {base_url}   API key: {key}")
            print("Point an OpenAI SDK at it, e.g. OpenAI(base_url=..., api_key=...).")
            print(f"Console: {gateway.url}/console   (the trail of these requests, read-only for acme-lt)")
            print(f"Checkpoint: {gateway.url}/checkpoint   (signed by the log, cosigned by {WITNESS})")
            print(f"Officer token: {officer}")
            print("Ctrl-C stops.", flush=True)
            while True:  # short waits: a signal another thread took still stops it within 0.5 s
                threading.Event().wait(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        gateway.stop()  # its last checkpoint goes to the witness first
        witness.stop()
        for agent in agents.values():
            agent.stop()
        for server in sims:
            server.stop()
    return 0


def _take_back_ctrl_c() -> None:
    """The demo says Ctrl-C stops it, whoever started it: a shell's background job inherits SIGINT
    ignored, and a process started from a thread that blocks SIGINT inherits it blocked (then the
    kernel hands the signal to another thread, and a main thread waiting without a timeout never
    hears of it). So SIGINT and SIGTERM both raise KeyboardInterrupt here and are unblocked on the
    main thread, which every thread started afterwards inherits."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, interrupt)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})


def _officer_token(config: GatewayConfig) -> str:
    """A compliance officer's token for the demo tenant, made before the gateway opens the trail."""
    from audit.database import open_database
    from audit.query.scope import AccessScope, Role
    from gateway.compliance.cli import issue_token
    from gateway.compliance.tokens import TokenStore

    db = open_database(config.audit.database_url)
    try:
        store = TokenStore(db)
        store.ensure_schema()
        scope = AccessScope(Role.OFFICER, tenants=("acme-lt",))
        token, _ = issue_token(config.audit, store, scope, "demo officer")
    finally:
        db.dispose()
    return token


def _scenario(base_url: str, key: str) -> list[str]:
    """Run the scenario, printing a row per request; the promises its answers carried."""
    import openai
    from openai import Stream
    from openai.types.chat import ChatCompletionChunk, ChatCompletionMessageParam

    client = openai.OpenAI(base_url=base_url, api_key=key, max_retries=0)
    promises: list[str] = []
    print()
    print(
        f"{'request':<40} {'data':<9} {'answer':<10} {'node':<12} {'jurisdiction':<13} {'basis':<10} operator"
    )
    for title, prompt, stream in SCENARIO:
        messages: list[ChatCompletionMessageParam] = [{"role": "user", "content": prompt}]
        if stream:
            with client.chat.completions.with_streaming_response.create(
                model=MODEL, messages=messages, stream=True, max_tokens=24
            ) as response:
                chunks: Stream[ChatCompletionChunk] = response.parse()
                text = "".join(chunk.choices[0].delta.content or "" for chunk in chunks if chunk.choices)
                _print_row(title, f"{len(text.split())} words", response.headers)
                promises.append(response.headers["x-sovgw-promise"])
        else:
            raw = client.chat.completions.with_raw_response.create(
                model=MODEL, messages=messages, max_tokens=24
            )
            completion = raw.parse()
            _print_row(
                title, f"{len((completion.choices[0].message.content or '').split())} words", raw.headers
            )
            promises.append(raw.headers["x-sovgw-promise"])
    try:
        client.chat.completions.create(
            model=US_MODEL,
            messages=[{"role": "user", "content": "Email jonas.jonaitis@example.lt about his loan."}],
        )
    except openai.APIStatusError as e:
        reasons = "; ".join(e.body.get("reasons", [])) if isinstance(e.body, dict) else str(e)
        print(f"{'personal data to a US-only model':<40} {'personal':<9} HTTP {e.status_code}  refused:")
        for reason in reasons.split("; "):
            print(f"    - {reason}")
        promises.append(e.response.headers["x-sovgw-promise"])
    return promises


def _print_row(title: str, answer: str, headers: Any) -> None:
    def h(name: str) -> str:
        return str(headers.get(f"x-sovgw-{name}", "?"))

    print(
        f"{title:<40} {h('data-category'):<9} {answer:<10} {h('node'):<12} "
        f"{h('jurisdiction'):<13} {h('transfer-basis'):<10} {h('operator')}"
    )
