"""The one-time form token: a resubmitted complaints form finds the complaint it made.

Each rendering of the empty form carries a fresh random key, signed so that only keys
this site issued are accepted. The key is stored with the complaint (unique), so the
same form sent twice — a refresh, a double click, the Back button — records one
complaint. It needs no cookie and no session.
"""

from __future__ import annotations

import secrets

from django.core import signing

_signer = signing.Signer(salt="partnership.compliance.complaints.form-token")


def form_token_issue() -> str:
    return _signer.sign(secrets.token_urlsafe(24))


def form_token_read(token: str) -> str | None:
    """The key inside a token this site issued, or None."""
    if len(token) > 200:
        return None
    try:
        key = _signer.unsign(token)
    except signing.BadSignature:
        return None
    return key if 0 < len(key) <= 64 else None
