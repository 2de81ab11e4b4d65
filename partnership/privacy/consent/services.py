"""Writing consent records: one row per choice, never updated."""

from __future__ import annotations

import uuid

from django.db import transaction

from partnership.core import clock
from partnership.privacy import cookies, selectors
from partnership.privacy.consent.models import ConsentRecord
from partnership.privacy.consent.state import (
    Choices,
    ConsentState,
    Method,
    StoredConsent,
    stored_consent_new,
)


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
    in_force = selectors.policy_in_force()
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
            policy_version=in_force.number if in_force else None,
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
