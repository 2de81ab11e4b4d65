"""Art. 19: recipients are told of a person's erasure, correction or restriction.

Each recipient gets one recorded notification with a notice that names the person
only by what that recipient already holds; the person sees who was told.
"""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.test import Client

from partnership.accounts.models import User
from partnership.accounts.tests.support import code_now, customer_make, sign_in, staff_make
from partnership.audit.models import AuditEvent
from partnership.audit.services import Actor
from partnership.backoffice import access
from partnership.compliance.marketing.models import (
    MarketingExport,
    MarketingExportMember,
    MarketingRecipient,
)
from partnership.compliance.notifications.models import RecipientNotification
from partnership.compliance.processors.models import Processor
from partnership.compliance.rights.erasure import erasure_run
from partnership.compliance.rights.handling import rights_request_complete, rights_request_subject
from partnership.compliance.rights.models import RightsRequestKind
from partnership.compliance.rights.services import RightsRequestInput, rights_request_receive
from partnership.core import clock

pytestmark = pytest.mark.django_db
EMAIL = "ada.test@example.com"


def recipient(name: str) -> MarketingRecipient:
    return MarketingRecipient.objects.create(
        company_name=name,
        contact=f"privacy@{name.split()[0].lower()}.test",
        is_partnership_company=True,
        created_at=clock.now(),
    )


def include(user: User, company: MarketingRecipient, channel: str) -> MarketingExport:
    staff = User.objects.filter(is_staff=True).first() or staff_make("exporter@example.com")
    export = MarketingExport.objects.create(
        recipient=company,
        channel=channel,
        customer_count=1,
        staff_user=staff,
        created_at=clock.now() - dt.timedelta(days=10),
    )
    MarketingExportMember.objects.create(export=export, customer=user)
    return export


def processor(supplier: str, kinds: list[str]) -> Processor:
    today = clock.today_in_london()
    return Processor.objects.create(
        supplier=supplier,
        service=f"{supplier} work",
        data_categories=kinds,
        country="United Kingdom",
        safeguard="uk",
        contract_date=today,
        audit_due=today + dt.timedelta(days=90),
        created_at=clock.now(),
        updated_at=clock.now(),
    )


def erase(user: User) -> None:
    request, _ = rights_request_receive(
        data=RightsRequestInput(kind=RightsRequestKind.ERASURE, user_id=user.pk, email=EMAIL)
    )
    subject = rights_request_subject(request=request, email=EMAIL)
    erasure_run(request=request, subject=subject, actor=Actor.system())


def test_erasure_of_a_person_in_two_exports_makes_exactly_two_notifications() -> None:
    ada = customer_make(EMAIL)
    other = customer_make("other.test@example.com")
    home, garden = recipient("Harbourline Home Ltd"), recipient("Harbourline Garden Ltd")
    first, second = include(ada, home, "email"), include(ada, garden, "post")
    include(other, home, "email")

    erase(ada)

    notes = list(RecipientNotification.objects.order_by("export_id"))
    assert [(n.recipient_name, n.export_id, n.change) for n in notes] == [
        ("Harbourline Home Ltd", first.pk, "erasure"),
        ("Harbourline Garden Ltd", second.pk, "erasure"),
    ]
    assert {n.user_id for n in notes} == {ada.pk}
    # Each notice names the person by the detail that export gave, and nothing else.
    assert "The person: e-mail address ada.test@example.com\n" in notes[0].notice
    assert "The person: Ada Testperson at postcode TE1 1ST\n" in notes[1].notice
    assert "1 Test Street" not in notes[1].notice
    assert "ada.test@example.com" not in notes[1].notice
    assert f"Our reference: {notes[0].pk}\n" in notes[0].notice
    # The notifications survive the erasure (their hold), the memberships do not.
    assert not MarketingExportMember.objects.filter(customer_id=ada.pk).exists()
    events = AuditEvent.objects.filter(event="compliance:recipient:notify")
    assert sorted(e.subject_id for e in events) == sorted(str(n.pk) for n in notes)
    assert all(e.data == {"change": "erasure", "recipient_kind": "marketing"} for e in events)


