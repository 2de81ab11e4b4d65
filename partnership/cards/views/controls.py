"""Card controls: activate, freeze and unfreeze, report lost or stolen, replacement.

Each acts on the signed-in customer's current card (no card id in the URL, so
nobody else's card can be named). Refusals are a clear message and a 4xx: 400 for a
form in error, 409 for a card not in a state that allows it, 429 while activation
is paused after too many wrong guesses.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from partnership.accounts.views.common import sign_in_client, signed_in_user, unreadable
from partnership.audit.services import Actor
from partnership.cards import charts, selectors
from partnership.cards.access import customer_id, customer_required
from partnership.cards.forms import CardActivateForm, CardLostForm
from partnership.cards.models import BlockReason, Card, CardAccount, CardStatus, Transaction
from partnership.cards.pan import pan_mask
from partnership.cards.services.controls import ActivationOutcome, card_activate
from partnership.cards.services.controls import card_freeze as freeze_service
from partnership.cards.services.controls import card_unfreeze as unfreeze_service
from partnership.cards.services.errors import CardServiceError, CardStateError
from partnership.cards.services.lost import AddressRefused, NewAddress, card_report_lost
from partnership.cards.templatetags.card_format import pounds
from partnership.core import clock
from partnership.privacy_centre.services.details import DetailsOutcome, customer_details_current

WRONG_DETAILS = "Those details do not match your new card. Check them and try again."


def _current(request: HttpRequest) -> tuple[CardAccount | None, Card | None]:
    account = selectors.card_account_current(owner_id=customer_id(request))
    card = selectors.card_current(account=account) if account else None
    return account, card


def _actor(request: HttpRequest) -> Actor:
    return Actor.customer(customer_id(request))


@require_http_methods(["GET", "HEAD", "POST"])
@customer_required
def card_activate_page(request: HttpRequest) -> HttpResponseBase:
    _account, card = _current(request)
    if card is None or card.status != CardStatus.INACTIVE:
        return render(request, "cards/activate.html", {"card": None})
    if request.method != "POST":
        return _activate(request, card=card, form=CardActivateForm(), status=200)
    form = CardActivateForm(request.POST, unreadable=unreadable(request))
    if not form.is_valid():
        return _activate(request, card=card, form=form, status=400)
    month, year = form.cleaned_data["expiry"]
    try:
        result = card_activate(
            card=card,
            last4=form.cleaned_data["last4"],
            expiry_month=month,
            expiry_year=year,
            actor=_actor(request),
        )
    except CardStateError as exc:
        form.add_error(None, str(exc).capitalize() + ".")
        return _activate(request, card=card, form=form, status=409)
    if result.outcome == ActivationOutcome.ACTIVATED:
        return redirect("cards:summary")
    if result.outcome == ActivationOutcome.LOCKED:
        retry = result.retry_after.astimezone(clock.LONDON) if result.retry_after else None
        return render(request, "cards/activate_paused.html", {"retry_at": retry}, status=429)
    form.add_error(None, WRONG_DETAILS)
    return _activate(request, card=card, form=form, status=400)


def _activate(
    request: HttpRequest, *, card: Card, form: CardActivateForm, status: int
) -> HttpResponse:
    return render(request, "cards/activate.html", {"card": card, "form": form}, status=status)


def _switch(request: HttpRequest, *, freeze: bool) -> HttpResponseBase:
    account, card = _current(request)
    if account is None or card is None:
        return render(request, "cards/no_account.html", status=404)
    try:
        (freeze_service if freeze else unfreeze_service)(card=card, actor=_actor(request))
    except CardStateError as exc:
        context = summary_context(account=account) | {"error": str(exc).capitalize() + "."}
        return render(request, "cards/summary.html", context, status=409)
    return redirect("cards:summary")


@customer_required
@require_POST
def card_freeze(request: HttpRequest) -> HttpResponseBase:
    return _switch(request, freeze=True)


@customer_required
@require_POST
def card_unfreeze(request: HttpRequest) -> HttpResponseBase:
    return _switch(request, freeze=False)


def summary_context(*, account: CardAccount) -> dict[str, object]:
    """What the account page shows: the account, its current card, the card activity
    and, for a replacement, where it is."""
    today = clock.today_in_london()
    statements = list(selectors.statement_list(account=account)[: charts.MONTHS])
    latest = list(selectors.statement_transactions(statement=statements[0])) if statements else []
    return {
        "account": account,
        "card": selectors.card_current(account=account),
        "activity": selectors.card_activity(account=account),
        "progress": selectors.replacement_progress(account=account, today=today),
        "disputes": selectors.account_disputes(account=account),
        **charts.account_charts(statements=statements, transactions=latest),
    }


@require_http_methods(["GET", "HEAD", "POST"])
@customer_required
def card_lost_page(request: HttpRequest) -> HttpResponseBase:
    account, card = _current(request)
    if account is None or card is None or card.status == CardStatus.BLOCKED:
        disputes = selectors.account_disputes(account=account) if account else []
        context = {"card": card, "disputes": disputes}
        return render(request, "cards/lost_done.html", context, status=200)
    rows = selectors.disputable_transactions(account=account, today=clock.today_in_london())
    choices = [(str(row.pk), f"{row.posted_on:%d %b} {row.description}") for row in rows]
    if request.method != "POST":
        form = CardLostForm(transaction_choices=choices)
        return _lost(request, card=card, form=form, rows=rows, status=200)
    form = CardLostForm(request.POST, transaction_choices=choices, unreadable=unreadable(request))
    if not form.is_valid():
        return _lost(request, card=card, form=form, rows=rows, status=400)
    data = form.cleaned_data
    new_address = None
    if data["address"] == "new":
        new_address = NewAddress(
            postal_address=data["postal_address"].strip(),
            postcode=data["postcode"].strip().upper(),
            code=data["code"].strip(),
            client=sign_in_client(request),
        )
    try:
        card_report_lost(
            card=card,
            user=signed_in_user(request),
            reason=BlockReason(data["reason"]),
            disputed={row.pk for row in rows if str(row.pk) in set(data["not_mine"])},
            new_address=new_address,
        )
    except AddressRefused as refused:
        locked = refused.outcome == DetailsOutcome.LOCKED
        form.add_error("code", _ADDRESS_REFUSALS[locked])
        return _lost(request, card=card, form=form, rows=rows, status=429 if locked else 400)
    except CardStateError as exc:
        form.add_error(None, str(exc).capitalize() + ".")
        return _lost(request, card=card, form=form, rows=rows, status=409)
    except CardServiceError as exc:
        form.add_error(None, str(exc).capitalize() + ".")
        return _lost(request, card=card, form=form, rows=rows, status=400)
    return redirect("cards:replacement")


_ADDRESS_REFUSALS = {
    False: "That code is not right. Your card is still open and nothing was changed.",
    True: "Too many wrong codes: try again later. Nothing was changed.",
}


def _lost(
    request: HttpRequest, *, card: Card, form: CardLostForm, rows: list[Transaction], status: int
) -> HttpResponse:
    # The address on file only on the form as first shown: a refused form is an error
    # page, and no error page carries personal data.
    details = customer_details_current(user=signed_in_user(request)) if status == 200 else None
    listed = [
        {
            "row": row,
            "checkbox": next(box for box in form["not_mine"] if box.data["value"] == str(row.pk)),
            "amount": pounds(row.amount),
            "dispute_by": selectors.dispute_deadline(row.posted_on),
        }
        for row in rows
    ]
    context = {
        "card": card,
        "form": form,
        "listed": listed,
        "address": details.postal_address if details else None,
        "postcode": details.postcode if details else None,
        "address_hidden": details is None,
        "masked": pan_mask(last4=card.pan_last4),
        # Earlier reports' disputes, as on the account page (not on a refused form).
        "disputes": selectors.account_disputes(account=card.account) if status == 200 else [],
    }
    return render(request, "cards/lost.html", context, status=status)


@require_safe
@customer_required
def card_replacement(request: HttpRequest) -> HttpResponse:
    account, _card = _current(request)
    progress = (
        selectors.replacement_progress(account=account, today=clock.today_in_london())
        if account
        else None
    )
    return render(request, "cards/replacement.html", {"progress": progress})
