"""Card accounts, their transactions, monthly statements and Partnership points."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import models

from partnership.cards.pan import pan_mask
from partnership.core import clock
from partnership.crypto.fields import (
    CardDataField,
    EncryptedDecimalField,
    EncryptedModel,
    EncryptedTextField,
)

PAN_INDEX_PURPOSE = "card-pan"


def _money(**kwargs: object) -> EncryptedDecimalField:
    # Up to £9,999,999.99, pence-exact.
    return EncryptedDecimalField(max_digits=9, decimal_places=2, **kwargs)  # type: ignore[arg-type]


def _points(**kwargs: object) -> EncryptedDecimalField:
    # Whole points; a decimal because the encrypted fields offer no integer type.
    return EncryptedDecimalField(max_digits=9, decimal_places=0, **kwargs)  # type: ignore[arg-type]


class CardProduct(models.TextChoices):
    PARTNERSHIP = "partnership", "Partnership Card"


class CardAccountStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class CardAccount(EncryptedModel):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # Card records outlive a request to delete the user while a legal hold runs.
        on_delete=models.PROTECT,
        related_name="card_accounts",
    )
    product = models.CharField(
        max_length=20, choices=CardProduct.choices, default=CardProduct.PARTNERSHIP
    )
    status = models.CharField(
        max_length=10, choices=CardAccountStatus.choices, default=CardAccountStatus.OPEN
    )
    opened_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)
    # The full number only encrypted, under CARD_DATA_KEYS; the index (under
    # CARD_INDEX_KEYS, "<key id>.<hex>") keeps issued numbers unique. No other digit of
    # it is stored but the last four (docs/cards.md).
    pan = CardDataField(max_length=19)
    pan_index = models.CharField(max_length=81, unique=True, editable=False)
    pan_last4 = models.CharField(max_length=4)
    credit_limit = _money()
    balance = _money()  # positive: what the customer owes
    apr = EncryptedDecimalField(max_digits=5, decimal_places=2)  # per cent a year
    minimum_payment = _money()
    payment_due_on = models.DateField(null=True, blank=True)
    points_balance = _points()
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        ordering = ("-opened_on", "id")

    def __str__(self) -> str:
        return f"card account {self.pk}"

    @property
    def masked_pan(self) -> str:
        return pan_mask(last4=self.pan_last4)

    @property
    def available_credit(self) -> Decimal:
        limit: Decimal = self.credit_limit
        owed: Decimal = self.balance
        return max(Decimal("0.00"), limit - owed)


class TransactionKind(models.TextChoices):
    PURCHASE = "purchase", "Purchase"
    REFUND = "refund", "Refund"
    PAYMENT = "payment", "Payment"
    INTEREST = "interest", "Interest"
    FEE = "fee", "Fee"


class SpendingCategory(models.TextChoices):
    GROCERIES = "groceries", "Groceries"
    PARTNERSHIP = "partnership", "Partnership shops"
    TRAVEL = "travel", "Travel"
    FUEL = "fuel", "Fuel"
    DINING = "dining", "Eating out"
    HOME = "home", "Home and garden"
    ENTERTAINMENT = "entertainment", "Entertainment"
    BILLS = "bills", "Bills and subscriptions"
    OTHER = "other", "Other"
    ACCOUNT = "account", "Account"


class Transaction(EncryptedModel):
    account = models.ForeignKey(CardAccount, on_delete=models.CASCADE, related_name="transactions")
    posted_on = models.DateField()
    kind = models.CharField(max_length=10, choices=TransactionKind.choices)
    description = EncryptedTextField(max_length=200)
    category = EncryptedTextField(max_length=20, choices=SpendingCategory.choices)
    amount = _money()  # positive adds to the balance, negative (payments, refunds) reduces it
    points_earned = _points()

    class Meta:
        ordering = ("-posted_on", "id")
        indexes = (models.Index(fields=("account", "posted_on")),)

    def __str__(self) -> str:
        return f"transaction {self.pk}"

    @property
    def money_out(self) -> Decimal | None:
        return self.amount if self.amount > 0 else None

    @property
    def money_in(self) -> Decimal | None:
        return -self.amount if self.amount < 0 else None


class Statement(EncryptedModel):
    """One calendar month's totals; its documents are produced on request, never stored."""

    account = models.ForeignKey(CardAccount, on_delete=models.CASCADE, related_name="statements")
    period_start = models.DateField()
    period_end = models.DateField()
    due_on = models.DateField()
    opening_balance = _money()
    closing_balance = _money()
    money_out = _money()  # purchases, interest and fees
    money_in = _money()  # payments and refunds, as a positive figure
    minimum_payment = _money()
    points_earned = _points()
    generated_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        ordering = ("-period_start", "id")
        constraints = (
            models.UniqueConstraint(
                fields=("account", "period_start"), name="cards_statement_one_per_month"
            ),
        )

    def __str__(self) -> str:
        return f"statement {self.pk}"

    @property
    def period_label(self) -> str:
        return f"{_long_date(self.period_start)} to {_long_date(self.period_end)}"


class PointsEntryKind(models.TextChoices):
    EARNED = "earned", "Earned"
    REDEEMED = "redeemed", "Redeemed"


class PointsEntry(EncryptedModel):
    account = models.ForeignKey(CardAccount, on_delete=models.CASCADE, related_name="points")
    occurred_on = models.DateField()
    kind = models.CharField(max_length=10, choices=PointsEntryKind.choices)
    description = EncryptedTextField(max_length=200)
    points = _points()  # negative for a redemption
    statement = models.OneToOneField(
        Statement, on_delete=models.CASCADE, null=True, blank=True, related_name="points_entry"
    )

    class Meta:
        ordering = ("-occurred_on", "id")
        verbose_name_plural = "points entries"

    def __str__(self) -> str:
        return f"points entry {self.pk}"


def _long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"
