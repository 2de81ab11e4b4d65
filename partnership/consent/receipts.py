"""Consent receipts: a download of one recorded cookie choice, as JSON (issue 18).

A receipt says what the consent record says — which purposes were chosen or refused,
when, how, under which policy version and cookie-registry revision — with who the
controller is and how to withdraw. It holds nothing else about the visitor: not even the
consent id of their cookie. Its id is the record's number with a keyed MAC, so the
URL can be handed to a visitor without cookies and cannot be guessed for anyone else's.
"""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

from partnership.consent import cookies
from partnership.consent.models import ConsentRecord

SALT = "partnership.consent.receipt"
RECEIPT_ID = re.compile(r"^([1-9][0-9]{0,18})-([0-9a-f]{32})$")
HOW = {
    "banner": "the cookie banner",
    "settings_page": "the cookie settings page",
    "browser_signal": "a Global Privacy Control or Do Not Track signal from the browser",
}
WITHDRAW = (
    "Change or withdraw this choice at any time on the cookie settings page, "
    "/privacy/cookies/; a new choice replaces this one from then on."
)
PURPOSES = (
    ("statistics", cookies.CookieCategory.STATISTICS, "Counting visits to the site in aggregate"),
    ("research", cookies.CookieCategory.RESEARCH, "Research partners' cookies"),
    ("preferences", cookies.CookieCategory.PREFERENCES, "Remembering your preferences"),
)
GIVEN = {"allowed", "granted"}


def _mac(pk: int) -> str:
    return salted_hmac(SALT, str(pk), algorithm="sha256").hexdigest()[:32]


def receipt_id(record: ConsentRecord) -> str:
    return f"{record.pk}-{_mac(record.pk)}"


def receipt_record(raw: str) -> ConsentRecord | None:
    """The record a receipt id names, or None for a malformed or forged id."""
    match = RECEIPT_ID.match(raw)
    if match is None or not constant_time_compare(match.group(2), _mac(int(match.group(1)))):
        return None
    return ConsentRecord.objects.filter(pk=int(match.group(1))).first()


def receipt_url(record: ConsentRecord) -> str:
    return f"/privacy/cookies/receipts/{receipt_id(record)}.json"


def _cookie_names(category: cookies.CookieCategory) -> list[str]:
    return [d.name for d in cookies.declared() if d.category == category]


def receipt_document(record: ConsentRecord) -> dict[str, Any]:
    purposes = []
    for field, category, label in PURPOSES:
        value = getattr(record, field)
        purposes.append(
            {
                "purpose": field,
                "description": label,
                "cookie_category": str(category),
                "cookies": _cookie_names(category),
                "choice": value,
                "consented": value in GIVEN,
            }
        )
    return {
        "receipt_id": receipt_id(record),
        "controller": {
            "name": settings.BRAND["issuer_name"],
            "address": settings.CONTROLLER_ADDRESS,
            "data_protection_officer": settings.DPO_EMAIL,
        },
        "time": record.given_at.isoformat(),
        "purposes": purposes,
        "strictly_necessary": {
            "cookies": _cookie_names(cookies.CookieCategory.STRICTLY_NECESSARY),
            "choice": "not asked: the site needs them to work",
        },
        "policy_version": record.policy_version,
        "cookie_registry_revision": record.registry_revision,
        "how_given": record.method,
        "how_given_description": HOW.get(record.method, record.method),
        "browser_signal": record.browser_signal,
        "how_to_withdraw": WITHDRAW,
    }


def receipts_for_user(user_id: Any) -> list[ConsentRecord]:
    """A customer's recorded cookie choices, newest first (the privacy centre's list)."""
    return list(ConsentRecord.objects.filter(user_id=user_id).order_by("-given_at", "-id"))


def latest_for_consent_id(consent_id: Any) -> ConsentRecord | None:
    if consent_id is None:
        return None
    return ConsentRecord.objects.filter(consent_id=consent_id).order_by("-given_at", "-id").first()
