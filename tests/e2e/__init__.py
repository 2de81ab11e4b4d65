"""Browser tests against a served site (make e2e)."""
