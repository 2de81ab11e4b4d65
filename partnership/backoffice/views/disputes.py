"""/staff/disputes/: transactions customers reported as not theirs with a lost or stolen card.

The guard (``backoffice.view_customer_personal_data``) is applied from ``urls.py``. The
queue shows no personal data (a reference, dates, status), open disputes first. Opening
one dispute shows the transaction, which is the customer's account data: as on the
customer pages it needs the agent's own live ``AccessGrant`` for that customer (a reason
stated on the customer's page), and each view is audited under it. Closing it (a POST
to the same page) needs that same grant: without one it is refused (403) and the refusal
recorded; a dispute already closed answers 409 and nothing changes.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from partnership.accounts.models import User
from partnership.backoffice.access import access_grant_live
from partnership.backoffice.forms.disputes import DisputeCloseForm
from partnership.backoffice.models import AccessGrant
from partnership.backoffice.services import grants
from partnership.backoffice.views.common import customer_or_404, staff_user
from partnership.cards import selectors as card_selectors
from partnership.cards.models import DisputeStatus, TransactionDispute
from partnership.cards.services.disputes import dispute_close, dispute_close_refused_record
from partnership.cards.services.errors import CardStateError
from partnership.cards.templatetags.card_format import pounds
from partnership.core.errors import render_error

# Open disputes come first, so a long tail of decided ones never hides an open one
# until this many are open at once.
QUEUE_SIZE = 200


@require_safe
def dispute_queue(request: HttpRequest) -> HttpResponse:
    rows = card_selectors.dispute_queue().only("id", "raised_at", "status", "outcome_on")
    context = {"disputes": list(rows[:QUEUE_SIZE]), "limit": QUEUE_SIZE}
    return render(request, "backoffice/disputes/queue.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def dispute_detail(request: HttpRequest, dispute_id: uuid.UUID) -> HttpResponse:
    dispute = card_selectors.dispute_get(dispute_id=dispute_id)
    if dispute is None:
        raise Http404
    staff = staff_user(request)
    customer = customer_or_404(dispute.account.owner_id)
    grant = access_grant_live(staff=staff, customer=customer)
    if grant is None:
        if request.method == "POST":
            dispute_close_refused_record(staff_id=staff.pk, dispute_id=dispute.pk)
            return render_error(request, status=403)
        context = {"dispute": dispute, "customer_id": customer.pk}
        return render(request, "backoffice/disputes/reason_needed.html", context)
    if request.method != "POST":
        return _detail(request, dispute=dispute, customer=customer, grant=grant)
    return _close(request, dispute=dispute, customer=customer, grant=grant, staff=staff)


def _close(
    request: HttpRequest,
    *,
    dispute: TransactionDispute,
    customer: User,
    grant: AccessGrant,
    staff: User,
) -> HttpResponse:
    form = DisputeCloseForm(request.POST)
    if not form.is_valid():
        return _detail(request, dispute=dispute, customer=customer, grant=grant, form=form)
    try:
        dispute_close(
            dispute=dispute,
            outcome=DisputeStatus(form.cleaned_data["outcome"]),
            note=form.cleaned_data["note"],
            staff_id=staff.pk,
            grant_id=grant.pk,
        )
    except ValidationError as exc:
        form.add_error(None, " ".join(exc.messages))
        return _detail(request, dispute=dispute, customer=customer, grant=grant, form=form)
    except CardStateError as exc:
        form.add_error(None, str(exc).capitalize() + ".")
        return _detail(
            request, dispute=dispute, customer=customer, grant=grant, form=form, status=409
        )
    return redirect(f"/staff/disputes/{dispute.pk}/")


def _detail(
    request: HttpRequest,
    *,
    dispute: TransactionDispute,
    customer: User,
    grant: AccessGrant,
    form: DisputeCloseForm | None = None,
    status: int | None = None,
) -> HttpResponse:
    grants.customer_view_record(grant=grant, page="dispute")
    context = {
        "dispute": dispute,
        "customer_id": customer.pk,
        "amount": pounds(dispute.transaction.amount),
        "dispute_by": card_selectors.dispute_deadline(dispute.transaction.posted_on),
        "form": form or DisputeCloseForm(),
    }
    if status is None:
        status = 400 if form is not None else 200
    return render(request, "backoffice/disputes/detail.html", context, status=status)
