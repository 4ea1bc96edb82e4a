"""Benchmarks: scripts that write results under bench/results and print a summary."""
