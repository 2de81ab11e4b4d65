"""Who may open what: the customer-only decorator and one guard per protected thing.

Every object a customer can open is loaded through an ``access_*`` guard, which
returns it or raises ``Http404`` — for a missing object and for someone else's alike,
so a guessed id reveals nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from django.http import Http404, HttpRequest, HttpResponse

from partnership.cards.models import CardAccount, Statement, Transaction
from partnership.core.access import customer_required

__all__ = ["access_card_account", "access_statement", "access_transaction", "customer_required"]

V = TypeVar("V", bound=Callable[..., HttpResponse])


def customer_id(request: HttpRequest) -> uuid.UUID:
    """The signed-in customer's user id (views behind ``customer_required`` only)."""
    return _owner_id(request.user)


def _owner_id(user: Any) -> uuid.UUID:
    if not getattr(user, "is_authenticated", False) or getattr(user, "is_staff", True):
        raise Http404
    owner_id: uuid.UUID = user.pk
    return owner_id


def access_card_account(*, user: Any, account_id: uuid.UUID) -> CardAccount:
    account = CardAccount.objects.filter(pk=account_id, owner_id=_owner_id(user)).first()
    if account is None:
        raise Http404
    return account


def access_statement(*, user: Any, statement_id: uuid.UUID) -> Statement:
    statement = (
        Statement.objects.select_related("account")
        .filter(pk=statement_id, account__owner_id=_owner_id(user))
        .first()
    )
    if statement is None:
        raise Http404
    return statement


def access_transaction(*, user: Any, transaction_id: uuid.UUID) -> Transaction:
    found = (
        Transaction.objects.select_related("account")
        .filter(pk=transaction_id, account__owner_id=_owner_id(user))
        .first()
    )
    if found is None:
        raise Http404
    return found
