"""The processor register (P7): kept by compliance, overdue audits flagged, every change
audited, and its public columns frozen into each published privacy policy version."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from partnership.accounts.tests.support import sign_in, staff_make
from partnership.audit.models import AuditEvent
from partnership.backoffice import access
from partnership.backoffice.tests.marketing_support import processor_make
from partnership.compliance.processors.models import Processor
from partnership.compliance.processors.selectors import processors_audit_overdue
from partnership.core import clock
from partnership.policy.services import policy_publish

pytestmark = pytest.mark.django_db


def compliance() -> Client:
    client = Client()
    sign_in(client, staff_make(group=access.COMPLIANCE_OFFICER))
    return client


def form_data(**overrides: str | list[str]) -> dict[str, str | list[str]]:
    data: dict[str, str | list[str]] = {
        "supplier": "Riverside Mailing Services Ltd",
        "service": "Mailing house",
        "data_categories": ["identity", "contact"],
        "country": "United Kingdom",
        "safeguard": "uk",
        "contract_date": "2025-01-01",
        "audit_due": "2026-06-01",
        "audit_done": "",
        "findings": "<b>None</b> outstanding.",
    }
    data.update(overrides)
    return data


def test_overdue_means_due_before_today_and_not_done_since_it_fell_due() -> None:
    today = clock.today_in_london()
    day = dt.timedelta(days=1)
    never_done = processor_make(service="A", audit_due=today - day)
    done_before_due = processor_make(
        service="B", audit_due=today - day, audit_done=today - 30 * day
    )
    processor_make(service="C", audit_due=today - day, audit_done=today - day)
    processor_make(service="D", audit_due=today, audit_done=None)
    processor_make(service="E", audit_due=today + day, audit_done=None)

    overdue = list(processors_audit_overdue(today=today))

    assert overdue == [never_done, done_before_due]
    assert [p.audit_overdue(today=today) for p in Processor.objects.order_by("service")] == [
        True,
        True,
        False,
        False,
        False,
    ]


def test_the_register_page_flags_overdue_audits() -> None:
    today = clock.today_in_london()
    processor_make(audit_due=today - dt.timedelta(days=3))

    response = compliance().get("/staff/processors/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "1 audit overdue." in body
    assert body.count("Overdue</strong>") == 1


def test_compliance_adds_and_edits_a_processor_and_each_change_is_audited() -> None:
    client = compliance()

    created = client.post("/staff/processors/new/", form_data())
    processor = Processor.objects.get()
    edited = client.post(
        f"/staff/processors/{processor.pk}/",
        form_data(country="Ireland", safeguard="adequacy", audit_done="2026-05-20"),
    )

    assert (created.status_code, created["Location"]) == (302, "/staff/processors/")
    assert edited.status_code == 302
    processor.refresh_from_db()
    assert (
        processor.data_categories,
        processor.country,
        processor.safeguard,
        processor.audit_done,
        processor.findings,
    ) == (
        ["contact", "identity"],
        "Ireland",
        "adequacy",
        dt.date(2026, 5, 20),
        "<b>None</b> outstanding.",
    )
    audit = AuditEvent.objects.filter(event__startswith="backoffice:processor:").order_by(
        "sequence"
    )
    assert [(event.event, event.subject_id, event.data["safeguard"]) for event in audit] == [
        ("backoffice:processor:create", str(processor.pk), "uk"),
        ("backoffice:processor:update", str(processor.pk), "adequacy"),
    ]


def test_findings_with_html_are_shown_as_text_on_the_edit_page() -> None:
    processor = processor_make(findings="<script>alert(1)</script>")

    response = compliance().get(f"/staff/processors/{processor.pk}/")

    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.content.decode()
    assert "<script>alert(1)" not in response.content.decode()


@pytest.mark.parametrize(
    "overrides",
    [
        {"supplier": ""},
        {"supplier": "X" * 201},
        {"service": "Bad\x00service"},
        {"data_categories": []},
        {"data_categories": ["identity", "shoe_size"]},
        {"country": ""},
        {"safeguard": "trust_us"},
        {"safeguard": "idta"},  # the UK needs no transfer safeguard
        {"country": "United States", "safeguard": "uk"},
        {"contract_date": "01/01/2025"},
        {"audit_due": "2026-02-30"},
        {"audit_due": "2024-12-31"},  # before the contract
        {"audit_done": "yesterday"},
        {"findings": "F" * 5001},
    ],
)
def test_bad_processor_input_is_answered_with_400_and_nothing_written(
    overrides: dict[str, str | list[str]],
) -> None:
    response = compliance().post("/staff/processors/new/", form_data(**overrides))

    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert Processor.objects.count() == 0
    assert not AuditEvent.objects.filter(event__startswith="backoffice:processor:").exists()


def test_a_published_version_freezes_the_processor_table_and_later_changes_do_not_alter_it() -> (
    None
):
    processor = processor_make(
        supplier="Eurocloud Hosting SA",
        service="Cloud hosting",
        data_categories=["identity", "online"],
        country="Ireland",
        safeguard="adequacy",
    )

    version = policy_publish(summary="S.", body="Text.", effective_from=dt.date(2026, 1, 1))
    Processor.objects.filter(pk=processor.pk).update(service="Renamed", country="India")
    processor_make(service="Card printing")
    version.refresh_from_db()

    assert version.tables_snapshot is not None
    assert version.tables_snapshot["processors"] == [
        {
            "service": "Cloud hosting",
            "data_categories": [
                "Name and date of birth",
                "Online identifiers (IP address, device)",
            ],
            "location": "Ireland",
            "safeguard": "UK adequacy regulations",
        }
    ]
    assert "Cloud hosting" in version.tables_html
    assert "UK adequacy regulations" in version.tables_html
    assert "Eurocloud" not in version.tables_html  # supplier names stay internal
    assert "Renamed" not in version.tables_html
    assert "Card printing" not in version.tables_html
