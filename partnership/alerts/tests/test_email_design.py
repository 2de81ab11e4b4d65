"""Every alert e-mail has an HTML part in the site's design that says what the text
part says, greets by first name only, and carries no figure."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail

from partnership.accounts.models import User
from partnership.alerts.models import AlertKind
from partnership.alerts.services import alert_raise
from partnership.alerts.tests.support import choose
from partnership.core.mail import site_url_default
from partnership.core.tests.email_support import assert_no_personal_data, html_part

pytestmark = pytest.mark.django_db
Capture = Callable[..., Any]

# Each kind with the customer's setting and the facts that meet it.
CASES: list[tuple[AlertKind, dict[str, Any], dict[str, Any]]] = [
    (AlertKind.PAYMENT_DUE, {"days_before": 3}, {"days_left": 3}),
    (AlertKind.PAYMENT_RECEIVED, {}, {}),
    (AlertKind.LIMIT, {"percent": 90}, {"used_percent": 104}),
    (AlertKind.CARD_STATUS, {}, {"status": "blocked"}),
    (AlertKind.PURCHASE_OVER, {"amount": "250.00"}, {"amount": Decimal("1234.56")}),
    (AlertKind.NEW_DEVICE, {}, {}),
]


@pytest.mark.parametrize(("kind", "setting", "facts"), CASES, ids=[c[0] for c in CASES])
def test_every_alert_e_mail_is_designed_and_holds_only_the_first_name(
    ada: User,
    django_capture_on_commit_callbacks: Capture,
    kind: AlertKind,
    setting: dict[str, Any],
    facts: dict[str, Any],
) -> None:
    choose(ada, kind, **setting)

    with django_capture_on_commit_callbacks(execute=True):
        alert_raise(user=ada, kind=kind, **facts)

    [message] = mail.outbox
    html = html_part(message, site_url=site_url_default())
    assert '<p style="margin:0 0 16px;">Hello Ada,</p>' in html
    assert "You asked for this alert. To change your alerts, sign in and choose Alerts." in html
    assert_no_personal_data(message, html, "1234", "250", "104")


def test_the_frozen_card_e_mail_in_full(
    ada: User, django_capture_on_commit_callbacks: Capture
) -> None:
    choose(ada, AlertKind.CARD_STATUS)

    with django_capture_on_commit_callbacks(execute=True):
        alert_raise(user=ada, kind=AlertKind.CARD_STATUS, status="frozen")

    [message] = mail.outbox
    sign_in = site_url_default() + "/account/login/"
    assert message.body == (
        "Hello Ada,\n\nYour card is frozen: new purchases will be declined.\n\n"
        f"Sign in to see the details: {sign_in}\n\n"
        "You asked for this alert. To change your alerts, sign in and choose Alerts.\n\n"
        "Harbourline Partnership Card\n"
    )
    html = html_part(message, site_url=site_url_default())
    assert "Your card is frozen: new purchases will be declined." in html
    # The sentence's address becomes a link, beside the sign-in button and its address.
    assert html.count(f'href="{sign_in}"') == 3
