"""/account/policy-update/: the notice of a new privacy policy, once, after sign-in."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from partnership.accounts.after_sign_in import INTERSTITIALS
from partnership.accounts.models import User
from partnership.accounts.tests.conftest import FrozenClock
from partnership.accounts.tests.support import customer_make, full_sign_in, sign_out
from partnership.audit.models import AuditEvent
from partnership.policy.services import policy_publish
from partnership.privacy_centre.views.policy_notice import POLICY_NOTICE

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


@pytest.fixture
def ada() -> User:
    return customer_make()


def publish(number_summary: str, effective_from: dt.date) -> Any:
    return policy_publish(
        summary=number_summary,
        body=f"# Policy\n\n{number_summary}\n",
        effective_from=effective_from,
    )


def test_a_new_policy_is_shown_once_after_sign_in(frozen_clock: FrozenClock) -> None:
    publish("First.", dt.date(2026, 1, 1))
    ada = customer_make()  # sees version 1 at enrolment, silently
    assert ada.policy_version_seen == 1
    first_client = Client()
    assert full_sign_in(first_client, remember=False)["Location"] == "/account/"

    publish("We now explain remembered browsers.", dt.date(2026, 11, 1))
    frozen_clock.advance(seconds=30)
    client = Client()
    after_code = full_sign_in(client, remember=False)
    notice = client.get(after_code["Location"])
    onwards = client.post("/account/policy-update/")
    frozen_clock.advance(seconds=30)
    sign_out(client)
    again = full_sign_in(Client(), remember=False)

    assert after_code["Location"] == "/account/policy-update/"
    body = notice.content.decode()
    assert "We now explain remembered browsers." in body
    assert 'href="/privacy/versions/2/"' in body
    assert (onwards.status_code, onwards["Location"]) == (302, "/account/")
    assert again["Location"] == "/account/"
    ada.refresh_from_db()
    assert ada.policy_version_seen == 2
    [event] = AuditEvent.objects.filter(event="account:policy-notice:show")
    assert (event.subject_id, event.data) == (str(ada.pk), {"version": 2})


def test_a_version_not_yet_in_force_is_not_shown(ada: User) -> None:
    publish("Later.", dt.date(2027, 1, 1))

    assert full_sign_in(Client(), remember=False)["Location"] == "/account/"


def test_the_notice_is_the_sign_in_interstitial_privacy_centre_registers() -> None:
    assert INTERSTITIALS["privacy-policy-notice"] is POLICY_NOTICE
