"""Demo product terms shown on /card/. Figures are plausible, not an offer of credit."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class Rate:
    label: str
    annual_rate: Decimal
    note: str

    @property
    def monthly_rate(self) -> Decimal:
        """The monthly rate that compounds to the annual one, as the Summary Box shows it."""
        monthly = (1 + self.annual_rate / 100) ** (Decimal(1) / 12) - 1
        return (monthly * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Fee:
    label: str
    amount: str
    note: str
    default_charge: bool = False  # the Summary Box lists these apart from the fees


@dataclass(frozen=True)
class CardTerms:
    representative_apr: Decimal
    assumed_limit: int
    rates: tuple[Rate, ...]
    fees: tuple[Fee, ...]
    points_per_pound_partner: int
    points_per_pound_elsewhere: int
    points_value_pence: Decimal
    # The same figures as partnership/cards/services.py (checked by a test there).
    interest_free_days: int = 56
    days_to_pay: int = 25
    minimum_payment_floor: int = 25
    minimum_payment_percent: int = 1

    @property
    def ordinary_fees(self) -> tuple[Fee, ...]:
        return tuple(fee for fee in self.fees if not fee.default_charge)

    @property
    def default_charges(self) -> tuple[Fee, ...]:
        return tuple(fee for fee in self.fees if fee.default_charge)


CARD_TERMS = CardTerms(
    representative_apr=Decimal("24.9"),
    assumed_limit=1200,
    rates=(
        Rate(
            "Purchases",
            Decimal("24.9"),
            "Variable. Up to 56 days interest-free if you pay "
            "the full balance by the due date each month.",
        ),
        Rate("Balance transfers", Decimal("24.9"), "Variable, after any introductory offer."),
        Rate(
            "Cash withdrawals",
            Decimal("29.9"),
            "Variable. Interest is charged from the day of the withdrawal.",
        ),
    ),
    fees=(
        Fee("Annual fee", "None", ""),
        Fee("Cash withdrawal", "3% (minimum £3)", "Also applies to gambling transactions."),
        Fee(
            "Spending abroad", "None", "We use the card scheme's exchange rate, with no added fee."
        ),
        Fee(
            "Late payment",
            "£12",
            "Charged when the minimum payment arrives late.",
            default_charge=True,
        ),
        Fee(
            "Over your credit limit",
            "£12",
            "Charged only if you agreed to over-limit transactions.",
            default_charge=True,
        ),
    ),
    points_per_pound_partner=3,
    points_per_pound_elsewhere=1,
    points_value_pence=Decimal("1"),
)
