"""Demo payments: each demo customer with a card account gets a Direct Debit for the
minimum payment (from a bank account that passes the modulus check) and a past
one-off payment. Idempotent: a customer who has either is skipped. A card account
opened today (one just issued after a demo application) starts with neither, as a
new cardholder's would."""

from __future__ import annotations

import datetime as dt
import secrets
from decimal import Decimal

from partnership.cards.models import CardAccount, CardAccountStatus
from partnership.cards.services.posting import payment_post
from partnership.core import clock
from partnership.payments.models import (
    DirectDebitAmount,
    DirectDebitInstruction,
    Payment,
    PaymentStatus,
    SandboxOutcome,
    SandboxPayment,
)
from partnership.payments.services.direct_debits import _new_reference
from partnership.payments.services.payments import PAYMENT_DESCRIPTION

# Bank details from the Vocalink specification's worked examples (they pass).
DEMO_BANK_ACCOUNTS = (("089999", "66374958"), ("107999", "88837491"), ("202959", "63748472"))
DEMO_PAYMENT = Decimal("50.00")


def seed_payments() -> list[str]:
    seeded = 0
    accounts = CardAccount.objects.filter(
        status=CardAccountStatus.OPEN,
        owner__is_staff=False,
        opened_on__lt=clock.today_in_london(),
    ).select_related("owner")
    for position, account in enumerate(accounts.order_by("opened_on", "id")):
        if account.direct_debits.exists() or account.payments.exists():
            continue
        _seed_one(account=account, position=position)
        seeded += 1
    if not seeded:
        return []
    return [f"Gave {seeded} demo customer(s) a Direct Debit and a past card payment."]


def _seed_one(*, account: CardAccount, position: int) -> None:
    sort_code, number = DEMO_BANK_ACCOUNTS[position % len(DEMO_BANK_ACCOUNTS)]
    DirectDebitInstruction.objects.create(
        account=account,
        reference=_new_reference(),
        amount_kind=DirectDebitAmount.MINIMUM,
        holder_name=account.owner.full_name or "Demo Customer",
        sort_code=sort_code,
        account_number=number,
        account_last4=number[-4:],
        confirmation_sent_at=clock.now(),
    )
    amount = min(DEMO_PAYMENT, account.balance)
    if amount <= 0:
        return
    reference = "sbx_demo_" + secrets.token_urlsafe(12)
    SandboxPayment.objects.create(
        reference=reference, amount=amount, outcome=SandboxOutcome.PAID, return_path="/"
    )
    posted_on = clock.today_in_london() - dt.timedelta(days=14)
    transaction = payment_post(
        account=account, posted_on=posted_on, amount=amount, description=PAYMENT_DESCRIPTION
    )
    Payment.objects.create(
        account=account,
        provider="sandbox",
        provider_reference=reference,
        amount=amount,
        status=PaymentStatus.PAID,
        completed_at=clock.now(),
        transaction=transaction,
    )
