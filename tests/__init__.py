"""The test suite: unit, integration (real OPA, PostgreSQL, SDK clients) and end-to-end."""
