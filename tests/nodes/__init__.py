"""Tests of node identity: signed descriptors, evidence, the node-agent and its receipts."""
