"""The back office's reads. None means "no such thing"; the view answers it with a 404."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.db.models import QuerySet

from partnership.accounts.models import CustomerProfile, User
from partnership.backoffice.models import CallRecord
from partnership.cards.selectors import card_account_current
from partnership.compliance.complaints.models import Complaint
from partnership.compliance.complaints.selectors import complaint_list_for_subject
from partnership.compliance.marketing.models import MarketingExport
from partnership.compliance.rights import handling
from partnership.compliance.rights.models import RightsRequest, RightsRequestStatus
from partnership.crypto.blind_index import normalise_email
from partnership.privacy.subjects import DataSubject

RECENT_TRANSACTIONS = 10
RIGHTS_FILTERS = {"open": "Open", "overdue": "Overdue", "all": "All"}


def customer_get(*, customer_id: uuid.UUID) -> User | None:
    """A customer (never a member of staff) by id."""
    return User.objects.filter(pk=customer_id, is_staff=False, is_active=True).first()


def call_list(*, customer: User) -> QuerySet[CallRecord]:
    return CallRecord.objects.filter(customer=customer).order_by("-occurred_at")


def customer_overview(*, customer: User) -> dict[str, object]:
    """What the customer page shows: profile, card account, recent transactions,
    complaints and calls."""
    account = card_account_current(owner_id=customer.pk)
    transactions = (
        list(account.transactions.order_by("-posted_on", "id")[:RECENT_TRANSACTIONS])
        if account
        else []
    )
    complaints = (
        list(complaint_list_for_subject(subject=DataSubject(email=normalise_email(customer.email))))
        if customer.email
        else []
    )
    return {
        "profile": CustomerProfile.objects.filter(user=customer).first(),
        "account": account,
        "transactions": transactions,
        "complaints": complaints,
        "calls": list(call_list(customer=customer)),
    }


def complaint_get(*, complaint_id: uuid.UUID) -> Complaint | None:
    return Complaint.objects.filter(pk=complaint_id).first()


def rights_request_get(*, request_id: uuid.UUID) -> RightsRequest | None:
    return RightsRequest.objects.filter(pk=request_id).first()


def rights_request_rows(*, show: str, today: dt.date) -> list[dict[str, Any]]:
    """The requests to list (``show``: a key of ``RIGHTS_FILTERS``), due soonest first,
    each with whether it is overdue."""
    requests = RightsRequest.objects.order_by("due_on", "received_at")
    if show != "all":
        requests = requests.exclude(status=RightsRequestStatus.CLOSED)
    rows = [
        {
            "request": item,
            "overdue": handling.rights_request_is_overdue(request=item, today=today),
        }
        for item in requests
    ]
    if show == "overdue":
        rows = [row for row in rows if row["overdue"]]
    return rows


def marketing_export_get(*, export_id: int) -> MarketingExport | None:
    return MarketingExport.objects.select_related("recipient").filter(pk=export_id).first()


def staff_member_by_email(*, email: str) -> User | None:
    """A member of staff by their sign-in address (its blind index), or None."""
    from partnership.accounts.identity import login_index

    return User.objects.filter(login_index=login_index(email), is_staff=True).first()
