"""Transactions a customer says are not theirs, and how an agent settles each."""

from __future__ import annotations

import uuid

from django.db import models

from partnership.cards.models.account import CardAccount, Transaction
from partnership.cards.models.card import Card
from partnership.core import clock


class DisputeStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class TransactionDispute(models.Model):
    """A transaction the customer says is not theirs, for the agents' disputes queue."""

    account = models.ForeignKey(CardAccount, on_delete=models.CASCADE, related_name="disputes")
    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="disputes")
    transaction = models.OneToOneField(
        Transaction, on_delete=models.CASCADE, related_name="dispute"
    )
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    status = models.CharField(
        max_length=10, choices=DisputeStatus.choices, default=DisputeStatus.OPEN
    )
    raised_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ("raised_at", "id")

    def __str__(self) -> str:
        return f"transaction dispute {self.pk}"
