"""``manage.py card_alerts``: the daily alerts that read card accounts (alert_checks.py)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from partnership.cards.alert_checks import limit_checks, payment_due_checks
from partnership.core import clock


class Command(BaseCommand):
    help = "Send the payment-due and credit-limit alerts customers chose (at most once a day)."

    def handle(self, *args: Any, **options: Any) -> None:
        due = payment_due_checks(today=clock.today_in_london())
        limit = limit_checks()
        self.stdout.write(f"Sent {due} payment-due and {limit} credit-limit alert(s).")
