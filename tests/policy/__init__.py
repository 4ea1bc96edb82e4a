"""Tests of the policy stage: sources, backends, the engine and its cache, the CLI."""
