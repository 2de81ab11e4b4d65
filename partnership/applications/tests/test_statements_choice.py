"""Paper or paperless, asked on the contact step: required, nothing preselected, and the
new customer's statement preference starts as the applicant chose."""

from __future__ import annotations

import pytest
from django.test import Client

from partnership.accounts.models import User
from partnership.alerts.models import StatementPreference
from partnership.alerts.selectors import statement_paperless
from partnership.applications.models import Application, ApplicationDraft
from partnership.applications.tests.support import (
    SAME_ORIGIN,
    STEP_ORDER,
    answers,
    hidden,
    walk_cookieless,
)
from partnership.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _at_contact_step(client: Client) -> str:
    before = {name: answers()[name] for name in STEP_ORDER[: STEP_ORDER.index("contact")]}
    return str(walk_cookieless(client, before, until="outgoings").content.decode())


def test_the_contact_step_offers_both_choices_with_neither_preselected(cookieless: Client) -> None:
    page = _at_contact_step(cookieless)

    assert 'name="statements" value="paperless"' in page
    assert 'name="statements" value="paper"' in page
    assert "checked" not in page.split('name="statements"', 1)[1].split("</fieldset>", 1)[0]


def test_a_missing_choice_is_refused_and_the_step_not_advanced(cookieless: Client) -> None:
    page = _at_contact_step(cookieless)
    draft = ApplicationDraft.objects.get()
    stored_before, completed_before = draft.answers, draft.completed
    contact = {name: value for name, value in answers()["contact"].items() if name != "statements"}

    response = cookieless.post(
        "/apply/contact/", {**contact, "draft": hidden(page, "draft")}, headers=SAME_ORIGIN
    )

    body = response.content.decode()
    assert response.status_code == 400
    assert "Choose paperless or paper statements." in body
    assert 'value="ada.applicant@example.org"' in body
    assert 'value="07700 900123"' in body
    assert "<h1>How we contact you</h1>" in body
    draft.refresh_from_db()
    assert (draft.answers, draft.completed) == (stored_before, completed_before)
    assert "contact" not in draft.completed.split(",")


@pytest.mark.parametrize(("choice", "paperless"), [("paperless", True), ("paper", False)])
def test_an_approved_applicant_starts_with_the_statements_they_chose(
    cookieless: Client, choice: str, paperless: bool
) -> None:
    response = walk_cookieless(cookieless, answers(contact={"statements": choice}))

    assert "Your application is approved" in response.content.decode()
    user = User.objects.get()
    assert Application.objects.get().statements_paperless is paperless
    assert list(StatementPreference.objects.values_list("user_id", "paperless")) == [
        (user.pk, paperless)
    ]
    assert statement_paperless(user=user) is paperless
    event = AuditEvent.objects.get(event="alerts:statement-preference:update")
    assert (event.actor_kind, event.subject_id, event.data) == (
        "system",
        str(user.pk),
        {"paperless": paperless},
    )


def test_the_check_your_answers_page_shows_the_choice_in_words(cookieless: Client) -> None:
    before = {name: answers()[name] for name in STEP_ORDER[: STEP_ORDER.index("review")]}

    page = walk_cookieless(cookieless, before, until="contact").content.decode()

    assert "How would you like your monthly statements?" in page
    assert "Paperless: we e-mail you when a statement is ready to view online" in page
