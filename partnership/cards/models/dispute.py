"""Transactions a customer says are not theirs, and how an agent settles each."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from partnership.cards.models.account import CardAccount, Transaction
from partnership.cards.models.card import Card
from partnership.core import clock
from partnership.core.text import validate_multi_line
from partnership.crypto.fields import EncryptedModel, EncryptedTextField

OUTCOME_NOTE_MAX = 500
# Twelve digits in a row, even with spaces or hyphens between them, could be a card
# number (or most of one): such a note is refused rather than stored.
_CARD_LIKE = re.compile(r"\d(?:[ \-]?\d){11,}")


def validate_no_card_number(value: str) -> None:
    if _CARD_LIKE.search(value):
        raise ValidationError(
            "Leave card and account numbers out of the note (it has 12 or more digits in a row).",
            code="card_number",
        )


class DisputeStatus(models.TextChoices):
    OPEN = "open", "Open"
    UPHELD = "upheld", "Upheld: refunded"
    REJECTED = "rejected", "Rejected"


class TransactionDispute(EncryptedModel):
    """A transaction the customer says is not theirs, for the agents' disputes queue.

    An agent closes it once, upheld (the amount credited back, ``credit``) or rejected,
    with the date, who decided and a short note; a closed dispute is never reopened.
    """

    account = models.ForeignKey(CardAccount, on_delete=models.CASCADE, related_name="disputes")
    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="disputes")
    transaction = models.OneToOneField(
        Transaction, on_delete=models.CASCADE, related_name="dispute"
    )
    status = models.CharField(
        max_length=10, choices=DisputeStatus.choices, default=DisputeStatus.OPEN
    )
    raised_at = models.DateTimeField(default=clock.now)
    outcome_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Null while open (an encrypted column holds a token or nothing).
    outcome_note = EncryptedTextField(
        max_length=OUTCOME_NOTE_MAX,
        null=True,
        blank=True,
        validators=[validate_multi_line, validate_no_card_number],
    )
    # The refund an upheld dispute posted to the account.
    credit = models.OneToOneField(
        Transaction,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dispute_credit",
    )

    class Meta:
        ordering = ("raised_at", "id")

    def __str__(self) -> str:
        return f"transaction dispute {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status == DisputeStatus.OPEN
