"""Writes of the accounts app, split by sub-domain: ``users``, ``throttle``, ``sign_in``,
``two_factor``, ``password_reset``. Keyword-only, typed, each with its audit event."""

from partnership.accounts.services.users import user_create

__all__ = ["user_create"]
