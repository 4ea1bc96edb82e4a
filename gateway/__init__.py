"""Sovereign Gateway: OpenAI- and TGI-compatible inference that goes only where residency rules allow."""

__version__ = "0.1.0"
