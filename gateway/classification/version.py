"""The detector version and the recognizer hash that every classification summary carries."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from importlib import metadata, resources
from importlib.resources.abc import Traversable
from pathlib import Path

from gateway.classification.identifiers import SPECS
from gateway.classification.presidio.nlp import check_ner_model_path
from gateway.classification.presidio.recognizers import RECOGNIZER_NAMES
from gateway.classification.special import SPECIAL_ENTITIES

DETECTOR_VERSION = "sovgw-detect/1.0"


def recognizer_hash(languages: list[str], ner_model_path: Path | None) -> str:
    """A hash over what decides a finding: recognizers, identifier table, data files, NER model,
    and the language models' release (a new one may read a short text's language otherwise).

    Computed without building an engine, so the event-loop process can stamp summaries with it.
    """
    h = hashlib.sha256()
    h.update(json.dumps([DETECTOR_VERSION, languages, RECOGNIZER_NAMES, sorted(SPECIAL_ENTITIES)]).encode())
    h.update(metadata.version("lingua-language-detector").encode())
    h.update(
        json.dumps(
            [(s.entity, s.validator.__name__, s.strength.name, s.shape.pattern, s.context) for s in SPECS]
        ).encode()
    )
    data = resources.files("gateway.classification") / "data"
    for path in sorted(_json_files(data), key=str):
        h.update(str(path.name).encode() + b"\0" + path.read_bytes())
    if ner_model_path is not None:
        check_ner_model_path(ner_model_path)
        h.update((ner_model_path / "meta.json").read_bytes())
    return h.hexdigest()


def _json_files(root: Traversable) -> Iterator[Traversable]:
    for entry in root.iterdir():
        if entry.is_dir():
            yield from _json_files(entry)
        elif entry.name.endswith(".json"):
            yield entry
