"""``manage.py direct_debit_collect``: collect the Direct Debits due today."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from partnership.core import clock
from partnership.payments.services.collections import direct_debit_collect_due


class Command(BaseCommand):
    help = "Collect every announced Direct Debit whose day has come, posting each payment."

    def handle(self, *args: Any, **options: Any) -> None:
        posted = direct_debit_collect_due(today=clock.today_in_london())
        self.stdout.write(f"Collected {posted} Direct Debit(s).")
