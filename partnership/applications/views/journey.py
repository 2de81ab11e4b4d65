"""The start page and the steps, in order, each saved whole or not at all."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from partnership.applications import drafts, limits, selectors
from partnership.applications.models import ApplicationDraft
from partnership.applications.steps import Step, step_after, step_before, step_named
from partnership.applications.steps.identity_forms import EligibilityForm
from partnership.applications.views.common import EXPIRED, SESSION_DRAFT, with_retry_after
from partnership.applications.views.decision import decided
from partnership.applications.views.sending import replayed_submission, submit
from partnership.applications.views.step_page import advance, step_page, stored_form
from partnership.consent.banner import BANNER_ANSWER_FIELD, banner_answer_record
from partnership.core import clock
from partnership.core.csrf import browser_keeps_cookies, cookieless_form
from partnership.core.ratelimit import client_key
from partnership.core.text import unreadable_fields

STEP_FIRST = "Please answer this step first: the steps are taken in order."
BANNER_ANSWERED = "Your cookie choice is saved. Your answers on this page are as you left them."


@cookieless_form
@require_http_methods(["GET", "HEAD", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    """What you need and how we use it; POST begins a draft at the first step."""
    notice = selectors.application_collection_notice()
    if request.method != "POST":
        return render(request, "applications/start.html", {"notice": notice, "error": ""})
    admission = limits.draft_start_admit(client=client_key(request))
    if not admission.admitted:
        return _start_limited(request, retry_after=admission.retry_after or clock.now())
    draft = drafts.draft_start()
    first = step_named("eligibility")
    assert first is not None
    return advance(request, draft=draft, step=first)


@cookieless_form
@require_http_methods(["GET", "HEAD", "POST"])
def step_view(request: HttpRequest, step: str) -> HttpResponse:
    current = step_named(step)
    if current is None:
        raise Http404
    if request.method != "POST":
        draft = drafts.draft_from_reference(request.session.get(SESSION_DRAFT, ""))
        if draft is None:
            return redirect("applications:start")
        if not drafts.draft_may_open(draft, current):
            return redirect("applications:step", step=drafts.draft_next_step(draft).name)
        return step_page(request, draft=draft, step=current, form=stored_form(draft, current))

    if current.name == "declarations":
        replay = replayed_submission(request)
        if replay is not None:
            return decided(request, application=replay, repeated=True)
    draft = drafts.draft_from_reference(
        request.POST.get("draft", "") or request.session.get(SESSION_DRAFT, "")
    )
    if draft is None:
        notice = selectors.application_collection_notice()
        return render(
            request, "applications/start.html", {"notice": notice, "error": EXPIRED}, status=400
        )
    if not drafts.draft_may_open(draft, current):
        return advance(request, draft=draft, step=drafts.draft_next_step(draft), note=STEP_FIRST)
    if BANNER_ANSWER_FIELD in request.POST:
        return _banner_answered(request, draft=draft, step=current)
    if request.POST.get("go") == "back":
        previous = step_before(current)
        return advance(request, draft=draft, step=previous or current)
    if request.POST.get("go") == "show":  # "Change" on the check-your-answers step
        return advance(request, draft=draft, step=current)

    form = current.form(request.POST, unreadable=_unreadable(request))
    if not form.is_valid():
        return step_page(request, draft=draft, step=current, form=form, status=400)
    if isinstance(form, EligibilityForm) and not form.eligible():
        drafts.draft_discard(draft=draft)
        if browser_keeps_cookies(request):
            request.session.pop(SESSION_DRAFT, None)
        return render(request, "applications/not_eligible.html", {"form": form})
    if current.name == "declarations":
        return submit(request, draft=draft, step=current, form=form)
    drafts.draft_step_save(draft=draft, step=current, answers=form.answers())
    following = step_after(current)
    assert following is not None
    return advance(request, draft=draft, step=following, redirect_ok=True)


def _banner_answered(request: HttpRequest, *, draft: ApplicationDraft, step: Step) -> HttpResponse:
    """A cookie banner button pressed on this step, without JavaScript: it submitted this
    step's form, so the answer is recorded and the step shown again as it was typed —
    not checked and not saved, as neither happens before "Continue"."""
    problem = banner_answer_record(request)
    typed = step.form(initial={name: request.POST.get(name) for name in step.form().fields})
    status = 409 if problem else 200
    note = problem or BANNER_ANSWERED
    return step_page(request, draft=draft, step=step, form=typed, note=note, status=status)


def _start_limited(request: HttpRequest, *, retry_after: dt.datetime) -> HttpResponse:
    """Too many starts from this connection: no new draft, and a way back to one begun."""
    begun = drafts.draft_from_reference(request.session.get(SESSION_DRAFT, ""))
    response = render(
        request,
        "applications/limited.html",
        {
            "retry_at": retry_after.astimezone(clock.LONDON),
            "starts": limits.STARTS_PER_ADDRESS,
            "minutes": int(limits.STARTS_WINDOW.total_seconds() // 60),
            "carry_on": drafts.draft_next_step(begun) if begun is not None else None,
            "draft_days": drafts.DRAFT_DAYS,
        },
        status=429,
    )
    return with_retry_after(response, retry_after=retry_after)


def _unreadable(request: HttpRequest) -> frozenset[str]:
    if request.content_type != "application/x-www-form-urlencoded":
        return frozenset()
    return unreadable_fields(request.body)
