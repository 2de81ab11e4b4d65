"""How a person is found: the keyed blind index of their normalised e-mail address."""

from __future__ import annotations

from partnership.crypto.blind_index import blind_index, normalise_email

LOGIN_INDEX_PURPOSE = "account-email"


def login_index(email: str) -> str:
    return blind_index(email, purpose=LOGIN_INDEX_PURPOSE, normalise=normalise_email)
