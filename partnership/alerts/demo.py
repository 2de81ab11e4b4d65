"""Demo alert choices: every demo customer has a few alerts by e-mail, one by text to a
drama-reserved mobile number (Ofcom's 07700 900xxx), and paperless statements.

Idempotent: a customer who already has a choice or a statement preference is skipped.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth import get_user_model

from partnership.alerts.models import AlertChoice, AlertKind, AlertPhone, StatementPreference
from partnership.core import clock

DEMO_MOBILE = "+447700900{:03d}"


def seed_alert_choices() -> list[str]:
    now = clock.now()
    customers = (
        get_user_model().objects.filter(is_active=True, is_staff=False).order_by("created_at", "pk")
    )
    seeded = 0
    for position, user in enumerate(customers):
        if (
            AlertChoice.objects.filter(user=user).exists()
            or StatementPreference.objects.filter(user=user).exists()
        ):
            continue
        AlertPhone.objects.create(
            user=user, number=DEMO_MOBILE.format(100 + position % 900), updated_at=now
        )
        for kind, email, sms, extra in (
            (AlertKind.PAYMENT_DUE, True, True, {"days_before": 3}),
            (AlertKind.LIMIT, True, False, {"percent": 90}),
            (AlertKind.CARD_STATUS, True, True, {}),
            (AlertKind.PURCHASE_OVER, True, False, {"amount": Decimal("250.00")}),
            (AlertKind.NEW_DEVICE, True, False, {}),
        ):
            AlertChoice.objects.create(
                user=user, kind=kind, by_email=email, by_sms=sms, updated_at=now, **extra
            )
        StatementPreference.objects.create(user=user, paperless=True, updated_at=now)
        seeded += 1
    if not seeded:
        return []
    return [f"Gave {seeded} demo customer(s) alert choices and paperless statements."]
