"""Payments for tests: one started with the sandbox provider."""

from __future__ import annotations

from decimal import Decimal

from partnership.cards.models import CardAccount
from partnership.payments.models import Payment
from partnership.payments.provider import SandboxProvider
from partnership.payments.services.payments import payment_start


def payment_make(account: CardAccount, amount: str = "10.00") -> Payment:
    payment, _ = payment_start(
        account=account,
        amount=Decimal(amount),
        provider=SandboxProvider(),
        user_id=account.owner_id,
    )
    return payment
