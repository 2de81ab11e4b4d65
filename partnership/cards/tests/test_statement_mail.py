"""The paperless customer's "statement ready" e-mail: no figures, only where to sign in;
paper customers and past months get none."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail

from partnership.accounts.models import User
from partnership.accounts.tests.conftest import frozen_clock  # noqa: F401
from partnership.accounts.tests.support import customer_make
from partnership.alerts.models import SentAlert, StatementPreference
from partnership.cards import services
from partnership.cards.tests.factories import account_create, post, purchase
from partnership.core import clock
from partnership.core.mail import site_url_default
from partnership.core.tests.email_support import assert_no_personal_data, html_part

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]
Capture = Callable[..., Any]
NOVEMBER = dt.date(2026, 11, 1)  # the frozen clock is 25 November 2026: due 25 December


@pytest.fixture
def ada(db: None) -> User:
    return customer_make("ada.test@example.com", full_name="Ada Lovelace-Testperson")


def generate(owner: User, period_start: dt.date, capture: Capture) -> Any:
    account = account_create(owner=owner, opened_on=dt.date(2026, 9, 1))
    post(account, purchase(period_start + dt.timedelta(days=3), "Corner Grocer", "123.45"))
    with capture(execute=True):
        return services.statement_generate(account=account, period_start=period_start)


def test_a_paperless_customer_is_told_without_any_figure(
    ada: User, django_capture_on_commit_callbacks: Capture
) -> None:
    statement = generate(ada, NOVEMBER, django_capture_on_commit_callbacks)

    assert statement.due_on >= clock.today_in_london()
    [message] = mail.outbox
    assert message.to == ["ada.test@example.com"]
    assert message.subject == "Harbourline Partnership Card: Your statement is ready"
    assert "Your new card statement is ready to read online." in message.body
    assert "/account/login/" in message.body
    for secret in ("123.45", "£", "Corner Grocer", "Lovelace", str(statement.minimum_payment)):
        assert secret not in message.body
    assert not re.search(r"\d{4}", message.body.replace(":8000", ""))  # no card digits, no year
    html = html_part(message, site_url=site_url_default())
    assert "Your new card statement is ready to read online." in html
    for secret in ("123.45", "Corner Grocer", str(statement.minimum_payment)):
        assert secret not in html
    assert_no_personal_data(message, html)
    assert list(SentAlert.objects.values_list("kind", "channel")) == [("statement_ready", "email")]


def test_paper_customers_get_no_email(
    ada: User, django_capture_on_commit_callbacks: Capture
) -> None:
    StatementPreference.objects.create(user=ada, paperless=False, updated_at=clock.now())

    generate(ada, NOVEMBER, django_capture_on_commit_callbacks)

    assert mail.outbox == []
    assert not SentAlert.objects.exists()


def test_a_month_already_due_sends_nothing(
    ada: User, django_capture_on_commit_callbacks: Capture
) -> None:
    generate(ada, dt.date(2026, 9, 1), django_capture_on_commit_callbacks)

    assert mail.outbox == []
    assert not SentAlert.objects.exists()
