"""Sovereign Gateway: OpenAI- and TGI-compatible inference that goes only where residency rules allow."""

import os

# huggingface_hub (the node health client) must never send a locally saved Hub token to an
# inference node. Set before huggingface_hub is first imported: it reads this once.
os.environ["HF_HUB_DISABLE_IMPLICIT_TOKEN"] = "1"  # noqa: S105 (a switch, not a secret)

__version__ = "0.1.0"
