"""Alerts in the data inventory: exported ("alerts chosen" and the rest), erased with
the person, the sent-alert log kept 2 years, choices 30 days after the account closes."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from partnership.accounts.identity import login_index
from partnership.accounts.models import User
from partnership.accounts.tests.support import customer_make
from partnership.alerts.models import (
    AlertChoice,
    AlertKind,
    AlertPhone,
    SentAlert,
    StatementPreference,
)
from partnership.alerts.tests.support import choose
from partnership.core import clock
from partnership.privacy import inventory
from partnership.privacy.export import subject_access_collect
from partnership.privacy.retention import retention_run
from partnership.privacy.subjects import DataSubject

pytestmark = pytest.mark.django_db
CATEGORIES = ["alerts_chosen", "alert_mobile", "statement_preference", "alerts_sent"]


def subject_of(user: User) -> DataSubject:
    return DataSubject(email="ada.test@example.com", user_id=user.pk)


def some_of_everything(user: User) -> None:
    choose(user, AlertKind.PAYMENT_DUE, sms=True, days_before=3)
    choose(user, AlertKind.PURCHASE_OVER, amount="250.00")
    StatementPreference.objects.create(user=user, paperless=False, updated_at=clock.now())
    SentAlert.objects.create(user=user, kind="payment_due", channel="sms", sent_at=clock.now())


def test_the_categories_are_registered_in_app_order() -> None:
    categories = [entry.category for entry in inventory.registered()]
    assert [c for c in categories if c in CATEGORIES] == CATEGORIES
    assert categories.index("alerts_sent") < categories.index("transactions")


def test_the_export_holds_the_choices_number_preference_and_log(ada: User) -> None:
    some_of_everything(ada)
    other = customer_make("other.test@example.com")
    choose(other, AlertKind.NEW_DEVICE)

    data = subject_access_collect(subject=subject_of(ada))

    assert [(c["kind"], c["by_email"], c["by_sms"]) for c in data["alerts_chosen"]] == [
        ("payment_due", True, True),
        ("purchase_over", True, False),
    ]
    assert data["alerts_chosen"][0]["days_before_due"] == 3
    assert str(data["alerts_chosen"][1]["purchase_over"]) == "250.00"
    assert [m["mobile"] for m in data["alert_mobile"]] == ["07700 900123"]
    assert [p["paperless"] for p in data["statement_preference"]] == [False]
    assert [(s["kind"], s["channel"]) for s in data["alerts_sent"]] == [("payment_due", "sms")]


def test_erasure_removes_everything_of_the_person_only(ada: User) -> None:
    some_of_everything(ada)
    other = customer_make("other.test@example.com")
    kept = choose(other, AlertKind.NEW_DEVICE)
    entries = {entry.category: entry for entry in inventory.registered()}

    outcomes = {c: entries[c].erase(subject_of(ada)) for c in CATEGORIES}

    assert [len(outcomes[c].erased_ids) for c in CATEGORIES] == [2, 1, 1, 1]
    assert all(outcomes[c].kept == () for c in CATEGORIES)
    assert list(AlertChoice.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not AlertPhone.objects.exists()
    assert not StatementPreference.objects.exists()
    assert not SentAlert.objects.exists()


def test_retention_of_the_log_and_of_a_closed_account(ada: User) -> None:
    now = clock.now()
    SentAlert.objects.create(
        user=ada, kind="limit", channel="email", sent_at=now - dt.timedelta(days=700)
    )
    SentAlert.objects.create(
        user=ada, kind="limit", channel="email", sent_at=now - dt.timedelta(days=800)
    )
    choose(ada, AlertKind.LIMIT, sms=True, percent=90)
    User.objects.filter(pk=ada.pk).update(closed_at=now - dt.timedelta(days=31))

    report = retention_run(dry_run=False)

    deleted = {o.rule: o.deleted for o in report.rules}
    assert deleted["sent-alerts"] == 1
    assert deleted["alert-choices"] == 1
    assert deleted["alert-phone"] == 1
    assert [r.sent_at for r in SentAlert.objects.all()] == [now - dt.timedelta(days=700)]


def test_the_demo_seeder_chooses_some_alerts_and_paperless_once() -> None:
    first, second = io.StringIO(), io.StringIO()
    call_command("seed_demo", stdout=first)
    call_command("seed_demo", stdout=second)

    assert "Gave 2 demo customer(s) alert choices and paperless statements." in first.getvalue()
    assert "alert choices" not in second.getvalue()
    mobiles = {}
    for email in ("amelia.hart@example.com", "rohan.mehta@example.com"):
        customer = User.objects.get(login_index=login_index(email))
        assert StatementPreference.objects.get(user=customer).paperless is True
        assert AlertChoice.objects.filter(user=customer).count() == 5
        mobiles[email] = AlertPhone.objects.get(user=customer).number
    assert mobiles == {
        "amelia.hart@example.com": "+447700900123",
        "rohan.mehta@example.com": "+447700900456",
    }
