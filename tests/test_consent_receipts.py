"""Consent receipts: a JSON download of each recorded cookie choice (issue 18)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client

from partnership.accounts.tests.support import customer_make, sign_in
from partnership.consent import cookies
from partnership.consent.models import ConsentRecord
from partnership.consent.receipts import receipt_id
from tests.test_consent import choose, token

pytestmark = pytest.mark.django_db
RECEIPT_LINK = re.compile(r'href="(/privacy/cookies/receipts/[^"]+\.json)"')


def receipt_from(response: Any) -> str:
    match = RECEIPT_LINK.search(response.content.decode())
    assert match is not None
    return match.group(1)


def test_a_visitor_without_cookies_gets_a_receipt_link_with_the_choice(settings: Any) -> None:
    client = Client()
    response = choose(client, statistics="objected", research="granted")
    url = receipt_from(response)
    record = ConsentRecord.objects.get()
    assert url == f"/privacy/cookies/receipts/{receipt_id(record)}.json"
    assert str(record.consent_id) not in url

    download = Client().get(url)  # another browser, no cookies at all
    assert download.status_code == 200
    assert download["Content-Type"] == "application/json"
    receipt = json.loads(download.content)
    assert set(receipt) == {
        "receipt_id",
        "controller",
        "time",
        "purposes",
        "strictly_necessary",
        "policy_version",
        "cookie_registry_revision",
        "how_given",
        "how_given_description",
        "browser_signal",
        "how_to_withdraw",
    }
    assert receipt["receipt_id"] == receipt_id(record)
    assert receipt["controller"] == {
        "name": settings.BRAND["issuer_name"],
        "address": settings.CONTROLLER_ADDRESS,
        "data_protection_officer": settings.DPO_EMAIL,
    }
    assert receipt["time"] == record.given_at.isoformat()
    assert {p["purpose"]: (p["choice"], p["consented"]) for p in receipt["purposes"]} == {
        "statistics": ("objected", False),
        "research": ("granted", True),
        "preferences": (record.preferences, record.preferences == "allowed"),
    }
    assert receipt["cookie_registry_revision"] == cookies.registry_revision()
    assert receipt["policy_version"] == record.policy_version
    assert receipt["how_given"] == "settings_page"
    assert "/privacy/cookies/" in receipt["how_to_withdraw"]
    # Nothing about the visitor beyond the record: no consent id, no user id.
    assert str(record.consent_id) not in download.content.decode()
    assert download.cookies == {}


def test_after_a_banner_choice_the_settings_page_offers_its_receipt() -> None:
    client = Client()
    choose(
        client,
        source="banner",
        research="refused",
        consent_token=token(client, "/card/"),
        return_to="/card/",
    )
    record = ConsentRecord.objects.get()
    url = receipt_from(client.get("/privacy/cookies/"))
    assert url == f"/privacy/cookies/receipts/{receipt_id(record)}.json"
    assert json.loads(Client().get(url).content)["how_given"] == "banner"


@pytest.mark.parametrize(
    "bad",
    ["nonsense", "1-" + "0" * 32, "0-abc", "99999-" + "a" * 32, "1-" + "A" * 32, "%00", "1" * 40],
)
def test_a_malformed_or_forged_receipt_id_is_a_404(bad: str) -> None:
    client = Client()
    choose(client, statistics="objected", research="granted")
    response = Client().get(f"/privacy/cookies/receipts/{bad}.json")
    assert response.status_code == 404


def test_another_records_number_with_this_mac_is_refused() -> None:
    client = Client()
    choose(client, statistics="objected", research="granted")
    choose(Client(), statistics="allowed", research="refused")
    first, second = ConsentRecord.objects.order_by("pk")
    forged = f"{second.pk}-{receipt_id(first).split('-')[1]}"
    assert Client().get(f"/privacy/cookies/receipts/{forged}.json").status_code == 404


def test_a_customer_finds_their_receipts_in_the_privacy_centre() -> None:
    ada, other = customer_make(), customer_make("other.test@example.com")
    client = Client()
    sign_in(client, ada)
    choose(client, statistics="objected", research="granted")
    record = ConsentRecord.objects.get(user_id=ada.pk)
    body = client.get("/account/privacy/consent-receipts/").content.decode()
    assert f"/privacy/cookies/receipts/{receipt_id(record)}.json" in body
    theirs = Client()
    sign_in(theirs, other)
    body = theirs.get("/account/privacy/consent-receipts/").content.decode()
    assert "/privacy/cookies/receipts/" not in body
    assert "You have not made a cookie choice while signed in." in body


def test_each_marketing_answer_has_a_receipt_only_its_owner_can_open(settings: Any) -> None:
    from partnership.accounts.models import MarketingConsent
    from partnership.core import clock

    ada, other = customer_make(), customer_make("other.test@example.com")
    record = MarketingConsent.objects.create(
        user=ada, channel="post", granted=False, recorded_at=clock.now(), source="privacy_centre"
    )
    mine, theirs = Client(), Client()
    sign_in(mine, ada)
    sign_in(theirs, other)
    url = f"/account/privacy/marketing/receipts/{record.pk}.json"
    assert f'href="{url}"' in mine.get("/account/privacy/marketing/").content.decode()
    response = mine.get(url)
    assert response.status_code == 200
    receipt = json.loads(response.content)
    assert receipt["receipt_id"] == f"marketing-{record.pk}"
    assert receipt["time"] == record.recorded_at.isoformat()
    assert receipt["purposes"] == [
        {
            "purpose": "marketing",
            "description": "Marketing from us by Post",
            "channel": "post",
            "choice": "refused",
            "consented": False,
        }
    ]
    assert receipt["how_given"] == "privacy_centre"
    assert receipt["controller"]["name"] == settings.BRAND["issuer_name"]
    assert ada.email not in response.content.decode()
    assert theirs.get(url).status_code == 404
    assert mine.get("/account/privacy/marketing/receipts/99999.json").status_code == 404
