"""The router limits a simulated node announces in /info and enforces, as TGI 3.3 does."""

from __future__ import annotations

VERSION = "3.3.6"
ROUTER = "sovereign-gateway node simulator"
COMPUTE_TYPE = "gpu+optimized"  # TGI's default when COMPUTE_TYPE is unset
MAX_BEST_OF = 2
MAX_STOP_SEQUENCES = 4
MAX_TOP_N_TOKENS = 5
MAX_INPUT_TOKENS = 8_191
MAX_TOTAL_TOKENS = 8_192
MAX_CLIENT_BATCH_SIZE = 4
VALIDATION_WORKERS = 2
MAX_BODY_BYTES = 2_000_000
# With no max_new_tokens TGI generates up to the model's end-of-sequence token; this caps one round.
DEFAULT_GENERATION_LENGTH = 1_024
# /v1/completions without max_tokens gets exactly this many (TGI's `max_tokens.or(Some(100))`).
COMPLETIONS_DEFAULT_MAX_TOKENS = 100
SYSTEM_FINGERPRINT = f"{VERSION}-native"
