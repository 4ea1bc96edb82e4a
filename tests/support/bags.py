"""Editing an export bag as a tamperer would: the payload changed and both manifests recomputed."""

from __future__ import annotations

from audit.export import bagit


def rebag(files: dict[str, bytes]) -> dict[str, bytes]:
    """Both manifests recomputed over ``files``, as someone who edits a bag and covers their tracks
    would (the log's signature they cannot recompute)."""
    files = dict(files)
    files["manifest-sha256.txt"] = bagit.manifest({p: d for p, d in files.items() if p.startswith("data/")})
    files["tagmanifest-sha256.txt"] = bagit.manifest(
        {p: files[p] for p in ("bagit.txt", "bag-info.txt", "manifest-sha256.txt")}
    )
    return files
