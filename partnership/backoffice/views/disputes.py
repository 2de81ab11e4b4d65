"""/staff/disputes/: transactions customers reported as not theirs with a lost or stolen card.

The guard (``backoffice.view_customer_personal_data``) is applied from ``urls.py``. The
queue shows no personal data (a reference, dates, status). Opening one dispute shows
the transaction, which is the customer's account data: as on the customer pages it
needs the agent's own live ``AccessGrant`` for that customer (a reason stated on the
customer's page), and each view is audited under it.
"""

from __future__ import annotations

import uuid

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from partnership.backoffice.access import access_grant_live
from partnership.backoffice.services import grants
from partnership.backoffice.views.common import customer_or_404, staff_user
from partnership.cards import selectors as card_selectors
from partnership.cards.templatetags.card_format import pounds


@require_safe
def dispute_queue(request: HttpRequest) -> HttpResponse:
    disputes = list(card_selectors.dispute_queue().only("id", "raised_at", "status"))
    return render(request, "backoffice/disputes/queue.html", {"disputes": disputes})


@require_safe
def dispute_detail(request: HttpRequest, dispute_id: uuid.UUID) -> HttpResponse:
    dispute = card_selectors.dispute_get(dispute_id=dispute_id)
    if dispute is None:
        raise Http404
    customer = customer_or_404(dispute.account.owner_id)
    grant = access_grant_live(staff=staff_user(request), customer=customer)
    if grant is None:
        context = {"dispute": dispute, "customer_id": customer.pk}
        return render(request, "backoffice/disputes/reason_needed.html", context)
    grants.customer_view_record(grant=grant, page="dispute")
    context = {
        "dispute": dispute,
        "customer_id": customer.pk,
        "amount": pounds(dispute.transaction.amount),
        "dispute_by": card_selectors.dispute_deadline(dispute.transaction.posted_on),
    }
    return render(request, "backoffice/disputes/detail.html", context)
