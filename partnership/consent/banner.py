"""A banner answer given from another page's form (an application step, without JavaScript).

There the banner's buttons submit the step's own form, so that what the visitor typed
travels with the press and is shown again (applications/views/journey.py). The answer is checked
exactly as the banner's own post to ``/privacy/cookies/`` is: the same form, the same
token naming the choice it was shown against.
"""

from __future__ import annotations

from django.http import HttpRequest

from partnership.consent import responses
from partnership.consent.forms import (
    SOURCE_BANNER,
    STALE_FORM,
    ConsentForm,
    consent_form_token_matches,
)
from partnership.consent.services import consent_record
from partnership.consent.state import Method, consent_for_request

# The name of a banner button that submits another page's form; its value is the answer.
BANNER_ANSWER_FIELD = "consent_research"
NOT_RECORDED = "Your cookie choice could not be read, so nothing was recorded. Please choose again."


def banner_answer_record(request: HttpRequest) -> str:
    """Record the banner answer in ``request.POST``: "" when recorded, else why not."""
    state = consent_for_request(request)
    form = ConsentForm(
        {
            "source": SOURCE_BANNER,
            "research": request.POST.get(BANNER_ANSWER_FIELD, ""),
            "consent_token": request.POST.get("consent_token", ""),
        },
        state=state,
    )
    if not form.is_valid():
        return NOT_RECORDED
    if not consent_form_token_matches(form.cleaned_data["consent_token"], state):
        return STALE_FORM
    user = request.user
    _, stored = consent_record(
        choices=form.choices(),
        method=Method.BANNER,
        previous=state,
        user_id=user.pk if user.is_authenticated else None,
    )
    responses.consent_pending(request, stored)
    return ""
