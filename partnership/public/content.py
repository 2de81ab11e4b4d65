"""Demo product terms shown on /card/. Figures are plausible, not an offer of credit."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Rate:
    label: str
    annual_rate: Decimal
    note: str


@dataclass(frozen=True)
class Fee:
    label: str
    amount: str
    note: str


@dataclass(frozen=True)
class CardTerms:
    representative_apr: Decimal
    assumed_limit: int
    rates: tuple[Rate, ...]
    fees: tuple[Fee, ...]
    points_per_pound_partner: int
    points_per_pound_elsewhere: int
    points_value_pence: Decimal


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
        Fee("Late payment", "£12", "Charged when the minimum payment arrives late."),
        Fee(
            "Over your credit limit",
            "£12",
            "Charged only if you agreed to over-limit transactions.",
        ),
    ),
    points_per_pound_partner=3,
    points_per_pound_elsewhere=1,
    points_value_pence=Decimal("1"),
)
