"""Sending the application from the declarations step: once, within the rate limit."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from partnership.applications import drafts, limits, selectors
from partnership.applications.models import Application, ApplicationDraft
from partnership.applications.services.applicant import (
    StepNeedsAttention,
    application_input_from_answers,
)
from partnership.applications.services.submit import application_submit
from partnership.applications.steps import Step
from partnership.applications.steps.step_form import StepForm
from partnership.applications.views.common import with_retry_after
from partnership.applications.views.decision import decided
from partnership.applications.views.step_page import advance, step_page
from partnership.core import clock
from partnership.core.ratelimit import client_key

STEP_AGAIN = "Please check this step again: something here needs changing before you send."


def replayed_submission(request: HttpRequest) -> Application | None:
    key = drafts.submission_key_read(request.POST.get("submission", ""))
    return selectors.application_by_key(key=key) if key else None


def submit(
    request: HttpRequest, *, draft: ApplicationDraft, step: Step, form: StepForm
) -> HttpResponse:
    answers = {**drafts.draft_answers(draft), "declarations": form.answers()}
    try:
        data = application_input_from_answers(answers)
    except StepNeedsAttention as needs:
        return advance(request, draft=draft, step=needs.step, note=STEP_AGAIN)
    admission = limits.application_submit_admit(client=client_key(request))
    if not admission.admitted:
        # Nothing searched or recorded; the draft and this page's ticks stay for later.
        retry_after = admission.retry_after or clock.now()
        response = step_page(
            request, draft=draft, step=step, form=form, status=429, retry_after=retry_after
        )
        return with_retry_after(response, retry_after=retry_after)
    application = application_submit(
        data=data,
        idempotency_key=draft.submission_key,
        site_url=f"{request.scheme}://{request.get_host()}",
        draft_id=draft.pk,
    )
    return decided(request, application=application, repeated=False)
