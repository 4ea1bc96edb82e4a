"""Tests of the gateway: its routes, pipeline guards, streams, failover, health and operations."""
