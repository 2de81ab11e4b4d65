"""``/apply/check-eligibility/``: check whether you are likely to be accepted, with no mark on
your credit file that other lenders see (``applications/eligibility.py``)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from partnership.applications import drafts, limits, selectors
from partnership.applications.eligibility import EligibilityAnswer, eligibility_check
from partnership.applications.steps import step_named
from partnership.applications.steps.eligibility_check import CARRIED, EligibilityCheckForm
from partnership.applications.views.common import with_retry_after
from partnership.applications.views.step_page import advance
from partnership.consent.banner import BANNER_ANSWER_FIELD, banner_answer_record
from partnership.core import clock
from partnership.core.csrf import cookieless_form
from partnership.core.ratelimit import client_key
from partnership.core.text import unreadable_fields

FORM_ID = "eligibility-form"
ACTION = "/apply/check-eligibility/"
BANNER_ANSWERED = "Your cookie choice is saved. Your answers are as you left them."


@cookieless_form
@require_http_methods(["GET", "HEAD", "POST"])
def check(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _page(request, form=EligibilityCheckForm())
    if BANNER_ANSWER_FIELD in request.POST:
        problem = banner_answer_record(request)
        typed = EligibilityCheckForm(initial=request.POST.dict())
        return _page(
            request, form=typed, note=problem or BANNER_ANSWERED, status=409 if problem else 200
        )
    form = EligibilityCheckForm(request.POST, unreadable=_unreadable(request))
    if not form.is_valid():
        return _page(request, form=form, status=400)
    if request.POST.get("go") == "apply":
        return _apply(request, form=form)
    admission = limits.eligibility_check_admit(client=client_key(request))
    if not admission.admitted:
        retry_at = admission.retry_after or clock.now()
        response = _page(request, form=form, limited=retry_at.astimezone(clock.LONDON), status=429)
        return with_retry_after(response, retry_after=retry_at)
    answer = eligibility_check(questions=form.questions())
    return _page(request, form=form, answer=answer)


def _apply(request: HttpRequest, *, form: EligibilityCheckForm) -> HttpResponse:
    """Go on to apply: a draft holding these answers, at the application's first step."""
    admission = limits.draft_start_admit(client=client_key(request))
    if not admission.admitted:
        retry_at = admission.retry_after or clock.now()
        response = _page(request, form=form, limited=retry_at.astimezone(clock.LONDON), status=429)
        return with_retry_after(response, retry_after=retry_at)
    draft = drafts.draft_start_prefilled(answers=form.carried_answers())
    first = step_named("eligibility")
    assert first is not None
    return advance(request, draft=draft, step=first)


def _page(
    request: HttpRequest,
    *,
    form: EligibilityCheckForm,
    answer: EligibilityAnswer | None = None,
    note: str = "",
    limited: object = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "form": form,
        "answer": answer,
        "note": note,
        "limited": limited,
        "checks_per_hour": limits.CHECKS_PER_ADDRESS,
        "notice": selectors.eligibility_collection_notice(asked=CARRIED),
        # The cookie banner's buttons submit this form, typed values and all (JS off).
        "consent_page_form": {"id": FORM_ID, "action": ACTION},
    }
    return render(request, "applications/eligibility.html", context, status=status)


def _unreadable(request: HttpRequest) -> frozenset[str]:
    if request.content_type != "application/x-www-form-urlencoded":
        return frozenset()
    return unreadable_fields(request.body)
