"""/staff/disputes/: the queue shows no personal data; opening a dispute needs the
agent's own grant for the customer, and is audited as a view of their data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from partnership.accounts.tests.conftest import frozen_clock  # noqa: F401
from partnership.accounts.tests.support import sign_in, staff_make
from partnership.audit.models import AuditEvent
from partnership.backoffice import access
from partnership.cards.models import BlockReason, TransactionDispute
from partnership.cards.services.lost import card_report_lost
from partnership.cards.tests.card_support import account_with_card
from partnership.cards.tests.factories import post, purchase

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


def signed_in(user: object) -> Client:
    client = Client()
    sign_in(client, user)  # type: ignore[arg-type]
    return client


def test_the_disputes_queue_needs_a_grant_to_open_one_and_audits_the_view() -> None:
    user, account, card = account_with_card()
    [row] = post(account, purchase(dt.date(2026, 11, 20), "Online Marketplace UK", "49.99"))
    card_report_lost(card=card, user=user, reason=BlockReason.STOLEN, disputed={row.pk})
    dispute = TransactionDispute.objects.get()
    agent = staff_make("agent.test@example.com", group=access.CUSTOMER_SERVICE_AGENT)
    client = signed_in(agent)

    queue = client.get("/staff/disputes/").content.decode()
    closed = client.get(f"/staff/disputes/{dispute.pk}/").content.decode()
    assert f"/staff/disputes/{dispute.pk}/" in queue
    assert "Online Marketplace UK" not in queue
    assert "A reason is needed first" in closed
    assert "Online Marketplace UK" not in closed
    client.post(
        f"/staff/customers/{user.pk}/",
        {
            "reason_category": "fraud_check",
            "reason_text": "Customer called",
            "case_reference": "",
        },
    )
    opened = client.get(f"/staff/disputes/{dispute.pk}/").content.decode()

    assert "Online Marketplace UK" in opened
    assert "£49.99" in opened
    view = AuditEvent.objects.filter(event="staff:customer:view").order_by("id").last()
    assert view is not None
    assert view.data["page"] == "dispute"
