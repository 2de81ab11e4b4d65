"""/account/alerts/ and /account/alerts/statements/: plain forms, refusals are 400 with
nothing stored and the valid input kept, every change one audit event of ids and enums."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from partnership.accounts.models import CustomerProfile, User
from partnership.accounts.tests.support import sign_in
from partnership.alerts.models import AlertChoice, AlertKind, AlertPhone, StatementPreference
from partnership.alerts.tests.support import MOBILE, choose
from partnership.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(ada: User) -> Client:
    client = Client()
    sign_in(client, ada)
    return client


def form(**extra: str) -> dict[str, str]:
    return {
        "payment_due_days": "3",
        "limit_percent": "90",
        "purchase_amount": "",
        "mobile": "",
        **extra,
    }


def events(name: str) -> list[dict[str, Any]]:
    return [e.data for e in AuditEvent.objects.filter(event=name).order_by("pk")]


def stored(user: User) -> list[tuple[str, bool, bool, Any, Any, Any]]:
    return [
        (c.kind, c.by_email, c.by_sms, c.days_before, c.percent, c.amount)
        for c in AlertChoice.objects.filter(user=user).order_by("kind")
    ]


def test_the_page_offers_every_kind_on_both_channels(client: Client) -> None:
    page = client.get("/account/alerts/")

    assert page.status_code == 200
    html = page.content.decode()
    for kind in AlertKind:
        assert f'name="{kind.value}_email"' in html
        assert f'name="{kind.value}_sms"' in html
        assert f"<legend>{kind.label}</legend>" in html
    assert "<script>" not in html  # no inline script (CSP)
    assert " style=" not in html
    assert "We have not sent you any alerts yet." in html


def test_choosing_alerts_saves_them_with_the_mobile_and_one_audit_event(
    client: Client, ada: User
) -> None:
    response = client.post(
        "/account/alerts/",
        form(
            payment_due_email="on",
            payment_due_sms="on",
            payment_due_days="5",
            purchase_over_email="on",
            purchase_amount="250",
            new_device_sms="on",
            mobile="07700 900123",
        ),
    )

    assert response.status_code == 302
    assert response["Location"] == "/account/alerts/?saved=alerts"
    assert stored(ada) == [
        ("new_device", False, True, None, None, None),
        ("payment_due", True, True, 5, None, None),
        ("purchase_over", True, False, None, None, Decimal("250.00")),
    ]
    assert AlertPhone.objects.get(user=ada).number == MOBILE
    assert events("alerts:choices:update") == [
        {
            "new_device_email": False,
            "new_device_sms": True,
            "payment_due_email": True,
            "payment_due_sms": True,
            "payment_due_days": 5,
            "purchase_over_email": True,
            "purchase_over_sms": False,
            "mobile_changed": True,
        }
    ]
    page = client.get(response["Location"])
    assert "Your alert choices are saved." in page.content.decode()
    assert "07700 900123" in page.content.decode()


def test_saving_the_same_choices_again_writes_nothing(client: Client, ada: User) -> None:
    choices = form(limit_email="on", limit_percent="80")
    client.post("/account/alerts/", choices)
    again = client.post("/account/alerts/", choices)

    assert again["Location"] == "/account/alerts/?saved=alerts-unchanged"
    assert len(events("alerts:choices:update")) == 1


def test_unticking_every_sms_forgets_the_mobile(client: Client, ada: User) -> None:
    choose(ada, AlertKind.NEW_DEVICE, email=False, sms=True)

    client.post("/account/alerts/", form(new_device_email="on", mobile="07700 900123"))

    assert stored(ada) == [("new_device", True, False, None, None, None)]
    assert not AlertPhone.objects.filter(user=ada).exists()


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({"limit_sms": "on"}, "mobile", "Enter the mobile number to text"),
        ({"limit_sms": "on", "mobile": "020 7946 0123"}, "mobile", "Enter a UK mobile number"),
        ({"purchase_over_email": "on"}, "purchase_amount", "Enter the amount a purchase"),
        ({"purchase_over_email": "on", "purchase_amount": "0.50"}, "purchase_amount", "from £1"),
        ({"purchase_over_email": "on", "purchase_amount": "12.345"}, "purchase_amount", "from £1"),
        ({"payment_due_email": "on", "payment_due_days": "11"}, "payment_due_days", "1 to 10"),
        ({"limit_email": "on", "limit_percent": "101"}, "limit_percent", "50 to 100"),
        ({"limit_email": "yes please"}, "limit_email", "Tick the box or leave it empty"),
    ],
)
def test_bad_input_is_refused_with_nothing_stored(
    client: Client, ada: User, extra: dict[str, str], field: str, message: str
) -> None:
    response = client.post("/account/alerts/", form(new_device_email="on", **extra))

    assert response.status_code == 400
    html = response.content.decode()
    assert f'href="#id_{field}"' in html
    assert message in html
    # The valid input is kept: the ticked box is still ticked.
    assert (
        '<input type="checkbox" name="new_device_email" id="id_new_device_email" checked>' in html
    )
    assert stored(ada) == []
    assert not AlertPhone.objects.filter(user=ada).exists()
    assert events("alerts:choices:update") == []


def test_the_profile_mobile_is_offered(client: Client, ada: User) -> None:
    CustomerProfile.objects.filter(user=ada).update(phone=None)
    profile = CustomerProfile.objects.get(user=ada)
    profile.phone = "+44 7700 900456"
    profile.save()

    html = client.get("/account/alerts/").content.decode()

    assert 'value="07700 900456"' in html


def test_statements_default_to_paperless_and_change_to_paper(client: Client, ada: User) -> None:
    page = client.get("/account/alerts/statements/").content.decode()
    assert 'value="paperless" id="id_delivery_0" checked' in page.replace(" required", "")

    response = client.post("/account/alerts/statements/", {"delivery": "paper"})

    assert response["Location"] == "/account/alerts/statements/?saved=statements"
    assert StatementPreference.objects.get(user=ada).paperless is False
    assert events("alerts:statement-preference:update") == [{"paperless": False}]
    again = client.post("/account/alerts/statements/", {"delivery": "paper"})
    assert again["Location"] == "/account/alerts/statements/?saved=statements-unchanged"
    assert len(events("alerts:statement-preference:update")) == 1


@pytest.mark.parametrize("value", ["", "email", "paperless,paper"])
def test_a_statement_choice_that_is_neither_is_refused(
    client: Client, ada: User, value: str
) -> None:
    response = client.post("/account/alerts/statements/", {"delivery": value})

    assert response.status_code == 400
    html = response.content.decode()
    assert '<a href="#id_delivery">' in html
    assert '<fieldset id="id_delivery" tabindex="-1">' in html
    assert "Choose paper or paperless statements." in html
    assert not StatementPreference.objects.filter(user=ada).exists()
