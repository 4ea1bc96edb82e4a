"""Residency decisions: which nodes may serve a request, and on what transfer basis."""
