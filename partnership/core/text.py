"""Checks for text people type, shared by forms and models.

Control characters have no place in a name, an address or a complaint, and
PostgreSQL cannot store NUL at all: they are refused with a message saying so,
rather than stripped behind the person's back.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import unquote_to_bytes

from django.core.exceptions import ValidationError

# U+FFFD is what bytes that were not UTF-8 become when decoded leniently.
REPLACEMENT_CHARACTER = "\ufffd"
CONTROL_MESSAGE = (
    "This contains control characters (such as NUL) that cannot be stored. "
    "Please remove them, or retype it."
)
MULTILINE_CONTROL_MESSAGE = (
    "This contains control characters (such as NUL) that cannot be stored. Line breaks "
    "and tabs are fine; please remove the others, or retype it."
)
UNREADABLE_MESSAGE = (
    "We could not read what was sent here: it was not UTF-8 text. Please type it again."
)
_LINE_BREAKS = frozenset("\t\n\r")

# The longest free text a person may add to a rights request (the rights request's
# details, and the applicant's reasons when asking for a decision to be reviewed).
RIGHTS_DETAILS_MAX = 2000

# The longest secure message a customer or an agent may write (partnership/inbox).
MESSAGE_TEXT_MAX = 4000


def _has_control(value: str, *, allowed: frozenset[str]) -> bool:
    return any(unicodedata.category(char) in ("Cc", "Cs") and char not in allowed for char in value)


def validate_single_line(value: str) -> None:
    if _has_control(value, allowed=frozenset()):
        raise ValidationError(CONTROL_MESSAGE, code="control_characters")


def validate_multi_line(value: str) -> None:
    if _has_control(value, allowed=_LINE_BREAKS):
        raise ValidationError(MULTILINE_CONTROL_MESSAGE, code="control_characters")


def validate_readable(value: str) -> None:
    if REPLACEMENT_CHARACTER in value:
        raise ValidationError(UNREADABLE_MESSAGE, code="unreadable")


def unreadable_fields(body: bytes) -> frozenset[str]:
    """Names of url-encoded fields whose value is not valid UTF-8.

    Django decodes such bytes leniently (as U+FFFD or as Latin-1); the form must say
    it could not read them instead of storing garbled text.
    """
    names: set[str] = set()
    for part in body.split(b"&"):
        raw_name, _, raw_value = part.partition(b"=")
        name = unquote_to_bytes(raw_name.replace(b"+", b" ")).decode("utf-8", "replace")
        try:
            unquote_to_bytes(raw_value.replace(b"+", b" ")).decode("utf-8")
        except UnicodeDecodeError:
            names.add(name)
    return frozenset(names)
