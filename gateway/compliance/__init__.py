"""The compliance side: the audit API and its OpenAPI document, the web console, access tokens, commands."""
