"""The forwarding stage: one attempt per node, the relay of its stream, and the HTTP client for nodes."""
