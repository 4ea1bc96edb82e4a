"""The simulator keeps the latest bodies that reached it, as bytes, for tests that check what left
the gateway; refused bodies count too, and the record is bounded."""

from __future__ import annotations

from starlette.testclient import TestClient

from nodesim.state import RECEIVED_KEPT


def test_every_generation_route_records_the_raw_body(client: TestClient) -> None:
    sim = client.app.state.sim  # type: ignore[attr-defined]
    chat = b'{"messages":[{"role":"user","content":"hi"}],"max_tokens":1}'
    client.post("/v1/chat/completions", content=chat, headers={"content-type": "application/json"})
    client.post("/v1/completions", json={"prompt": "hi", "max_tokens": 1})
    client.post("/generate", json={"inputs": "hi", "parameters": {"max_new_tokens": 1}})
    client.post("/", json={"inputs": "hi", "parameters": {"top_p": 7}})  # refused by the node: still received
    assert [path for path, _ in sim.received] == ["/v1/chat/completions", "/v1/completions", "/generate", "/"]
    assert sim.received[0][1] == chat


def test_the_record_keeps_only_the_latest_bodies(client: TestClient) -> None:
    sim = client.app.state.sim  # type: ignore[attr-defined]
    for i in range(RECEIVED_KEPT + 3):
        client.post("/generate", json={"inputs": f"n{i}", "parameters": {"max_new_tokens": 1}})
    assert len(sim.received) == RECEIVED_KEPT
    assert b'"n3"' in sim.received[0][1] and b'"n%d"' % (RECEIVED_KEPT + 2) in sim.received[-1][1]
