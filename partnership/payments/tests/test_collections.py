"""Advance notices 10 working days ahead, then the collection on the due date."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail

from partnership.cards.models import CardAccount, Transaction, TransactionKind
from partnership.cards.services.posting import payment_post
from partnership.core import clock
from partnership.core.mail import site_url_default
from partnership.core.tests.email_support import assert_no_personal_data, html_part
from partnership.payments.models import (
    CollectionStatus,
    DirectDebitAmount,
    DirectDebitCollection,
    DirectDebitInstruction,
)
from partnership.payments.services.collections import (
    direct_debit_collect_due,
    direct_debit_notices_send,
)
from partnership.payments.services.direct_debits import direct_debit_cancel
from partnership.payments.workdays import collection_day

pytestmark = pytest.mark.django_db


def _instruction(account: CardAccount, kind: str = "minimum", fixed: str | None = None) -> Any:
    return DirectDebitInstruction.objects.create(
        account=account,
        reference="PC0000000001",
        amount_kind=kind,
        fixed_amount=Decimal(fixed) if fixed else None,
        holder_name="Ada Testperson",
        sort_code="089999",
        account_number="66374958",
        account_last4="4958",
        confirmation_sent_at=clock.now(),
    )


def test_a_collection_due_at_a_weekend_falls_on_the_next_working_day() -> None:
    assert collection_day(dt.date(2027, 1, 16)) == dt.date(2027, 1, 18)  # Saturday to Monday
    assert collection_day(dt.date(2026, 12, 25)) == dt.date(2026, 12, 29)  # past Boxing Day
    assert collection_day(dt.date(2026, 12, 29)) == dt.date(2026, 12, 29)


def test_the_notice_then_the_collection(
    account: CardAccount, ada: Any, django_capture_on_commit_callbacks: Any
) -> None:
    instruction = _instruction(account)
    assert direct_debit_notices_send(today=dt.date(2026, 12, 21)) == 0  # too early
    with django_capture_on_commit_callbacks(execute=True):
        assert direct_debit_notices_send(today=dt.date(2026, 12, 29)) == 1
        assert direct_debit_notices_send(today=dt.date(2026, 12, 30)) == 0  # once only
    collection = DirectDebitCollection.objects.get()
    assert (collection.due_on, collection.amount) == (dt.date(2027, 1, 15), Decimal("25.00"))
    assert collection.status == CollectionStatus.NOTIFIED
    [notice] = mail.outbox
    assert notice.to == [ada.email]
    assert "15 January 2027" in notice.body
    assert "ending 58" in notice.body
    assert "£" not in notice.body
    assert "4958" not in notice.body
    assert notice.body == (
        "We will collect your Partnership Card Direct Debit on 15 January 2027 from the bank "
        "account ending 58. Sign in to your account to see the amount, or to change or "
        "cancel the Direct Debit."
    )
    html = html_part(notice, site_url=site_url_default())
    assert "on 15 January 2027 from the bank account ending 58." in html
    assert_no_personal_data(notice, html, "4958", "25.00")

    assert direct_debit_collect_due(today=dt.date(2027, 1, 14)) == 0
    assert direct_debit_collect_due(today=dt.date(2027, 1, 15)) == 1
    assert direct_debit_collect_due(today=dt.date(2027, 1, 15)) == 0
    account.refresh_from_db()
    assert account.balance == Decimal("175.00")
    assert account.minimum_payment == Decimal("0.00")
    [posted] = Transaction.objects.filter(account=account, kind=TransactionKind.PAYMENT)
    assert (posted.amount, posted.posted_on) == (Decimal("-25.00"), dt.date(2027, 1, 15))
    collection.refresh_from_db()
    assert collection.status == CollectionStatus.COLLECTED
    assert collection.transaction_id == posted.pk
    del instruction


def test_a_payment_made_meanwhile_lowers_a_minimum_collection(account: CardAccount) -> None:
    _instruction(account)
    direct_debit_notices_send(today=dt.date(2026, 12, 31))
    payment_post(
        account=account, posted_on=dt.date(2027, 1, 5), amount=Decimal("10.00"), description="x"
    )
    direct_debit_collect_due(today=dt.date(2027, 1, 15))
    collection = DirectDebitCollection.objects.get()
    assert (collection.status, collection.amount) == (CollectionStatus.COLLECTED, Decimal("15.00"))
    account.refresh_from_db()
    assert account.balance == Decimal("175.00")


@pytest.mark.parametrize(
    ("kind", "fixed", "expected"),
    [
        ("full", None, "200.00"),
        ("fixed", "80.00", "80.00"),
        (DirectDebitAmount.MINIMUM, None, "25.00"),
    ],
)
def test_each_kind_of_amount(
    account: CardAccount, kind: str, fixed: str | None, expected: str
) -> None:
    _instruction(account, kind, fixed)
    direct_debit_notices_send(today=dt.date(2026, 12, 31))
    assert DirectDebitCollection.objects.get().amount == Decimal(expected)


def test_a_cancelled_direct_debit_collects_nothing(account: CardAccount, ada: Any) -> None:
    _instruction(account)
    direct_debit_notices_send(today=dt.date(2026, 12, 31))
    assert direct_debit_cancel(user=ada, account=account) is True
    assert direct_debit_collect_due(today=dt.date(2027, 1, 15)) == 0
    assert DirectDebitCollection.objects.get().status == CollectionStatus.CANCELLED
    account.refresh_from_db()
    assert account.balance == Decimal("200.00")
