"""The table of every form on the site, for tests/test_hostile_forms.py: where each
is posted, by whom, and a valid submission ({placeholders} are filled there)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from partnership.accounts.tests.support import PASSWORD, code_now
from partnership.compliance.complaints.tokens import form_token_issue

# Logs a refusal may add to; every other table must be exactly as before.
LOGS = {
    "sessions.Session",
    "core.RateLimitCounter",
    "core.JobSchedule",
    "audit.AuditEvent",
    "accounts.SignInEvent",
    "backoffice.StaffAccess",
}
Data = dict[str, str | list[str]]


@dataclass(frozen=True)
class FormCase:
    path: str  # {placeholders} are filled from the ``owned`` objects
    visitor: str
    data: Callable[[], Data]
    method: str = "POST"
    hidden: tuple[str, ...] = ()  # hidden fields to copy from the page, as a browser does


def _details() -> Data:
    return {
        "full_name": "Ada Newname",
        "email": "owner.test@example.com",
        "postal_address": "1 Test Street\nTestford",
        "postcode": "TE1 1ST",
        "phone": "",
        "code": code_now(),
    }


CASES: dict[str, FormCase] = {
    "complaint": FormCase(
        "/complaints/",
        "anonymous",
        lambda: {
            "form_token": form_token_issue(),
            "name": "Ada Lovelace",
            "email": "ada.lovelace@example.org",
            "phone": "",
            "topic": "card_account",
            "details": "My statement shows a payment I did not make.",
            "reply_preference": "email",
        },
    ),
    "offers-card-check": FormCase("/offers/", "anonymous", lambda: {"first_six": "412345"}),
    "cookie-choices": FormCase(
        "/privacy/cookies/",
        "anonymous",
        lambda: {"source": "settings", "statistics": "allowed", "research": "refused"},
        hidden=("consent_token",),
    ),
    "sign-in": FormCase(
        "/account/login/",
        "anonymous",
        lambda: {"email": "owner.test@example.com", "password": PASSWORD},
    ),
    "password-reset-request": FormCase(
        "/account/password-reset/", "anonymous", lambda: {"email": "owner.test@example.com"}
    ),
    "password-reset": FormCase(
        "{reset_link}",
        "anonymous",
        lambda: {
            "new_password1": "violet ferry 19",
            "new_password2": "violet ferry 19",
            "code": code_now(),
        },
    ),
    "marketing": FormCase(
        "/account/privacy/marketing/", "owner", lambda: {"email": "on", "sms": "on"}
    ),
    "details": FormCase("/account/privacy/details/", "owner", _details),
    "forget-devices": FormCase(
        "/account/privacy/devices/forget/", "owner", lambda: {"device": "all"}
    ),
    "forget-browsers": FormCase("/account/browsers/forget/", "owner", lambda: {"device": "all"}),
    "password-change": FormCase(
        "/account/password/",
        "owner",
        lambda: {
            "current_password": PASSWORD,
            "new_password1": "violet ferry crossing 19",
            "new_password2": "violet ferry crossing 19",
            "code": code_now(),
        },
    ),
    "transactions-filter": FormCase(
        "/account/card/transactions/",
        "owner",
        lambda: {"from": "2025-01-01", "to": "2025-01-31", "q": "grocer", "page": "1"},
        method="GET",
    ),
    "policy-publish": FormCase(
        "/staff/privacy/publish/",
        "compliance",
        lambda: {
            "summary": "Adds cookies.",
            "body": "## Cookies\n\nFew.",
            "effective_from": "2027-01-01",
            "publish": "1",
        },
    ),
    "offer-create": FormCase("/staff/offers/new/", "marketing", lambda: _offer()),
    "offer-edit": FormCase("/staff/offers/{<int:offer_id>}/", "marketing", lambda: _offer()),
    "analytics-range": FormCase(
        "/staff/analytics/",
        "admin",
        lambda: {"period": "custom", "start": "2025-01-01", "end": "2025-01-31"},
        method="GET",
    ),
    "export-create": FormCase(
        "/staff/marketing/exports/new/",
        "marketing",
        lambda: {"recipient": "{<uuid:recipient_id>}", "channel": "post"},
    ),
    "recipient-create": FormCase(
        "/staff/marketing/recipients/new/", "compliance", lambda: _recipient()
    ),
    "recipient-edit": FormCase(
        "/staff/marketing/recipients/{<uuid:recipient_id>}/", "compliance", lambda: _recipient()
    ),
    "processor-create": FormCase("/staff/processors/new/", "compliance", lambda: _processor()),
    "processor-edit": FormCase(
        "/staff/processors/{<int:processor_id>}/", "compliance", lambda: _processor()
    ),
    "customer-search": FormCase(
        "/staff/customers/", "agent", lambda: {"email": "owner.test@example.com"}
    ),
    "access-reason": FormCase(
        "/staff/customers/{<uuid:customer_id>}/",
        "agent",
        lambda: {
            "reason_category": "customer_call",
            "reason_text": "Caller asked about a payment.",
            "case_reference": "CALL-123",
        },
    ),
    "call-record": FormCase(
        "/staff/customers/{<uuid:customer_id>}/calls/new/",
        "agent",
        lambda: {
            "occurred_at": "2026-11-20T10:15",
            "direction": "in",
            "reason": "card_payment",
            "recorded": "on",
            "recording_reference": "REC-42",
            "card_payment": "on",
            "recording_paused_for_security_code": "on",
            "notes": "Paid £50.",
        },
    ),
    "complaint-action": FormCase(
        "/staff/complaints/{<uuid:complaint_id>}/", "agent", lambda: {"action": "acknowledge"}
    ),
    "rights-action": FormCase(
        "/staff/rights/{<uuid:request_id>}/",
        "agent",
        lambda: {"action": "extend", "months": "1", "extension_reason": "Complex request."},
    ),
    # Alerts and paperless statements (issue 15).
    "alert-choices": FormCase(
        "/account/alerts/",
        "owner",
        lambda: {
            "payment_due_email": "on",
            "payment_due_sms": "on",
            "payment_due_days": "3",
            "limit_percent": "90",
            "purchase_over_email": "on",
            "purchase_amount": "250",
            "mobile": "07700 900123",
        },
    ),
    "statement-preference": FormCase(
        "/account/alerts/statements/", "owner", lambda: {"delivery": "paper"}
    ),
    # Secure messages (inbox); the attachment's own bad input: partnership/inbox/tests.
    "message-new": FormCase(
        "/account/messages/new/",
        "owner",
        lambda: {"topic": "payment", "body": "When does my Direct Debit start?"},
    ),
    "message-reply": FormCase(
        "/account/messages/{<uuid:thread_id>}/", "owner", lambda: {"body": "Thank you."}
    ),
    "message-access-reason": FormCase(
        "/staff/messages/{<uuid:thread_id>}/",
        "agent",
        lambda: {"reason_category": "customer_call", "reason_text": "Answering the message."},
    ),
}


def _offer() -> Data:
    return {
        "title": "Free delivery",
        "partner": "Harbourline Home",
        "teaser": "Delivery on us.",
        "body": "Free delivery on orders over **£50**.",
        "starts_on": "2026-12-01",
        "ends_on": "2026-12-31",
        "is_published": "on",
    }


def _recipient() -> Data:
    return {
        "company_name": "Harbourline Home",
        "contact": "Marketing team",
        "is_partnership_company": "on",
    }


def _processor() -> Data:
    return {
        "supplier": "Riverside Mailing Services Ltd",
        "service": "Mailing house",
        "data_categories": ["identity", "contact"],
        "country": "United Kingdom",
        "safeguard": "uk",
        "contract_date": "2025-01-01",
        "audit_due": "2026-06-01",
        "audit_done": "",
        "findings": "None outstanding.",
    }
