"""The sandbox payment provider's hosted page: it stands for the provider's own site.

No card number is asked for, even here: the demo customer approves or declines the
payment with a button. Only while ``PAYMENT_PROVIDER`` is "sandbox".
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from partnership.payments.models import SandboxOutcome, SandboxPayment
from partnership.payments.provider import sandbox_enabled

REFERENCE_MAX = 64


@require_http_methods(["GET", "HEAD", "POST"])
def hosted_page(request: HttpRequest, reference: str) -> HttpResponseBase:
    if not sandbox_enabled() or len(reference) > REFERENCE_MAX:
        raise Http404
    row = SandboxPayment.objects.filter(reference=reference).first()
    if row is None:
        raise Http404
    if request.method != "POST":
        return render(request, "payments/sandbox_page.html", {"payment": row})
    if row.outcome != SandboxOutcome.WAITING:
        return redirect(row.return_path)
    choice = request.POST.get("outcome", "")
    if choice not in (SandboxOutcome.PAID, SandboxOutcome.DECLINED):
        context = {"payment": row, "error": "Choose whether to approve or decline the payment."}
        return render(request, "payments/sandbox_page.html", context, status=400)
    # A second, simultaneous answer finds the payment already decided and changes nothing.
    SandboxPayment.objects.filter(pk=row.pk, outcome=SandboxOutcome.WAITING).update(outcome=choice)
    return redirect(row.return_path)
