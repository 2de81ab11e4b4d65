"""Payments and Direct Debits in the inventory, the export, erasure, retention and
the demo seeder."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command

from partnership.accounts.models import User
from partnership.cards.models import CardAccount, CardAccountStatus
from partnership.cards.personal_data import HOLD_AGREEMENT, HOLD_AML
from partnership.cards.tests.factories import account_create, customer_create, post, purchase
from partnership.core import clock
from partnership.payments.models import (
    DirectDebitInstruction,
    Payment,
    PaymentStatus,
    SandboxPayment,
)
from partnership.payments.provider import SandboxProvider
from partnership.payments.services.payments import payment_confirm
from partnership.payments.tests.support import payment_make
from partnership.privacy import inventory
from partnership.privacy.export import subject_access_collect
from partnership.privacy.retention import retention_run
from partnership.privacy.subjects import DataSubject

pytestmark = pytest.mark.django_db
CATEGORIES = ("payment_provider_sandbox", "direct_debit_collections", "direct_debits", "payments")


def _instruction(account: CardAccount) -> DirectDebitInstruction:
    return DirectDebitInstruction.objects.create(
        account=account,
        reference=f"PC{account.pk.hex[:10].upper()}",
        amount_kind="minimum",
        holder_name="Ada Testperson",
        sort_code="089999",
        account_number="66374958",
        account_last4="4958",
    )


def _paid(account: CardAccount) -> Payment:
    payment = payment_make(account, "10.00")
    SandboxPayment.objects.filter(reference=payment.provider_reference).update(outcome="paid")
    return payment_confirm(payment=payment, provider=SandboxProvider())


def subject_of(user: Any) -> DataSubject:
    return DataSubject(email="someone@example.org", user_id=user.pk)


def test_the_categories_are_registered_with_the_card_accounts_holds() -> None:
    entries = {entry.category: entry for entry in inventory.registered()}
    assert set(CATEGORIES) <= set(entries)
    for category in CATEGORIES[1:]:
        assert entries[category].legal_holds == (HOLD_AML, HOLD_AGREEMENT)
    direct_debits = entries["direct_debits"]
    assert direct_debits.field_named("account_number").encrypted is True
    assert direct_debits.field_named("sort_code").encrypted is True


def test_the_export_shows_the_bank_account_by_its_last_4_digits(ada: User) -> None:
    account = account_create(owner=ada)
    post(account, purchase(dt.date(2025, 2, 1), "Corner Grocer", "40.00"))
    instruction = _instruction(account)
    payment = _paid(account)

    data = subject_access_collect(subject=subject_of(ada))

    assert "66374958" not in json.dumps(data, default=str)
    [exported] = data["direct_debits"]
    assert exported["account_number"] == "ending 4958"
    assert exported["sort_code"] == "08-99-99"
    assert exported["reference"] == instruction.reference
    assert exported["account_holder_name"] == "Ada Testperson"
    [paid] = data["payments"]
    assert (paid["amount"], paid["status"]) == ("10.00", PaymentStatus.PAID)
    assert paid["provider_reference"] == payment.provider_reference
    [provider_copy] = data["payment_provider_sandbox"]
    assert provider_copy["reference"] == payment.provider_reference


def test_erasure_keeps_an_open_accounts_records_and_removes_a_long_closed_ones(
    ada: User,
) -> None:
    open_account = account_create(owner=ada, seed=1)
    closed = account_create(owner=ada, seed=2)
    for account in (open_account, closed):
        post(account, purchase(dt.date(2025, 2, 1), "Corner Grocer", "40.00"))
        _instruction(account)
        _paid(account)
    CardAccount.objects.filter(pk=closed.pk).update(
        status=CardAccountStatus.CLOSED, closed_on=clock.today_in_london() - dt.timedelta(days=2200)
    )
    entries = {entry.category: entry for entry in inventory.registered()}

    outcomes = {c: entries[c].erase(subject_of(ada)) for c in CATEGORIES}

    assert len(outcomes["payment_provider_sandbox"].erased_ids) == 2
    assert len(outcomes["direct_debits"].erased_ids) == 1
    assert [k.hold for k in outcomes["direct_debits"].kept] == [HOLD_AGREEMENT.name]
    assert list(DirectDebitInstruction.objects.values_list("account_id", flat=True)) == [
        open_account.pk
    ]
    assert list(Payment.objects.values_list("account_id", flat=True)) == [open_account.pk]
    assert not SandboxPayment.objects.exists()


def test_the_provider_copy_goes_when_retention_deletes_the_card_account(ada: User) -> None:
    account = account_create(owner=ada)
    post(account, purchase(dt.date(2025, 2, 1), "Corner Grocer", "40.00"))
    _instruction(account)
    _paid(account)
    CardAccount.objects.filter(pk=account.pk).update(
        status=CardAccountStatus.CLOSED, closed_on=clock.today_in_london() - dt.timedelta(days=2200)
    )
    retention_run(dry_run=False)
    assert not Payment.objects.exists()
    assert not DirectDebitInstruction.objects.exists()
    assert not SandboxPayment.objects.exists()


def test_the_demo_seeder_gives_each_customer_a_direct_debit_and_a_payment_once() -> None:
    customers = [customer_create(), customer_create()]
    call_command("seed_demo")
    call_command("seed_demo")
    for user in customers:
        account = CardAccount.objects.get(owner=user)
        assert account.direct_debits.count() == 1
        [payment] = account.payments.all()
        assert payment.status == PaymentStatus.PAID
        assert payment.transaction is not None
        assert payment.transaction.amount == -payment.amount
        assert payment.amount <= Decimal("50.00")
