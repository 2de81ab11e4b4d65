"""The daily alert checks that read card accounts: payment due in N days, and near or
over the credit limit. Run by ``manage.py card_alerts`` (a periodic job registered in
``CardsConfig.ready()``); each alert goes at most once a day to each customer.

Only customers who chose the alert are read; the customer's own N days and per cent
are applied by ``alerts.services.alert_raise``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import ROUND_FLOOR

from partnership.alerts.models import AlertKind
from partnership.alerts.selectors import alert_users_for
from partnership.alerts.services import alert_raise
from partnership.cards.models import CardAccount, CardAccountStatus


def _open_accounts(owner_id: uuid.UUID) -> list[CardAccount]:
    return list(
        CardAccount.objects.filter(owner_id=owner_id, status=CardAccountStatus.OPEN).defer("pan")
    )


def used_percent(account: CardAccount) -> int | None:
    """The share of the limit used, in whole per cent (rounded down, so 89.99 is 89);
    any balance over the limit, even by a penny, is more than 100. None without a limit."""
    if account.credit_limit <= 0:
        return None
    share = int((account.balance * 100 / account.credit_limit).to_integral_value(ROUND_FLOOR))
    if account.balance > account.credit_limit:
        return max(share, 101)
    return max(share, 0)


def payment_due_checks(*, today: dt.date) -> int:
    sent = 0
    for choice in alert_users_for(kind=AlertKind.PAYMENT_DUE).iterator(chunk_size=500):
        for account in _open_accounts(choice.user_id):
            if account.payment_due_on is None or account.minimum_payment <= 0:
                continue
            days_left = (account.payment_due_on - today).days
            if days_left < 1:
                continue
            sent += bool(
                alert_raise(
                    user=choice.user,
                    kind=AlertKind.PAYMENT_DUE,
                    once_a_day=True,
                    days_left=days_left,
                )
            )
    return sent


def limit_checks() -> int:
    sent = 0
    for choice in alert_users_for(kind=AlertKind.LIMIT).iterator(chunk_size=500):
        for account in _open_accounts(choice.user_id):
            share = used_percent(account)
            if share is None:
                continue
            sent += bool(
                alert_raise(
                    user=choice.user, kind=AlertKind.LIMIT, once_a_day=True, used_percent=share
                )
            )
    return sent
