"""Pre-contract credit information before sending (CONC 4.2), and the credit agreement
as a PDF after approval."""

from __future__ import annotations

import datetime as dt
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client

from partnership.accounts.tests.support import customer_make, sign_in
from partnership.applications.agreement import FILENAME, agreement_pdf
from partnership.applications.decision import rules
from partnership.applications.models import Application
from partnership.applications.personal_data import application_export
from partnership.applications.precontract import PRECONTRACT_VERSION, precontract_information
from partnership.applications.tests.support import (
    SAME_ORIGIN,
    answers,
    approved_application_for,
    hidden,
    walk_cookieless,
)
from partnership.privacy.export import subject_access_export
from partnership.privacy.subjects import DataSubject

pytestmark = pytest.mark.django_db


def _declarations_page(client: Client) -> str:
    before = {name: data for name, data in answers().items() if name != "declarations"}
    return str(walk_cookieless(client, before, until="review").content.decode())


def test_the_declarations_step_shows_the_information_from_the_terms_and_rules(
    cookieless: Client,
) -> None:
    body = _declarations_page(cookieless)

    assert "Pre-contract credit information" in body
    assert f"version {PRECONTRACT_VERSION}" in body
    assert "Between £250 and £8,000" in body  # the rules' LIMIT_MIN and LIMIT_MAX
    assert (Decimal("250"), Decimal("8000")) == (rules.LIMIT_MIN, rules.LIMIT_MAX)
    assert "24.9% APR representative (variable)" in body
    assert "between 24.90% and 34.90% APR" in body
    assert "the greater of £25 and 1% of the balance" in body
    assert "within 14 days" in body
    assert "The card explained" in body
    # The first of the four parts, and every part, in order.
    headings = [section.heading for section in precontract_information().sections]
    positions = [body.index(heading) for heading in headings]
    assert positions == sorted(positions)


def test_sending_without_confirming_the_information_is_refused_and_stores_nothing(
    cookieless: Client,
) -> None:
    body = _declarations_page(cookieless)

    response = cookieless.post(
        "/apply/declarations/",
        {
            "credit_search_consent": "on",
            "notice_read": "on",
            "draft": hidden(body, "draft"),
            "submission": hidden(body, "submission"),
            "go": "next",
        },
        headers=SAME_ORIGIN,
    )

    assert response.status_code == 400
    assert "Tick to confirm you have read the pre-contract credit information" in (
        response.content.decode()
    )
    assert Application.objects.count() == 0


def test_a_sent_application_records_the_version_read(cookieless: Client) -> None:
    walk_cookieless(cookieless, answers())

    application = Application.objects.get()
    assert (application.precontract_read, application.precontract_version) == (
        True,
        PRECONTRACT_VERSION,
    )


def test_the_customer_downloads_their_agreement_and_sees_it_on_their_home() -> None:
    owner = customer_make()
    application = approved_application_for(owner)
    client = Client()
    sign_in(client, owner)

    response = client.get("/account/agreement/")
    home = client.get("/account/").content.decode()

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{FILENAME}"'
    pdf = response.content
    assert pdf.startswith(b"%PDF-")
    for text in (
        application.reference,
        f"{application.credit_limit:,.2f}",
        f"{application.apr}% APR, variable",
        PRECONTRACT_VERSION,
        "Right of withdrawal",
    ):
        assert text.encode("latin-1") in pdf, text
    assert "Download your credit agreement (PDF)" in home
    assert application.reference in home


def test_a_customer_without_an_approved_application_has_no_agreement() -> None:
    client = Client()
    sign_in(client, customer_make())

    assert client.get("/account/agreement/").status_code == 404
    assert "Download your credit agreement" not in client.get("/account/").content.decode()


def test_the_agreement_says_who_it_is_between() -> None:
    application = approved_application_for(customer_make())

    pdf = agreement_pdf(application=application)

    assert b"(Borrower)" in pdf
    assert f"({application.first_name} {application.last_name})".encode("latin-1") in pdf


def test_the_subject_access_export_carries_the_agreement_pdf(tmp_path: Path) -> None:
    owner = customer_make()
    application = approved_application_for(owner)

    subject_access_export(email=owner.email, out=tmp_path / "export.zip")

    with zipfile.ZipFile(tmp_path / "export.zip") as archive:
        pdf = archive.read(FILENAME)
    assert pdf == agreement_pdf(application=application)
    # The application itself is found by the e-mail it was made with.
    [exported] = application_export(DataSubject(email=application.email))
    assert (exported["precontract_read"], exported["precontract_version"]) == (
        True,
        PRECONTRACT_VERSION,
    )


def test_the_agreement_is_dated_when_it_was_made_so_each_copy_is_the_same_file() -> None:
    application = approved_application_for(customer_make())
    # fpdf would date the file by the wall clock: an agreement made long ago shows it.
    application.decided_at = dt.datetime(2025, 3, 4, 5, 6, 7, tzinfo=dt.UTC)

    first = agreement_pdf(application=application)

    assert b"/CreationDate (D:20250304050607Z" in first
    assert agreement_pdf(application=application) == first
