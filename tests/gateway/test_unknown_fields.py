"""A tenant's `unknown_fields` setting reaches the adapters: `reject` refuses a field the gateway does
not know, in the client's protocol, before anything is recorded or forwarded; `classify` (the
default) classifies it and serves."""

from __future__ import annotations

from pathlib import Path

import httpx
import openai
import pytest

from tests.support.cluster import MODEL, NodeSpec, start_cluster

MESSAGES = [{"role": "user", "content": "Summarise the Nemunas delta's bird life."}]


def test_a_rejecting_tenant_gets_a_400_naming_the_unknown_field_and_nothing_is_sent(tmp_path: Path) -> None:
    running = start_cluster(tmp_path, [NodeSpec("lt-1", "LT")], tenant={"unknown_fields": "reject"})
    try:
        with pytest.raises(openai.BadRequestError) as refused:
            running.openai().chat.completions.create(
                model=MODEL, messages=MESSAGES, max_tokens=3, extra_body={"vendor_notes": "anything"}
            )
        assert "vendor_notes" in str(refused.value)
        native = httpx.post(
            f"{running.url}/generate",
            json={"inputs": "hi", "parameters": {"max_new_tokens": 2}, "vendor_notes": "x"},
            headers=running.auth,
        )
        assert native.status_code == 422 and native.json()["error_type"] == "validation"
        assert not running.nodes["lt-1"].sim.received
        served = running.openai().chat.completions.create(model=MODEL, messages=MESSAGES, max_tokens=3)
        assert served.choices[0].message.content  # known fields only: served as usual
    finally:
        running.stop()


def test_a_classifying_tenant_is_served_with_the_unknown_field_classified(tmp_path: Path) -> None:
    running = start_cluster(tmp_path, [NodeSpec("lt-1", "LT"), NodeSpec("de-1", "DE")])
    try:
        raw = running.openai().chat.completions.with_raw_response.create(
            model=MODEL,
            messages=MESSAGES,
            max_tokens=3,
            extra_body={"vendor_notes": "Patient Jonas Jonaitis has HIV and takes antiretrovirals."},
        )
        assert raw.headers["x-sovgw-data-category"] == "special"
        assert raw.headers["x-sovgw-jurisdiction"] == "LT"  # special-category data stays home
    finally:
        running.stop()
