"""The demo applications ``seed_demo`` adds for ``make run``: made once, through the services."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command

from partnership.accounts.models import User
from partnership.applications.demo import DEMO_APPLICATIONS
from partnership.applications.models import Application, Outcome
from partnership.audit.events import AuditEventType
from partnership.audit.models import AuditEvent
from partnership.cards.models import CardAccount
from partnership.compliance.rights.models import RightsRequest, RightsRequestKind

pytestmark = pytest.mark.django_db


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_seeding_twice_adds_three_demo_applications_once(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        first = seed()
        second = seed()

    applications = {a.idempotency_key: a for a in Application.objects.all()}
    approved = applications["demo-application-approved"]
    referred = applications["demo-application-referred"]
    declined = applications["demo-application-declined"]
    assert "Added 3 demo card application(s): approved, referred, declined." in first
    assert "demo card application" not in second
    assert len(applications) == 3
    assert (approved.outcome, approved.reasons) == (Outcome.APPROVED, ["A01", "A02"])
    assert (referred.outcome, referred.reasons) == (Outcome.REFERRED, ["R02"])
    assert (declined.outcome, declined.reasons) == (Outcome.DECLINED, ["D03", "D04"])
    assert (referred.customer_id, declined.customer_id) == (None, None)
    assert approved.customer is not None
    assert approved.customer.email == "imogen.ashdown@example.com"
    assert not approved.customer.has_usable_password()
    assert CardAccount.objects.filter(owner=approved.customer).count() == 1
    assert User.objects.filter(card_applications__isnull=False).count() == 1
    reviews = RightsRequest.objects.filter(kind=RightsRequestKind.AUTOMATED_DECISION_REVIEW)
    assert list(reviews.values_list("related_type", "related_id")) == [
        ("application", str(declined.pk))
    ]
    submitted = AuditEvent.objects.filter(event=AuditEventType.APPLICATIONS_APPLICATION_SUBMIT)
    assert submitted.count() == 3
    invitations = [m for m in mail.outbox if m.to == ["imogen.ashdown@example.com"]]
    assert len(invitations) == 1


def test_the_demo_applicants_are_made_up_people_at_reserved_addresses() -> None:
    for demo in DEMO_APPLICATIONS:
        assert demo.contact["email"].endswith("@example.com")
        assert demo.contact["phone"].startswith("07700 900")  # Ofcom's drama range
