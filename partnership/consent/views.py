from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_safe

from partnership.consent import cookies, receipts, responses
from partnership.consent.forms import (
    SOURCE_BANNER,
    STALE_FORM,
    ConsentForm,
    consent_form_token_matches,
)
from partnership.consent.research import research_partners
from partnership.consent.services import consent_record
from partnership.consent.state import Method, consent_for_request
from partnership.core.csrf import cookieless_form
from partnership.core.text import REPLACEMENT_CHARACTER

UNREADABLE = "What was sent could not be read, so nothing was recorded. Please choose again."


@cookieless_form
@require_http_methods(["GET", "HEAD", "POST"])
def cookie_settings(request: HttpRequest) -> HttpResponseBase:
    state = consent_for_request(request)
    if request.method != "POST":
        return _page(request, ConsentForm(state=state), status=200)
    form = ConsentForm(request.POST, state=state)
    valid = form.is_valid()
    if _unreadable(request):
        form.add_error(None, UNREADABLE)
        valid = False
    if not valid:
        return _page(request, form, status=400)
    if not consent_form_token_matches(form.cleaned_data["consent_token"], state):
        return _page(request, ConsentForm(state=state), status=409, error=STALE_FORM)
    banner = form.cleaned_data["source"] == SOURCE_BANNER
    user = request.user
    record, stored = consent_record(
        choices=form.choices(),
        method=Method.BANNER if banner else Method.SETTINGS_PAGE,
        previous=state,
        user_id=user.pk if user.is_authenticated else None,
    )
    new_state = responses.consent_pending(request, stored)
    if banner:
        return responses.see_other(_safe_next(request, form.cleaned_data.get("return_to", "")))
    return _page(
        request,
        ConsentForm(state=new_state),
        status=200,
        saved=True,
        receipt=receipts.receipt_url(record),
    )


def _unreadable(request: HttpRequest) -> bool:
    return any(REPLACEMENT_CHARACTER in value for value in request.POST.values())


def _safe_next(request: HttpRequest, target: str) -> str:
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/privacy/cookies/"


def _page(
    request: HttpRequest,
    form: ConsentForm,
    *,
    status: int,
    error: str = "",
    saved: bool = False,
    receipt: str = "",
) -> HttpResponse:
    state = consent_for_request(request)
    if not receipt:
        latest = receipts.latest_for_consent_id(state.consent_id)
        receipt = receipts.receipt_url(latest) if latest else ""
    return render(
        request,
        "consent/cookies.html",
        {
            "form": form,
            "state": state,
            "partners": research_partners(),
            "declarations": cookies.declared(),
            "error": error,
            "saved": saved,
            "receipt": receipt,
        },
        status=status,
    )


@require_safe
def consent_receipt(request: HttpRequest, receipt_id: str) -> JsonResponse:
    """One consent receipt as a JSON download; a malformed or unknown id is a 404."""
    record = receipts.receipt_record(receipt_id)
    if record is None:
        raise Http404("no such receipt")
    response = JsonResponse(receipts.receipt_document(record), json_dumps_params={"indent": 2})
    response["Content-Disposition"] = 'attachment; filename="consent-receipt.json"'
    return response


@require_safe
def cookies_json(request: HttpRequest) -> JsonResponse:
    """The cookie registry (DESIGN §3)."""
    return JsonResponse(cookies.registry_document())


# The local demo partner's tag (settings.RESEARCH_PARTNERS in local mode). It reads
# nothing, sends nothing and sets no cookie; it only marks the page so a test can see
# that it ran.
DEMO_TAG = "document.documentElement.setAttribute('data-research-demo', 'loaded');\n"


@require_safe
def research_demo_tag(request: HttpRequest) -> HttpResponse:
    if not settings.LOCAL_MODE or not any(
        partner.script_path == request.path for partner in research_partners()
    ):
        raise Http404("No demo research partner here")
    response = HttpResponse(DEMO_TAG, content_type="text/javascript; charset=utf-8")
    # Loaded from the site's other host name, so another origin: allow that one read.
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response
