"""Writing consent records: one row per choice, never updated."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django.db import transaction

from partnership.consent import cookies
from partnership.consent.models import ConsentRecord
from partnership.consent.state import (
    Choices,
    ConsentState,
    Method,
    StoredConsent,
    stored_consent_new,
)
from partnership.core import clock

# The number of the privacy policy version in force (None before any). The policy app,
# to the right of this one, sets it from PolicyConfig.ready().
_policy_number_in_force: list[Callable[[], int | None]] = [lambda: None]


def policy_version_source_set(source: Callable[[], int | None]) -> None:
    """Name the function that says which policy version a new record notes."""
    _policy_number_in_force[0] = source


def consent_record(
    *,
    choices: Choices,
    method: Method,
    previous: ConsentState,
    user_id: uuid.UUID | None,
) -> tuple[ConsentRecord, StoredConsent]:
    """Record a choice and return it with what the consent cookie should now hold.

    The visitor keeps their consent id across choices (a new one is drawn for a
    visitor without a valid consent cookie); the record notes the policy version and
    cookie registry revision in force, so it proves what the visitor was told.
    """
    consent_id = previous.consent_id or uuid.uuid4()
    policy_version = _policy_number_in_force[0]()
    now = clock.now()
    with transaction.atomic():
        record = ConsentRecord(
            consent_id=consent_id,
            given_at=now,
            method=method.value,
            statistics=choices.statistics.value,
            research=choices.research.value,
            preferences=choices.preferences.value,
            browser_signal=previous.browser_signal,
            policy_version=policy_version,
            registry_revision=cookies.registry_revision(),
            user_id=user_id,
        )
        record.full_clean()
        record.save(force_insert=True)
    stored = stored_consent_new(
        consent_id=consent_id,
        choices=choices,
        method=method,
        signal_present=previous.browser_signal,
        at=now,
    )
    return record, stored
