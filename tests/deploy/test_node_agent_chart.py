"""The node-agent chart an operator installs beside its TGI: it lints, every manifest it renders is
valid Kubernetes, the pod runs `sovgw node-agent` on the signed descriptor and key it is given, and
it refuses to render without them."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from sovgw.cli import build_parser
from tests.deploy.test_helm_chart import KUBERNETES
from tests.support.system import helm_binary

CHART = Path(__file__).resolve().parents[2] / "deploy/helm/sovereign-node-agent"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def signed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A node key, and the Vilnius descriptor naming it, signed by its operator's key."""
    tmp = tmp_path_factory.mktemp("node")
    sovgw = [str(ROOT / ".venv/bin/sovgw")]
    node_key = subprocess.run(
        [*sovgw, "node", "key", str(tmp / "node.pem")], capture_output=True, text=True, check=True
    ).stdout.strip()
    subprocess.run([*sovgw, "node", "key", str(tmp / "operator.pem")], capture_output=True, check=True)
    source = yaml.safe_load((ROOT / "deploy/nodes/vilnius/descriptor.yaml").read_text())
    source["node_key"] = node_key
    (tmp / "descriptor.yaml").write_text(yaml.safe_dump(source))
    descriptor, operator = str(tmp / "descriptor.yaml"), str(tmp / "operator.pem")
    sign = [
        "node",
        "descriptor",
        "sign",
        descriptor,
        "--key",
        operator,
        "--out",
        str(tmp / "descriptor.json"),
    ]
    subprocess.run([*sovgw, *sign], capture_output=True, check=True)
    return {"descriptor": tmp / "descriptor.json", "key": tmp / "node.pem"}


def _helm(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(helm_binary()), *args], capture_output=True, text=True, timeout=120)
    if check:
        assert result.returncode == 0, result.stderr or result.stdout
    return result


def _values(signed: dict[str, Path], with_key: str) -> list[str]:
    args = ["--set-file", f"descriptor={signed['descriptor']}"]
    if with_key == "pem":
        args += ["--set-file", f"nodeKey.pem={signed['key']}"]
    else:
        args += ["--set", "nodeKey.existingSecret=vilnius-node-key"]
    return args


def _render(signed: dict[str, Path], with_key: str) -> list[dict[str, Any]]:
    out = _helm(
        "template", "vilnius", str(CHART), "--namespace", "inference", *_values(signed, with_key)
    ).stdout
    return [d for d in yaml.safe_load_all(out) if d]


@pytest.mark.parametrize("with_key", ["existing", "pem"])
def test_the_chart_lints_and_every_manifest_is_valid_kubernetes(signed, with_key: str) -> None:
    assert "0 chart(s) failed" in _helm("lint", "--strict", str(CHART), *_values(signed, with_key)).stdout
    docs = _render(signed, with_key)
    for doc in docs:
        kubernetes_validate.validate(doc, KUBERNETES, strict=True)
    kinds = sorted(d["kind"] for d in docs)
    expected = ["ConfigMap", "Deployment", "Service"] + (["Secret"] if with_key == "pem" else [])
    assert kinds == sorted(expected)


def test_the_pod_runs_the_node_agent_on_the_signed_descriptor_and_key_it_was_given(signed) -> None:
    docs = {d["kind"]: d for d in _render(signed, "pem")}
    pod = docs["Deployment"]["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    args = build_parser(container["args"]).parse_args(container["args"])
    assert args.upstream == "http://tgi:80"
    mounts = {m["name"]: m for m in container["volumeMounts"]}
    volumes = {v["name"]: v for v in pod["volumes"]}
    # The descriptor file it serves is the signed one, byte for byte.
    descriptor = Path(args.descriptor)
    assert mounts["descriptor"]["mountPath"] == str(descriptor.parent)
    config_map = docs["ConfigMap"]
    assert volumes["descriptor"]["configMap"]["name"] == config_map["metadata"]["name"]
    assert config_map["data"][descriptor.name] == signed["descriptor"].read_text()
    # The key it signs receipts with is the node key, from the Secret, read-only to the agent alone.
    key = Path(args.key)
    assert mounts["key"]["mountPath"] == str(key.parent) and mounts["key"]["readOnly"] is True
    secret = docs["Secret"]
    assert volumes["key"]["secret"]["secretName"] == secret["metadata"]["name"]
    assert volumes["key"]["secret"]["defaultMode"] == 0o400
    import base64

    assert base64.b64decode(secret["data"][key.name]).decode() == signed["key"].read_text()
    # The Service reaches the port it listens on; the pod runs as nobody, read-only.
    assert container["ports"][0]["containerPort"] == args.port
    assert docs["Service"]["spec"]["ports"][0]["targetPort"] == container["ports"][0]["name"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert container["readinessProbe"]["httpGet"]["path"] == "/health"  # TGI behind it answers


def test_an_existing_secret_is_mounted_and_no_key_is_written_into_the_release(signed) -> None:
    docs = _render(signed, "existing")
    assert not [d for d in docs if d["kind"] == "Secret"]
    deployment = next(d for d in docs if d["kind"] == "Deployment")
    volumes = {v["name"]: v for v in deployment["spec"]["template"]["spec"]["volumes"]}
    assert volumes["key"]["secret"]["secretName"] == "vilnius-node-key"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--set", "nodeKey.existingSecret=k"], "descriptor is needed"),
        (["--set-string", "descriptor=signed"], "the node key is needed"),
    ],
)
def test_without_a_descriptor_or_a_key_the_chart_refuses_to_render(args: list[str], message: str) -> None:
    result = _helm("template", "vilnius", str(CHART), *args, check=False)
    assert result.returncode != 0 and message in result.stderr


def test_an_operator_with_sev_snp_hardware_gets_its_evidence_command_and_device(signed) -> None:
    """The command's text reaches the agent as one argument, however it is quoted, with what the
    platform mounts for it; without one the agent serves simulated evidence (no flag at all)."""
    command = "/usr/local/bin/snp-quote --format 'json: v1' # report"
    volume = {"name": "sev", "hostPath": {"path": "/dev/sev-guest", "type": "CharDevice"}}
    mount = {"name": "sev", "mountPath": "/dev/sev-guest"}
    out = _helm(
        "template",
        "vilnius",
        str(CHART),
        *_values(signed, "existing"),
        "--set-string",
        f"evidence.command={command}",
        "--set",
        "evidence.timeoutSeconds=4",
        "--set-json",
        f"extraVolumes=[{json.dumps(volume)}]",
        "--set-json",
        f"extraVolumeMounts=[{json.dumps(mount)}]",
    ).stdout
    docs = [d for d in yaml.safe_load_all(out) if d]
    for doc in docs:
        kubernetes_validate.validate(doc, KUBERNETES, strict=True)
    pod = next(d for d in docs if d["kind"] == "Deployment")["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    args = build_parser(container["args"]).parse_args(container["args"])
    assert args.evidence_command == command and args.evidence_timeout == 4
    assert mount in container["volumeMounts"] and volume in pod["volumes"]

    plain = next(d for d in _render(signed, "existing") if d["kind"] == "Deployment")
    (container,) = plain["spec"]["template"]["spec"]["containers"]
    assert build_parser(container["args"]).parse_args(container["args"]).evidence_command is None
