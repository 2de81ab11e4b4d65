"""The eligibility check (/apply/check-eligibility/): a quotation search, an answer in
words, nothing kept unless the visitor goes on to apply."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, ClassVar

import pytest
from django.apps import apps
from django.test import Client
from django.utils.html import escape
from pytest_django import Settings

from partnership.applications import agency, drafts, limits
from partnership.applications.agency import AgencyApplicant, AgencyReport, SandboxAgency
from partnership.applications.eligibility import (
    EligibilityQuestions,
    Likelihood,
    eligibility_check,
)
from partnership.applications.models import ApplicationDraft
from partnership.applications.tests.support import SAME_ORIGIN, STEP_POSTS, hidden
from partnership.core import clock

pytestmark = pytest.mark.django_db

URL = "/apply/check-eligibility/"
NOW = dt.datetime(2026, 11, 25, 10, 7, 10, tzinfo=dt.UTC)
ANSWERS = {
    "first_name": "Ada",
    "last_name": "Lovelace",
    "date_of_birth": "10/12/1985",
    "address_1": "12 Analytical Row\nLondon",
    "postcode_1": "sw1a1aa",
    "employment_status": "employed",
    "annual_income": "£42,000",
    "monthly_housing_cost": "900",
    "monthly_credit_repayments": "50",
    "existing_debt": "1200",
}


class WatchedAgency(SandboxAgency):
    """The sandbox, noting which kind of search each call made."""

    calls: ClassVar[list[str]] = []

    def search(self, *, applicant: AgencyApplicant) -> AgencyReport:
        WatchedAgency.calls.append("hard")
        return super().search(applicant=applicant)

    def quotation_search(self, *, applicant: AgencyApplicant) -> AgencyReport:
        WatchedAgency.calls.append("quotation")
        return super().quotation_search(applicant=applicant)


@pytest.fixture(autouse=True)
def watched(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> list[str]:
    monkeypatch.setattr(clock, "now", lambda: NOW)
    monkeypatch.setitem(agency.AGENCIES, "watched", WatchedAgency)
    settings.CREDIT_REFERENCE_AGENCY = "watched"
    WatchedAgency.calls.clear()
    return WatchedAgency.calls


def visitor() -> Client:
    """A browser without cookies."""
    return Client(enforce_csrf_checks=True, REMOTE_ADDR="203.0.113.9")


def check(client: Client, **changes: str) -> Any:
    return client.post(URL, {**ANSWERS, **changes, "go": "check"}, headers=SAME_ORIGIN)


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def test_a_likely_answer_gives_the_limit_and_rate_and_keeps_nothing(watched: list[str]) -> None:
    before = row_counts()

    page = check(visitor())

    body = page.content.decode()
    assert page.status_code == 200
    assert "You are likely to be accepted" in body
    # £42,000 a year: net £2,625 a month - 900 - 50 - 600 = £1,075 left; x3 = £3,225 → £3,200.
    # Sandbox score 600 + 168 (income) - 12 (debt) = 756: 24.9% APR.
    assert "credit limit of <strong>£3,200</strong> at <strong>24.90% APR</strong>" in body
    assert watched == ["quotation"]
    after = row_counts()
    changed = {name for name in after if after[name] != before[name]}
    # Only the limiter's own counter moved: no answer, draft or application was stored.
    assert changed <= {"core.RateLimitCounter"}
    assert ApplicationDraft.objects.count() == 0


def test_the_answers_stay_in_the_form_to_check_again_or_apply() -> None:
    body = check(visitor()).content.decode()

    assert 'value="Lovelace"' in body
    assert 'value="sw1a1aa"' in body  # as typed
    assert 'name="go" value="apply"' in body


@pytest.mark.parametrize(
    ("surname", "income", "heading", "likelihood"),
    [
        ("Decline", "£42,000", "You are unlikely to be accepted", Likelihood.UNLIKELY),
        ("Refer", "£42,000", "We cannot say from these answers", Likelihood.CANNOT_SAY),
        ("Lovelace", "£9,000", "You are unlikely to be accepted", Likelihood.UNLIKELY),
    ],
)
def test_unlikely_and_cannot_say_are_answered_with_the_reasons(
    surname: str, income: str, heading: str, likelihood: Likelihood
) -> None:
    page = check(visitor(), last_name=surname, annual_income=income)

    body = page.content.decode()
    assert page.status_code == 200
    assert heading in body
    assert "credit limit of" not in body
    answer = eligibility_check(
        questions=EligibilityQuestions(
            first_name="Ada",
            last_name=surname,
            date_of_birth=dt.date(1985, 12, 10),
            postcode="SW1A 1AA",
            annual_income=Decimal(income.strip("£").replace(",", "")),
            monthly_housing_cost=Decimal(900),
            monthly_credit_repayments=Decimal(50),
            existing_debt=Decimal(1200),
        )
    )
    assert answer.likelihood is likelihood
    assert answer.reasons
    assert all(escape(reason.explanation) in body for reason in answer.reasons)


def test_bad_answers_are_a_400_with_messages_no_search_and_the_rest_kept(
    watched: list[str],
) -> None:
    page = check(visitor(), date_of_birth="31/02/1990", postcode_1="nowhere", address_1="")

    body = page.content.decode()
    assert page.status_code == 400
    assert "Enter a real date as DD/MM/YYYY" in body
    assert "Enter a UK postcode, for example SW1A 1AA." in body
    assert "Enter your address (house, street, town)." in body
    assert 'value="Lovelace"' in body
    assert watched == []


def test_an_under_18_is_refused_as_the_application_refuses() -> None:
    born = (NOW.date().replace(year=NOW.year - 17)).strftime("%d/%m/%Y")

    page = check(visitor(), date_of_birth=born)

    assert page.status_code == 400
    assert "You must be 18 or over to apply." in page.content.decode()


def test_the_11th_check_within_the_hour_is_refused_without_a_search(watched: list[str]) -> None:
    browser = visitor()
    for _ in range(limits.CHECKS_PER_ADDRESS):
        assert check(browser).status_code == 200

    refused = check(browser)

    body = refused.content.decode()
    assert refused.status_code == 429
    assert refused["Retry-After"] == str(53 * 60 - 10)
    assert "up to 10 eligibility checks an hour" in body
    assert 'value="Lovelace"' in body
    assert watched == ["quotation"] * 10


def test_apply_with_these_answers_starts_a_draft_holding_them_without_a_search(
    watched: list[str],
) -> None:
    browser = visitor()

    page = browser.post(URL, {**ANSWERS, "go": "apply"}, headers=SAME_ORIGIN)

    assert page.status_code == 200
    assert watched == []
    draft = ApplicationDraft.objects.get()
    assert drafts.draft_completed(draft) == []  # every step is still to be confirmed
    assert drafts.draft_answers(draft) == {
        "personal": {"first_name": "Ada", "last_name": "Lovelace", "date_of_birth": "10/12/1985"},
        "addresses": {"address_1": "12 Analytical Row\nLondon", "postcode_1": "SW1A 1AA"},
        "employment": {"employment_status": "employed", "annual_income": "42000.00"},
        "outgoings": {
            "monthly_housing_cost": "900.00",
            "monthly_credit_repayments": "50.00",
            "existing_debt": "1200.00",
        },
    }
    # The journey goes on at its first step, and the next steps show the answers.
    body = page.content.decode()
    assert "Can you apply?" in body
    reference = hidden(body, "draft")
    personal = browser.post(
        "/apply/eligibility/",
        {**STEP_POSTS["eligibility"], "draft": reference, "go": "next"},
        headers=SAME_ORIGIN,
    )
    assert personal.status_code == 200
    assert 'value="Lovelace"' in personal.content.decode()


def test_the_notice_names_each_field_asked_from_the_inventory() -> None:
    body = visitor().get(URL).content.decode()

    for label in ("First name", "Last name", "Date of birth", "Yearly income before tax"):
        assert label in body
    assert "How long we keep it:</strong> not at all." in body


def test_the_page_answers_only_get_head_and_post() -> None:
    assert visitor().put(URL, headers=SAME_ORIGIN).status_code == 405
