"""One-off payments: start one with the provider, then confirm it by reference."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.db import transaction

from partnership.audit.events import AuditEventType
from partnership.audit.services import Actor, audit_record
from partnership.cards.models import CardAccount
from partnership.cards.services.posting import payment_post
from partnership.core import clock
from partnership.payments.models import Payment, PaymentStatus
from partnership.payments.provider import PaymentProvider, ProviderStatus

ZERO = Decimal("0.00")
PAYMENT_DESCRIPTION = "Payment received, thank you"


class PaymentError(ValueError):
    """A payment that cannot be made; the message is safe to show."""


def payment_amount_check(*, account: CardAccount, amount: Decimal) -> None:
    balance: Decimal = account.balance
    if balance <= ZERO:
        raise PaymentError("Your balance is £0.00 or in credit, so there is nothing to pay.")
    if amount <= ZERO:
        raise PaymentError("Enter an amount of at least £0.01.")
    if amount > balance:
        raise PaymentError(f"You can pay at most your balance, £{balance:,.2f}.")


def payment_start(
    *, account: CardAccount, amount: Decimal, provider: PaymentProvider, user_id: uuid.UUID
) -> tuple[Payment, str]:
    """Open the payment with the provider; return it and where to send the browser."""
    payment_amount_check(account=account, amount=amount)
    payment = Payment(account=account, provider=provider.name, amount=amount)
    with transaction.atomic():
        started = provider.start(amount=amount, return_path=f"/account/card/payments/{payment.pk}/")
        payment.provider_reference = started.reference
        payment.full_clean(exclude=["account", "transaction"])
        payment.save()
        audit_record(
            event=AuditEventType.PAYMENTS_PAYMENT_START,
            actor=Actor.customer(user_id),
            subject_type="payment",
            subject_id=str(payment.pk),
            data={"card_account": str(account.pk), "provider": provider.name},
        )
    return payment, started.redirect_url


def payment_confirm(*, payment: Payment, provider: PaymentProvider) -> Payment:
    """Ask the provider, by reference, whether the payment was made; post it once.

    A second call (the customer reloading the return page) finds the payment no longer
    waiting and changes nothing.
    """
    with transaction.atomic():
        locked = Payment.objects.select_for_update().get(pk=payment.pk)
        if locked.status != PaymentStatus.STARTED:
            return locked
        result = provider.confirm(reference=locked.provider_reference)
        if result.status == ProviderStatus.WAITING:
            return locked
        paid = result.status == ProviderStatus.PAID and result.amount == locked.amount
        if paid:
            locked.transaction = payment_post(
                account=locked.account,
                posted_on=clock.today_in_london(),
                amount=locked.amount,
                description=PAYMENT_DESCRIPTION,
            )
        locked.status = PaymentStatus.PAID if paid else PaymentStatus.FAILED
        locked.completed_at = clock.now()
        locked.save(update_fields=["status", "completed_at", "transaction"])
        audit_record(
            event=AuditEventType.PAYMENTS_PAYMENT_COMPLETE,
            actor=Actor.system(),
            subject_type="payment",
            subject_id=str(locked.pk),
            data={"card_account": str(locked.account_id), "status": locked.status},
        )
    return locked
