"""The node-agent: an operator's sidecar in front of its inference server that serves the node's
signed descriptor and evidence, and signs a receipt for every request it forwards."""
