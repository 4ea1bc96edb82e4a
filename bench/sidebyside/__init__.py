"""Side by side: what Sovereign Gateway adds over calling a node directly, next to LiteLLM proxy.

One run drives every path with the same load generator (locust, headless, one process per round)
against the same node simulator (zero think time): straight to the simulator, through the gateway
with its full pipeline on SQLite and on PostgreSQL, and through LiteLLM proxy (no guardrails, and
with its Presidio guardrail where a local Presidio can run). Rounds of each path are interleaved so
machine drift hits all alike. ``python -m bench.sidebyside --help`` shows the options.
"""
