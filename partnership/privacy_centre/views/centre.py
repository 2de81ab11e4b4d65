"""The customer's privacy centre, /account/privacy/: download my data, marketing
choices, correct my details, remembered browsers and sign-in history.

Every view is ``customer_required`` and acts on ``request.user`` only: no URL or form
names whose data it is.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from partnership.accounts.devices import device_label
from partnership.accounts.forms import DeviceRevokeForm, refuse
from partnership.accounts.models import MarketingSource, SignInOutcome
from partnership.accounts.services.devices import (
    remembered_device_revoke,
    remembered_devices_current,
)
from partnership.accounts.services.passkeys import passkey_list
from partnership.accounts.views.common import sign_in_client, signed_in_user, unreadable
from partnership.accounts.views.sign_in import WRONG_CODE
from partnership.audit.services import Actor
from partnership.core import clock
from partnership.core.access import customer_required
from partnership.core.errors import render_error
from partnership.core.ratelimit import rate_limit_hit
from partnership.privacy.export import subject_access_export
from partnership.privacy_centre.forms import DetailsForm, MarketingForm
from partnership.privacy_centre.selectors import (
    marketing_choices_current,
    marketing_history,
    sign_in_history,
    staff_access_history,
)
from partnership.privacy_centre.services.details import (
    CustomerDetails,
    DetailsOutcome,
    customer_details_correct,
    customer_details_current,
)
from partnership.privacy_centre.services.marketing import marketing_choices_record

EXPORTS_PER_HOUR = 5
NOTHING_CHANGED = "These are already your details, so nothing was changed."
EMAIL_UNAVAILABLE = (
    "We cannot use that e-mail address for your account. Choose another, or call us if "
    "you think it should be yours. Nothing was changed."
)
SAVED = {
    "marketing": "Your marketing choices are saved.",
    "marketing-unchanged": "Your marketing choices are as they were: nothing to save.",
    "details": "Your details are corrected.",
    "forgotten": "That browser is forgotten: it will need a code next time.",
    "forgotten-all": "Every remembered browser is forgotten.",
}


def page(
    request: HttpRequest, template: str, context: dict[str, Any], *, status: int = 200
) -> HttpResponse:
    return render(request, f"privacy_centre/{template}", context, status=status)


def _status(request: HttpRequest) -> str:
    return SAVED.get(request.GET.get("saved", ""), "")


@customer_required
@require_safe
def centre(request: HttpRequest) -> HttpResponseBase:
    user = signed_in_user(request)
    context = {
        "choices": marketing_choices_current(user=user),
        "devices": remembered_devices_current(user=user).count(),
        "passkeys": passkey_list(user=user).count(),
        "status_message": _status(request),
    }
    return page(request, "centre.html", context)


@customer_required
@require_POST
def download(request: HttpRequest) -> HttpResponseBase:
    """The subject access export of the signed-in customer, as a zip download."""
    user = signed_in_user(request)
    allowed = rate_limit_hit(
        scope="privacy-centre:export",
        key=str(user.pk),
        limit=EXPORTS_PER_HOUR,
        window=dt.timedelta(hours=1),
    )
    if not allowed.allowed or not user.email:
        return render_error(request, status=429)
    folder = Path(tempfile.mkdtemp(prefix="partnership-sar-"))
    try:
        out = folder / "export.zip"
        subject_access_export(email=user.email, out=out, actor=Actor.customer(user.pk))
        # Read whole (about 1 MB for ten years of history) so no file outlives the request.
        archive = out.read_bytes()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    filename = f"my-data-{clock.today_in_london().isoformat()}.zip"
    response = HttpResponse(archive, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@customer_required
@require_http_methods(["GET", "HEAD", "POST"])
def marketing(request: HttpRequest) -> HttpResponseBase:
    user = signed_in_user(request)
    if request.method != "POST":
        form = MarketingForm(
            initial={c.value: v for c, v in marketing_choices_current(user=user).items()}
        )
        return _marketing_page(request, form)
    form = MarketingForm(request.POST, unreadable=unreadable(request))
    if not form.is_valid():
        return _marketing_page(request, form, status=400)
    changed = marketing_choices_record(
        user=user,
        choices=form.choices(),
        source=MarketingSource.PRIVACY_CENTRE,
        actor=Actor.customer(user.pk),
    )
    return redirect(
        f"/account/privacy/marketing/?saved={'marketing' if changed else 'marketing-unchanged'}"
    )


def _marketing_page(
    request: HttpRequest, form: MarketingForm, *, status: int = 200
) -> HttpResponseBase:
    user = signed_in_user(request)
    context = {
        "form": form,
        "history": marketing_history(user=user)[:50],
        "status_message": _status(request),
    }
    return page(request, "marketing.html", context, status=status)


@customer_required
@require_http_methods(["GET", "HEAD", "POST"])
def details(request: HttpRequest) -> HttpResponseBase:
    user = signed_in_user(request)
    if request.method != "POST":
        current = customer_details_current(user=user)
        form = DetailsForm(initial=current.__dict__)
        return page(request, "details.html", {"form": form, "status_message": _status(request)})
    form = DetailsForm(request.POST, unreadable=unreadable(request))
    if not form.is_valid():
        return page(request, "details.html", {"form": form}, status=400)
    data = form.cleaned_data
    result = customer_details_correct(
        user=user,
        details=CustomerDetails(
            full_name=data["full_name"],
            email=data["email"],
            postal_address=data["postal_address"],
            postcode=data["postcode"],
            phone=data["phone"],
        ),
        code=data["code"],
        client=sign_in_client(request),
    )
    if result.outcome == DetailsOutcome.LOCKED:
        return render_error(request, status=429)
    if result.outcome != DetailsOutcome.CHANGED:
        refuse(form, _DETAILS_REFUSALS[result.outcome])
        return page(request, "details.html", {"form": form}, status=400)
    return redirect("/account/privacy/details/?saved=details")


_DETAILS_REFUSALS = {
    DetailsOutcome.NOTHING_CHANGED: NOTHING_CHANGED,
    DetailsOutcome.EMAIL_UNAVAILABLE: EMAIL_UNAVAILABLE,
    DetailsOutcome.WRONG_CODE: WRONG_CODE + " Nothing was changed.",
}


@customer_required
@require_safe
def devices(request: HttpRequest) -> HttpResponseBase:
    user = signed_in_user(request)
    context = {
        "devices": list(remembered_devices_current(user=user)),
        "status_message": _status(request),
    }
    return page(request, "devices.html", context)


@customer_required
@require_POST
def device_revoke(request: HttpRequest) -> HttpResponseBase:
    user = signed_in_user(request)
    form = DeviceRevokeForm(request.POST, unreadable=unreadable(request))
    if not form.is_valid():
        context = {"devices": list(remembered_devices_current(user=user)), "form": form}
        return page(request, "devices.html", context, status=400)
    choice = form.cleaned_data["device"]
    revoked = remembered_device_revoke(user=user, device_id=None if choice == "all" else choice)
    if choice != "all" and revoked == 0:
        raise Http404  # missing and someone else's alike
    return redirect(
        f"/account/privacy/devices/?saved={'forgotten-all' if choice == 'all' else 'forgotten'}"
    )


@customer_required
@require_safe
def sign_ins(request: HttpRequest) -> HttpResponseBase:
    user = signed_in_user(request)
    rows = [
        {
            "occurred_at": event.occurred_at,
            "outcome": SignInOutcome(event.outcome).label,
            "succeeded": event.outcome == SignInOutcome.SUCCESS,
            "factor": event.get_factor_display(),
            "device": device_label(event.user_agent),
        }
        for event in sign_in_history(user=user)
    ]
    return page(request, "sign_ins.html", {"events": rows})


@customer_required
@require_safe
def staff_access(request: HttpRequest) -> HttpResponseBase:
    """Each time our staff opened this customer's data: when, which team, why."""
    user = signed_in_user(request)
    return page(
        request,
        "staff_access.html",
        {"accesses": staff_access_history(user_id=str(user.pk)), "reference": user.pk},
    )
