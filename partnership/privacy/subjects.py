"""The person a subject access export or an erasure is about.

A person is found by e-mail address. Apps that know people by something else (the
Accounts app knows a customer's user id) register a resolver from
``AppConfig.ready()``; ``data_subject_resolve`` asks each in turn.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from partnership.crypto.blind_index import blind_index, normalise_email


class InvalidSubjectEmail(ValueError):
    """The text given is not an e-mail address. The message never repeats it."""


@dataclass(frozen=True)
class DataSubject:
    email: str  # normalised
    user_id: uuid.UUID | None = None

    def email_index(self, *, purpose: str) -> str:
        """The keyed blind index of the e-mail address under ``purpose``."""
        return blind_index(self.email, purpose=purpose, normalise=normalise_email)


# A resolver returns the user id it knows the person by, or None.
SubjectResolver = Callable[[DataSubject], uuid.UUID | None]

_RESOLVERS: dict[str, SubjectResolver] = {}


def register_subject_resolver(name: str, resolver: SubjectResolver) -> None:
    if name in _RESOLVERS:
        raise ValueError(f"subject resolver {name!r} is registered twice")
    _RESOLVERS[name] = resolver


@contextmanager
def resolvers_isolated() -> Iterator[None]:
    """Test-only: start a block with no resolvers registered, then restore them."""
    saved = dict(_RESOLVERS)
    _RESOLVERS.clear()
    try:
        yield
    finally:
        _RESOLVERS.clear()
        _RESOLVERS.update(saved)


def data_subject_resolve(*, email: str) -> DataSubject:
    """The person known by ``email``, with their user id when an app knows one."""
    candidate = email.strip()
    try:
        validate_email(candidate)
    except ValidationError as exc:
        raise InvalidSubjectEmail("that is not an e-mail address") from exc
    subject = DataSubject(email=normalise_email(candidate))
    for resolver in _RESOLVERS.values():
        user_id = resolver(subject)
        if user_id is not None:
            return DataSubject(email=subject.email, user_id=user_id)
    return subject
