"""Tests of the benchmark harnesses themselves (short smoke runs)."""
