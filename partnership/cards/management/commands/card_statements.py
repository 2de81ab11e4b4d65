"""``manage.py card_statements``: make the statement of every month that has ended."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from partnership.cards.models import CardAccount, CardAccountStatus
from partnership.cards.services import statements_generate_due
from partnership.core import clock


class Command(BaseCommand):
    help = "Make the statements of months that have ended, for every open card account."

    def handle(self, *args: Any, **options: Any) -> None:
        today = clock.today_in_london()
        made = 0
        accounts = CardAccount.objects.filter(status=CardAccountStatus.OPEN).defer("pan")
        for account in accounts.iterator(chunk_size=500):
            made += len(statements_generate_due(account=account, today=today))
        self.stdout.write(f"Made {made} statement(s).")
