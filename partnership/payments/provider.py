"""The payment provider behind one-off payments, and its local sandbox.

The site sends the customer to the provider's hosted page, where the debit card
number is typed; the site keeps only the provider's reference, the amount, the status
and the dates. Whether a payment was made is asked of the provider, server to server,
by reference: nothing in the browser's return to the site can mark a payment paid.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Protocol

from django.conf import settings

from partnership.payments.models import SandboxOutcome, SandboxPayment


class ProviderStatus(StrEnum):
    WAITING = "waiting"
    PAID = "paid"
    FAILED = "failed"


@dataclass(frozen=True)
class ProviderStart:
    reference: str
    redirect_url: str


@dataclass(frozen=True)
class ProviderResult:
    status: ProviderStatus
    amount: Decimal | None  # what the provider took, when it says paid


class PaymentProvider(Protocol):
    name: str

    def start(self, *, amount: Decimal, return_path: str) -> ProviderStart:
        """Open a payment for ``amount``; the browser goes to ``redirect_url``."""
        ...

    def confirm(self, *, reference: str) -> ProviderResult:
        """Ask the provider what became of the payment with this reference."""
        ...


class SandboxProvider:
    """A stand-in provider served by this site under /payments/sandbox/ (demo only)."""

    name = "sandbox"

    def start(self, *, amount: Decimal, return_path: str) -> ProviderStart:
        reference = "sbx_" + secrets.token_urlsafe(18)
        row = SandboxPayment(reference=reference, amount=amount, return_path=return_path)
        row.full_clean()
        row.save()
        return ProviderStart(reference=reference, redirect_url=f"/payments/sandbox/{reference}/")

    def confirm(self, *, reference: str) -> ProviderResult:
        row = SandboxPayment.objects.filter(reference=reference).first()
        if row is None or row.outcome == SandboxOutcome.DECLINED:
            return ProviderResult(ProviderStatus.FAILED, None)
        if row.outcome == SandboxOutcome.PAID:
            return ProviderResult(ProviderStatus.PAID, row.amount)
        return ProviderResult(ProviderStatus.WAITING, None)


def sandbox_enabled() -> bool:
    return provider_name() == SandboxProvider.name


def provider_name() -> str:
    return str(getattr(settings, "PAYMENT_PROVIDER", SandboxProvider.name))


PROVIDERS: dict[str, type[PaymentProvider]] = {SandboxProvider.name: SandboxProvider}


def payment_provider() -> PaymentProvider:
    """The provider in use (``PAYMENT_PROVIDER``; only the sandbox exists so far; the
    start-up check ``payments.E001`` refuses a name not in ``PROVIDERS``)."""
    return PROVIDERS[provider_name()]()
