"""Retention, export, erasure and the review request of an application."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from partnership.applications.models import Application, ApplicationDraft
from partnership.applications.tests.support import SAME_ORIGIN, answers, hidden, walk_cookieless
from partnership.audit.models import AuditEvent
from partnership.compliance.rights.models import RightsRequest
from partnership.compliance.tests.test_no_plaintext import database_bytes
from partnership.core import clock
from partnership.privacy.export import subject_access_collect
from partnership.privacy.retention import retention_run
from partnership.privacy.subjects import data_subject_resolve

pytestmark = pytest.mark.django_db

DECLINED = {
    "personal": {"first_name": "Quillon", "last_name": "Decline", "date_of_birth": "02/03/1971"},
    "addresses": {"address_1": "7 Wobbleford Lane\nSnodsbury", "postcode_1": "ZX9 8QQ"},
    "contact": {"email": "quillon.zed@example.org", "phone": "07700 900461"},
}


def _age_everything(days: int) -> None:
    past = clock.now() - dt.timedelta(days=days)
    Application.objects.update(decided_at=past, submitted_at=past)
    ApplicationDraft.objects.update(updated_at=past)


def test_declined_application_is_deleted_after_retention_and_leaves_no_value(
    cookieless: Client,
) -> None:
    walk_cookieless(cookieless, answers(**DECLINED))
    _age_everything(366)

    report = retention_run(dry_run=False)

    outcome = {rule.rule: rule.deleted for rule in report.rules}
    assert outcome["applications"] == 1
    assert Application.objects.count() == 0
    dump = database_bytes()
    for value in (b"Quillon", b"Wobbleford", b"quillon.zed@example.org", b"07700 900461"):
        assert value not in dump


def test_declined_retention_period_is_a_setting(cookieless: Client, settings: Any) -> None:
    walk_cookieless(cookieless, answers(**DECLINED))
    _age_everything(100)
    settings.APPLICATION_DECLINED_RETENTION_DAYS = 90

    retention_run(dry_run=False)

    assert Application.objects.count() == 0


def test_approved_applications_follow_the_customer_and_drafts_expire_after_30_days(
    cookieless: Client,
) -> None:
    walk_cookieless(cookieless, answers())
    cookieless.post("/apply/", {}, headers=SAME_ORIGIN)
    _age_everything(400)

    retention_run(dry_run=False)

    assert Application.objects.count() == 1
    assert ApplicationDraft.objects.count() == 0


def test_a_young_draft_is_kept(cookieless: Client) -> None:
    cookieless.post("/apply/", {}, headers=SAME_ORIGIN)
    _age_everything(29)

    retention_run(dry_run=False)

    assert ApplicationDraft.objects.count() == 1


def test_the_application_and_its_decision_are_in_the_subject_access_export(
    cookieless: Client,
) -> None:
    walk_cookieless(cookieless, answers(**DECLINED))

    data = subject_access_collect(subject=data_subject_resolve(email="Quillon.Zed@example.org"))

    (record,) = data["applications"]
    assert record["last_name"] == "Decline"
    assert record["decision"]["outcome"] == "declined"
    assert record["decision"]["automated"] is True
    assert [reason["code"] for reason in record["decision"]["reasons"]] == ["D01", "D02"]


def test_asking_for_a_human_review_is_stored_once_as_a_rights_request(cookieless: Client) -> None:
    page = walk_cookieless(cookieless, answers(**DECLINED)).content.decode()
    post = {"decision": hidden(page, "decision"), "details": "My file is wrong."}

    first = cookieless.post("/apply/decision/review/", post, headers=SAME_ORIGIN)
    again = cookieless.post("/apply/decision/review/", post, headers=SAME_ORIGIN)

    request = RightsRequest.objects.get()
    application = Application.objects.get()
    assert (first.status_code, again.status_code) == (200, 200)
    assert "We will review the decision" in first.content.decode()
    assert "already asked" in again.content.decode()
    assert (request.kind, request.related_id, request.details, request.user_id) == (
        "automated_decision_review",
        str(application.pk),
        "My file is wrong.",
        None,
    )
    assert request.email_index != ""
    assert AuditEvent.objects.filter(event="privacy:rights-request:receive").count() == 1
    data = subject_access_collect(subject=data_subject_resolve(email="quillon.zed@example.org"))
    assert [r["kind"] for r in data["rights_requests"]] == ["automated_decision_review"]


def test_a_review_request_with_control_characters_is_refused_and_stores_nothing(
    cookieless: Client,
) -> None:
    page = walk_cookieless(cookieless, answers(**DECLINED)).content.decode()

    response = cookieless.post(
        "/apply/decision/review/",
        {"decision": hidden(page, "decision"), "details": "bad\x00"},
        headers=SAME_ORIGIN,
    )

    assert response.status_code == 400
    assert "control characters" in response.content.decode()
    assert RightsRequest.objects.count() == 0
