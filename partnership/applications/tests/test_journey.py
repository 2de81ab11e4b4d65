from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from partnership.accounts.models import MarketingConsent, User
from partnership.applications.models import Application, ApplicationDraft, Outcome
from partnership.applications.tests.support import SAME_ORIGIN, answers, walk_cookieless
from partnership.cards.models import CardAccount
from partnership.cards.pan import pan_normalise
from partnership.core.tests.email_support import assert_no_personal_data, html_part

pytestmark = pytest.mark.django_db


def test_an_approved_application_without_cookies_creates_the_customer_and_card(
    cookieless: Client, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = walk_cookieless(cookieless, answers())

    body = response.content.decode()
    application = Application.objects.get()
    user = User.objects.get()
    account = CardAccount.objects.get(owner=user)
    assert response.status_code == 200
    assert "Your application is approved" in body
    assert "made <strong>automatically</strong>" in body
    assert application.outcome == Outcome.APPROVED
    assert application.reasons == ["A01", "A02"]
    assert application.customer_id == user.pk
    assert not user.has_usable_password()
    assert account.pan_last4 in body
    assert account.pan not in body
    assert ApplicationDraft.objects.count() == 0
    assert [(c.channel, c.granted, c.source) for c in MarketingConsent.objects.all()] == [
        ("email", True, "application")
    ]
    [invitation] = mail.outbox
    assert "/account/password-reset/" in invitation.body
    html = html_part(invitation, site_url="http://testserver")
    link = re.search(r"http://testserver/account/password-reset/\S+/\S+/", str(invitation.body))
    assert link is not None
    assert html.count(f'href="{link.group(0)}"') == 2  # the button and the address beneath
    assert invitation.body == (
        "Hello,\n\nWelcome to the Harbourline Partnership Card. To use your account online, "
        f"choose a password here:\n\n{link.group(0)}\n\nThe link works for 1 hour. After "
        'that, ask for a new one with "Forgotten your password?" on the sign-in page, using '
        "this e-mail address. When you first sign in we will help you set up an authenticator "
        "app for your one-time codes.\n\nIf you did not apply for the card, please call us on "
        "0808 157 0123.\n\nHarbourline Card Services Limited\n"
    )
    assert "Welcome to the Harbourline Partnership Card." in html
    assert_no_personal_data(invitation, html, account.pan)
    assert response.cookies == {}
    assert pan_normalise(account.pan) == account.pan
    assert (application.credit_limit, application.apr, application.agency_score) == (
        Decimal("3200.00"),
        Decimal("24.90"),
        Decimal("756"),
    )


def test_a_declined_application_creates_no_customer_and_sends_no_mail(
    cookieless: Client, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = walk_cookieless(cookieless, answers(personal={"last_name": "Decline"}))

    application = Application.objects.get()
    assert "We cannot offer you the card" in response.content.decode()
    assert application.outcome == Outcome.DECLINED
    assert application.reasons == ["D01", "D02"]
    assert application.customer_id is None
    assert application.credit_limit is None
    assert User.objects.count() == 0
    assert CardAccount.objects.count() == 0
    assert mail.outbox == []


def test_a_referred_application_says_a_person_will_look_at_it(cookieless: Client) -> None:
    response = walk_cookieless(cookieless, answers(personal={"last_name": "Refer"}))

    application = Application.objects.get()
    assert "A person will look at your application" in response.content.decode()
    assert (application.outcome, application.reasons) == (Outcome.REFERRED, ["R01"])
    assert User.objects.count() == 0


def test_with_cookies_each_step_redirects_and_back_shows_what_was_typed(client: Client) -> None:
    client.get("/apply/")  # the CSRF cookie: this browser keeps cookies
    started = client.post("/apply/", {})
    assert (started.status_code, started["Location"]) == (302, "/apply/eligibility/")
    for step in ("eligibility", "personal"):
        saved = client.post(f"/apply/{step}/", answers()[step])
        assert saved.status_code == 302
    assert saved["Location"] == "/apply/addresses/"

    back = client.get("/apply/personal/").content.decode()

    assert 'value="Lovelace"' in back
    assert 'value="10/12/1985"' in back
    assert ApplicationDraft.objects.get().completed == "eligibility,personal"


def test_steps_cannot_be_skipped(client: Client) -> None:
    client.get("/apply/")
    client.post("/apply/", {})

    skipped = client.get("/apply/contact/")
    posted = client.post("/apply/contact/", answers()["contact"])

    assert (skipped.status_code, skipped["Location"]) == (302, "/apply/eligibility/")
    assert posted.status_code == 200
    assert "the steps are taken in order" in posted.content.decode()
    assert ApplicationDraft.objects.get().answers == "{}"


def test_a_replayed_submission_returns_the_same_application(cookieless: Client) -> None:
    walk_cookieless(cookieless, answers(), until="declarations")
    first = Application.objects.get()
    draft_page = cookieless.post(  # the browser's resubmission of the same form
        "/apply/declarations/",
        {
            **answers()["declarations"],
            "submission": _submission_token(first.idempotency_key),
            "draft": "gone",
        },
        headers=SAME_ORIGIN,
    )

    assert Application.objects.count() == 1
    assert draft_page.status_code == 200
    assert "already been sent" in draft_page.content.decode()
    assert first.reference in draft_page.content.decode()


def test_not_eligible_keeps_nothing(cookieless: Client) -> None:
    response = walk_cookieless(
        cookieless, {"eligibility": {**answers()["eligibility"], "bankrupt": "yes"}}
    )

    assert "You cannot apply at the moment" in response.content.decode()
    assert ApplicationDraft.objects.count() == 0


def test_a_changed_answer_must_be_checked_again_before_sending(client: Client) -> None:
    client.get("/apply/")
    client.post("/apply/", {})
    for step, data in answers().items():
        if step == "declarations":
            break
        client.post(f"/apply/{step}/", data)
    assert "review" in ApplicationDraft.objects.get().completed

    client.post("/apply/employment/", {**answers()["employment"], "annual_income": "50000"})

    draft = ApplicationDraft.objects.get()
    assert "review" not in draft.completed
    assert client.get("/apply/declarations/")["Location"] == "/apply/review/"


def _submission_token(key: str) -> str:
    from partnership.applications.drafts import _key_signer

    return _key_signer.sign(key)
