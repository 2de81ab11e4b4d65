"""What the customer chose to be told, and how: alerts per kind and channel, the
mobile number for text messages, paper or paperless statements, and a log of the
alerts sent (kind, channel and when; never what the message said).

The mobile number and the purchase amount the customer set are encrypted.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from partnership.crypto.fields import EncryptedDecimalField, EncryptedModel, EncryptedTextField

MOBILE_MAX = 16  # E.164: +44 and ten digits


class AlertKind(models.TextChoices):
    PAYMENT_DUE = "payment_due", "Payment due soon"
    PAYMENT_RECEIVED = "payment_received", "Payment received"
    LIMIT = "limit", "Near or over your credit limit"
    CARD_STATUS = "card_status", "Card frozen or blocked"
    PURCHASE_OVER = "purchase_over", "A purchase over an amount you set"
    NEW_DEVICE = "new_device", "A new device signed in"


class Channel(models.TextChoices):
    EMAIL = "email", "E-mail"
    SMS = "sms", "Text message (SMS)"


# What the sent-alert log records: every alert kind, and the "statement ready" e-mail
# paperless customers get.
STATEMENT_READY = "statement_ready"
SENT_KINDS = [*AlertKind.choices, (STATEMENT_READY, "Statement ready")]


class AlertChoice(EncryptedModel):
    """One kind of alert the customer asked for, on which channels, with its setting."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alert_choices"
    )
    kind = models.CharField(max_length=20, choices=AlertKind.choices)
    by_email = models.BooleanField(default=False)
    by_sms = models.BooleanField(default=False)
    # Payment due: how many days before the due date (1-10).
    days_before = models.PositiveSmallIntegerField(null=True, blank=True)
    # Near the limit: from what share of the limit used, in per cent.
    percent = models.PositiveSmallIntegerField(null=True, blank=True)
    # A purchase over this amount, in pounds.
    amount = EncryptedDecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    updated_at = models.DateTimeField()

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=("user", "kind"), name="alerts_one_choice_per_kind")
        ]

    def __str__(self) -> str:
        return f"alert choice {self.kind} of user {self.user_id}"

    @property
    def channels(self) -> list[Channel]:
        return [c for c, on in ((Channel.EMAIL, self.by_email), (Channel.SMS, self.by_sms)) if on]


class AlertPhone(EncryptedModel):
    """The UK mobile number text-message alerts go to (E.164, encrypted)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alert_phone"
    )
    number = EncryptedTextField(max_length=MOBILE_MAX)
    updated_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"alert phone of user {self.user_id}"


class StatementPreference(models.Model):
    """Paper or paperless statements; no row means paperless (docs/alerts.md)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="statement_preference"
    )
    paperless = models.BooleanField()
    updated_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"statement preference of user {self.user_id}"


class SentAlert(models.Model):
    """One alert sent: its kind, channel and when. Never the text, number or address."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sent_alerts"
    )
    kind = models.CharField(max_length=20, choices=SENT_KINDS)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    sent_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-sent_at"]

    def __str__(self) -> str:
        return f"sent alert {self.kind} by {self.channel} to user {self.user_id}"
