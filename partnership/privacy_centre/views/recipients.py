"""/account/privacy/recipients/: who we told when this customer's data changed (Art. 19)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import render
from django.views.decorators.http import require_safe

from partnership.accounts.views.common import signed_in_user
from partnership.compliance.notifications.selectors import notifications_for_user
from partnership.consent import receipts
from partnership.core.access import customer_required


@customer_required
@require_safe
def recipients_told(request: HttpRequest) -> HttpResponseBase:
    user = signed_in_user(request)
    return render(
        request,
        "privacy_centre/recipients.html",
        {"notifications": notifications_for_user(user_id=user.pk)},
    )


@customer_required
@require_safe
def consent_receipts(request: HttpRequest) -> HttpResponseBase:
    """Each cookie choice this customer made while signed in, with its receipt."""
    user = signed_in_user(request)
    rows = [
        {"record": record, "url": receipts.receipt_url(record)}
        for record in receipts.receipts_for_user(user.pk)
    ]
    return render(request, "privacy_centre/consent_receipts.html", {"rows": rows})
