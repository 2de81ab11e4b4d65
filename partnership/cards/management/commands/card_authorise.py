"""``manage.py card_authorise CARD_ID AMOUNT``: the demo card network asks to authorise
a purchase. Exit status 0 authorised (and posted), 1 declined (the reason printed,
nothing posted), 2 bad arguments."""

from __future__ import annotations

import uuid
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from partnership.cards.models import Card, SpendingCategory
from partnership.cards.services.authorise import card_authorise
from partnership.cards.services.errors import CardServiceError

BAD_ARGUMENTS = 2
DECLINED = 1


class Command(BaseCommand):
    help = "Authorise or decline a purchase on a card, as the card network would (demo)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("card_id", help="the card's id")
        parser.add_argument("amount", help="pounds and pence, e.g. 12.50")
        parser.add_argument("--merchant", default="Demo Merchant", help="the merchant's name")
        parser.add_argument(
            "--category",
            default=SpendingCategory.OTHER.value,
            choices=[c.value for c in SpendingCategory if c != SpendingCategory.ACCOUNT],
        )

    def handle(self, *args: Any, **options: Any) -> None:
        card = _card(options["card_id"])
        amount = _amount(options["amount"])
        try:
            result = card_authorise(
                card=card,
                amount=amount,
                merchant=options["merchant"],
                category=SpendingCategory(options["category"]),
            )
        except CardServiceError as exc:
            raise CommandError(str(exc), returncode=BAD_ARGUMENTS) from exc
        if result.decline is not None:
            raise CommandError(f"Declined: {result.decline.value}", returncode=DECLINED)
        assert result.transaction is not None
        self.stdout.write(f"Authorised: transaction {result.transaction.pk}")


def _card(value: str) -> Card:
    try:
        card_id = uuid.UUID(value)
    except ValueError as exc:
        raise CommandError("CARD_ID must be a card's id", returncode=BAD_ARGUMENTS) from exc
    card = Card.objects.defer("pan").filter(pk=card_id).first()
    if card is None:
        raise CommandError("no card has that id", returncode=BAD_ARGUMENTS)
    return card


def _amount(value: str) -> Decimal:
    try:
        amount = Decimal(value)
    except InvalidOperation as exc:
        raise CommandError("AMOUNT must be pounds and pence, e.g. 12.50", returncode=2) from exc
    if not amount.is_finite():
        raise CommandError("AMOUNT must be pounds and pence, e.g. 12.50", returncode=2)
    return amount
