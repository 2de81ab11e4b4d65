"""The customer's card pages: parse input, guard, one selector or service, render."""

from __future__ import annotations

import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from partnership.cards import documents, selectors, services
from partnership.cards.access import (
    access_statement,
    access_transaction,
    customer_id,
    customer_required,
)
from partnership.cards.forms import TransactionFilterForm
from partnership.cards.models import CardAccount
from partnership.cards.views.controls import summary_context


def _account(request: HttpRequest) -> CardAccount | None:
    return selectors.card_account_current(owner_id=customer_id(request))


def _no_account(request: HttpRequest) -> HttpResponse:
    return render(request, "cards/no_account.html")


@require_safe
@customer_required
def card_summary(request: HttpRequest) -> HttpResponse:
    account = _account(request)
    if account is None:
        return _no_account(request)
    return render(request, "cards/summary.html", summary_context(account=account))


@require_safe
@customer_required
def transaction_list(request: HttpRequest) -> HttpResponse:
    account = _account(request)
    if account is None:
        return _no_account(request)
    form = TransactionFilterForm(request.GET)
    if not form.is_valid():
        context = {"account": account, "form": form}
        return render(request, "cards/transactions.html", context, status=400)
    data = form.cleaned_data
    page = selectors.transaction_page(
        account=account,
        date_from=data["from"],
        date_to=data["to"],
        text=data["q"],
        page=data["page"],
    )
    query = {"from": data["from"].isoformat(), "to": data["to"].isoformat(), "q": data["q"]}
    context = {
        "account": account,
        "form": form,
        "page": page,
        "query_string": urlencode(query),
        "filters": data,
    }
    return render(request, "cards/transactions.html", context)


@require_safe
@customer_required
def transaction_detail(request: HttpRequest, transaction_id: uuid.UUID) -> HttpResponse:
    found = access_transaction(user=request.user, transaction_id=transaction_id)
    return render(request, "cards/transaction.html", {"transaction": found})


@require_safe
@customer_required
def statement_list(request: HttpRequest) -> HttpResponse:
    account = _account(request)
    if account is None:
        return _no_account(request)
    statements = selectors.statement_list(account=account)
    return render(request, "cards/statements.html", {"account": account, "statements": statements})


@require_safe
@customer_required
def statement_detail(request: HttpRequest, statement_id: uuid.UUID) -> HttpResponse:
    statement = access_statement(user=request.user, statement_id=statement_id)
    transactions = selectors.statement_transactions(statement=statement)
    context = {"statement": statement, "account": statement.account, "transactions": transactions}
    return render(request, "cards/statement.html", context)


def _attachment(*, body: bytes | str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
@customer_required
def statement_pdf(request: HttpRequest, statement_id: uuid.UUID) -> HttpResponse:
    statement = access_statement(user=request.user, statement_id=statement_id)
    body = documents.statement_pdf(
        statement=statement,
        account=statement.account,
        transactions=list(selectors.statement_transactions(statement=statement)),
        card_name=settings.BRAND["card_name"],
        issuer_name=settings.BRAND["issuer_name"],
    )
    services.statement_download_record(
        statement=statement, user_id=customer_id(request), document="pdf"
    )
    filename = documents.statement_filename(statement=statement, extension="pdf")
    return _attachment(body=body, content_type="application/pdf", filename=filename)


@require_safe
@customer_required
def statement_csv(request: HttpRequest, statement_id: uuid.UUID) -> HttpResponse:
    statement = access_statement(user=request.user, statement_id=statement_id)
    body = documents.statement_csv(
        transactions=selectors.statement_transactions(statement=statement)
    )
    services.statement_download_record(
        statement=statement, user_id=customer_id(request), document="csv"
    )
    filename = documents.statement_filename(statement=statement, extension="csv")
    return _attachment(body=body, content_type="text/csv; charset=utf-8", filename=filename)


@require_safe
@customer_required
def points_history(request: HttpRequest) -> HttpResponse:
    account = _account(request)
    if account is None:
        return _no_account(request)
    entries = selectors.points_history(account=account)
    return render(request, "cards/points.html", {"account": account, "entries": entries})
