"""The cookie banner on each application step keeps what the visitor had typed.

Without JavaScript the banner's buttons on a step submit the step's own form (their
``form`` and ``formaction`` attributes), so the answer is recorded by the step and the
step is shown again with every value as typed — not checked, not saved. (With JavaScript
the banner posts in the background and the page stays: tests/e2e/test_cookie_banner.py.)
"""

from __future__ import annotations

import pytest

from partnership.applications.drafts import draft_answers, draft_from_reference
from partnership.applications.tests.support import STEP_ORDER, STEP_POSTS, hidden
from partnership.applications.views import eligibility
from partnership.applications.views.journey import BANNER_ANSWERED
from partnership.applications.views.step_page import STEP_FORM_ID
from partnership.consent.forms import STALE_FORM
from partnership.consent.models import ConsentRecord
from tests.banner_forms import banner_buttons, form_values, pressed
from tests.test_banner_on_form_pages import (
    ACCEPT,
    CHOICES,
    FOREIGN,
    REJECT,
    SAME_ORIGIN,
    Visitor,
    application_step,
    consent_cookie_set,
)

pytestmark = pytest.mark.django_db

# What the visitor has typed on each step when they press a banner button: the journey's
# answers, one of them not valid yet (nothing is checked before "Continue").
TYPED = {**STEP_POSTS, "personal": {**STEP_POSTS["personal"], "date_of_birth": "31/02/19"}}
VISITORS = [pytest.param(True, id="cookies"), pytest.param(False, id="no-cookies")]


def typed_press(step: str, keeps_cookies: bool, label: str) -> tuple[Visitor, str, dict]:  # type: ignore[type-arg]
    visitor = Visitor(keeps_cookies=keeps_cookies)
    _, html = application_step(step)(visitor)
    action, data = pressed(banner_buttons(html)[label])
    assert action == f"/apply/{step}/"
    return visitor, html, {**data, **{name: [value] for name, value in TYPED[step].items()}}


@pytest.mark.parametrize("label", [ACCEPT, REJECT])
@pytest.mark.parametrize("keeps_cookies", VISITORS)
@pytest.mark.parametrize("step", STEP_ORDER)
def test_a_banner_answer_on_a_step_is_recorded_and_the_typed_answers_stay(
    step: str, keeps_cookies: bool, label: str
) -> None:
    visitor, html, data = typed_press(step, keeps_cookies, label)

    response = visitor.post(f"/apply/{step}/", data, SAME_ORIGIN)

    assert response.status_code == 200
    body = response.content.decode()
    assert BANNER_ANSWERED in body
    assert "There is a problem" not in body
    shown = form_values(body, STEP_FORM_ID)
    for name, value in TYPED[step].items():
        assert shown[name] == [value], name
    same_draft = draft_from_reference(shown["draft"][0])
    assert same_draft is not None
    assert same_draft == draft_from_reference(hidden(html, "draft"))
    record = ConsentRecord.objects.get()
    assert (record.method, record.research, record.statistics, record.preferences) == (
        "banner",
        CHOICES[label],
        "allowed",
        "allowed",
    )
    assert consent_cookie_set(response)
    assert banner_buttons(body) == {}  # answered: the banner is gone


@pytest.mark.parametrize("keeps_cookies", VISITORS)
def test_after_the_banner_the_step_continues_with_what_was_typed(keeps_cookies: bool) -> None:
    visitor, _, data = typed_press("employment", keeps_cookies, ACCEPT)
    page = visitor.post("/apply/employment/", data, SAME_ORIGIN).content.decode()

    sent = {**form_values(page, STEP_FORM_ID), "go": ["next"]}
    response = visitor.post("/apply/employment/", sent, SAME_ORIGIN)

    assert response.status_code == (302 if keeps_cookies else 200)
    draft = draft_from_reference(sent["draft"][0])
    assert draft is not None
    assert draft_answers(draft)["employment"] == {
        "employment_status": "employed",
        "annual_income": "42000.00",
    }


@pytest.mark.parametrize("keeps_cookies", VISITORS)
@pytest.mark.parametrize("step", ["eligibility", "contact", "declarations"])
def test_a_banner_answer_on_a_step_from_another_site_is_refused(
    step: str, keeps_cookies: bool
) -> None:
    visitor, html, data = typed_press(step, keeps_cookies, ACCEPT)
    draft = draft_from_reference(hidden(html, "draft"))
    assert draft is not None
    before = draft_answers(draft)

    response = visitor.post(f"/apply/{step}/", data, FOREIGN)

    assert response.status_code == 403
    assert ConsentRecord.objects.count() == 0
    assert not consent_cookie_set(response)
    draft.refresh_from_db()
    assert draft_answers(draft) == before


def test_a_stale_banner_answer_records_nothing_and_keeps_the_typed_answers() -> None:
    visitor, _, data = typed_press("personal", True, ACCEPT)

    response = visitor.post("/apply/personal/", {**data, "consent_token": ["x"]}, SAME_ORIGIN)

    assert response.status_code == 409
    body = response.content.decode()
    assert STALE_FORM in body
    assert form_values(body, STEP_FORM_ID)["first_name"] == ["Ada"]
    assert ConsentRecord.objects.count() == 0


@pytest.mark.parametrize("value", ["yes", "", "granted " * 50])
def test_a_banner_answer_that_is_not_one_offered_records_nothing(value: str) -> None:
    visitor, _, data = typed_press("contact", False, ACCEPT)

    response = visitor.post("/apply/contact/", {**data, "consent_research": [value]}, SAME_ORIGIN)

    assert response.status_code == 409
    assert "could not be read" in response.content.decode()
    assert ConsentRecord.objects.count() == 0


@pytest.mark.parametrize("keeps_cookies", VISITORS)
def test_a_banner_answer_on_the_eligibility_check_keeps_what_was_typed(
    keeps_cookies: bool,
) -> None:
    visitor = Visitor(keeps_cookies=keeps_cookies)
    html = visitor.get(eligibility.ACTION).content.decode()
    action, data = pressed(banner_buttons(html)[ACCEPT])
    typed = {"first_name": "Ada", "last_name": "Lovelace", "date_of_birth": "31/02/19"}
    assert action == eligibility.ACTION

    response = visitor.post(action, {**data, **{k: [v] for k, v in typed.items()}}, SAME_ORIGIN)

    body = response.content.decode()
    assert response.status_code == 200
    assert eligibility.BANNER_ANSWERED in body
    assert "There is a problem" not in body
    shown = form_values(body, eligibility.FORM_ID)
    for name, value in typed.items():
        assert shown[name] == [value], name
    assert ConsentRecord.objects.get().research == "granted"
    assert banner_buttons(body) == {}
