"""A person's payments and Direct Debits, exported and erased for them.

Payments, instructions and collections are records of the card account: they go or
stay with it (``cards.subject_data``: kept while it is open and for 5 years after it
closes). The bank account number is exported as its last 4 digits only, the sort
code in full (it names a bank branch, not the person). The sandbox provider's own
records of the person's payments go with the person at once: no law keeps them.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from partnership.cards.subject_data import erase_by_account
from partnership.payments.models import (
    DirectDebitCollection,
    DirectDebitInstruction,
    Payment,
    SandboxPayment,
)
from partnership.privacy.inventory import ErasureOutcome
from partnership.privacy.subjects import DataSubject

__all__ = [
    "collection_export",
    "direct_debit_export",
    "erase_by_account",
    "payment_export",
    "sandbox_erase",
    "sandbox_export",
]


def _owned(model: type[models.Model], subject: DataSubject) -> models.QuerySet[Any]:
    if subject.user_id is None:
        return model._default_manager.none()
    return model._default_manager.filter(account__owner_id=subject.user_id)


def payment_export(subject: DataSubject) -> list[dict[str, Any]]:
    return [
        {
            "id": row.pk,
            "card_account_id": row.account_id,
            "provider": row.provider,
            "provider_reference": row.provider_reference,
            "amount": row.amount,
            "status": row.status,
            "started_at": row.started_at,
            "completed_at": row.completed_at,
        }
        for row in _owned(Payment, subject).order_by("started_at", "id")
    ]


def direct_debit_export(subject: DataSubject) -> list[dict[str, Any]]:
    """Each instruction, the bank account number as its last 4 digits only."""
    return [
        {
            "id": row.pk,
            "card_account_id": row.account_id,
            "reference": row.reference,
            "status": row.status,
            "amount": row.get_amount_kind_display(),
            "fixed_amount": row.fixed_amount,
            "account_holder_name": row.holder_name,
            "sort_code": f"{row.sort_code[:2]}-{row.sort_code[2:4]}-{row.sort_code[4:]}",
            "account_number": f"ending {row.account_last4}",
            "created_at": row.created_at,
            "changed_at": row.changed_at,
            "cancelled_at": row.cancelled_at,
            "confirmation_sent_at": row.confirmation_sent_at,
        }
        for row in _owned(DirectDebitInstruction, subject)
        .defer("account_number")
        .order_by("created_at", "id")
    ]


def collection_export(subject: DataSubject) -> list[dict[str, Any]]:
    return [
        {
            "id": row.pk,
            "direct_debit_id": row.instruction_id,
            "due_on": row.due_on,
            "amount": row.amount,
            "status": row.status,
            "notice_sent_on": row.notified_on,
            "collected_on": row.collected_on,
        }
        for row in _owned(DirectDebitCollection, subject).order_by("due_on", "id")
    ]


def _sandbox_rows(subject: DataSubject) -> models.QuerySet[SandboxPayment]:
    references = _owned(Payment, subject).values_list("provider_reference", flat=True)
    return SandboxPayment.objects.filter(reference__in=list(references))


def sandbox_export(subject: DataSubject) -> list[dict[str, Any]]:
    return [
        {
            "reference": row.reference,
            "amount": row.amount,
            "outcome": row.outcome,
            "created_at": row.created_at,
        }
        for row in _sandbox_rows(subject).order_by("created_at", "id")
    ]


def sandbox_erase(subject: DataSubject) -> ErasureOutcome:
    rows = _sandbox_rows(subject)
    erased = tuple(str(pk) for pk in rows.values_list("pk", flat=True))
    rows.delete()
    return ErasureOutcome(erased_ids=erased)
