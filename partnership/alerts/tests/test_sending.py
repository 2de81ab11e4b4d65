"""alert_raise: sends on the chosen channels only, when the customer's setting is met,
after the caller's transaction commits; logs kind, channel and time only."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.db import transaction

from partnership.accounts.models import User
from partnership.accounts.tests.support import staff_make
from partnership.alerts.models import AlertKind, Channel, SentAlert
from partnership.alerts.services import alert_raise
from partnership.alerts.tests.conftest import sms_files
from partnership.alerts.tests.support import MOBILE, choose

pytestmark = pytest.mark.django_db
Capture = Callable[..., Any]


def sent(user: User) -> list[tuple[str, str]]:
    return list(
        SentAlert.objects.filter(user=user).order_by("channel").values_list("kind", "channel")
    )


def outputs(user: User, folder: Path) -> tuple[list[Any], list[str], list[tuple[str, str]]]:
    return list(mail.outbox), sms_files(folder), sent(user)


def test_nothing_is_sent_for_a_kind_not_chosen(ada: User, sms_dir: Path) -> None:
    choose(ada, AlertKind.NEW_DEVICE)

    assert alert_raise(user=ada, kind=AlertKind.PAYMENT_RECEIVED) == []
    assert outputs(ada, sms_dir) == ([], [], [])


def test_both_channels_after_commit_and_the_log_holds_no_content(
    ada: User, sms_dir: Path, django_capture_on_commit_callbacks: Capture
) -> None:
    choose(ada, AlertKind.CARD_STATUS, email=True, sms=True)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        channels = alert_raise(user=ada, kind=AlertKind.CARD_STATUS, status="frozen")
        assert outputs(ada, sms_dir) == (
            [],
            [],
            [("card_status", "email"), ("card_status", "sms")],
        )  # not sent before the commit

    assert channels == [Channel.EMAIL, Channel.SMS]
    assert len(callbacks) == 2
    [message] = mail.outbox
    assert message.to == ["ada.test@example.com"]
    assert message.subject == "Harbourline Partnership Card: Your card is frozen"
    assert message.body.startswith("Hello Ada,\n\nYour card is frozen: new purchases")
    [text] = sms_files(sms_dir)
    assert text.startswith(f"To: {MOBILE}\n\nHarbourline Partnership Card: Hello Ada, your card")
    assert sent(ada) == [("card_status", "email"), ("card_status", "sms")]
    row = SentAlert.objects.filter(user=ada).first()
    assert row is not None
    assert {f.name for f in SentAlert._meta.fields} == {"id", "user", "kind", "channel", "sent_at"}


def test_a_rolled_back_change_sends_nothing(
    ada: User, sms_dir: Path, django_capture_on_commit_callbacks: Capture
) -> None:
    choose(ada, AlertKind.PAYMENT_RECEIVED, sms=True)

    def payment_that_fails() -> None:
        with transaction.atomic():
            alert_raise(user=ada, kind=AlertKind.PAYMENT_RECEIVED)
            raise RuntimeError("the payment failed to post")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        payment_that_fails()

    assert outputs(ada, sms_dir) == ([], [], [])


def test_payment_due_goes_on_the_day_the_customer_chose(
    ada: User, django_capture_on_commit_callbacks: Capture
) -> None:
    choose(ada, AlertKind.PAYMENT_DUE, days_before=3)

    with django_capture_on_commit_callbacks(execute=True):
        assert alert_raise(user=ada, kind=AlertKind.PAYMENT_DUE, days_left=4) == []
        assert alert_raise(user=ada, kind=AlertKind.PAYMENT_DUE, days_left=3) == [Channel.EMAIL]
        assert alert_raise(user=ada, kind=AlertKind.PAYMENT_DUE, days_left=3, once_a_day=True) == []

    assert [m.subject for m in mail.outbox] == [
        "Harbourline Partnership Card: Your payment is due soon"
    ]
    assert "due in 3 days." in mail.outbox[0].body


def test_limit_from_the_chosen_percent_and_over_it(
    ada: User, django_capture_on_commit_callbacks: Capture
) -> None:
    choose(ada, AlertKind.LIMIT, percent=90)

    with django_capture_on_commit_callbacks(execute=True):
        assert alert_raise(user=ada, kind=AlertKind.LIMIT, used_percent=89) == []
        assert alert_raise(user=ada, kind=AlertKind.LIMIT, used_percent=90) == [Channel.EMAIL]
        assert alert_raise(user=ada, kind=AlertKind.LIMIT, used_percent=104) == [Channel.EMAIL]

    assert [m.subject.split(": ")[1] for m in mail.outbox] == [
        "You are near your credit limit",
        "You are over your credit limit",
    ]


def test_a_purchase_over_the_amount_never_carries_the_amount(
    ada: User, django_capture_on_commit_callbacks: Capture
) -> None:
    choose(ada, AlertKind.PURCHASE_OVER, amount="250.00")

    with django_capture_on_commit_callbacks(execute=True):
        assert alert_raise(user=ada, kind=AlertKind.PURCHASE_OVER, amount=Decimal("250.00")) == []
        assert alert_raise(user=ada, kind=AlertKind.PURCHASE_OVER, amount=Decimal("1234.56")) == [
            Channel.EMAIL
        ]

    [message] = mail.outbox
    assert "1234" not in message.body
    assert "250" not in message.body
    assert "a purchase over the amount you set" in message.body.lower()


@pytest.mark.parametrize(
    ("kind", "facts"),
    [
        (AlertKind.PURCHASE_OVER, {}),
        (AlertKind.PURCHASE_OVER, {"amount": "1234.56"}),
        (AlertKind.PAYMENT_DUE, {"days_left": True}),
        (AlertKind.NEW_DEVICE, {"card_number": "4123450000000000"}),
        (AlertKind.CARD_STATUS, {"status": "frozen", "balance": Decimal(10)}),
    ],
)
def test_facts_a_kind_does_not_take_are_refused(
    ada: User, kind: AlertKind, facts: dict[str, Any]
) -> None:
    choose(ada, kind)
    with pytest.raises(TypeError) as refused:
        alert_raise(user=ada, kind=kind, **facts)
    assert "4123450000000000" not in str(refused.value)
    assert sent(ada) == []


def test_text_messages_need_the_number_and_staff_get_nothing(
    ada: User, sms_dir: Path, django_capture_on_commit_callbacks: Capture
) -> None:
    staff = staff_make("agent.test@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        assert alert_raise(user=staff, kind=AlertKind.NEW_DEVICE) == []

    assert outputs(staff, sms_dir) == ([], [], [])
