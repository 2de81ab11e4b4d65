"""Marketing exports (P8): only to Partnership companies, only opted-in customers, only
the fields the channel needs; refusals are recorded and leave nothing else behind."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from partnership.accounts.models import MarketingChannel, MarketingSource, User
from partnership.accounts.services.users import ContactDetails
from partnership.accounts.tests.support import customer_make, sign_in, staff_make
from partnership.audit.models import AuditEvent
from partnership.audit.services import Actor
from partnership.backoffice import access
from partnership.backoffice.services.marketing import ExportRefused, marketing_export_create
from partnership.backoffice.tests.marketing_support import recipient_make
from partnership.compliance.marketing.models import (
    ExportRefusal,
    MarketingExport,
    MarketingExportMember,
    MarketingRecipient,
)
from partnership.compliance.marketing.services import recipient_flag_set
from partnership.privacy_centre.services.marketing import marketing_choices_record

pytestmark = pytest.mark.django_db


def opted_in(email: str, channels: dict[MarketingChannel, bool], **extra: Any) -> User:
    user = customer_make(email, **extra)
    marketing_choices_record(
        user=user,
        choices=channels,
        source=MarketingSource.PRIVACY_CENTRE,
        actor=Actor.customer(user.pk),
    )
    return user


def signed_in(group: str) -> tuple[Client, User]:
    client = Client()
    user = staff_make(f"{group.split()[0].lower()}.test@example.com", group=group)
    sign_in(client, user)
    return client, user


def events(name: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(event=name).order_by("sequence"))


def csv_rows(response: Any) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


@pytest.mark.parametrize(
    "group", [access.MARKETING, access.COMPLIANCE_OFFICER, access.ADMINISTRATOR]
)
def test_an_export_to_an_outside_company_is_refused_recorded_and_writes_nothing(
    group: str,
) -> None:
    opted_in("ada.test@example.com", {MarketingChannel.EMAIL: True})
    outside = recipient_make("Acme Data Brokers Ltd", partnership=False)
    staff = staff_make(group=group)
    if group == access.MARKETING:
        expected = ExportRefusal.NOT_PARTNERSHIP
    else:
        expected = ExportRefusal.NOT_PERMITTED  # nor may anyone without the permission

    with pytest.raises(ExportRefused) as refused:
        marketing_export_create(staff_user=staff, recipient_id=outside.pk, channel="email")

    assert refused.value.reason == expected
    assert MarketingExport.objects.count() == MarketingExportMember.objects.count() == 0
    [event] = events("backoffice:marketing-export:refused")
    assert (event.actor_id, event.subject_type, event.subject_id, event.reason, event.data) == (
        str(staff.pk),
        "marketing_recipient",
        str(outside.pk),
        expected.value,
        {"channel": "email"},
    )
    assert events("backoffice:marketing-export:create") == []


def test_the_page_refuses_an_outside_company_with_a_clear_message() -> None:
    client, _ = signed_in(access.MARKETING)
    outside = recipient_make("Acme Data Brokers Ltd", partnership=False)

    response = client.post(
        "/staff/marketing/exports/new/", {"recipient": str(outside.pk), "channel": "post"}
    )

    assert response.status_code == 403
    assert "Export refused: The recipient is not a Partnership company" in response.content.decode()
    assert MarketingExport.objects.count() == 0
    [event] = events("backoffice:marketing-export:refused")
    assert (event.reason, event.data) == ("not_partnership", {"channel": "post"})


def test_an_unknown_recipient_is_refused_and_recorded() -> None:
    staff = staff_make(group=access.MARKETING)

    with pytest.raises(ExportRefused) as refused:
        marketing_export_create(staff_user=staff, recipient_id="not-a-uuid", channel="sms")

    assert refused.value.reason == ExportRefusal.UNKNOWN_RECIPIENT
    [event] = events("backoffice:marketing-export:refused")
    assert (event.subject_id, event.reason) == ("", "unknown_recipient")
    assert MarketingExport.objects.count() == 0


def test_an_export_holds_only_customers_who_opted_in_for_that_channel() -> None:
    yes = opted_in("yes.test@example.com", {MarketingChannel.EMAIL: True})
    opted_in("post-only.test@example.com", {MarketingChannel.POST: True})
    changed = opted_in("changed.test@example.com", {MarketingChannel.EMAIL: True})
    marketing_choices_record(
        user=changed,
        choices={MarketingChannel.EMAIL: False},
        source=MarketingSource.PRIVACY_CENTRE,
        actor=Actor.customer(changed.pk),
    )
    customer_make("never.test@example.com")
    recipient = recipient_make()
    staff = staff_make(group=access.MARKETING)

    export = marketing_export_create(staff_user=staff, recipient_id=recipient.pk, channel="email")

    assert (export.customer_count, export.channel) == (1, "email")
    assert list(export.members.values_list("customer_id", flat=True)) == [yes.pk]
    [event] = events("backoffice:marketing-export:create")
    assert event.data == {
        "recipient_id": str(recipient.pk),
        "channel": "email",
        "customer_count": 1,
    }


@pytest.mark.parametrize(
    ("channel", "header", "row"),
    [
        ("email", ["Name", "E-mail"], ["Ada Lovelace", "ada.test@example.com"]),
        (
            "post",
            ["Name", "Postal address", "Postcode"],
            ["Ada Lovelace", "1 Mill Lane", "TE1 1ST"],
        ),
        ("phone", ["Name", "Phone"], ["Ada Lovelace", "07700900123"]),
        ("sms", ["Name", "Phone"], ["Ada Lovelace", "07700900123"]),
    ],
)
def test_the_csv_holds_only_the_fields_the_channel_needs(
    channel: str, header: list[str], row: list[str]
) -> None:
    opted_in(
        "ada.test@example.com",
        {MarketingChannel(channel): True},
        full_name="Ada Lovelace",
        contact=ContactDetails("1 Mill Lane", "TE1 1ST", "07700900123"),
    )
    client, _ = signed_in(access.MARKETING)
    recipient = recipient_make()

    created = client.post(
        "/staff/marketing/exports/new/", {"recipient": str(recipient.pk), "channel": channel}
    )
    export = MarketingExport.objects.get()
    response = client.get(f"/staff/marketing/exports/{export.pk}/csv/")

    assert (created.status_code, created["Location"]) == (302, "/staff/marketing/exports/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert csv_rows(response) == [header, row]
    [download] = events("backoffice:marketing-export:download")
    assert download.data == {"channel": channel, "customer_count": 1}


def test_the_csv_neutralises_spreadsheet_formulas() -> None:
    opted_in(
        "evil.test@example.com",
        {MarketingChannel.PHONE: True},
        full_name="=cmd()",
        contact=ContactDetails("", "", "+447700900123"),
    )
    client, staff = signed_in(access.MARKETING)
    export = marketing_export_create(
        staff_user=staff, recipient_id=recipient_make().pk, channel="phone"
    )

    response = client.get(f"/staff/marketing/exports/{export.pk}/csv/")

    assert csv_rows(response) == [["Name", "Phone"], ["'=cmd()", "'+447700900123"]]


def test_a_download_leaves_out_who_has_since_said_no_and_refuses_if_the_flag_was_cleared() -> None:
    ada = opted_in("ada.test@example.com", {MarketingChannel.EMAIL: True}, full_name="Ada")
    client, staff = signed_in(access.MARKETING)
    recipient = recipient_make()
    export = marketing_export_create(staff_user=staff, recipient_id=recipient.pk, channel="email")
    marketing_choices_record(
        user=ada,
        choices={MarketingChannel.EMAIL: False},
        source=MarketingSource.PRIVACY_CENTRE,
        actor=Actor.customer(ada.pk),
    )

    assert csv_rows(client.get(f"/staff/marketing/exports/{export.pk}/csv/")) == [
        ["Name", "E-mail"]
    ]

    MarketingRecipient.objects.filter(pk=recipient.pk).update(is_partnership_company=False)
    refused = client.get(f"/staff/marketing/exports/{export.pk}/csv/")

    assert refused.status_code == 403
    assert [event.reason for event in events("backoffice:marketing-export:refused")] == [
        "not_partnership"
    ]


@pytest.mark.parametrize("group", [access.COMPLIANCE_OFFICER, access.ADMINISTRATOR])
def test_compliance_and_administrators_set_the_flag_and_each_change_is_audited(group: str) -> None:
    staff = staff_make(group=group)
    recipient = recipient_make(partnership=False)

    recipient_flag_set(staff_user=staff, recipient_id=recipient.pk, is_partnership_company=True)
    recipient_flag_set(staff_user=staff, recipient_id=recipient.pk, is_partnership_company=True)
    recipient_flag_set(staff_user=staff, recipient_id=recipient.pk, is_partnership_company=False)

    changes = events("backoffice:recipient:flag-change")
    assert [(event.actor_id, event.subject_id, event.data) for event in changes] == [
        (str(staff.pk), str(recipient.pk), {"old_flag": False, "new_flag": True}),
        (str(staff.pk), str(recipient.pk), {"old_flag": True, "new_flag": False}),
    ]


@pytest.mark.parametrize("group", [access.MARKETING, access.CUSTOMER_SERVICE_AGENT])
def test_no_one_else_may_set_the_flag_even_through_the_service(group: str) -> None:
    staff = staff_make(group=group)
    recipient = recipient_make(partnership=False)

    with pytest.raises(PermissionDenied):
        recipient_flag_set(staff_user=staff, recipient_id=recipient.pk, is_partnership_company=True)

    recipient.refresh_from_db()
    assert recipient.is_partnership_company is False
    assert events("backoffice:recipient:flag-change") == []


def test_compliance_adds_and_edits_a_recipient_through_the_pages() -> None:
    client, _ = signed_in(access.COMPLIANCE_OFFICER)

    created = client.post(
        "/staff/marketing/recipients/new/",
        {"company_name": "Harbourline Travel Ltd", "contact": "team@travel.test"},
    )
    recipient = MarketingRecipient.objects.get()
    edited = client.post(
        f"/staff/marketing/recipients/{recipient.pk}/",
        {
            "company_name": "Harbourline Travel Ltd",
            "contact": "team@travel.test",
            "is_partnership_company": "on",
        },
    )

    assert (created.status_code, edited.status_code) == (302, 302)
    recipient.refresh_from_db()
    assert (recipient.company_name, recipient.is_partnership_company) == (
        "Harbourline Travel Ltd",
        True,
    )
    [create] = events("backoffice:recipient:create")
    [change] = events("backoffice:recipient:flag-change")
    assert (create.data, change.data) == (
        {"partnership": False},
        {"old_flag": False, "new_flag": True},
    )


@pytest.mark.parametrize(
    "data",
    [
        {"company_name": "", "contact": "x@y.test"},
        {"company_name": "A" * 201, "contact": "x@y.test"},
        {"company_name": "Bad\x00Name", "contact": "x@y.test"},
        {"company_name": "Fine Ltd", "contact": ""},
        {"company_name": "Fine Ltd", "contact": "line\nbreak"},
    ],
)
def test_bad_recipient_input_is_answered_with_400_and_nothing_written(data: dict[str, str]) -> None:
    client, _ = signed_in(access.ADMINISTRATOR)

    response = client.post("/staff/marketing/recipients/new/", data)

    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert MarketingRecipient.objects.count() == 0
    assert events("backoffice:recipient:create") == []


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"recipient": "not-a-uuid", "channel": "email"},
        {"recipient": "00000000-0000-0000-0000-000000000000", "channel": "email"},
        {"channel": "fax"},
    ],
)
def test_bad_export_input_is_answered_with_400_and_nothing_written(data: dict[str, str]) -> None:
    client, _ = signed_in(access.MARKETING)
    if "recipient" not in data and data:
        data = {**data, "recipient": str(recipient_make().pk)}

    response = client.post("/staff/marketing/exports/new/", data)

    assert response.status_code == 400
    assert MarketingExport.objects.count() == 0
    assert events("backoffice:marketing-export:create") == []


def test_company_names_with_html_are_shown_as_text() -> None:
    client, _ = signed_in(access.COMPLIANCE_OFFICER)
    recipient_make("<script>alert(1)</script> Ltd")

    response = client.get("/staff/marketing/recipients/")

    assert "&lt;script&gt;alert(1)&lt;/script&gt; Ltd" in response.content.decode()
    assert "<script>alert(1)" not in response.content.decode()
