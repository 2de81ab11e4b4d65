"""Writes for payments and Direct Debits: keyword-only, atomic, audited."""