def test_correcting_an_address_notifies_the_processors_holding_addresses() -> None:
    ada = customer_make(EMAIL)
    mailing = processor("Riverside Mailing", ["identity", "contact"])
    processor("Northgate Credit", ["credit_check"])
    client = Client()
    sign_in(client, ada)
    response = client.post(
        "/account/privacy/details/",
        {
            "full_name": "Ada Testperson",
            "email": EMAIL,
            "postal_address": "2 New Street\nTestford",
            "postcode": "TE1 1ST",
            "phone": "",
            "code": code_now(),
        },
    )
    assert response.status_code == 302

    [note] = RecipientNotification.objects.all()
    assert (note.recipient_kind, note.recipient_id, note.change) == (
        "processor",
        str(mailing.pk),
        "correction",
    )
    assert note.categories == ["contact_details"]
    assert f"The person: our customer reference {ada.pk}\n" in note.notice
    assert "The data concerned: Contact details (address, e-mail, phone)\n" in note.notice
    assert "New Street" not in note.notice
    assert "Test Street" not in note.notice


def test_a_correction_of_a_name_is_sent_to_marketing_recipients_too() -> None:
    ada = customer_make(EMAIL)
    include(ada, recipient("Harbourline Home Ltd"), "phone")
    client = Client()
    sign_in(client, ada)
    client.post(
        "/account/privacy/details/",
        {
            "full_name": "Ada Newname",
            "email": EMAIL,
            "postal_address": "1 Test Street\nTestford",
            "postcode": "TE1 1ST",
            "phone": "",
            "code": code_now(),
        },
    )
    [note] = RecipientNotification.objects.all()
    assert note.change == "correction"
    # No phone number held: the notice says so rather than naming anything else.
    assert "we no longer hold the detail you received" in note.notice
    assert "Newname" not in note.notice


def test_a_wrong_code_changes_nothing_and_tells_no_one() -> None:
    ada = customer_make(EMAIL)
    processor("Riverside Mailing", ["contact"])
    client = Client()
    sign_in(client, ada)
    client.post(
        "/account/privacy/details/",
        {
            "full_name": "Ada Testperson",
            "email": EMAIL,
            "postal_address": "2 New Street",
            "postcode": "TE1 1ST",
            "phone": "",
            "code": "000000",
        },
    )
    assert RecipientNotification.objects.count() == 0


def test_completing_a_restriction_request_notifies_recipients() -> None:
    ada = customer_make(EMAIL)
    include(ada, recipient("Harbourline Home Ltd"), "email")
    request, _ = rights_request_receive(
        data=RightsRequestInput(kind=RightsRequestKind.RESTRICTION, user_id=ada.pk, email=EMAIL)
    )
    rights_request_complete(request_id=request.pk, actor=Actor.system())
    [note] = RecipientNotification.objects.all()
    assert note.change == "restriction"
    assert "other than storing them" in note.notice


def test_the_person_sees_who_was_told_and_staff_download_the_notice() -> None:
    ada = customer_make(EMAIL)
    other = customer_make("other.test@example.com")
    include(ada, recipient("Harbourline Home Ltd"), "email")
    request, _ = rights_request_receive(
        data=RightsRequestInput(kind=RightsRequestKind.RESTRICTION, user_id=ada.pk, email=EMAIL)
    )
    rights_request_complete(request_id=request.pk, actor=Actor.system())
    [note] = RecipientNotification.objects.all()

    mine, theirs = Client(), Client()
    sign_in(mine, ada)
    sign_in(theirs, other)
    assert "Harbourline Home Ltd" in mine.get("/account/privacy/recipients/").content.decode()
    assert "Harbourline Home Ltd" not in theirs.get("/account/privacy/recipients/").content.decode()

    officer = Client()
    sign_in(officer, staff_make(group=access.COMPLIANCE_OFFICER))
    url = f"/staff/compliance/notifications/{note.pk}/notice.txt"
    response = officer.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == note.notice
    note.refresh_from_db()
    assert note.downloaded_at is not None
    assert (
        AuditEvent.objects.filter(
            event="compliance:recipient-notice:download", subject_id=str(note.pk)
        ).count()
        == 1
    )
    assert (
        officer.get(f"/staff/compliance/notifications/{uuid.uuid4()}/notice.txt").status_code == 404
    )
    assert officer.get("/staff/compliance/notifications/not-a-uuid/notice.txt").status_code == 404
