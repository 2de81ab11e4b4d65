"""/account/privacy/recipients/: who we told when this customer's data changed (Art. 19)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponseBase, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from partnership.accounts.views.common import signed_in_user
from partnership.compliance.notifications.selectors import notifications_for_user
from partnership.consent import receipts
from partnership.core.access import customer_required
from partnership.privacy_centre.marketing_receipts import (
    marketing_receipt_document,
    marketing_receipt_get,
)


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


@customer_required
@require_safe
def marketing_receipt(request: HttpRequest, record_id: int) -> HttpResponseBase:
    """One marketing answer as a JSON receipt; someone else's is "not found"."""
    record = marketing_receipt_get(user=signed_in_user(request), record_id=record_id)
    if record is None:
        raise Http404("no such receipt")
    response = JsonResponse(marketing_receipt_document(record), json_dumps_params={"indent": 2})
    response["Content-Disposition"] = 'attachment; filename="marketing-receipt.json"'
    return response
