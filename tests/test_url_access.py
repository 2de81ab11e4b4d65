"""Every URL of the customer and staff areas, for every kind of visitor.

The table below says who may open each URL under /account/ and /staff/. The test
walks the URLconf, so a URL added without a row here fails, and each row is checked
as an anonymous visitor, the owner of the objects in the URL, another customer and
each staff role.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from partnership.accounts.models import User
from partnership.accounts.tests.support import customer_make, sign_in, staff_make
from partnership.applications.tests.support import approved_application_for
from partnership.backoffice import access
from partnership.backoffice.tests.breach_support import breach_make
from partnership.backoffice.tests.marketing_support import (
    export_make,
    processor_make,
    recipient_make,
)
from partnership.backoffice.tests.support import (
    complaint_make,
    marketing_answer_make,
    notification_make,
    rights_request_make,
)
from partnership.cards.models import Statement, Transaction
from partnership.cards.services import statement_generate
from partnership.cards.tests.factories import account_create, dispute_make, post, purchase
from partnership.inbox.tests.support import inbox_owned
from partnership.offers.tests.support import offer_make
from partnership.payments.tests.support import payment_make

pytestmark = pytest.mark.django_db

STAFF_ROLES = {
    "agent": access.CUSTOMER_SERVICE_AGENT,
    "compliance": access.COMPLIANCE_OFFICER,
    "marketing": access.MARKETING,
    "admin": access.ADMINISTRATOR,
}
VISITORS = ["anonymous", "owner", "other_customer", *STAFF_ROLES]


@dataclass(frozen=True)
class Rule:
    """Who may open a URL: ``kind`` is open, sign-in, customer, customer-object,
    customer-post, signed-in, signed-in-post, staff or staff-grant."""

    kind: str
    permission: str | None = None

    def expected(self, visitor: str) -> int | tuple[int, str]:
        if self.kind == "open":
            return 200
        if self.kind == "sign-in":
            # Someone already signed in is sent on to their own area.
            if visitor == "anonymous":
                return 200
            return (
                (302, "/account/") if visitor in {"owner", "other_customer"} else (302, "/staff/")
            )
        if visitor == "anonymous":
            return (302, "/account/login/")
        if self.kind == "signed-in":
            return 200  # customers and staff alike
        if self.kind == "staff-grant":
            # The permission and a live grant for the customer; no visitor here holds one.
            return 403
        if self.kind == "signed-in-post":
            return 405  # a POST-only page of customers and staff alike
        if self.kind == "customer-post":
            # A POST-only page: the guard answers first, then the method check.
            return 405 if visitor in {"owner", "other_customer"} else 403
        if self.kind in {"customer", "customer-object"}:
            if visitor == "owner":
                return 200
            if visitor == "other_customer":
                # Someone else's object is "not found", exactly like a missing one.
                return 404 if self.kind == "customer-object" else 200
            return 403  # staff have no customer area
        # Staff pages.
        if visitor in {"owner", "other_customer"}:
            return 403
        if self.permission is None:
            return 200
        codename = self.permission.removeprefix("backoffice.")
        return 200 if codename in access.ROLES[STAFF_ROLES[visitor]] else 403


OPEN = Rule("open")
SIGN_IN = Rule("sign-in")
CUSTOMER = Rule("customer")
CUSTOMER_OBJECT = Rule("customer-object")
CUSTOMER_POST = Rule("customer-post")
SIGNED_IN = Rule("signed-in")
SIGNED_IN_POST = Rule("signed-in-post")
STAFF_GRANT = Rule("staff-grant", "backoffice.view_customer_personal_data")


def staff(permission: str | None = None) -> Rule:
    return Rule("staff", permission)


ACCESS: dict[str, Rule] = {
    "account/": CUSTOMER,
    "account/login/": SIGN_IN,
    "account/password-reset/": OPEN,
    "account/session/ended/": SIGN_IN,
    "account/card/": CUSTOMER,
    "account/card/transactions/": CUSTOMER,
    "account/card/transactions/<uuid:transaction_id>/": CUSTOMER_OBJECT,
    "account/card/statements/": CUSTOMER,
    "account/card/statements/<uuid:statement_id>/": CUSTOMER_OBJECT,
    "account/card/statements/<uuid:statement_id>/pdf/": CUSTOMER_OBJECT,
    "account/card/statements/<uuid:statement_id>/csv/": CUSTOMER_OBJECT,
    "account/card/points/": CUSTOMER,
    # The owner's credit agreement; another customer has none: "not found".
    "account/agreement/": CUSTOMER_OBJECT,
    # Payments and Direct Debit (partnership/payments).
    "account/card/payments/": CUSTOMER,
    "account/card/payments/<uuid:payment_id>/": CUSTOMER_OBJECT,
    "account/card/direct-debit/": CUSTOMER,
    "account/card/direct-debit/cancel/": CUSTOMER,
    "account/password/": SIGNED_IN,
    "account/browsers/": SIGNED_IN,
    "account/browsers/forget/": SIGNED_IN_POST,
    "account/policy-update/": CUSTOMER,
    "account/privacy/": CUSTOMER,
    "account/privacy/download/": CUSTOMER_POST,
    "account/privacy/marketing/": CUSTOMER,
    "account/privacy/details/": CUSTOMER,
    "account/privacy/devices/": CUSTOMER,
    "account/privacy/devices/forget/": CUSTOMER_POST,
    "account/privacy/sign-ins/": CUSTOMER,
    "account/privacy/access/": CUSTOMER,
    # Alerts and paperless statements (issue 15).
    "account/alerts/": CUSTOMER,
    "account/alerts/statements/": CUSTOMER,
    "staff/": staff(),
    "staff/privacy/publish/": staff("backoffice.publish_policy"),
    "staff/offers/": staff("backoffice.manage_offers"),
    "staff/offers/new/": staff("backoffice.manage_offers"),
    "staff/offers/<int:offer_id>/": staff("backoffice.manage_offers"),
    "staff/analytics/": staff("backoffice.view_analytics"),
    "staff/analytics/csv/": staff("backoffice.view_analytics"),
    "staff/compliance/": staff("backoffice.view_audit_log"),
    # Without a grant, a customer's page (and the call form) is the reason form: 200.
    "staff/customers/": staff("backoffice.view_customer_personal_data"),
    "staff/customers/<uuid:customer_id>/": staff("backoffice.view_customer_personal_data"),
    "staff/customers/<uuid:customer_id>/calls/new/": staff(
        "backoffice.view_customer_personal_data"
    ),
    "staff/complaints/": staff("backoffice.handle_complaints"),
    "staff/complaints/<uuid:complaint_id>/": staff("backoffice.handle_complaints"),
    "staff/marketing/exports/": staff("backoffice.run_marketing_exports"),
    "staff/marketing/exports/new/": staff("backoffice.run_marketing_exports"),
    "staff/marketing/exports/<int:export_id>/csv/": staff("backoffice.run_marketing_exports"),
    "staff/marketing/recipients/": staff("backoffice.manage_marketing_recipients"),
    "staff/marketing/recipients/new/": staff("backoffice.manage_marketing_recipients"),
    "staff/marketing/recipients/<uuid:recipient_id>/": staff(
        "backoffice.manage_marketing_recipients"
    ),
    "staff/processors/": staff("backoffice.manage_processors"),
    "staff/processors/new/": staff("backoffice.manage_processors"),
    "staff/processors/<int:processor_id>/": staff("backoffice.manage_processors"),
    "staff/rights/": staff("backoffice.view_customer_personal_data"),
    "staff/rights/<uuid:request_id>/": staff("backoffice.view_customer_personal_data"),
    # Card controls and the disputes queue (issue 15, cards). Each card page acts on the
    # signed-in customer's own current card; without a grant a dispute shows "reason needed".
    "account/card/activate/": CUSTOMER,
    "account/card/freeze/": CUSTOMER_POST,
    "account/card/unfreeze/": CUSTOMER_POST,
    "account/card/lost/": CUSTOMER,
    "account/card/replacement/": CUSTOMER,
    "staff/disputes/": staff("backoffice.view_customer_personal_data"),
    "staff/disputes/<uuid:dispute_id>/": staff("backoffice.view_customer_personal_data"),
    # Accountability records (issue 18, records).
    "staff/compliance/processing/": staff("backoffice.view_audit_log"),
    "staff/compliance/notifications/": staff("backoffice.view_customer_personal_data"),
    "staff/compliance/notifications/<uuid:notification_id>/notice.txt": staff(
        "backoffice.view_customer_personal_data"
    ),
    "account/privacy/recipients/": CUSTOMER,
    "account/privacy/consent-receipts/": CUSTOMER,
    "account/privacy/marketing/receipts/<int:record_id>.json": CUSTOMER_OBJECT,
    # Secure messages (inbox). Without a grant, a thread is the reason form (200) and an
    # attachment is refused (403): their own tests in backoffice/tests check both.
    "account/messages/": CUSTOMER,
    "account/messages/new/": CUSTOMER,
    "account/messages/<uuid:thread_id>/": CUSTOMER_OBJECT,
    "account/messages/attachments/<uuid:attachment_id>/": CUSTOMER_OBJECT,
    "staff/messages/": staff("backoffice.view_customer_personal_data"),
    "staff/customers/<uuid:customer_id>/messages/": staff("backoffice.view_customer_personal_data"),
    "staff/messages/<uuid:thread_id>/": staff("backoffice.view_customer_personal_data"),
    "staff/messages/attachments/<uuid:attachment_id>/": STAFF_GRANT,
    # The breach and DPIA registers (issue 18); the notice page of a breach with no
    # decision to tell people says so (200).
    "staff/compliance/breaches/": staff("backoffice.manage_breaches"),
    "staff/compliance/breaches/new/": staff("backoffice.manage_breaches"),
    "staff/compliance/breaches/<uuid:breach_id>/": staff("backoffice.manage_breaches"),
    "staff/compliance/breaches/<uuid:breach_id>/edit/": staff("backoffice.manage_breaches"),
    "staff/compliance/breaches/<uuid:breach_id>/notify/": staff("backoffice.manage_breaches"),
    "staff/compliance/dpia/": staff("backoffice.manage_breaches"),
    # Passkeys (issue 15, items 8 and 8a).
    "account/passkeys/options/": SIGNED_IN_POST,
    "account/privacy/passkeys/": CUSTOMER,
    "account/privacy/passkeys/add/": CUSTOMER_POST,
    "account/privacy/passkeys/remove/": CUSTOMER_POST,
    "staff/profile/": staff(),
    "staff/profile/passkeys/add/": staff(),
    "staff/profile/passkeys/remove/": staff(),
}

# URLs of the sign-in journey that only make sense part-way through it; their own
# tests in partnership/accounts/tests cover them step by step.
SIGN_IN_STEPS = {
    "account/login/code/",
    "account/login/enrol/",
    "account/logout/",
    "account/session/",
    "account/password-reset/<str:uidb64>/<str:token>/",
    "account/login/passkey/",
    "account/login/passkey/options/",
}


def routes(patterns: list[Any] | None = None, prefix: str = "") -> Iterator[str]:
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            yield from routes(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


AREA_ROUTES = sorted(r for r in routes() if r.startswith(("account/", "staff/")))


def test_every_customer_and_staff_url_has_a_rule() -> None:
    assert sorted(set(AREA_ROUTES) - set(ACCESS) - SIGN_IN_STEPS) == []
    assert sorted((set(ACCESS) | SIGN_IN_STEPS) - set(AREA_ROUTES)) == []


@pytest.fixture
def people() -> dict[str, User]:
    found = {
        "owner": customer_make("owner.test@example.com"),
        "other_customer": customer_make("other.test@example.com"),
    }
    for visitor, group in STAFF_ROLES.items():
        found[visitor] = staff_make(f"{visitor}.test@example.com", group=group)
    return found


@pytest.fixture
def owned(people: dict[str, User]) -> dict[str, str]:
    """Ids of objects the owner has, to put in URLs."""
    account = account_create(owner=people["owner"], opened_on=dt.date(2025, 1, 1))
    account_create(owner=people["other_customer"], opened_on=dt.date(2025, 1, 1), seed=2)
    [transaction] = post(account, purchase(dt.date(2025, 1, 10), "Corner Grocer", "12.50"))
    statement = statement_generate(account=account, period_start=dt.date(2025, 1, 1))
    approved_application_for(people["owner"])
    assert isinstance(transaction, Transaction)
    assert isinstance(statement, Statement)
    return {
        "<uuid:transaction_id>": str(transaction.pk),
        "<uuid:statement_id>": str(statement.pk),
        "<int:offer_id>": str(offer_make().pk),
        "<uuid:customer_id>": str(people["owner"].pk),
        "<uuid:complaint_id>": str(complaint_make().pk),
        "<int:export_id>": str(export_make(staff_user=people["marketing"]).pk),
        "<uuid:recipient_id>": str(recipient_make().pk),
        "<int:processor_id>": str(processor_make().pk),
        "<uuid:request_id>": str(rights_request_make(people["owner"]).pk),
        "<uuid:dispute_id>": str(dispute_make(account=account, transaction=transaction).pk),
        "<uuid:notification_id>": str(notification_make(people["owner"]).pk),
        "<int:record_id>": str(marketing_answer_make(people["owner"]).pk),
        **inbox_owned(people["owner"]),
        "<uuid:payment_id>": str(payment_make(account).pk),
        "<uuid:breach_id>": str(breach_make().pk),
    }


def url_for(route: str, owned: dict[str, str]) -> str:
    url = "/" + route
    for placeholder, value in owned.items():
        url = url.replace(placeholder, value)
    assert "<" not in url, f"no object to fill {route}"
    return url


@pytest.mark.parametrize("route", sorted(ACCESS))
def test_each_visitor_gets_what_the_table_says(
    route: str, people: dict[str, User], owned: dict[str, str]
) -> None:
    rule = ACCESS[route]
    url = url_for(route, owned)
    seen: dict[str, int | tuple[int, str]] = {}
    for visitor in VISITORS:
        client = Client()
        if visitor != "anonymous":
            sign_in(client, people[visitor])
        response = client.get(url)
        seen[visitor] = response.status_code
        if response.status_code == 302:
            seen[visitor] = (302, response.headers["Location"].split("?")[0])

    assert seen == {visitor: rule.expected(visitor) for visitor in VISITORS}
