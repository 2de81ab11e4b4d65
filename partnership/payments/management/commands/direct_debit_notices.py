"""``manage.py direct_debit_notices``: send the advance notice of each collection."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from partnership.core import clock
from partnership.payments.services.collections import direct_debit_notices_send


class Command(BaseCommand):
    help = "Send the advance notice of each Direct Debit collection 10 working days ahead."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = direct_debit_notices_send(today=clock.today_in_london())
        self.stdout.write(f"Sent {sent} advance notice(s).")
