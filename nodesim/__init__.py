"""A TGI node simulator: speaks text-generation-inference 3.3's HTTP protocol with deterministic
answers, configurable latency and injected failures, so the gateway can be tested and benchmarked
without GPUs.

What it promises (the tests in tests/nodesim hold it to these):
- every route of a TGI node, byte-faithful SSE framing (``data: <compact JSON>\\n\\n``, ``[DONE]`` on
  the OpenAI routes only, ``:\\n\\n`` keep-alive), TGI's validation messages and error shapes, and the
  in-band errors (HTTP 200) TGI gives once a stream has opened, validation and overload included;
- answers from a fixed word list, keyed on (node seed, prompt, request seed): same request, same
  answer, streamed or not; prompt tokens are whitespace-separated words;
- ``max_new_tokens``/``max_tokens`` set: exactly that many tokens (``length``) unless a stop sequence
  ends it first; unset: the "model" ends by itself after 8 to 48 words with ``</s>`` (``eos_token``,
  OpenAI ``stop``); /v1/completions defaults to 100 tokens and POST / to ``return_full_text``, as TGI;
- tools: the first (or the chosen) tool is called with arguments built from its JSON schema;
  ``response_format``/``grammar`` answers are JSON objects built from the schema;
- test hooks on ``app.state.sim`` (see ``SimState``), no admin route.
Not simulated: ``top_n_tokens`` lists, ``best_of`` sequences, regex grammars, real tokenisation.
"""

from nodesim.app import create_app
from nodesim.settings import SimSettings
from nodesim.state import SimState

__all__ = ["SimSettings", "SimState", "create_app"]
