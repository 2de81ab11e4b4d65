"""What the data inventory and the retention engine know about payments and Direct
Debits.

Payments, Direct Debit instructions and their collections are card account records:
kept while the account is open and for 5 years after it closes (Money Laundering
Regulations 2017, reg. 40), then deleted, exactly as the card account's own rows
(``cards/personal_data.py``). The sandbox provider's copy is kept 90 days. Children
are registered first, so each row is reported under its own category.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import models
from django.db.models.signals import post_delete

from partnership.cards.models import CardAccountStatus
from partnership.cards.subject_data import HOLDS, RETENTION_PERIOD
from partnership.payments.models import (
    DirectDebitCollection,
    DirectDebitInstruction,
    Payment,
    SandboxPayment,
)
from partnership.payments.subject_data import (
    collection_export,
    direct_debit_export,
    erase_by_account,
    payment_export,
    sandbox_erase,
    sandbox_export,
)
from partnership.privacy import inventory, retention
from partnership.privacy.inventory import InventoryEntry, LawfulBasis, PersonalField

_C = LawfulBasis.CONTRACT
_L = LawfulBasis.LEGAL_OBLIGATION
SANDBOX_PERIOD = dt.timedelta(days=90)
_RECORD = "To keep a record of what you paid, as money-laundering law requires."
_COLLECT = "To collect your payments by Direct Debit, as you asked."
_AFTER_CLOSE = (
    "while the card account is open and for 5 years after it closes, as the Money "
    "Laundering Regulations 2017 (reg. 40) require, then deleted"
)


def _closed_accounts_rows(model: type[models.Model]) -> Callable[[], models.QuerySet[Any]]:
    def queryset() -> models.QuerySet[Any]:
        return model._default_manager.filter(
            account__status=CardAccountStatus.CLOSED, account__closed_on__isnull=False
        )

    return queryset


RULES = (
    retention.TableRule(
        name="payments-sandbox",
        description="The demo payment provider's own records of payments: kept 90 days.",
        queryset=SandboxPayment.objects.all,
        aged_by="created_at",
        period=SANDBOX_PERIOD,
    ),
    retention.TableRule(
        name="payments-dd-collections",
        description=f"Direct Debit collections and their advance notices: kept {_AFTER_CLOSE}.",
        queryset=_closed_accounts_rows(DirectDebitCollection),
        aged_by="account__closed_on",
        period=RETENTION_PERIOD,
    ),
    retention.TableRule(
        name="payments-direct-debits",
        description=f"Direct Debit instructions, cancelled ones too: kept {_AFTER_CLOSE}.",
        queryset=_closed_accounts_rows(DirectDebitInstruction),
        aged_by="account__closed_on",
        period=RETENTION_PERIOD,
    ),
    retention.TableRule(
        name="payments-payments",
        description=f"One-off card payments: kept {_AFTER_CLOSE}.",
        queryset=_closed_accounts_rows(Payment),
        aged_by="account__closed_on",
        period=RETENTION_PERIOD,
    ),
)

ENTRIES = (
    InventoryEntry(
        model=SandboxPayment,
        category="payment_provider_sandbox",
        description=(
            "The demo payment provider's record of each payment you made through it: "
            "its reference, the amount and whether it was paid. Never a card number."
        ),
        fields=(PersonalField("amount", "Amount", "To take the payment you asked for.", _C, True),),
        retention_rule="payments-sandbox",
        export=sandbox_export,
        erase=sandbox_erase,
    ),
    InventoryEntry(
        model=DirectDebitCollection,
        category="direct_debit_collections",
        description="Each Direct Debit collection: its date, amount and the notice we sent.",
        fields=(
            PersonalField("due_on", "Collection date", _COLLECT, _C, encrypted=False),
            PersonalField("amount", "Amount", _COLLECT, _C, encrypted=True),
            PersonalField("notified_on", "Notice sent", "To tell you in advance.", _C, False),
            PersonalField("collected_on", "Collected", _RECORD, _L, encrypted=False),
        ),
        retention_rule="payments-dd-collections",
        legal_holds=HOLDS,
        export=collection_export,
        erase=erase_by_account(DirectDebitCollection, "account_id"),
    ),
    InventoryEntry(
        model=DirectDebitInstruction,
        category="direct_debits",
        description=(
            "Your Direct Debit Instructions: the bank account they pay from (exported "
            "as its last 4 digits), the account holder's name and what to collect."
        ),
        fields=(
            PersonalField("holder_name", "Account holder's name", _COLLECT, _C, True),
            PersonalField("sort_code", "Sort code", _COLLECT, _C, encrypted=True),
            PersonalField("account_number", "Account number", _COLLECT, _C, encrypted=True),
            PersonalField(
                "account_last4", "Last 4 digits", "To show which account pays.", _C, False
            ),
            PersonalField("amount_kind", "What to collect", _COLLECT, _C, encrypted=False),
            PersonalField("fixed_amount", "Fixed amount", _COLLECT, _C, encrypted=True),
            PersonalField("created_at", "Set up", _RECORD, _L, encrypted=False),
            PersonalField("cancelled_at", "Cancelled", _RECORD, _L, encrypted=False),
        ),
        retention_rule="payments-direct-debits",
        legal_holds=HOLDS,
        export=direct_debit_export,
        erase=erase_by_account(DirectDebitInstruction, "account_id"),
    ),
    InventoryEntry(
        model=Payment,
        category="payments",
        description=(
            "Payments you made to your card on the payment provider's page: the "
            "provider's reference, the amount, whether it was paid and when."
        ),
        fields=(
            PersonalField("amount", "Amount", _RECORD, _L, encrypted=True),
            PersonalField("provider_reference", "Provider's reference", _RECORD, _L, False),
            PersonalField("status", "Paid or not", _RECORD, _L, encrypted=False),
            PersonalField("started_at", "Started", _RECORD, _L, encrypted=False),
            PersonalField("completed_at", "Completed", _RECORD, _L, encrypted=False),
        ),
        retention_rule="payments-payments",
        legal_holds=HOLDS,
        export=payment_export,
        erase=erase_by_account(Payment, "account_id"),
    ),
)


def _provider_copy_goes_with_payment(sender: Any, instance: Payment, **kwargs: Any) -> None:
    # A payment deleted with its card account (erasure, retention) takes the sandbox
    # provider's copy with it.
    SandboxPayment.objects.filter(reference=instance.provider_reference).delete()


def register() -> None:
    for rule in RULES:
        retention.register(rule)
    for entry in ENTRIES:
        inventory.register(entry)
    post_delete.connect(
        _provider_copy_goes_with_payment, sender=Payment, dispatch_uid="payments-sandbox-copy"
    )
