"""The plastic cards under an account, and each step in their lives."""

from __future__ import annotations

import datetime as dt

from django.db import models

from partnership.cards.models.account import CardAccount
from partnership.cards.pan import pan_mask
from partnership.core import clock
from partnership.crypto.fields import CardDataField, EncryptedModel


class CardStatus(models.TextChoices):
    INACTIVE = "inactive", "Not yet activated"
    ACTIVE = "active", "Active"
    FROZEN = "frozen", "Frozen"
    BLOCKED = "blocked", "Blocked"


class BlockReason(models.TextChoices):
    LOST = "lost", "Lost"
    STOLEN = "stolen", "Stolen"


class Card(EncryptedModel):
    """A plastic card under the account; a replacement is a new card with a new number.

    The number is kept as the account keeps its own (docs/cards.md); ``blocked`` is final.
    """

    account = models.ForeignKey(CardAccount, on_delete=models.CASCADE, related_name="cards")
    pan = CardDataField(max_length=19)
    pan_index = models.CharField(max_length=81, unique=True, editable=False)
    pan_last4 = models.CharField(max_length=4)
    expiry_month = models.PositiveSmallIntegerField()
    expiry_year = models.PositiveSmallIntegerField()
    status = models.CharField(
        max_length=10, choices=CardStatus.choices, default=CardStatus.INACTIVE
    )
    # One replacement per card at most: the database refuses a second.
    replaces = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="replaced_by"
    )
    issued_on = models.DateField()
    activated_on = models.DateField(null=True, blank=True)
    blocked_on = models.DateField(null=True, blank=True)
    block_reason = models.CharField(max_length=10, choices=BlockReason.choices, blank=True)
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        ordering = ("-issued_on", "-created_at")

    def __str__(self) -> str:
        return f"card {self.pk}"

    @property
    def masked_pan(self) -> str:
        return pan_mask(last4=self.pan_last4)

    @property
    def expiry_label(self) -> str:
        return f"{self.expiry_month:02d}/{self.expiry_year % 100:02d}"

    def expired_on(self, day: dt.date) -> bool:
        """A card works until the last day of its expiry month."""
        return (day.year, day.month) > (self.expiry_year, self.expiry_month)


class ChangedBy(models.TextChoices):
    CUSTOMER = "customer", "You"
    STAFF = "staff", "Customer service"
    SYSTEM = "system", "Partnership Card"


class CardStatusChange(models.Model):
    """One step in a card's life (issued, activated, frozen, ...): the account's activity."""

    account = models.ForeignKey(
        CardAccount, on_delete=models.CASCADE, related_name="card_status_changes"
    )
    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=10, choices=CardStatus.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=CardStatus.choices)
    changed_at = models.DateTimeField(default=clock.now)
    changed_by = models.CharField(max_length=10, choices=ChangedBy.choices)

    class Meta:
        ordering = ("-changed_at", "-id")

    def __str__(self) -> str:
        return f"card status change {self.pk}"
