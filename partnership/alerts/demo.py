"""Demo alert choices: each demo customer of the README table has a few alerts by
e-mail, two by text to the mobile on their profile (Ofcom's drama-reserved 07700 900xxx
numbers), and paperless statements.

Only the demo logins, so that customers other seeders add later (an applicant) are not
given choices on a second run. Idempotent: a customer who already has a choice or a
statement preference is skipped.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from partnership.accounts.demo import DEMO_LOGINS
from partnership.accounts.identity import login_index
from partnership.accounts.models import CustomerProfile, User
from partnership.alerts.models import AlertChoice, AlertKind, AlertPhone, StatementPreference
from partnership.alerts.phone import uk_mobile_or_none
from partnership.core import clock

FALLBACK_MOBILE = "+447700900999"
CHOICES: tuple[tuple[AlertKind, bool, bool, dict[str, Any]], ...] = (
    (AlertKind.PAYMENT_DUE, True, True, {"days_before": 3}),
    (AlertKind.LIMIT, True, False, {"percent": 90}),
    (AlertKind.CARD_STATUS, True, True, {}),
    (AlertKind.PURCHASE_OVER, True, False, {"amount": Decimal("250.00")}),
    (AlertKind.NEW_DEVICE, True, False, {}),
)


def _demo_customers() -> list[User]:
    indexes = [login_index(login.email) for login in DEMO_LOGINS if not login.staff_group]
    return list(User.objects.filter(login_index__in=indexes, is_staff=False).order_by("created_at"))


def seed_alert_choices() -> list[str]:
    now = clock.now()
    seeded = 0
    for user in _demo_customers():
        if (
            AlertChoice.objects.filter(user=user).exists()
            or StatementPreference.objects.filter(user=user).exists()
        ):
            continue
        profile = CustomerProfile.objects.filter(user=user).first()
        mobile = uk_mobile_or_none(profile.phone if profile else None) or FALLBACK_MOBILE
        AlertPhone.objects.create(user=user, number=mobile, updated_at=now)
        for kind, email, sms, extra in CHOICES:
            AlertChoice.objects.create(
                user=user, kind=kind, by_email=email, by_sms=sms, updated_at=now, **extra
            )
        StatementPreference.objects.create(user=user, paperless=True, updated_at=now)
        seeded += 1
    if not seeded:
        return []
    return [f"Gave {seeded} demo customer(s) alert choices and paperless statements."]
