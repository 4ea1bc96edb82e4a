"""Presidio set up for the gateway: offline, EU-wide, its pattern recognizers callable directly."""
