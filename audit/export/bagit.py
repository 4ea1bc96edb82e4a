"""The bag (RFC 8493): the payload under ``data/``, SHA-256 manifests of payload and tag files."""

from __future__ import annotations

import hashlib


def bag(payload: dict[str, bytes], info: dict[str, str]) -> dict[str, bytes]:
    """The bag's files by path; ``info`` becomes bag-info.txt, with Payload-Oxum added."""
    files = {f"data/{p}": d for p, d in payload.items()}
    info = {**info, "Payload-Oxum": f"{sum(len(d) for d in payload.values())}.{len(payload)}"}
    files["bagit.txt"] = b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
    files["bag-info.txt"] = "".join(f"{k}: {v}\n" for k, v in info.items()).encode()
    files["manifest-sha256.txt"] = manifest({p: d for p, d in files.items() if p.startswith("data/")})
    files["tagmanifest-sha256.txt"] = manifest(
        {p: files[p] for p in ("bagit.txt", "bag-info.txt", "manifest-sha256.txt")}
    )
    return files


def manifest(files: dict[str, bytes]) -> bytes:
    return "".join(f"{hashlib.sha256(d).hexdigest()}  {p}\n" for p, d in sorted(files.items())).encode()
