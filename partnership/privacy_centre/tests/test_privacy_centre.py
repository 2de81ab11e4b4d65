"""The privacy centre: customer-only pages about request.user; download my data;
marketing choices; sign-in history."""

from __future__ import annotations

import io
import json
import re
import zipfile
from typing import Any

import pytest
from django.test import Client

from partnership.accounts.models import (
    MarketingChannel,
    MarketingConsent,
    MarketingSource,
    SignInEvent,
    SignInFactor,
    SignInOutcome,
    User,
)
from partnership.accounts.tests.conftest import FrozenClock
from partnership.accounts.tests.support import customer_make, sign_in, staff_make
from partnership.audit.models import AuditEvent
from partnership.audit.services import Actor
from partnership.core import clock
from partnership.privacy_centre.selectors import marketing_choices_current, marketing_opted_in
from partnership.privacy_centre.services.marketing import marketing_choices_record

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
PAGES = [
    "/account/privacy/",
    "/account/privacy/marketing/",
    "/account/privacy/details/",
    "/account/privacy/devices/",
    "/account/privacy/sign-ins/",
    "/account/policy-update/",
]
POST_ONLY = ["/account/privacy/download/", "/account/privacy/devices/forget/"]


def customer_client(user: User) -> Client:
    client = Client()
    sign_in(client, user)
    return client


@pytest.mark.parametrize("path", PAGES + POST_ONLY)
def test_anonymous_visitors_are_sent_to_sign_in(path: str) -> None:
    for response in (Client().get(path), Client().post(path)):
        assert (response.status_code, response["Location"]) == (
            302,
            f"/account/login/?next={path}",
        )


@pytest.mark.parametrize("path", PAGES + POST_ONLY)
def test_staff_are_refused_and_nothing_is_written(path: str) -> None:
    client = customer_client(staff_make())
    before = AuditEvent.objects.count()

    answers = [client.get(path).status_code, client.post(path, {"device": "all"}).status_code]

    assert answers == [403, 403]
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize("path", PAGES)
def test_a_customer_opens_each_page(path: str) -> None:
    assert customer_client(customer_make()).get(path).status_code == 200


@pytest.mark.parametrize("path", POST_ONLY)
def test_post_only_pages_refuse_get(path: str) -> None:
    assert customer_client(customer_make()).get(path).status_code == 405


def test_the_account_home_links_to_the_privacy_centre() -> None:
    body = customer_client(customer_make()).get("/account/").content.decode()
    assert 'href="/account/privacy/"' in body
    assert 'href="/account/password/"' in body


# --- download my data ----------------------------------------------------------------------
def download(client: Client) -> Any:
    return client.post("/account/privacy/download/")


def download_status(client: Client) -> int:
    return int(download(client).status_code)


def zip_data(response: Any) -> dict[str, Any]:
    content = response.content
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert sorted(archive.namelist()) == ["data.json", "summary.html"]
        data: dict[str, Any] = json.loads(archive.read("data.json"))
    return data


def test_download_gives_the_signed_in_customers_data_and_no_one_elses() -> None:
    ada = customer_make("ada.test@example.com", full_name="Ada Testperson")
    customer_make("bob.test@example.com", full_name="Bob Otherperson")
    marketing_choices_record(
        user=ada,
        choices={MarketingChannel.EMAIL: True},
        source=MarketingSource.PRIVACY_CENTRE,
        actor=Actor.customer(ada.pk),
    )

    response = download(customer_client(ada))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == 'attachment; filename="my-data-2026-11-25.zip"'
    data = zip_data(response)
    for category in (
        "identity",
        "contact_details",
        "sign_in_history",
        "security_credentials",
        "marketing_choices",
        "remembered_devices",
        "card_accounts",
        "transactions",
        "statements",
    ):
        assert category in data, category
    assert [row["email"] for row in data["identity"]] == ["ada.test@example.com"]
    assert data["identity"][0]["user_id"] == str(ada.pk)
    assert data["contact_details"][0]["postcode"] == "TE1 1ST"
    assert [(r["channel"], r["granted"], r["source"]) for r in data["marketing_choices"]] == [
        ("email", True, "privacy_centre")
    ]
    assert "bob.test" not in json.dumps(data)
    assert "Otherperson" not in json.dumps(data)
    [event] = AuditEvent.objects.filter(event="privacy:subject-access:export")
    assert (event.actor_kind, event.actor_id, event.subject_id) == (
        "customer",
        str(ada.pk),
        str(ada.pk),
    )
    assert event.data["archive"] == "zip"


