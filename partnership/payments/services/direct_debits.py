"""Setting up, changing and cancelling a Direct Debit instruction.

Setting up or changing asks for the one-time code again (``accounts.services.reauth``).
The bank details are checked first — format, then the Vocalink modulus check — and
the amount, so that a refusal spends no code; then the code; then everything is saved
at once, or nothing. The confirmation e-mail goes at once (the scheme allows 3
working days) and names the bank account by its last 2 digits only.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from django.db import transaction

from partnership.accounts.models import User
from partnership.accounts.services.reauth import ReauthOutcome, reauth_check
from partnership.accounts.services.sign_in import SignInClient
from partnership.audit.events import AuditEventType
from partnership.audit.services import Actor, audit_record
from partnership.cards.models import CardAccount
from partnership.core import clock
from partnership.core.mail import email_send
from partnership.payments.models import (
    CollectionStatus,
    DirectDebitAmount,
    DirectDebitCollection,
    DirectDebitInstruction,
    DirectDebitStatus,
)
from partnership.payments.modulus import BankDetails, modulus_passes

ZERO = Decimal("0.00")


class DirectDebitOutcome(StrEnum):
    SET_UP = "set_up"
    CHANGED = "changed"
    MODULUS = "modulus"
    ABOVE_BALANCE = "above_balance"
    WRONG_CODE = "wrong_code"
    LOCKED = "locked"


@dataclass(frozen=True)
class DirectDebitRequest:
    holder_name: str
    details: BankDetails
    amount_kind: DirectDebitAmount
    fixed_amount: Decimal | None = None


def direct_debit_current(*, account: CardAccount) -> DirectDebitInstruction | None:
    return DirectDebitInstruction.objects.filter(
        account=account, status=DirectDebitStatus.ACTIVE
    ).first()


def _refusal(request: DirectDebitRequest, account: CardAccount) -> DirectDebitOutcome | None:
    if not modulus_passes(request.details):
        return DirectDebitOutcome.MODULUS
    fixed = request.amount_kind == DirectDebitAmount.FIXED
    if fixed and (request.fixed_amount is None or request.fixed_amount > account.balance):
        return DirectDebitOutcome.ABOVE_BALANCE
    return None


def direct_debit_save(
    *,
    user: User,
    account: CardAccount,
    request: DirectDebitRequest,
    code: str,
    client: SignInClient,
) -> DirectDebitOutcome:
    """Set up a Direct Debit, or change the active one; refusals store nothing."""
    refusal = _refusal(request, account)
    if refusal is not None:
        with transaction.atomic():
            audit_record(
                event=AuditEventType.PAYMENTS_DIRECT_DEBIT_REFUSE,
                actor=Actor.customer(user.pk),
                subject_type="card_account",
                subject_id=str(account.pk),
                reason=refusal.value,
            )
        return refusal
    passed = reauth_check(user=user, code=code, client=client, action="direct_debit_save")
    if passed == ReauthOutcome.LOCKED:
        return DirectDebitOutcome.LOCKED
    if passed != ReauthOutcome.PASSED:
        return DirectDebitOutcome.WRONG_CODE
    with transaction.atomic():
        CardAccount.objects.select_for_update().get(pk=account.pk)
        instruction = direct_debit_current(account=account)
        outcome = DirectDebitOutcome.SET_UP if instruction is None else DirectDebitOutcome.CHANGED
        instruction = _apply(account=account, instruction=instruction, request=request)
        audit_record(
            event=(
                AuditEventType.PAYMENTS_DIRECT_DEBIT_SET_UP
                if outcome == DirectDebitOutcome.SET_UP
                else AuditEventType.PAYMENTS_DIRECT_DEBIT_CHANGE
            ),
            actor=Actor.customer(user.pk),
            subject_type="direct_debit",
            subject_id=str(instruction.pk),
            data={"card_account": str(account.pk), "amount_kind": instruction.amount_kind},
        )
        _confirm_by_email(user=user, instruction=instruction, outcome=outcome)
    return outcome


def _apply(
    *,
    account: CardAccount,
    instruction: DirectDebitInstruction | None,
    request: DirectDebitRequest,
) -> DirectDebitInstruction:
    if instruction is None:
        instruction = DirectDebitInstruction(account=account, reference=_new_reference())
    else:
        instruction.changed_at = clock.now()
    instruction.holder_name = request.holder_name
    instruction.sort_code = request.details.sort_code
    instruction.account_number = request.details.account_number
    instruction.account_last4 = request.details.account_number[-4:]
    instruction.amount_kind = request.amount_kind
    instruction.fixed_amount = (
        request.fixed_amount if request.amount_kind == DirectDebitAmount.FIXED else None
    )
    instruction.confirmation_sent_at = clock.now()
    instruction.full_clean(exclude=["account"], validate_constraints=False)
    instruction.save()
    return instruction


# Letters and digits without 0, 1 and look-alikes: never a run of digits that could
# read as a phone or card number to the self-audit's column scan.
_REFERENCE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ23456789"


def _new_reference() -> str:
    while True:
        reference = "PC" + "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(10))
        if not DirectDebitInstruction.objects.filter(reference=reference).exists():
            return reference


_CONFIRMATION = {
    DirectDebitOutcome.SET_UP: ("Your Direct Debit is set up", "is now set up"),
    DirectDebitOutcome.CHANGED: ("Your Direct Debit is changed", "has been changed"),
}


def _confirm_by_email(
    *, user: User, instruction: DirectDebitInstruction, outcome: DirectDebitOutcome
) -> None:
    subject, done = _CONFIRMATION[outcome]
    _mail_on_commit(
        user=user,
        subject=subject,
        template="direct_debit_confirmed",
        context={
            "done": done,
            "last2": instruction.account_last4[-2:],
            "reference": instruction.reference,
        },
    )


def _mail_on_commit(
    *, user: User, subject: str, template: str, context: dict[str, str] | None = None
) -> None:
    """``template`` names one of ``templates/payments/email/``."""
    address = user.email
    if not address:
        return
    transaction.on_commit(
        lambda: email_send(
            template=f"payments/email/{template}",
            context=context or {},
            subject=subject,
            to=[address],
        )
    )


def direct_debit_cancel(*, user: User, account: CardAccount) -> bool:
    """Cancel the active Direct Debit and any collection not yet made; False if none."""
    with transaction.atomic():
        CardAccount.objects.select_for_update().get(pk=account.pk)
        instruction = direct_debit_current(account=account)
        if instruction is None:
            return False
        instruction.status = DirectDebitStatus.CANCELLED
        instruction.cancelled_at = clock.now()
        instruction.save(update_fields=["status", "cancelled_at"])
        DirectDebitCollection.objects.filter(
            instruction=instruction, status=CollectionStatus.NOTIFIED
        ).update(status=CollectionStatus.CANCELLED)
        audit_record(
            event=AuditEventType.PAYMENTS_DIRECT_DEBIT_CANCEL,
            actor=Actor.customer(user.pk),
            subject_type="direct_debit",
            subject_id=str(instruction.pk),
            data={"card_account": str(account.pk)},
        )
        _mail_on_commit(
            user=user,
            subject="Your Direct Debit is cancelled",
            template="direct_debit_cancelled",
        )
    return True
