"""Finding one customer by an exact key — there is no list of customers to browse.

- e-mail: the login blind index (``accounts.identity.login_index``);
- card last 4 + postcode: ``pan_last4`` is already a plain indexed-by-query column (PCI
  DSS lets the last four be shown), so the few accounts ending in those digits are the
  candidates, and the postcode — encrypted, with no index of its own — is compared after
  decryption on those candidates only. No migration, no new index of a small-set value;
- customer reference: the customer's id, shown to them in the privacy centre.

Each search is audited with how it was made and whether one customer was found; never
the terms.

Each staff member may search ``SEARCHES_PER_WINDOW`` times in ``SEARCH_WINDOW`` (the
shared limiter, ``core.ratelimit``, keyed by their user id): enough for a busy shift
of calls, too few to enumerate customers by trying keys. Past it the search is not
made at all, and the refusal is audited (``staff:customer-search:throttled``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum

from partnership.accounts.identity import login_index
from partnership.accounts.models import User
from partnership.accounts.staff_access import SUBJECT_TYPE
from partnership.audit.events import AuditEventType
from partnership.audit.services import Actor, audit_record
from partnership.cards.models import CardAccount
from partnership.core.ratelimit import rate_limit_admit
from partnership.crypto.blind_index import normalise_postcode

# More accounts than this with the same last 4 is not a look-up any more.
MAX_CARD_CANDIDATES = 200
SEARCH_LIMIT_SCOPE = "staff:customer-search"
SEARCHES_PER_WINDOW = 30
SEARCH_WINDOW = dt.timedelta(minutes=15)


class SearchMethod(StrEnum):
    EMAIL = "email"
    CARD = "card_last4_postcode"
    REFERENCE = "reference"


class SearchLimitReached(Exception):
    """This staff member has searched too often lately; nothing was looked up."""

    def __init__(self, *, retry_after: dt.datetime) -> None:
        super().__init__("customer search limit reached")
        self.retry_after = retry_after


def _search_limit_pass(*, staff: User, method: SearchMethod) -> None:
    """Count this search against the staff member, or refuse it (audited)."""
    decision = rate_limit_admit(
        scope=SEARCH_LIMIT_SCOPE, key=str(staff.pk), limit=SEARCHES_PER_WINDOW, window=SEARCH_WINDOW
    )
    if decision.allowed:
        return
    audit_record(
        event=AuditEventType.STAFF_CUSTOMER_SEARCH_THROTTLED,
        actor=Actor.staff(staff.pk),
        data={
            "method": method.value,
            "limit": SEARCHES_PER_WINDOW,
            "window_minutes": int(SEARCH_WINDOW.total_seconds() // 60),
        },
    )
    raise SearchLimitReached(retry_after=decision.retry_after)


def _by_card(*, last4: str, postcode: str) -> User | None:
    wanted = normalise_postcode(postcode)
    accounts = CardAccount.objects.filter(
        pan_last4=last4, owner__is_staff=False, owner__is_active=True
    ).select_related("owner__customer_profile")[:MAX_CARD_CANDIDATES]
    owners: dict[uuid.UUID, User] = {}
    for account in accounts:
        profile = getattr(account.owner, "customer_profile", None)
        if profile is None or not profile.postcode:
            continue
        try:
            if normalise_postcode(profile.postcode) == wanted:
                owners[account.owner.pk] = account.owner
        except ValueError:
            continue
    return next(iter(owners.values())) if len(owners) == 1 else None


def customer_search(
    *,
    staff: User,
    email: str = "",
    last4: str = "",
    postcode: str = "",
    reference: uuid.UUID | None = None,
) -> User | None:
    """The one customer matching exactly, or None; audited either way.

    Raises ``SearchLimitReached`` — having looked nothing up — past the staff member's
    search limit.
    """
    method = (
        SearchMethod.EMAIL
        if email
        else SearchMethod.REFERENCE
        if reference is not None
        else SearchMethod.CARD
    )
    _search_limit_pass(staff=staff, method=method)
    customers = User.objects.filter(is_staff=False, is_active=True)
    found: User | None
    if email:
        found = customers.filter(login_index=login_index(email)).first()
    elif reference is not None:
        found = customers.filter(pk=reference).first()
    else:
        found = _by_card(last4=last4, postcode=postcode)
    audit_record(
        event=AuditEventType.STAFF_CUSTOMER_SEARCH,
        actor=Actor.staff(staff.pk),
        subject_type=SUBJECT_TYPE if found else "",
        subject_id=str(found.pk) if found else "",
        data={"method": method.value, "found": found is not None},
    )
    return found