def test_download_is_limited_to_five_an_hour(frozen_clock: FrozenClock) -> None:
    ada = customer_make()
    client = customer_client(ada)

    answers = [download_status(client) for _ in range(6)]

    assert answers == [200] * 5 + [429]
    assert AuditEvent.objects.filter(event="privacy:subject-access:export").count() == 5
    frozen_clock.advance(hours=2)
    assert download_status(customer_client(ada)) == 200


# --- marketing choices ---------------------------------------------------------------------
def test_marketing_is_off_until_the_customer_says_yes() -> None:
    ada = customer_make()

    assert marketing_choices_current(user=ada) == dict.fromkeys(MarketingChannel, False)
    assert list(marketing_opted_in(channel=MarketingChannel.EMAIL)) == []
    body = customer_client(ada).get("/account/privacy/marketing/").content.decode()
    assert "checked" not in body


def test_each_change_is_kept_with_time_and_source_and_the_latest_wins(
    frozen_clock: FrozenClock,
) -> None:
    ada, bob = customer_make(), customer_make("bob.test@example.com")
    client = customer_client(ada)

    first = client.post("/account/privacy/marketing/", {"email": "on", "sms": "on"})
    frozen_clock.advance(minutes=2)
    second = client.post("/account/privacy/marketing/", {"email": "on", "post": "on"})
    again = client.post("/account/privacy/marketing/", {"email": "on", "post": "on"})

    assert [r.status_code for r in (first, second, again)] == [302, 302, 302]
    assert again["Location"] == "/account/privacy/marketing/?saved=marketing-unchanged"
    history = list(
        MarketingConsent.objects.filter(user=ada)
        .order_by("recorded_at", "channel")
        .values_list("channel", "granted", "source")
    )
    assert history == [
        ("email", True, "privacy_centre"),
        ("sms", True, "privacy_centre"),
        ("post", True, "privacy_centre"),
        ("sms", False, "privacy_centre"),
    ]
    assert marketing_choices_current(user=ada) == {
        MarketingChannel.POST: True,
        MarketingChannel.EMAIL: True,
        MarketingChannel.PHONE: False,
        MarketingChannel.SMS: False,
    }
    assert list(marketing_opted_in(channel=MarketingChannel.EMAIL)) == [ada.pk]
    assert list(marketing_opted_in(channel=MarketingChannel.SMS)) == []
    assert MarketingConsent.objects.filter(user=bob).count() == 0
    events = AuditEvent.objects.filter(event="account:marketing:update").order_by("sequence")
    assert [(e.reason, e.data) for e in events] == [
        ("privacy_centre", {"email": True, "sms": True}),
        ("privacy_centre", {"post": True, "sms": False}),
    ]


def test_a_closed_account_is_never_opted_in() -> None:
    ada = customer_make()
    marketing_choices_record(
        user=ada,
        choices={MarketingChannel.POST: True},
        source=MarketingSource.STAFF_ON_CALL,
        actor=Actor.system(),
    )
    User.objects.filter(pk=ada.pk).update(closed_at=clock.now())

    assert list(marketing_opted_in(channel=MarketingChannel.POST)) == []


def test_unreadable_marketing_form_is_refused_and_nothing_recorded() -> None:
    client = customer_client(customer_make())

    response = client.post(
        "/account/privacy/marketing/",
        b"email=\xff\xfe",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 400
    assert MarketingConsent.objects.count() == 0


# --- sign-in history -----------------------------------------------------------------------
def test_sign_in_history_shows_time_outcome_and_a_coarse_device_only() -> None:
    ada = customer_make()
    SignInEvent.objects.create(
        user=ada,
        occurred_at=clock.now(),
        outcome=SignInOutcome.WRONG_CODE,
        factor=SignInFactor.TOTP,
        ip_address="203.0.113.9",
        user_agent=FIREFOX,
    )
    SignInEvent.objects.create(
        user=customer_make("bob.test@example.com"),
        occurred_at=clock.now(),
        outcome=SignInOutcome.SUCCESS,
        factor=SignInFactor.TOTP,
        user_agent="Bob's browser",
    )

    body = customer_client(ada).get("/account/privacy/sign-ins/").content.decode()

    assert "Firefox on Windows" in body
    assert "Wrong one-time code" in body
    assert "203.0.113.9" not in body
    assert "rv:128.0" not in body
    assert len(re.findall(r"<tr><td>", body)) == 1
