"""The data inventory: every model that holds personal data, declared in code.

``privacy`` cannot import the apps to its right, yet the subject access export,
erasure, retention, the collection notices and the self-audit must reach every table
holding personal data. So this module defines what an entry says, and each app
registers its entries from ``AppConfig.ready()``; the engines iterate the registry.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models

from partnership.core.registry import Registry

if TYPE_CHECKING:
    from partnership.privacy.subjects import DataSubject

# JSON-able values: what an export callable returns for one record.
ExportRecord = dict[str, Any]

CATEGORY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,32}$")
# Keys of data.json that are not categories.
RESERVED_CATEGORIES = frozenset({"meta"})


class InventoryError(ValueError):
    """An entry that would make the inventory ambiguous or wrong."""


class LawfulBasis(StrEnum):
    """UK GDPR Article 6(1): the lawful bases for processing."""

    CONSENT = "consent"
    CONTRACT = "contract"
    LEGAL_OBLIGATION = "legal_obligation"
    VITAL_INTERESTS = "vital_interests"
    PUBLIC_TASK = "public_task"
    LEGITIMATE_INTERESTS = "legitimate_interests"

    @property
    def article(self) -> str:
        return _ARTICLES[self]

    @property
    def label(self) -> str:
        return _LABELS[self]


_ARTICLES = {
    LawfulBasis.CONSENT: "UK GDPR Art. 6(1)(a)",
    LawfulBasis.CONTRACT: "UK GDPR Art. 6(1)(b)",
    LawfulBasis.LEGAL_OBLIGATION: "UK GDPR Art. 6(1)(c)",
    LawfulBasis.VITAL_INTERESTS: "UK GDPR Art. 6(1)(d)",
    LawfulBasis.PUBLIC_TASK: "UK GDPR Art. 6(1)(e)",
    LawfulBasis.LEGITIMATE_INTERESTS: "UK GDPR Art. 6(1)(f)",
}
_LABELS = {
    LawfulBasis.CONSENT: "your consent",
    LawfulBasis.CONTRACT: "our contract with you",
    LawfulBasis.LEGAL_OBLIGATION: "a legal obligation we must meet",
    LawfulBasis.VITAL_INTERESTS: "protecting someone's life",
    LawfulBasis.PUBLIC_TASK: "a task in the public interest",
    LawfulBasis.LEGITIMATE_INTERESTS: "our legitimate interests",
}


@dataclass(frozen=True)
class PersonalField:
    """One column holding personal data: why we hold it and on what basis."""

    name: str  # the model field's name
    label: str  # as people see it ("E-mail address")
    purpose: str  # why it is asked, in words the person reads at the form
    lawful_basis: LawfulBasis
    encrypted: bool  # stored in an encrypted field (the self-audit scans the others)


@dataclass(frozen=True)
class LegalHold:
    """A law that obliges us to keep records even when the person asks us to erase them."""

    name: str  # stable key, recorded in erasure outcomes ("fca-disp-1.9")
    law: str  # "FCA Handbook DISP 1.9.1R"
    period: str  # "3 years from receipt of the complaint"


@dataclass(frozen=True)
class KeptRecord:
    id: str
    hold: str  # the LegalHold.name that kept it


@dataclass(frozen=True)
class ErasureOutcome:
    """What an erase callable did for one person: ids only, never values."""

    erased_ids: tuple[str, ...] = ()
    kept: tuple[KeptRecord, ...] = ()


ExportCallable = Callable[["DataSubject"], list[ExportRecord]]
EraseCallable = Callable[["DataSubject"], ErasureOutcome]


@dataclass(frozen=True)
class InventoryEntry:
    model: type[models.Model]
    category: str  # key in the subject access export; listed in docs/privacy-engines.md
    description: str  # what this data is and why we hold it, one or two sentences
    fields: tuple[PersonalField, ...]
    retention_rule: str  # name of a rule in partnership.privacy.retention
    export: ExportCallable
    erase: EraseCallable
    legal_holds: tuple[LegalHold, ...] = ()

    def field_named(self, name: str) -> PersonalField:
        for personal_field in self.fields:
            if personal_field.name == name:
                return personal_field
        raise KeyError(name)

    def hold_named(self, name: str) -> LegalHold:
        for hold in self.legal_holds:
            if hold.name == name:
                return hold
        raise KeyError(name)


ENTRIES: Registry[InventoryEntry] = Registry(
    "inventory category", name=lambda entry: entry.category, error=InventoryError
)


def register(entry: InventoryEntry) -> None:
    """Add an entry; called from an app's ``AppConfig.ready()``. Refuses duplicates."""
    _validate(entry)
    for existing in ENTRIES.all():
        if existing.model is entry.model and existing.category != entry.category:
            raise InventoryError(
                f"model {entry.model._meta.label} is already in the inventory "
                f"as {existing.category!r}"
            )
    ENTRIES.register(entry)


def registered() -> list[InventoryEntry]:
    """Every entry, in registration order (which follows INSTALLED_APPS)."""
    return ENTRIES.all()


def entry_for_category(category: str) -> InventoryEntry:
    return ENTRIES[category]


def entry_for_model(model: type[models.Model]) -> InventoryEntry | None:
    return next((entry for entry in ENTRIES.all() if entry.model is model), None)


# Test-only: change the registry for the duration of a block, then restore it; with
# ``keep``, only those categories stay registered inside the block.
registry_isolated = ENTRIES.isolated


def _validate(entry: InventoryEntry) -> None:
    if not CATEGORY_PATTERN.match(entry.category) or entry.category in RESERVED_CATEGORIES:
        raise InventoryError(
            f"inventory category {entry.category!r} must be lower-case letters, digits and "
            f"underscores, and not one of {sorted(RESERVED_CATEGORIES)}"
        )
    if not entry.fields:
        raise InventoryError(f"inventory entry {entry.category!r} declares no fields")
    seen: set[str] = set()
    for personal_field in entry.fields:
        if personal_field.name in seen:
            raise InventoryError(
                f"inventory entry {entry.category!r} declares {personal_field.name!r} twice"
            )
        seen.add(personal_field.name)
        try:
            entry.model._meta.get_field(personal_field.name)
        except FieldDoesNotExist as exc:
            raise InventoryError(
                f"inventory entry {entry.category!r} names {personal_field.name!r}, "
                f"which {entry.model._meta.label} does not have"
            ) from exc
        if not isinstance(personal_field.lawful_basis, LawfulBasis):
            raise InventoryError(f"{personal_field.name!r} needs a LawfulBasis")
    hold_names = [hold.name for hold in entry.legal_holds]
    if len(hold_names) != len(set(hold_names)):
        raise InventoryError(f"inventory entry {entry.category!r} repeats a legal hold")
    if not entry.retention_rule:
        raise InventoryError(f"inventory entry {entry.category!r} names no retention rule")
