"""Tests of the compliance side: queries, the audit API and its document, exports, the console, commands."""
