"""Marketing choices are ticked by the box itself (issue 13, item 8): any other value
is refused with a message on the form, and nothing is recorded."""

from __future__ import annotations

import pytest
from django.test import Client

from partnership.accounts.models import MarketingChannel, MarketingConsent
from partnership.accounts.tests.support import customer_make, sign_in
from partnership.applications.models import ApplicationDraft
from partnership.applications.tests.support import SAME_ORIGIN, answers, hidden, walk_cookieless
from partnership.audit.models import AuditEvent
from partnership.core.forms import NOT_A_TICK_MESSAGE
from partnership.privacy_centre.selectors import marketing_choices_current

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["yes", "true", "1", "off", "ON"])
def test_a_marketing_choice_in_the_privacy_centre_is_ticked_only_by_on(value: str) -> None:
    ada = customer_make()
    client = Client()
    sign_in(client, ada)

    response = client.post("/account/privacy/marketing/", {"email": value, "post": "on"})

    assert response.status_code == 400
    assert NOT_A_TICK_MESSAGE in response.content.decode()
    assert marketing_choices_current(user=ada) == dict.fromkeys(MarketingChannel, False)
    assert MarketingConsent.objects.count() == 0
    assert AuditEvent.objects.filter(event="account:marketing:update").count() == 0


def test_the_privacy_centre_box_sent_twice_is_refused() -> None:
    ada = customer_make()
    client = Client()
    sign_in(client, ada)

    response = client.post("/account/privacy/marketing/", {"email": ["on", "on"]})

    assert response.status_code == 400
    assert MarketingConsent.objects.count() == 0


def test_on_still_records_the_choice() -> None:
    ada = customer_make()
    client = Client()
    sign_in(client, ada)

    response = client.post("/account/privacy/marketing/", {"email": "on"})

    assert response.status_code == 302
    assert marketing_choices_current(user=ada)[MarketingChannel.EMAIL] is True


def test_an_application_marketing_box_is_ticked_only_by_on() -> None:
    cookieless = Client(enforce_csrf_checks=True)
    steps = answers()
    before = {name: steps[name] for name in list(steps)[: list(steps).index("contact")]}
    page = walk_cookieless(cookieless, before, until=list(before)[-1]).content.decode()
    kept = ApplicationDraft.objects.get().answers

    response = cookieless.post(
        "/apply/contact/",
        {**steps["contact"], "marketing_post": "yes", "draft": hidden(page, "draft")},
        headers=SAME_ORIGIN,
    )

    assert response.status_code == 400
    assert NOT_A_TICK_MESSAGE in response.content.decode()
    assert ApplicationDraft.objects.get().answers == kept
