"""The customer's payment pages: pay once, and set up, change or cancel a Direct Debit.

Every view is ``customer_required`` and acts on the signed-in customer's current card
account only; a payment of someone else's is "not found", like a missing one.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from partnership.accounts.forms import refuse
from partnership.accounts.views.common import sign_in_client, signed_in_user, unreadable
from partnership.accounts.views.sign_in import WRONG_CODE
from partnership.cards.access import customer_id, customer_required
from partnership.cards.models import CardAccount
from partnership.cards.selectors import card_account_current
from partnership.core import clock
from partnership.core.errors import render_error
from partnership.payments import selectors
from partnership.payments.forms import DirectDebitForm, PaymentForm
from partnership.payments.models import DirectDebitAmount, DirectDebitInstruction
from partnership.payments.modulus import BankDetails
from partnership.payments.provider import payment_provider
from partnership.payments.services.collections import next_collection
from partnership.payments.services.direct_debits import (
    DirectDebitOutcome,
    DirectDebitRequest,
    direct_debit_save,
)
from partnership.payments.services.direct_debits import (
    direct_debit_cancel as direct_debit_cancel_service,
)
from partnership.payments.services.payments import PaymentError, payment_confirm, payment_start

MODULUS_MESSAGE = (
    "This account number does not match the sort code: the bank's check of the two "
    "together fails. Please check both against your bank statement or card."
)
ABOVE_BALANCE = "A fixed amount can be at most your balance, £{balance:,.2f}."
SAVED = {
    "set_up": "Your Direct Debit is set up. We have sent you an e-mail to confirm it.",
    "changed": "Your Direct Debit is changed. We have sent you an e-mail to confirm it.",
    "cancelled": "Your Direct Debit is cancelled. We have sent you an e-mail to confirm it.",
}


def _account(request: HttpRequest) -> CardAccount | None:
    return card_account_current(owner_id=customer_id(request))


def _no_account(request: HttpRequest) -> HttpResponse:
    return render(request, "cards/no_account.html")


@customer_required
@require_http_methods(["GET", "HEAD", "POST"])
def payments(request: HttpRequest) -> HttpResponseBase:
    account = _account(request)
    if account is None:
        return _no_account(request)
    if request.method != "POST":
        return _payments_page(request, account, PaymentForm())
    form = PaymentForm(request.POST, unreadable=unreadable(request))
    if not form.is_valid():
        return _payments_page(request, account, form, status=400)
    try:
        _, redirect_url = payment_start(
            account=account,
            amount=form.cleaned_data["amount"],
            provider=payment_provider(),
            user_id=customer_id(request),
        )
    except PaymentError as error:
        form.add_error("amount", str(error))
        return _payments_page(request, account, form, status=400)
    return redirect(redirect_url)


def _payments_page(
    request: HttpRequest, account: CardAccount, form: PaymentForm, status: int = 200
) -> HttpResponse:
    context = {
        "account": account,
        "form": form,
        "payments": selectors.payments_recent(account=account),
        "direct_debit": selectors.direct_debit_active(account=account),
    }
    return render(request, "payments/payments.html", context, status=status)


@customer_required
@require_http_methods(["GET", "HEAD"])
def payment_result(request: HttpRequest, payment_id: uuid.UUID) -> HttpResponse:
    """Where the provider's page sends the customer back: the payment is confirmed
    with the provider by its reference, server side, and posted at most once."""
    found = selectors.payment_for_owner(owner_id=customer_id(request), payment_id=payment_id)
    if found is None:
        raise Http404
    payment = payment_confirm(payment=found, provider=payment_provider())
    account = _account(request)
    return render(request, "payments/result.html", {"payment": payment, "account": account})


def _direct_debit_context(account: CardAccount) -> dict[str, Any]:
    instruction = selectors.direct_debit_active(account=account)
    today = clock.today_in_london()
    context: dict[str, Any] = {"account": account, "instruction": instruction}
    if instruction is not None:
        instruction.account = account
        context["upcoming"] = selectors.collection_upcoming(instruction=instruction, today=today)
        context["planned"] = next_collection(instruction=instruction, today=today)
        context["collections"] = selectors.collections_recent(instruction=instruction)
    return context


def _initial(instruction: DirectDebitInstruction | None) -> dict[str, Any]:
    if instruction is None:
        return {"amount_kind": DirectDebitAmount.MINIMUM}
    return {
        "holder_name": instruction.holder_name,
        "sort_code": instruction.sort_code,
        "amount_kind": instruction.amount_kind,
        "fixed_amount": instruction.fixed_amount,
    }


@customer_required
@require_http_methods(["GET", "HEAD", "POST"])
def direct_debit(request: HttpRequest) -> HttpResponseBase:
    account = _account(request)
    if account is None:
        return _no_account(request)
    context = _direct_debit_context(account)
    if request.method != "POST":
        context["form"] = DirectDebitForm(initial=_initial(context["instruction"]))
        context["status_message"] = SAVED.get(request.GET.get("saved", ""))
        return render(request, "payments/direct_debit.html", context)
    form = DirectDebitForm(request.POST, unreadable=unreadable(request))
    context["form"] = form
    if not form.is_valid():
        return render(request, "payments/direct_debit.html", context, status=400)
    outcome = _save(request, account, form)
    if outcome == DirectDebitOutcome.LOCKED:
        return render_error(request, status=429)
    if outcome in (DirectDebitOutcome.SET_UP, DirectDebitOutcome.CHANGED):
        return redirect(f"/account/card/direct-debit/?saved={outcome.value}")
    if outcome == DirectDebitOutcome.MODULUS:
        form.add_error("account_number", MODULUS_MESSAGE)
    elif outcome == DirectDebitOutcome.ABOVE_BALANCE:
        form.add_error("fixed_amount", ABOVE_BALANCE.format(balance=account.balance))
    else:
        refuse(form, WRONG_CODE + " Nothing was changed.")
    return render(request, "payments/direct_debit.html", context, status=400)


def _save(request: HttpRequest, account: CardAccount, form: DirectDebitForm) -> DirectDebitOutcome:
    data = form.cleaned_data
    return direct_debit_save(
        user=signed_in_user(request),
        account=account,
        request=DirectDebitRequest(
            holder_name=data["holder_name"],
            details=BankDetails(data["sort_code"], data["account_number"]),
            amount_kind=DirectDebitAmount(data["amount_kind"]),
            fixed_amount=data["fixed_amount"],
        ),
        code=data["code"],
        client=sign_in_client(request),
    )


@customer_required
@require_http_methods(["GET", "HEAD", "POST"])
def direct_debit_cancel(request: HttpRequest) -> HttpResponseBase:
    account = _account(request)
    if account is None:
        return _no_account(request)
    if request.method != "POST":
        current = {"instruction": selectors.direct_debit_active(account=account)}
        return render(request, "payments/direct_debit_cancel.html", current)
    if not direct_debit_cancel_service(user=signed_in_user(request), account=account):
        refused = {"instruction": None, "nothing_to_cancel": True}
        return render(request, "payments/direct_debit_cancel.html", refused, status=409)
    return redirect("/account/card/direct-debit/?saved=cancelled")
