"""The daily checks of cards/alert_checks.py: payment due in the customer's N days and
near or over their share of the limit, each at most once a day."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command

from partnership.accounts.models import User
from partnership.accounts.tests.conftest import frozen_clock  # noqa: F401
from partnership.accounts.tests.support import customer_make
from partnership.alerts.models import AlertKind, SentAlert
from partnership.alerts.tests.support import choose
from partnership.cards.alert_checks import used_percent
from partnership.cards.models import CardAccount
from partnership.cards.tests.factories import account_create
from partnership.core import jobs

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]
Capture = Callable[..., Any]
TODAY = dt.date(2026, 11, 25)  # the frozen clock's London day


@pytest.fixture
def ada(db: None) -> User:
    return customer_make("ada.test@example.com", full_name="Ada Testperson")


def account_with(owner: User, *, balance: str, due_in: int | None = None) -> CardAccount:
    account = account_create(owner=owner)
    account.balance = Decimal(balance)
    account.minimum_payment = Decimal("25.00")
    account.payment_due_on = TODAY + dt.timedelta(days=due_in) if due_in is not None else None
    account.save()
    return account


def run(capture: Capture) -> None:
    with capture(execute=True):
        call_command("card_alerts", stdout=io.StringIO())


def subjects() -> list[str]:
    return [m.subject.split(": ", 1)[1] for m in mail.outbox]


def test_the_job_is_registered() -> None:
    [job] = [j for j in jobs.registered() if j.name == "cards:alerts"]
    assert job.command == ("card_alerts",)


def test_payment_due_on_the_chosen_day_once(
    ada: User, django_capture_on_commit_callbacks: Capture
) -> None:
    choose(ada, AlertKind.PAYMENT_DUE, days_before=3)
    account_with(ada, balance="100.00", due_in=3)

    run(django_capture_on_commit_callbacks)
    run(django_capture_on_commit_callbacks)

    assert subjects() == ["Your payment is due soon"]
    assert "due in 3 days." in mail.outbox[0].body


def test_no_payment_due_alert_on_another_day(
    ada: User, django_capture_on_commit_callbacks: Capture
) -> None:
    choose(ada, AlertKind.PAYMENT_DUE, days_before=3)
    account_with(ada, balance="100.00", due_in=4)

    run(django_capture_on_commit_callbacks)

    assert mail.outbox == []
    assert not SentAlert.objects.exists()


@pytest.mark.parametrize(
    ("balance", "expected"),
    [
        ("4449.99", []),
        ("4500.00", ["You are near your credit limit"]),
        ("5000.01", ["You are over your credit limit"]),
    ],
)
def test_the_limit_from_the_chosen_share(
    ada: User,
    django_capture_on_commit_callbacks: Capture,
    balance: str,
    expected: list[str],
) -> None:
    choose(ada, AlertKind.LIMIT, percent=90)
    account_with(ada, balance=balance)

    run(django_capture_on_commit_callbacks)
    run(django_capture_on_commit_callbacks)

    assert subjects() == expected


def test_customers_who_chose_nothing_are_not_read(
    ada: User, django_capture_on_commit_callbacks: Capture
) -> None:
    account_with(ada, balance="4999.00", due_in=3)

    run(django_capture_on_commit_callbacks)

    assert mail.outbox == []


def test_used_percent_rounds_down() -> None:
    account = CardAccount(credit_limit=Decimal("5000.00"), balance=Decimal("4549.99"))
    assert used_percent(account) == 90
    account.balance = Decimal("-20.00")  # in credit
    assert used_percent(account) == 0
    account.balance = Decimal("5000.01")  # a penny over
    assert used_percent(account) == 101
