"""Signed node descriptors: signing, verification, and a gateway that routes only to nodes whose
descriptor is valid, signed by their operator and true to their configured jurisdiction."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
import rfc8785
import yaml
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from domain.nodes import (
    DESCRIPTOR_CONTEXT,
    NodeIdentityError,
    descriptor_bytes,
    descriptor_digest,
    parse_signed_descriptor,
    verify_descriptor,
)
from gateway.config import ConfigError, parse_config
from sovgw.cli import main
from tests.nodes.grid import BALTIC, RHEIN, GridNode, descriptor, records, signed, start_grid

NODE_KEY = Ed25519PrivateKey.generate()
NOW = datetime.now(UTC)


def test_a_descriptor_verifies_under_its_operators_key_and_names_its_digest() -> None:
    s = signed(descriptor("lt-1", BALTIC, "LT", NODE_KEY), BALTIC)
    assert verify_descriptor(s, [BALTIC.public_key], NOW) == descriptor_digest(s.descriptor)
    # a second listed key (rotation) does not get in the way
    assert verify_descriptor(s, [RHEIN.public_key, BALTIC.public_key], NOW)


def test_the_digest_does_not_depend_on_how_the_json_is_written() -> None:
    s = signed(descriptor("lt-1", BALTIC, "LT", NODE_KEY), BALTIC)
    data = json.loads(s.model_dump_json())
    reordered = json.dumps(
        {"signature": data["signature"], "descriptor": dict(reversed(data["descriptor"].items()))}, indent=3
    )
    again = parse_signed_descriptor(reordered)
    assert verify_descriptor(again, [BALTIC.public_key], NOW) == descriptor_digest(s.descriptor)


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("foreign", "not signed by its operator's key"),
        ("tampered", "not signed by its operator's key"),
        ("expired", "expired at"),
        ("future", "valid only from"),
    ],
)
def test_a_descriptor_that_does_not_hold_is_refused_with_what_failed(case: str, message: str) -> None:
    d = descriptor("lt-1", BALTIC, "LT", NODE_KEY)
    s = signed(d, BALTIC)
    if case == "foreign":
        s = signed(d, RHEIN)
    elif case == "tampered":
        s = s.model_copy(update={"descriptor": d.model_copy(update={"site": "Ashburn, VA"})})
    elif case == "expired":
        s = signed(
            descriptor(
                "lt-1", BALTIC, "LT", NODE_KEY, starts=timedelta(days=-10), valid_for=timedelta(days=1)
            ),
            BALTIC,
        )
    else:
        s = signed(descriptor("lt-1", BALTIC, "LT", NODE_KEY, starts=timedelta(days=1)), BALTIC)
    with pytest.raises(NodeIdentityError, match=message):
        verify_descriptor(s, [BALTIC.public_key], NOW)


def test_an_unsigned_descriptor_is_not_read_as_one() -> None:
    bare = descriptor("lt-1", BALTIC, "LT", NODE_KEY).model_dump_json()
    with pytest.raises(NodeIdentityError, match="the descriptor is not signed"):
        parse_signed_descriptor(bare)
    with pytest.raises(NodeIdentityError, match=r"not a signed node descriptor \(descriptor.country"):
        wrong_country = bare.replace('"LT"', '"Lithuania"')
        parse_signed_descriptor(f'{{"signature": "", "descriptor": {wrong_country}}}')


def test_the_commands_sign_and_verify_a_descriptor(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["node", "key", str(tmp_path / "operator.pem")]) == 0
    operator_key = capsys.readouterr().out.strip()
    assert main(["node", "key", str(tmp_path / "node.pem")]) == 0
    node_key = capsys.readouterr().out.strip()
    assert (tmp_path / "operator.pem").stat().st_mode & 0o077 == 0
    fields = json.loads(descriptor("lt-1", BALTIC, "LT", NODE_KEY).model_dump_json()) | {"node_key": node_key}
    (tmp_path / "lt-1.yaml").write_text(yaml.safe_dump(fields))
    out = tmp_path / "lt-1.json"
    assert (
        main(
            [
                "node",
                "descriptor",
                "sign",
                str(tmp_path / "lt-1.yaml"),
                "--key",
                str(tmp_path / "operator.pem"),
                "--out",
                str(out),
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert main(["node", "descriptor", "verify", str(out), "--operator-key", operator_key]) == 0
    said = capsys.readouterr().out
    assert "valid: node lt-1 of Baltic GPU UAB in LT" in said
    assert descriptor_digest(parse_signed_descriptor(out.read_bytes()).descriptor) in said
    assert main(["node", "descriptor", "verify", str(out), "--operator-key", RHEIN.public_key]) == 1
    assert "not signed by its operator's key" in capsys.readouterr().err
    later = (datetime.now(UTC) + timedelta(days=60)).isoformat()
    assert (
        main(["node", "descriptor", "verify", str(out), "--operator-key", operator_key, "--at", later]) == 1
    )
    assert "expired" in capsys.readouterr().err


def test_the_sign_command_names_a_missing_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["node", "key", str(tmp_path / "operator.pem")]) == 0
    (tmp_path / "d.yaml").write_text("node_id: lt-1\n")
    assert (
        main(
            ["node", "descriptor", "sign", str(tmp_path / "d.yaml"), "--key", str(tmp_path / "operator.pem")]
        )
        == 2
    )
    assert "operator: Field required" in capsys.readouterr().err


def _node(node_id: str, descriptor_file: str | None, operator: str = BALTIC.name) -> dict[str, object]:
    node: dict[str, object] = {
        "id": node_id,
        "base_url": "http://127.0.0.1:9",
        "jurisdiction": "LT",
        "operator": operator,
        "models": ["m"],
    }
    if descriptor_file:
        node["descriptor"] = descriptor_file
    return node


def _config(nodes: list[dict[str, object]], operators: list[dict[str, object]]) -> dict[str, object]:
    tenant = {
        "id": "t",
        "home_jurisdiction": "LT",
        "allowed_jurisdictions": ["LT"],
        "purposes": ["p"],
        "api_keys": [{"id": "k", "sha256": "0" * 64}],
    }
    return {"operators": operators, "nodes": nodes, "tenants": [tenant]}


def test_config_refuses_a_described_node_of_an_unlisted_operator() -> None:
    with pytest.raises(ConfigError, match="operator 'Baltic GPU UAB' is not listed under operators"):
        parse_config(_config([_node("lt-1", "agent")], [RHEIN.config()]))
    # without a descriptor, a node needs no listed operator (today's configurations)
    assert parse_config(_config([_node("lt-1", None)], []))


def test_config_refuses_an_operator_key_that_is_not_ed25519() -> None:
    with pytest.raises(ConfigError, match="not an Ed25519 public key"):
        parse_config(_config([_node("lt-1", None)], [{"name": "X", "public_keys": ["bm90IGEga2V5"]}]))


def test_only_nodes_with_a_valid_descriptor_of_their_operator_are_routed_to(tmp_path: Path) -> None:
    def file(d: object) -> bytes:
        return d.model_dump_json().encode()  # type: ignore[attr-defined]

    good = signed(descriptor("lt-good", BALTIC, "LT", NODE_KEY), BALTIC)
    expired = signed(
        descriptor(
            "lt-expired", BALTIC, "LT", NODE_KEY, starts=timedelta(days=-3), valid_for=timedelta(days=1)
        ),
        BALTIC,
    )
    unsigned = descriptor("lt-unsigned", BALTIC, "LT", NODE_KEY)
    foreign = signed(descriptor("lt-foreign", BALTIC, "LT", NODE_KEY), RHEIN)
    honest = signed(descriptor("lt-tampered", BALTIC, "LT", NODE_KEY), BALTIC)
    tampered = honest.model_copy(
        update={"descriptor": honest.descriptor.model_copy(update={"gpu_model": "NVIDIA B200"})}
    )
    elsewhere = signed(
        descriptor("lt-elsewhere", BALTIC, "LV", NODE_KEY), BALTIC
    )  # signed for LV, configured LT
    other_node = signed(descriptor("lt-good", BALTIC, "LT", NODE_KEY), BALTIC)  # another node's descriptor
    nodes = [
        GridNode("lt-good", "LT", BALTIC, file(good)),
        GridNode("lt-expired", "LT", BALTIC, file(expired)),
        GridNode("lt-unsigned", "LT", BALTIC, file(unsigned)),
        GridNode("lt-foreign", "LT", BALTIC, file(foreign)),
        GridNode("lt-tampered", "LT", BALTIC, file(tampered)),
        GridNode("lt-elsewhere", "LT", BALTIC, file(elsewhere)),
        GridNode("lt-copied", "LT", BALTIC, file(other_node)),
        GridNode("lt-missing", "LT", BALTIC, b""),
        GridNode("lt-plain", "LT", BALTIC, None),  # no descriptor configured: routed as today
    ]
    grid = start_grid(tmp_path, nodes, [BALTIC, RHEIN])
    try:
        for _ in range(24):
            response = grid.generate()
            assert response.status_code == 200, response.text
            assert response.headers["x-sovgw-node"] in ("lt-good", "lt-plain")
        assert len(grid.sim("lt-good").received) > 0
        assert len(grid.sim("lt-plain").received) > 0
        for node in (
            "lt-expired",
            "lt-unsigned",
            "lt-foreign",
            "lt-tampered",
            "lt-elsewhere",
            "lt-copied",
            "lt-missing",
        ):
            assert len(grid.sim(node).received) == 0, node
        out = httpx.get(f"{grid.url}/ready").json()["nodes_out_of_routing"]
        assert out == {
            "lt-expired": out["lt-expired"],
            "lt-unsigned": "the descriptor is not signed",
            "lt-foreign": "the descriptor is not signed by its operator's key",
            "lt-tampered": "the descriptor is not signed by its operator's key",
            "lt-elsewhere": "the descriptor places the node in LV, not LT",
            "lt-copied": "the descriptor describes node 'lt-good'",
            "lt-missing": "its descriptor file cannot be read (No such file or directory)",
        }
        assert out["lt-expired"].startswith("the descriptor expired at ")
        changes = {r["detail"]["node"]: r["detail"] for r in records(grid, "node_identity")}
        assert changes["lt-good"]["routable"] == "True"
        assert changes["lt-good"]["descriptor_sha256"] == descriptor_digest(good.descriptor)
        assert changes["lt-foreign"] == {
            "node": "lt-foreign",
            "operator": BALTIC.name,
            "routable": "False",
            "reason": "the descriptor is not signed by its operator's key",
        }
    finally:
        grid.stop()


def test_canonical_bytes_are_rfc8785_even_with_unusual_text() -> None:
    """The quick path for canonical bytes gives exactly what the RFC 8785 reference gives."""
    for site in ("DC1, Vilnius", 'Rīga \u00e9\u2028 \U0001f600 "q" \\ \x01 \x7f', "\u0000"):
        d = descriptor("lt-1", BALTIC, "LT", NODE_KEY, site=site)
        assert descriptor_bytes(d) == DESCRIPTOR_CONTEXT + rfc8785.dumps(d.model_dump(mode="json"))
