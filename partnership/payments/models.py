"""One-off card payments through a payment provider, Direct Debit instructions and
their collections, and the modulus table in force.

Encrypted: every amount, the bank sort code, account number and account holder's
name. Plain: what queries need (dates, status, kinds), the provider's reference and
the last 4 digits of the bank account number, the only part of it ever shown. No
debit card number is ever received or stored: the provider's hosted page takes it.
"""

from __future__ import annotations

from django.db import models

from partnership.cards.models import CardAccount, Transaction
from partnership.core import clock
from partnership.crypto.fields import EncryptedDecimalField, EncryptedModel, EncryptedTextField


def _money(**kwargs: object) -> EncryptedDecimalField:
    return EncryptedDecimalField(max_digits=9, decimal_places=2, **kwargs)  # type: ignore[arg-type]


class PaymentStatus(models.TextChoices):
    STARTED = "started", "Waiting for the payment provider"
    PAID = "paid", "Paid"
    FAILED = "failed", "Not paid"


class Payment(EncryptedModel):
    """A one-off payment the customer made on the provider's hosted page."""

    account = models.ForeignKey(CardAccount, on_delete=models.CASCADE, related_name="payments")
    provider = models.CharField(max_length=20)
    provider_reference = models.CharField(max_length=64, unique=True)
    amount = _money()
    status = models.CharField(
        max_length=10, choices=PaymentStatus.choices, default=PaymentStatus.STARTED
    )
    started_at = models.DateTimeField(default=clock.now, editable=False)
    completed_at = models.DateTimeField(null=True, blank=True)
    transaction = models.OneToOneField(
        Transaction, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ("-started_at", "id")

    def __str__(self) -> str:
        return f"payment {self.pk}"


class DirectDebitAmount(models.TextChoices):
    MINIMUM = "minimum", "The minimum payment"
    FULL = "full", "The full balance"
    FIXED = "fixed", "A fixed amount"


class DirectDebitStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    CANCELLED = "cancelled", "Cancelled"


class DirectDebitInstruction(EncryptedModel):
    account = models.ForeignKey(CardAccount, on_delete=models.CASCADE, related_name="direct_debits")
    reference = models.CharField(max_length=18, unique=True)  # the mandate reference
    status = models.CharField(
        max_length=10, choices=DirectDebitStatus.choices, default=DirectDebitStatus.ACTIVE
    )
    amount_kind = models.CharField(max_length=10, choices=DirectDebitAmount.choices)
    fixed_amount = _money(null=True, blank=True)
    holder_name = EncryptedTextField(max_length=70)
    sort_code = EncryptedTextField(max_length=6)
    account_number = EncryptedTextField(max_length=8)
    account_last4 = models.CharField(max_length=4)
    created_at = models.DateTimeField(default=clock.now, editable=False)
    changed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "id")
        constraints = (
            models.UniqueConstraint(
                fields=("account",),
                condition=models.Q(status="active"),
                name="payments_one_active_direct_debit",
            ),
        )

    def __str__(self) -> str:
        return f"direct debit {self.pk}"

    @property
    def masked_account(self) -> str:
        return f"ending {self.account_last4}"


class CollectionStatus(models.TextChoices):
    NOTIFIED = "notified", "Advance notice sent"
    COLLECTED = "collected", "Collected"
    CANCELLED = "cancelled", "Cancelled"
    NOTHING_OWED = "nothing_owed", "Nothing to collect"


class DirectDebitCollection(EncryptedModel):
    """One collection: its advance notice, then the payment on the due date."""

    instruction = models.ForeignKey(
        DirectDebitInstruction, on_delete=models.CASCADE, related_name="collections"
    )
    account = models.ForeignKey(CardAccount, on_delete=models.CASCADE, related_name="+")
    due_on = models.DateField()
    amount = _money()
    status = models.CharField(max_length=12, choices=CollectionStatus.choices)
    notified_on = models.DateField()
    collected_on = models.DateField(null=True, blank=True)
    transaction = models.OneToOneField(
        Transaction, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ("-due_on", "id")
        constraints = (
            models.UniqueConstraint(
                fields=("instruction", "due_on"), name="payments_one_collection_per_due_date"
            ),
        )

    def __str__(self) -> str:
        return f"direct debit collection {self.pk}"


class SandboxOutcome(models.TextChoices):
    WAITING = "waiting", "Waiting"
    PAID = "paid", "Paid"
    DECLINED = "declined", "Declined"


class SandboxPayment(EncryptedModel):
    """The sandbox provider's own record: what a real provider keeps on its side."""

    reference = models.CharField(max_length=64, unique=True)
    amount = _money()
    outcome = models.CharField(
        max_length=10, choices=SandboxOutcome.choices, default=SandboxOutcome.WAITING
    )
    return_path = models.CharField(max_length=200)
    created_at = models.DateTimeField(default=clock.now, editable=False)

    def __str__(self) -> str:
        return f"sandbox payment {self.pk}"


class ModulusTableVersion(models.Model):
    """A modulus weight table and substitution table an operator loaded."""

    version = models.CharField(max_length=40)
    published_on = models.DateField()
    weights = models.TextField()
    substitutions = models.TextField()
    loaded_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        ordering = ("-loaded_at", "-id")

    def __str__(self) -> str:
        return f"modulus table {self.version}"
