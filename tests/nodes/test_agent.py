"""The node-agent in front of a simulated TGI node: its descriptor and evidence, answers relayed byte
for byte, and a signed receipt per generation whose digests and counts match what was relayed."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from domain.nodes import (
    RECEIPT_EVENT,
    RECEIPT_HEADER,
    Evidence,
    SignedReceipt,
    decode_receipt,
    descriptor_digest,
    parse_receipt_event,
    parse_signed_descriptor,
    verify_descriptor,
    verify_receipt,
)
from gateway.local import ThreadedServer
from gateway.routing.attestation import appraise
from nodeagent.app import AgentSettings
from nodeagent.server import ThreadedAgent
from nodesim.app import create_app as create_sim
from nodesim.settings import SimSettings
from nodesim.state import SimState
from sovgw.cli import main
from tests.nodes.grid import BALTIC, MODEL, descriptor, signed

NODE_KEY = Ed25519PrivateKey.generate()
SIGNED = signed(descriptor("lt-1", BALTIC, "LT", NODE_KEY), BALTIC)
DIGEST = descriptor_digest(SIGNED.descriptor)
KEY = bytes(range(32))  # the one-time key a gateway would send
IDS = {"x-sovgw-request-id": "req-1", "x-sovgw-decision-id": "dec-1", "x-sovgw-digest-key": KEY.hex()}


def mac(body: bytes) -> str:
    return hmac.new(KEY, body, hashlib.sha256).hexdigest()


@dataclass
class Agent:
    url: str
    sim: SimState


@pytest.fixture(scope="module")
def agent() -> Iterator[Agent]:
    sim_app = create_sim(SimSettings(jurisdiction="LT", model=MODEL, node_id="lt-1"))
    with ThreadedServer(sim_app) as sim:
        settings = AgentSettings(upstream=sim.url, descriptor=SIGNED, node_key=NODE_KEY)
        with ThreadedAgent(settings) as server:
            yield Agent(server.url, sim_app.state.sim)


def test_the_agent_serves_its_signed_descriptor(agent: Agent) -> None:
    served = parse_signed_descriptor(httpx.get(f"{agent.url}/descriptor").content)
    assert verify_descriptor(served, [BALTIC.public_key], datetime.now(UTC)) == DIGEST


def test_the_agent_answers_a_nonce_with_fresh_evidence_bound_to_its_descriptor(agent: Agent) -> None:
    nonce = secrets.token_hex(32)
    evidence = Evidence.model_validate_json(httpx.get(f"{agent.url}/attestation?nonce={nonce}").content)
    appraise(evidence, SIGNED.descriptor, DIGEST, nonce, datetime.now(UTC), timedelta(seconds=5))
    assert evidence.type == "simulated"


@pytest.mark.parametrize("query", ["", "?nonce=", "?nonce=abc", f"?nonce={'G' * 64}"])
def test_a_malformed_nonce_is_refused(agent: Agent, query: str) -> None:
    assert httpx.get(f"{agent.url}/attestation{query}").status_code == 400


def test_health_and_info_pass_through_unchanged(agent: Agent) -> None:
    assert httpx.get(f"{agent.url}/health").status_code == 200
    assert httpx.get(f"{agent.url}/info").json()["model_id"] == MODEL
    assert RECEIPT_HEADER not in httpx.get(f"{agent.url}/info").headers


def _receipt(header: str) -> SignedReceipt:
    receipt = decode_receipt(header)
    verify_receipt(receipt, SIGNED.descriptor.node_key)
    return receipt


def test_a_whole_answer_is_relayed_with_a_receipt_of_what_went_each_way(agent: Agent) -> None:
    body = b'{"inputs": "Where is Vilnius?",  "parameters": {"max_new_tokens": 5}}'  # as sent, spaces too
    response = httpx.post(
        f"{agent.url}/generate", content=body, headers={"content-type": "application/json", **IDS}
    )
    assert response.status_code == 200
    assert agent.sim.received[-1] == ("/generate", body)
    r = _receipt(response.headers[RECEIPT_HEADER]).receipt
    assert (r.node_id, r.request_id, r.decision_id) == ("lt-1", "req-1", "dec-1")
    assert r.request_hmac == mac(body)
    assert r.response_hmac == mac(response.content)
    assert r.prompt_tokens == int(response.headers["x-prompt-tokens"])
    assert r.generated_tokens == int(response.headers["x-generated-tokens"]) == 5
    assert r.total_time_ms == int(response.headers["x-total-time"])
    assert r.model_weights_digest == SIGNED.descriptor.model_weights_digest
    assert r.descriptor_sha256 == DIGEST
    assert r.started_at <= r.ended_at


def test_a_stream_ends_with_a_receipt_event_over_the_bytes_before_it(agent: Agent) -> None:
    body = json.dumps({"inputs": "Tell me about Riga.", "parameters": {"max_new_tokens": 7}}).encode()
    headers = {"content-type": "application/json", **IDS}
    response = httpx.post(f"{agent.url}/generate_stream", content=body, headers=headers)
    relayed, _, trailer = response.content.rpartition(RECEIPT_EVENT)
    assert trailer and relayed.endswith(b"\n\n")
    r = parse_receipt_event(RECEIPT_EVENT + trailer)
    verify_receipt(r, SIGNED.descriptor.node_key)
    assert r.receipt.response_hmac == mac(relayed)
    assert r.receipt.request_hmac == mac(body)
    assert r.receipt.generated_tokens == relayed.count(b'"token":') == 7


def test_a_chat_stream_counts_from_its_usage_chunk(agent: Agent) -> None:
    body = {
        "model": MODEL,
        "messages": [{"role": "user", "content": "Hello"}],
        "max_tokens": 4,
        "stream": True,
        "stream_options": {"include_usage": True},
    }
    response = httpx.post(f"{agent.url}/v1/chat/completions", json=body, headers=IDS)
    relayed, _, trailer = response.content.rpartition(RECEIPT_EVENT)
    assert relayed.endswith(b"data: [DONE]\n\n")
    usage = json.loads(relayed.split(b"data: ")[-2])["usage"]
    r = parse_receipt_event(RECEIPT_EVENT + trailer).receipt
    assert (r.prompt_tokens, r.generated_tokens) == (usage["prompt_tokens"], usage["completion_tokens"])


def test_a_node_error_is_relayed_with_its_status_and_a_receipt(agent: Agent) -> None:
    response = httpx.post(f"{agent.url}/generate", json={"inputs": "", "parameters": {}}, headers=IDS)
    assert response.status_code == 422
    assert "error" in response.json()
    assert _receipt(response.headers[RECEIPT_HEADER]).receipt.response_hmac == mac(response.content)


def test_an_unreachable_server_is_a_502() -> None:
    settings = AgentSettings(upstream="http://127.0.0.1:9", descriptor=SIGNED, node_key=NODE_KEY)
    with ThreadedAgent(settings) as server:
        assert httpx.post(f"{server.url}/generate", json={"inputs": "x"}).status_code == 502
        assert httpx.get(f"{server.url}/health").status_code == 502


def test_the_command_refuses_a_key_the_descriptor_does_not_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "d.json").write_text(SIGNED.model_dump_json())
    assert main(["node", "key", str(tmp_path / "other.pem")]) == 0
    args = ["node-agent", "--upstream", "http://127.0.0.1:9", "--descriptor", str(tmp_path / "d.json")]
    assert main([*args, "--key", str(tmp_path / "other.pem")]) == 2
    assert "the key is not the node key the descriptor names" in capsys.readouterr().err
    assert main([*args, "--key", str(tmp_path / "missing.pem")]) == 2
    assert "No such file or directory" in capsys.readouterr().err
