"""Choices made directly, for tests that need a customer who chose some alerts."""

from __future__ import annotations

from decimal import Decimal

from partnership.accounts.models import User
from partnership.alerts.models import AlertChoice, AlertKind, AlertPhone
from partnership.core import clock

MOBILE = "+447700900123"


def choose(
    user: User,
    kind: AlertKind,
    *,
    email: bool = True,
    sms: bool = False,
    days_before: int | None = None,
    percent: int | None = None,
    amount: str | None = None,
) -> AlertChoice:
    if sms and not AlertPhone.objects.filter(user=user).exists():
        AlertPhone.objects.create(user=user, number=MOBILE, updated_at=clock.now())
    return AlertChoice.objects.create(
        user=user,
        kind=kind,
        by_email=email,
        by_sms=sms,
        days_before=days_before,
        percent=percent,
        amount=Decimal(amount) if amount is not None else None,
        updated_at=clock.now(),
    )
