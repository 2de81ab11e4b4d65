"""The customer's alerts and statement preference, /account/alerts/.

Every view is ``customer_required`` and acts on ``request.user`` only. Both pages are
plain forms: they work without JavaScript.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from partnership.accounts.views.common import signed_in_user, unreadable
from partnership.alerts.forms import AlertChoicesForm, StatementPreferenceForm
from partnership.alerts.models import AlertKind
from partnership.alerts.phone import uk_mobile_display
from partnership.alerts.selectors import (
    alert_choices_current,
    alert_mobile_suggested,
    sent_alerts_recent,
    statement_paperless,
)
from partnership.alerts.services import alert_choices_save, statement_preference_save
from partnership.audit.services import Actor
from partnership.core.access import customer_required

SAVED = {
    "alerts": "Your alert choices are saved.",
    "alerts-unchanged": "Your alert choices are as they were: nothing to save.",
    "statements": "Your statement choice is saved.",
    "statements-unchanged": "Your statement choice is as it was: nothing to save.",
}
# Which setting belongs with which kind on the page.
SETTING = {
    AlertKind.PAYMENT_DUE: "payment_due_days",
    AlertKind.LIMIT: "limit_percent",
    AlertKind.PURCHASE_OVER: "purchase_amount",
}


def _status(request: HttpRequest) -> str:
    return SAVED.get(request.GET.get("saved", ""), "")


def _initial(request: HttpRequest) -> dict[str, Any]:
    user = signed_in_user(request)
    initial: dict[str, Any] = {}
    for kind, choice in alert_choices_current(user=user).items():
        initial[f"{kind.value}_email"] = choice.by_email
        initial[f"{kind.value}_sms"] = choice.by_sms
        if choice.days_before:
            initial["payment_due_days"] = choice.days_before
        if choice.percent:
            initial["limit_percent"] = choice.percent
        if choice.amount is not None:
            initial["purchase_amount"] = choice.amount
    mobile = alert_mobile_suggested(user=user)
    if mobile:
        initial["mobile"] = uk_mobile_display(mobile)
    return initial


@customer_required
@require_http_methods(["GET", "HEAD", "POST"])
def alert_choices(request: HttpRequest) -> HttpResponseBase:
    user = signed_in_user(request)
    if request.method != "POST":
        return _choices_page(request, AlertChoicesForm(initial=_initial(request)))
    form = AlertChoicesForm(request.POST, unreadable=unreadable(request))
    if not form.is_valid():
        return _choices_page(request, form, status=400)
    changed = alert_choices_save(
        user=user,
        choices=form.choices(),
        mobile=form.mobile_to_keep(),
        actor=Actor.customer(user.pk),
    )
    return redirect(f"/account/alerts/?saved={'alerts' if changed else 'alerts-unchanged'}")


def _choices_page(
    request: HttpRequest, form: AlertChoicesForm, *, status: int = 200
) -> HttpResponse:
    rows = [
        {
            "kind": kind,
            "boxes": [form[f"{kind.value}_email"], form[f"{kind.value}_sms"]],
            "setting": form[SETTING[kind]] if kind in SETTING else None,
        }
        for kind in AlertKind
    ]
    context = {
        "form": form,
        "rows": rows,
        "mobile": form["mobile"],
        "sent": sent_alerts_recent(user=signed_in_user(request)),
        "status_message": _status(request),
    }
    return render(request, "alerts/choices.html", context, status=status)


@customer_required
@require_http_methods(["GET", "HEAD", "POST"])
def statement_preference(request: HttpRequest) -> HttpResponseBase:
    user = signed_in_user(request)
    if request.method != "POST":
        current = "paperless" if statement_paperless(user=user) else "paper"
        return _statements_page(request, StatementPreferenceForm(initial={"delivery": current}))
    form = StatementPreferenceForm(request.POST, unreadable=unreadable(request))
    if not form.is_valid():
        return _statements_page(request, form, status=400)
    changed = statement_preference_save(
        user=user, paperless=form.paperless(), actor=Actor.customer(user.pk)
    )
    saved = "statements" if changed else "statements-unchanged"
    return redirect(f"/account/alerts/statements/?saved={saved}")


def _statements_page(
    request: HttpRequest, form: StatementPreferenceForm, *, status: int = 200
) -> HttpResponse:
    context = {"form": form, "status_message": _status(request)}
    return render(request, "alerts/statements.html", context, status=status)
