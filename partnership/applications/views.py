"""The application journey at /apply/. Every view works without JavaScript and without
cookies: with cookies the draft reference lives in the session and each step answers
with a redirect; without, every form carries the signed reference in a hidden field and
each POST answers with the next page itself (docs/applications.md)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.conf import settings
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from partnership.applications import drafts, limits, selectors
from partnership.applications.decision.reasons import Reason
from partnership.applications.models import Application, ApplicationDraft, Outcome
from partnership.applications.services.applicant import (
    StepNeedsAttention,
    application_input_from_answers,
)
from partnership.applications.services.review import review_request_receive
from partnership.applications.services.submit import application_submit
from partnership.applications.steps import (
    DATA_STEPS,
    STEPS,
    Step,
    step_after,
    step_before,
    step_named,
)
from partnership.applications.steps.forms import EligibilityForm, StepForm
from partnership.consent.banner import BANNER_ANSWER_FIELD, banner_answer_record
from partnership.core import clock
from partnership.core.csrf import browser_keeps_cookies, cookieless_form
from partnership.core.ratelimit import client_key
from partnership.core.text import RIGHTS_DETAILS_MAX, unreadable_fields

SESSION_DRAFT = "applications.draft"
SESSION_DECISION = "applications.decision"
_decision_signer = signing.Signer(salt="partnership.applications.decision-reference")
EXPIRED = (
    "We could not find your application: it may have been sent already, or it was left "
    "for more than 30 days and deleted. Please start again."
)
STEP_FIRST = "Please answer this step first: the steps are taken in order."
STEP_AGAIN = "Please check this step again: something here needs changing before you send."
BANNER_ANSWERED = "Your cookie choice is saved. Your answers on this page are as you left them."
STEP_FORM_ID = "step-form"


def decision_reference(application: Application) -> str:
    return _decision_signer.sign(application.pk.hex)


def _application_from_reference(reference: str) -> Application | None:
    if not reference or len(reference) > drafts.REFERENCE_MAX:
        return None
    try:
        application_id = uuid.UUID(hex=_decision_signer.unsign(reference))
    except (signing.BadSignature, ValueError):
        return None
    return Application.objects.filter(pk=application_id).first()


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
    return _advance(request, draft=draft, step=first)


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
        return _step_page(request, draft=draft, step=current, form=_stored_form(draft, current))

    if current.name == "declarations":
        replay = _replayed_submission(request)
        if replay is not None:
            return _decided(request, application=replay, repeated=True)
    draft = drafts.draft_from_reference(
        request.POST.get("draft", "") or request.session.get(SESSION_DRAFT, "")
    )
    if draft is None:
        notice = selectors.application_collection_notice()
        return render(
            request, "applications/start.html", {"notice": notice, "error": EXPIRED}, status=400
        )
    if not drafts.draft_may_open(draft, current):
        return _advance(request, draft=draft, step=drafts.draft_next_step(draft), note=STEP_FIRST)
    if BANNER_ANSWER_FIELD in request.POST:
        return _banner_answered(request, draft=draft, step=current)
    if request.POST.get("go") == "back":
        previous = step_before(current)
        return _advance(request, draft=draft, step=previous or current)
    if request.POST.get("go") == "show":  # "Change" on the check-your-answers step
        return _advance(request, draft=draft, step=current)

    form = current.form(request.POST, unreadable=_unreadable(request))
    if not form.is_valid():
        return _step_page(request, draft=draft, step=current, form=form, status=400)
    if isinstance(form, EligibilityForm) and not form.eligible():
        drafts.draft_discard(draft=draft)
        if browser_keeps_cookies(request):
            request.session.pop(SESSION_DRAFT, None)
        return render(request, "applications/not_eligible.html", {"form": form})
    if current.name == "declarations":
        return _submit(request, draft=draft, step=current, form=form)
    drafts.draft_step_save(draft=draft, step=current, answers=form.answers())
    following = step_after(current)
    assert following is not None
    return _advance(request, draft=draft, step=following, redirect_ok=True)


def _banner_answered(request: HttpRequest, *, draft: ApplicationDraft, step: Step) -> HttpResponse:
    """A cookie banner button pressed on this step, without JavaScript: it submitted this
    step's form, so the answer is recorded and the step shown again as it was typed —
    not checked and not saved, as neither happens before "Continue"."""
    problem = banner_answer_record(request)
    typed = step.form(initial={name: request.POST.get(name) for name in step.form().fields})
    status = 409 if problem else 200
    note = problem or BANNER_ANSWERED
    return _step_page(request, draft=draft, step=step, form=typed, note=note, status=status)


def _replayed_submission(request: HttpRequest) -> Application | None:
    key = drafts.submission_key_read(request.POST.get("submission", ""))
    return selectors.application_by_key(key=key) if key else None


def _submit(
    request: HttpRequest, *, draft: ApplicationDraft, step: Step, form: StepForm
) -> HttpResponse:
    answers = {**drafts.draft_answers(draft), "declarations": form.answers()}
    try:
        data = application_input_from_answers(answers)
    except StepNeedsAttention as needs:
        return _advance(request, draft=draft, step=needs.step, note=STEP_AGAIN)
    admission = limits.application_submit_admit(client=client_key(request))
    if not admission.admitted:
        # Nothing searched or recorded; the draft and this page's ticks stay for later.
        retry_after = admission.retry_after or clock.now()
        response = _step_page(
            request, draft=draft, step=step, form=form, status=429, retry_after=retry_after
        )
        return _with_retry_after(response, retry_after=retry_after)
    application = application_submit(
        data=data,
        idempotency_key=draft.submission_key,
        site_url=f"{request.scheme}://{request.get_host()}",
        draft_id=draft.pk,
    )
    return _decided(request, application=application, repeated=False)


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
    return _with_retry_after(response, retry_after=retry_after)


def _with_retry_after(response: HttpResponse, *, retry_after: dt.datetime) -> HttpResponse:
    response["Retry-After"] = str(max(1, int((retry_after - clock.now()).total_seconds())))
    return response


def _decided(request: HttpRequest, *, application: Application, repeated: bool) -> HttpResponse:
    if browser_keeps_cookies(request):
        request.session.pop(SESSION_DRAFT, None)
        request.session[SESSION_DECISION] = decision_reference(application)
        return redirect("applications:decision")
    return _decision_page(request, application=application, repeated=repeated)


@require_http_methods(["GET", "HEAD"])
def decision(request: HttpRequest) -> HttpResponse:
    application = _application_from_reference(request.session.get(SESSION_DECISION, ""))
    if application is None:
        return redirect("applications:start")
    return _decision_page(request, application=application, repeated=False)


def _decision_page(
    request: HttpRequest,
    *,
    application: Application,
    repeated: bool,
    review_error: str = "",
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "applications/decision.html",
        {
            "application": application,
            "approved": application.outcome == Outcome.APPROVED,
            "declined": application.outcome == Outcome.DECLINED,
            "referred": application.outcome == Outcome.REFERRED,
            "reasons": [Reason(code) for code in application.reasons],
            "account": selectors.application_card_account(application=application),
            "decision_ref": decision_reference(application),
            "repeated": repeated,
            "review_error": review_error,
            "details_max": RIGHTS_DETAILS_MAX,
        },
        status=status,
    )


@cookieless_form
@require_POST
def review_request(request: HttpRequest) -> HttpResponse:
    """Ask for a person to review the automated decision, or contest it (Art. 22)."""
    application = _application_from_reference(request.POST.get("decision", ""))
    if application is None:
        notice = selectors.application_collection_notice()
        return render(
            request, "applications/start.html", {"notice": notice, "error": EXPIRED}, status=400
        )
    outcome = review_request_receive(
        application=application, details=request.POST.get("details", "")
    )
    if outcome.error:
        return _decision_page(
            request, application=application, repeated=False, review_error=outcome.error, status=400
        )
    return render(
        request,
        "applications/review_received.html",
        {"application": application, "created": outcome.created, "request": outcome.request},
    )


def _stored_form(draft: ApplicationDraft, step: Step) -> StepForm:
    return step.form(initial=drafts.draft_answers(draft).get(step.name) or None)


def _advance(
    request: HttpRequest,
    *,
    draft: ApplicationDraft,
    step: Step,
    note: str = "",
    redirect_ok: bool = False,
) -> HttpResponse:
    """Show ``step``: with cookies by a redirect (refresh-safe), else as this answer."""
    if browser_keeps_cookies(request):
        request.session[SESSION_DRAFT] = drafts.draft_reference(draft)
        if not note:
            return redirect("applications:step", step=step.name)
    return _step_page(request, draft=draft, step=step, form=_stored_form(draft, step), note=note)


def _unreadable(request: HttpRequest) -> frozenset[str]:
    if request.content_type != "application/x-www-form-urlencoded":
        return frozenset()
    return unreadable_fields(request.body)


def _step_page(
    request: HttpRequest,
    *,
    draft: ApplicationDraft,
    step: Step,
    form: StepForm,
    status: int = 200,
    note: str = "",
    retry_after: dt.datetime | None = None,
) -> HttpResponse:
    """``retry_after``: the sending was refused by the rate limit until then (429)."""
    notice = selectors.application_collection_notice()
    context: dict[str, Any] = {
        "step": step,
        "form": form,
        "notice": notice,
        "asked": notice.fields_for(step),
        "draft_ref": drafts.draft_reference(draft),
        "note": note,
        "total": len(STEPS),
        "controller": settings.BRAND["issuer_name"],
        "previous": step_before(step),
        # The cookie banner's buttons submit this form, typed values and all (JS off).
        "consent_page_form": {"id": STEP_FORM_ID, "action": f"/apply/{step.name}/"},
    }
    if step.name == "review":
        context["summary"] = _summary(draft)
    if step.name == "declarations":
        context["submission"] = drafts.submission_token(draft)
    if retry_after is not None:
        context["limited"] = {
            "retry_at": retry_after.astimezone(clock.LONDON),
            "sendings": limits.SUBMISSIONS_PER_ADDRESS,
            "hours": int(limits.SUBMISSIONS_WINDOW.total_seconds() // 3600),
            "draft_days": drafts.DRAFT_DAYS,
        }
    return render(request, "applications/step.html", context, status=status)


def _summary(draft: ApplicationDraft) -> list[dict[str, Any]]:
    """Each step's answers as the applicant typed them, with labels, for checking."""
    answers = drafts.draft_answers(draft)
    sections = []
    for step in DATA_STEPS:
        if step.name == "declarations":
            continue
        form = step.form()
        stored = answers.get(step.name, {})
        rows = []
        for name, field in form.fields.items():
            value = stored.get(name, "")
            if hasattr(field, "choices") and value:
                value = dict(field.choices).get(value, value)
            elif value == "on":
                value = "Yes"
            elif name in form.checkbox_fields:
                value = "No"
            if value or name in form.checkbox_fields:
                rows.append({"label": field.label, "value": value})
        sections.append({"step": step, "rows": rows})
    return sections
