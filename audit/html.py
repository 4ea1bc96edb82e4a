"""The trail's HTML pages (the export report, records of processing), from the templates beside this."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader

_templates = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True)


def render(name: str, **context: Any) -> str:
    """The template ``templates/<name>`` rendered with ``context``; every value is HTML-escaped."""
    return _templates.get_template(name).render(**context)
