"""Showing one step of the journey: with its kept answers, the notice, the summary."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from partnership.applications import drafts, limits, selectors
from partnership.applications.models import ApplicationDraft
from partnership.applications.precontract import precontract_information
from partnership.applications.steps import DATA_STEPS, STEPS, Step, step_before
from partnership.applications.steps.step_form import StepForm
from partnership.applications.views.common import SESSION_DRAFT
from partnership.core import clock
from partnership.core.csrf import browser_keeps_cookies

STEP_FORM_ID = "step-form"


def stored_form(draft: ApplicationDraft, step: Step) -> StepForm:
    return step.form(initial=drafts.draft_answers(draft).get(step.name) or None)


def advance(
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
    return step_page(request, draft=draft, step=step, form=stored_form(draft, step), note=note)


def step_page(
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
        "steps": STEPS,
        "controller": settings.BRAND["issuer_name"],
        "previous": step_before(step),
        # The cookie banner's buttons submit this form, typed values and all (JS off).
        "consent_page_form": {"id": STEP_FORM_ID, "action": f"/apply/{step.name}/"},
    }
    if step.name == "review":
        context["summary"] = _summary(draft)
    if step.name == "declarations":
        context["submission"] = drafts.submission_token(draft)
        context["precontract"] = precontract_information()
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
