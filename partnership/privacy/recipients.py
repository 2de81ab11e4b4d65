"""Telling recipients of corrections, erasures and restrictions (UK GDPR Art. 19).

The privacy engines own the moments a person's data is corrected, erased or
restricted, but not the registers of who received it (marketing exports and the
processor register live in ``compliance``, to the right). So this module defines the
event and two registries that the apps to its right fill from ``AppConfig.ready()``:

- **listeners**, called with each ``DataChange`` inside the transaction that makes it,
  *before* the change is written, so that they still see what the recipient was given
  (``compliance`` records a notification per recipient);
- **identifiers**: how to find the value a recipient knows a person by (the app that
  holds e-mail addresses, postal addresses and phone numbers answers for them).

Where the changes happen: ``privacy.erasure.erasure_apply`` (erasure),
``privacy_centre.services.details`` (a customer corrects their details) and
``compliance.rights.handling.rights_request_complete`` (a rectification or restriction
request carried out by staff).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from partnership.core.registry import Registry
from partnership.privacy import inventory
from partnership.privacy.subjects import DataSubject


class ChangeKind(StrEnum):
    CORRECTION = "correction"
    ERASURE = "erasure"
    RESTRICTION = "restriction"


@dataclass(frozen=True)
class DataChange:
    kind: ChangeKind
    subject: DataSubject
    categories: tuple[str, ...]  # inventory categories the change touches


@dataclass(frozen=True)
class ChangeListener:
    name: str
    run: Callable[[DataChange], None]


@dataclass(frozen=True)
class IdentifierSource:
    name: str  # what it finds: "email", "post", "phone", "sms" (marketing channels)
    find: Callable[[DataSubject], str | None]


LISTENERS: Registry[ChangeListener] = Registry("data-change listener", name=lambda x: x.name)
IDENTIFIERS: Registry[IdentifierSource] = Registry("identifier source", name=lambda x: x.name)


def register_listener(listener: ChangeListener) -> None:
    LISTENERS.register(listener)


def register_identifier(source: IdentifierSource) -> None:
    IDENTIFIERS.register(source)


def identifier_for(name: str, subject: DataSubject) -> str | None:
    """The value a recipient knows this person by, or None when no app knows it."""
    source = IDENTIFIERS.get(name)
    return None if source is None else source.find(subject)


def categories_held(subject: DataSubject) -> tuple[str, ...]:
    """The inventory categories in which this person has at least one record."""
    return tuple(entry.category for entry in inventory.registered() if entry.export(subject))


def data_changed(change: DataChange) -> None:
    """Tell every listener; call it inside the change's transaction, before writing."""
    if not change.categories:
        return
    for listener in LISTENERS.all():
        listener.run(change)


listeners_isolated = LISTENERS.isolated  # test-only
