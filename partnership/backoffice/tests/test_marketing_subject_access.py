"""A customer's subject access export lists the marketing exports that included them
(UK GDPR Art. 15(1)(c), the recipients): when, to whom, why and which details — and
nothing about anyone else. Erasure and retention remove their membership rows."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from partnership.accounts.models import MarketingChannel, User
from partnership.accounts.tests.support import customer_make, staff_make
from partnership.backoffice import access
from partnership.backoffice.services.marketing import marketing_export_create
from partnership.backoffice.tests.marketing_support import recipient_make
from partnership.backoffice.tests.test_marketing_exports import opted_in
from partnership.compliance.marketing.models import MarketingExport, MarketingExportMember
from partnership.core import clock
from partnership.privacy import inventory, retention
from partnership.privacy.export import subject_access_collect, subject_access_summary
from partnership.privacy.subjects import DataSubject, data_subject_resolve

pytestmark = pytest.mark.django_db

FIRST = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
SECOND = dt.datetime(2026, 9, 14, 15, 0, tzinfo=dt.UTC)


@pytest.fixture
def at(monkeypatch: pytest.MonkeyPatch) -> list[dt.datetime]:
    moment = [FIRST]
    monkeypatch.setattr(clock, "now", lambda: moment[0])
    return moment


def collected(user: User) -> dict[str, Any]:
    assert user.email
    return subject_access_collect(subject=data_subject_resolve(email=user.email))


def two_exports(at: list[dt.datetime]) -> tuple[User, User, User]:
    """Ada says yes to e-mail and post, Grace to e-mail only, Hugh to nothing; an e-mail
    export to Harbourline, then a post export to Partnership Travel."""
    ada = opted_in(
        "ada.test@example.com", {MarketingChannel.EMAIL: True, MarketingChannel.POST: True}
    )
    grace = opted_in("grace.test@example.com", {MarketingChannel.EMAIL: True})
    hugh = customer_make("hugh.test@example.com")
    staff = staff_make(group=access.MARKETING)
    harbourline = recipient_make("Harbourline Home Ltd")
    travel = recipient_make("Partnership Travel Ltd")
    marketing_export_create(staff_user=staff, recipient_id=harbourline.pk, channel="email")
    at[0] = SECOND
    marketing_export_create(staff_user=staff, recipient_id=travel.pk, channel="post")
    return ada, grace, hugh


def test_a_customer_sees_each_export_that_included_them(at: list[dt.datetime]) -> None:
    ada, _, _ = two_exports(at)

    data = collected(ada)

    assert data["marketing_exports"] == [
        {
            "exported_at": "2026-03-02T09:30:00Z",
            "recipient": "Harbourline Home Ltd",
            "purpose": "Marketing to you by e-mail, which you had agreed to.",
            "details_shared": ["Name", "E-mail"],
        },
        {
            "exported_at": "2026-09-14T15:00:00Z",
            "recipient": "Partnership Travel Ltd",
            "purpose": "Marketing to you by post, which you had agreed to.",
            "details_shared": ["Name", "Postal address", "Postcode"],
        },
    ]
    [searched] = [
        item
        for item in data["meta"]["categories_searched"]
        if item["category"] == "marketing_exports"
    ]
    assert searched["count"] == 2


def test_the_summary_page_names_the_recipients(at: list[dt.datetime]) -> None:
    ada, _, _ = two_exports(at)

    page = subject_access_summary(data=collected(ada))

    assert "Harbourline Home Ltd" in page
    assert "Partnership Travel Ltd" in page
    assert "Which marketing exports included you: 2 years from each export" in page


def test_a_customer_in_no_export_sees_none(at: list[dt.datetime]) -> None:
    _, _, hugh = two_exports(at)

    data = collected(hugh)

    assert data["marketing_exports"] == []
    assert MarketingExport.objects.count() == 2


def test_nothing_about_anyone_else_is_in_a_customers_export(at: list[dt.datetime]) -> None:
    ada, grace, hugh = two_exports(at)
    export = MarketingExport.objects.get(channel="email")
    staff = export.staff_user

    grace_data = collected(grace)
    text = json.dumps(grace_data["marketing_exports"])

    assert [item["recipient"] for item in grace_data["marketing_exports"]] == [
        "Harbourline Home Ltd"
    ]
    for other in (ada, hugh, staff):
        assert str(other.pk) not in text
        assert other.email not in json.dumps(grace_data)
    assert "customer_count" not in text
    assert "marketing@harbourline.test" not in text


def test_erasure_deletes_only_that_customers_memberships(at: list[dt.datetime]) -> None:
    ada, grace, _ = two_exports(at)
    entry = inventory.entry_for_category("marketing_exports")
    ada_rows = sorted(
        str(pk)
        for pk in MarketingExportMember.objects.filter(customer=ada).values_list("pk", flat=True)
    )

    outcome = entry.erase(DataSubject(email="ada.test@example.com", user_id=ada.pk))

    assert sorted(outcome.erased_ids) == ada_rows
    assert len(ada_rows) == 2
    assert outcome.kept == ()
    assert list(MarketingExportMember.objects.values_list("customer_id", flat=True)) == [grace.pk]
    # The exports and their counts stay: how many, not who.
    assert sorted(MarketingExport.objects.values_list("customer_count", flat=True)) == [1, 2]


def test_memberships_go_two_years_after_their_export(at: list[dt.datetime]) -> None:
    two_exports(at)
    at[0] = FIRST + dt.timedelta(days=2 * 366, minutes=1)

    report = retention.retention_run(dry_run=False)

    [outcome] = [item for item in report.rules if item.rule == "marketing-export-members"]
    assert (outcome.deleted, outcome.error) == (2, "")  # Ada's and Grace's e-mail rows
    assert list(MarketingExportMember.objects.values_list("export__channel", flat=True)) == ["post"]
    assert MarketingExport.objects.count() == 2
