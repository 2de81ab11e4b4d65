"""Rate limits per client address: 20 draft starts an hour, 5 sendings in 12 hours.

Given/when/then; the clock is frozen mid-bucket so the counts are exact.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

import pytest
from django.test import Client
from pytest_django import Settings

from partnership.accounts.models import User
from partnership.applications import agency, drafts, limits
from partnership.applications.agency import AgencyApplicant, AgencyReport, SandboxAgency
from partnership.applications.models import Application, ApplicationDraft
from partnership.applications.tests.support import SAME_ORIGIN, answers, hidden
from partnership.audit.events import AuditEventType
from partnership.audit.models import AuditEvent
from partnership.core import clock
from partnership.core.models import RateLimitCounter

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.7"
NEIGHBOUR = "203.0.113.8"
# 10:07:10 UTC (= London in November): 53 min before the hourly bucket ends, 113 min
# before the 12-hour one does (those start at 00:00 and 12:00 UTC).
NOW = dt.datetime(2026, 11, 25, 10, 7, 10, tzinfo=dt.UTC)
SUBMIT = str(AuditEventType.APPLICATIONS_APPLICATION_SUBMIT)


class CountingAgency(SandboxAgency):
    """The sandbox, counting its searches (chosen by ``CREDIT_REFERENCE_AGENCY``)."""

    searches: ClassVar[list[str]] = []

    def search(self, *, applicant: AgencyApplicant) -> AgencyReport:
        CountingAgency.searches.append(applicant.last_name)
        return super().search(applicant=applicant)


@pytest.fixture(autouse=True)
def frozen(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> list[dt.datetime]:
    current = [NOW]
    monkeypatch.setattr(clock, "now", lambda: current[0])
    monkeypatch.setitem(agency.AGENCIES, "counting", CountingAgency)
    settings.CREDIT_REFERENCE_AGENCY = "counting"
    CountingAgency.searches.clear()
    return current


def visitor(address: str = ADDRESS) -> Client:
    """A browser without cookies at ``address``."""
    return Client(enforce_csrf_checks=True, REMOTE_ADDR=address)


def start(client: Client) -> Any:
    return client.post("/apply/", {}, headers=SAME_ORIGIN)


def carry_on(client: Client, page: Any, *, until: str = "") -> Any:
    """Answer every step from ``page`` on, carrying its draft reference as a browser
    without cookies does; the last answer (or the ``until`` step's page)."""
    for step, data in answers().items():
        body = page.content.decode()
        if step == until:
            return page
        post = {**data, "draft": hidden(body, "draft"), "go": "next"}
        if step == "declarations":
            post["submission"] = hidden(body, "submission")
        page = client.post(f"/apply/{step}/", post, headers=SAME_ORIGIN)
        assert page.status_code == 200, (step, page.content.decode()[:2000])
    return page


def send(client: Client, declarations_page: Any) -> Any:
    body = declarations_page.content.decode()
    return client.post(
        "/apply/declarations/",
        {
            **answers()["declarations"],
            "draft": hidden(body, "draft"),
            "submission": hidden(body, "submission"),
            "go": "next",
        },
        headers=SAME_ORIGIN,
    )


# --- starting a draft ---------------------------------------------------------------------
def test_the_21st_start_from_one_address_within_the_hour_is_refused_and_keeps_nothing() -> None:
    browser = visitor()
    for _ in range(20):
        assert start(browser).status_code == 200

    refused = start(browser)

    body = refused.content.decode()
    assert refused.status_code == 429
    assert refused["Retry-After"] == str(53 * 60 - 10)  # until 11:00, the bucket's end
    assert "Please wait before starting another application" in body
    assert "20 applications have been started from your connection in the last 60" in body
    assert "after 11:00 (UK time)" in body
    assert 'name="draft"' not in body
    assert ApplicationDraft.objects.count() == 20
    assert limits.STARTS_PER_ADDRESS == 20


def test_reading_the_start_page_is_never_limited() -> None:
    browser = visitor()
    for _ in range(20):
        start(browser)

    page = browser.get("/apply/")

    assert page.status_code == 200
    assert ApplicationDraft.objects.count() == 20


def test_each_address_has_its_own_start_limit() -> None:
    for _ in range(20):
        start(visitor())
    assert start(visitor()).status_code == 429

    neighbour = start(visitor(NEIGHBOUR))

    assert neighbour.status_code == 200
    assert ApplicationDraft.objects.count() == 21


def test_starts_are_allowed_again_as_the_hour_slides_on(frozen: list[dt.datetime]) -> None:
    for _ in range(20):
        start(visitor())
    assert start(visitor()).status_code == 429

    frozen[0] = dt.datetime(2026, 11, 25, 11, 0, 1, tzinfo=dt.UTC)

    assert start(visitor()).status_code == 200
    assert ApplicationDraft.objects.count() == 21


def test_a_draft_begun_before_the_start_limit_can_be_carried_on_and_sent() -> None:
    mine = visitor()
    first_page = start(mine)
    for _ in range(19):
        start(visitor())  # others behind the same address
    assert start(mine).status_code == 429

    decision = carry_on(mine, first_page)

    assert "Your application is approved" in decision.content.decode()
    assert Application.objects.count() == 1
    assert ApplicationDraft.objects.count() == 19


def test_with_cookies_the_refused_start_page_leads_back_to_the_draft_begun() -> None:
    browser = Client(REMOTE_ADDR=ADDRESS)
    browser.get("/apply/")  # the CSRF cookie: this browser keeps cookies
    assert browser.post("/apply/", {}).status_code == 302
    assert browser.post("/apply/eligibility/", answers()["eligibility"]).status_code == 302
    for _ in range(19):
        start(visitor())

    refused = browser.post("/apply/", {})
    resumed = browser.get("/apply/personal/")

    assert refused.status_code == 429
    assert '<a href="/apply/personal/">carry on with it</a>' in refused.content.decode()
    assert resumed.status_code == 200
    assert ApplicationDraft.objects.count() == 20
    assert ApplicationDraft.objects.filter(completed="eligibility").count() == 1


# --- sending the application --------------------------------------------------------------
def _send_five() -> None:
    for number in range(1, 6):
        carry_on(visitor(), start(visitor()))
        assert Application.objects.count() == number


def test_the_sixth_sending_within_12_hours_is_refused_and_the_draft_is_kept() -> None:
    _send_five()
    customers = User.objects.count()
    browser = visitor()
    declarations = carry_on(browser, start(browser), until="declarations")
    draft = ApplicationDraft.objects.get()
    kept_answers, kept_steps = draft.answers, draft.completed

    refused = send(browser, declarations)

    body = refused.content.decode()
    assert refused.status_code == 429
    assert refused["Retry-After"] == str(113 * 60 - 10)  # until 12:00 UTC
    assert "Your application has not been sent yet" in body
    assert "5 applications have been sent from your connection in the last 12 hours" in body
    assert "after 12:00 on Wednesday 25 November (UK time)" in body
    assert drafts.draft_from_reference(hidden(body, "draft")) == draft
    assert hidden(body, "submission") == hidden(declarations.content.decode(), "submission")
    assert 'id="id_credit_search_consent" checked' in body
    assert 'id="id_notice_read" checked' in body
    draft.refresh_from_db()
    assert (draft.answers, draft.completed) == (kept_answers, kept_steps)
    assert Application.objects.count() == 5
    assert User.objects.count() == customers
    assert AuditEvent.objects.filter(event=SUBMIT).count() == 5
    assert len(CountingAgency.searches) == 5
    assert limits.SUBMISSIONS_PER_ADDRESS == 5


def test_the_refused_application_can_be_sent_once_the_wait_is_over(
    frozen: list[dt.datetime],
) -> None:
    _send_five()
    browser = visitor()
    declarations = carry_on(browser, start(browser), until="declarations")
    draft_key = ApplicationDraft.objects.get().submission_key
    assert send(browser, declarations).status_code == 429

    frozen[0] = dt.datetime(2026, 11, 25, 12, 0, 1, tzinfo=dt.UTC)
    sent = send(browser, declarations)

    assert sent.status_code == 200
    assert Application.objects.get(idempotency_key=draft_key).reference in sent.content.decode()
    assert Application.objects.count() == 6
    assert ApplicationDraft.objects.count() == 0
    assert len(CountingAgency.searches) == 6


def test_each_address_has_its_own_sending_limit() -> None:
    _send_five()
    neighbour = visitor(NEIGHBOUR)

    sent = carry_on(neighbour, start(neighbour))

    assert sent.status_code == 200
    assert Application.objects.count() == 6


def test_sending_the_same_application_again_is_never_limited() -> None:
    browser = visitor()
    declarations = carry_on(browser, start(browser), until="declarations")
    assert send(browser, declarations).status_code == 200
    for _ in range(4):
        carry_on(visitor(), start(visitor()))

    again = send(browser, declarations)  # a refresh, a double click, a retry

    assert again.status_code == 200
    assert "already been sent" in again.content.decode()
    assert Application.objects.count() == 5
    assert len(CountingAgency.searches) == 5


def test_the_limits_keep_a_keyed_hash_never_the_address(settings: Settings) -> None:
    settings.REDIS_URL = ""  # the database store, whose rows can be read back
    browser = visitor()
    carry_on(browser, start(browser))

    stored = " ".join(RateLimitCounter.objects.values_list("bucket", flat=True))

    assert RateLimitCounter.objects.count() == 2  # one start, one sending
    assert "203.0.113" not in stored
