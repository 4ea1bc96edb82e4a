"""Tests of the `sovgw` command and the demo it composes."""
