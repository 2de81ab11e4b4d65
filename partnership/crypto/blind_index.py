"""Blind indexes: keyed hashes of normalised values, for exact look-ups only.

``blind_index(value, purpose=...)`` is the hex HMAC-SHA256, under ``BLIND_INDEX_KEY``
(separate from the encryption keys), of ``purpose + "\\x00" + normalised value``. Store
it in an indexed column beside the encrypted field and look rows up by it.

It answers "is there a row whose e-mail is exactly this one?" and nothing else: no
prefix, range, "contains" or fuzzy search, and no ordering. Each purpose gives a
different index for the same value, so indexes cannot be joined across purposes. A
blind index of a value from a small set (a date of birth alone) can be guessed by
whoever holds the key, so index such values only in combination with others.

Card numbers have an index of their own (``card_number_index``), under the keys of
``CARD_INDEX_KEYS`` and never ``BLIND_INDEX_KEY``: numbers come from a few BIN
ranges, so whoever holds an index key can search the whole space in seconds, and
that key must open nothing else. Its tokens are ``<key id>.<hex HMAC>``; the first
key indexes, every key is tried on look-up (``card_number_index_candidates``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import unicodedata
from collections.abc import Callable, Sequence

from partnership.crypto.keys import blind_index_key, card_index_keys

Normaliser = Callable[[str], str]

_WHITESPACE = re.compile(r"\s+")
_UK_POSTCODE = re.compile(r"(?:[A-Z]{1,2}[0-9][A-Z0-9]?|GIR)([0-9][A-Z]{2})")


def normalise_text(value: str) -> str:
    """NFKC, case-folded, runs of whitespace collapsed to one space, ends stripped."""
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFKC", value).casefold()).strip()


def normalise_email(value: str) -> str:
    """Stripped, NFKC, case-folded (the whole address: look-ups must not miss by case)."""
    return unicodedata.normalize("NFKC", value.strip()).casefold()


def normalise_postcode(value: str) -> str:
    """A UK postcode as ``"SW1A 1AA"``: upper case, one space before the inward code.

    Raises ``ValueError`` for anything that is not a UK postcode.
    """
    compact = _WHITESPACE.sub("", unicodedata.normalize("NFKC", value)).upper()
    if not _UK_POSTCODE.fullmatch(compact):
        raise ValueError("not a UK postcode")
    return f"{compact[:-3]} {compact[-3:]}"


def _check_purpose(purpose: str) -> bytes:
    if not purpose or "\x00" in purpose:
        raise ValueError("a blind index purpose must be a non-empty name without NUL")
    return purpose.encode("utf-8")


def _hmac(message: bytes) -> str:
    return hmac.new(blind_index_key(), message, hashlib.sha256).hexdigest()


def blind_index(value: str, *, purpose: str, normalise: Normaliser = normalise_text) -> str:
    """Hex HMAC-SHA256 of ``purpose + "\\x00" + normalise(value)``.

    ``purpose`` names the column it is for (e.g. ``"accounts.customer.email"``);
    ``normalise`` is one of this module's normalisers (``normalise_text`` by default).
    """
    return _hmac(_check_purpose(purpose) + b"\x00" + normalise(value).encode("utf-8"))


def _card_token(key_id: str, key: bytes, message: bytes) -> str:
    return f"{key_id}.{hmac.new(key, message, hashlib.sha256).hexdigest()}"


def card_number_index(value: str, *, purpose: str, normalise: Normaliser) -> str:
    """``<key id>.<hex HMAC-SHA256>`` of the card number under the first card index key."""
    message = _check_purpose(purpose) + b"\x00" + normalise(value).encode("utf-8")
    key_id, key = card_index_keys()[0]
    return _card_token(key_id, key, message)


def card_number_index_candidates(value: str, *, purpose: str, normalise: Normaliser) -> list[str]:
    """The card number's index under every card index key, the first key's first."""
    message = _check_purpose(purpose) + b"\x00" + normalise(value).encode("utf-8")
    return [_card_token(key_id, key, message) for key_id, key in card_index_keys()]


def composite_blind_index(parts: Sequence[str], *, purpose: str) -> str:
    """A blind index of several already-normalised parts together.

    Each part is length-prefixed, so ``("ab", "c")`` and ``("a", "bc")`` differ.
    """
    if not parts:
        raise ValueError("a composite blind index needs at least one part")
    message = _check_purpose(purpose) + b"\x00"
    for part in parts:
        encoded = part.encode("utf-8")
        message += len(encoded).to_bytes(4, "big") + encoded
    return _hmac(message)


def postcode_birth_date_index(postcode: str, birth_date: dt.date, *, purpose: str) -> str:
    """The blind index of a UK postcode and a date of birth together (applicant look-up)."""
    if isinstance(birth_date, dt.datetime):
        raise TypeError("birth_date must be a date, not a datetime")
    return composite_blind_index(
        [normalise_postcode(postcode), birth_date.isoformat()], purpose=purpose
    )
