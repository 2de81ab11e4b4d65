"""What the cookie registry, the data inventory and the retention engine know about
consent: the cookies the site itself sets, and the consent records."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction

from partnership.consent import cookies
from partnership.consent.models import ConsentRecord
from partnership.consent.state import COOKIE_BASE, COOKIE_LIFETIME
from partnership.privacy import inventory, retention
from partnership.privacy.inventory import ErasureOutcome, InventoryEntry, LawfulBasis, PersonalField
from partnership.privacy.subjects import DataSubject

CATEGORY = "cookie_consents"
RETENTION_RULE = "consent-records"
# Two years from the choice: the consent cookie lasts one year, so a record outlives
# every cookie it stands behind, plus a year to answer a question or complaint about
# it (PECR reg. 6 and UK GDPR Art. 7(1): we must be able to show consent was given).
RETENTION_PERIOD = dt.timedelta(days=2 * 365)


def register_site_cookies() -> None:
    """The cookies Django itself sets for us, and the consent cookie."""
    cookies.register_cookie(
        name_base="session",
        category=cookies.CookieCategory.STRICTLY_NECESSARY,
        purpose=(
            "Keeps you signed in from page to page, and keeps Special Offers open for "
            "30 minutes after you give the first digits of your card."
        ),
        lifetime=cookies.SESSION,
        holds="A random session id; everything else stays on our server.",
    )
    cookies.register_cookie(
        name_base="csrf",
        category=cookies.CookieCategory.STRICTLY_NECESSARY,
        purpose="Proves that a form you send was one this site gave you (protects you "
        "from other websites posting forms in your name).",
        lifetime=int(settings.CSRF_COOKIE_AGE),
        holds="A random token.",
    )
    cookies.register_cookie(
        name_base=COOKIE_BASE,
        category=cookies.CookieCategory.STRICTLY_NECESSARY,
        purpose="Remembers your cookie choices (statistics, research) so we honour them "
        "and do not ask again.",
        lifetime=COOKIE_LIFETIME,
        holds="A random consent id and your choices as fixed codes, with when you made "
        "them; signed so they cannot be altered.",
    )


def _records(subject: DataSubject) -> Any:
    if subject.user_id is None:
        return ConsentRecord.objects.none()
    return ConsentRecord.objects.filter(user_id=subject.user_id)


def consent_export(subject: DataSubject) -> list[dict[str, Any]]:
    return [
        {
            "consent_id": str(record.consent_id),
            "given_at": record.given_at,
            "method": record.method,
            "statistics": record.statistics,
            "research": record.research,
            "preferences": record.preferences,
            "browser_signal": record.browser_signal,
            "policy_version": record.policy_version,
            "registry_revision": record.registry_revision,
        }
        for record in _records(subject).order_by("given_at", "id")
    ]


def consent_erase(subject: DataSubject) -> ErasureOutcome:
    """Unlink the records from the person; the anonymous proof of the choice stays."""
    with transaction.atomic():
        ids = [str(pk) for pk in _records(subject).values_list("pk", flat=True)]
        ConsentRecord.objects.filter(pk__in=ids).update(user_id=None)
    return ErasureOutcome(erased_ids=tuple(ids))


_BASIS = LawfulBasis.LEGAL_OBLIGATION
ENTRY = InventoryEntry(
    model=ConsentRecord,
    category=CATEGORY,
    description=(
        "Your cookie choices (statistics, research) made while signed in: what you chose, "
        "when and how, and which policy version was in force."
    ),
    fields=(
        PersonalField(
            "user_id",
            "Your account",
            "Links a choice you made while signed in to you, so you can see it.",
            _BASIS,
            encrypted=False,
        ),
        PersonalField(
            "statistics",
            "Statistics choice",
            "Proof of what you chose, as the law requires us to keep.",
            _BASIS,
            encrypted=False,
        ),
        PersonalField(
            "research",
            "Research choice",
            "Proof of what you chose, as the law requires us to keep.",
            _BASIS,
            encrypted=False,
        ),
        PersonalField(
            "given_at",
            "When you chose",
            "Proof of when you chose.",
            _BASIS,
            encrypted=False,
        ),
    ),
    retention_rule=RETENTION_RULE,
    export=consent_export,
    erase=consent_erase,
)

RULE = retention.TableRule(
    name=RETENTION_RULE,
    description=(
        "Cookie choices: 2 years from the choice (the consent cookie lasts 1 year), as "
        "proof of what you chose, then deleted."
    ),
    queryset=ConsentRecord.objects.all,
    aged_by="given_at",
    period=RETENTION_PERIOD,
)


def register() -> None:
    register_site_cookies()
    inventory.register(ENTRY)
    retention.register(RULE)
