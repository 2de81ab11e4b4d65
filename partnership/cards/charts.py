"""Two pictures of a card account, drawn on the server as SVG (no script, no library).

- **Spending by category** over the latest statement: one horizontal bar per category,
  longest first, each labelled with its amount, so neither colour nor length alone
  carries the figure.
- **Balance over 12 months**: one bar per statement's closing balance, oldest first.

Each comes with a one-sentence summary (the SVG's ``<desc>`` and the text beside it)
and a table of the same figures, so a screen-reader user, a printed page and a visitor
who cannot see the picture get everything (``cards/_charts.html``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from partnership.cards.models import SpendingCategory, Statement, Transaction, TransactionKind

WIDTH = 640
BAR_HEIGHT = 22
BAR_GAP = 8
LABEL_WIDTH = 190  # category names on the left
AMOUNT_ROOM = 90  # the amount after the bar
COLUMN_AREA_HEIGHT = 180
COLUMN_TOP = 20  # room for the amount above the tallest column
COLUMN_LABEL_ROOM = 24  # month labels under the columns
MONTHS = 12


@dataclass(frozen=True)
class Bar:
    label: str
    amount: Decimal
    x: float
    y: float
    width: float
    height: float
    text_x: float  # where the amount (bars) or month (columns) sits
    text_y: float
    label_x: float = 0.0  # where a bar's category name ends (bars only)


@dataclass(frozen=True)
class Chart:
    title: str
    summary: str
    width: int
    height: int
    bars: tuple[Bar, ...]
    kind: str  # "bars" (labels at the left, amounts after) or "columns" (months below)


def pounds(amount: Decimal) -> str:
    return f"£{amount:,.2f}"


def spending_totals(transactions: Sequence[Transaction]) -> list[tuple[str, Decimal]]:
    """Purchases less refunds per category, largest first; nothing spent, nothing shown."""
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for row in transactions:
        if row.kind in (TransactionKind.PURCHASE, TransactionKind.REFUND):
            totals[row.category] += row.amount
    labels = dict(SpendingCategory.choices)
    spent = [(labels.get(name, name), total) for name, total in totals.items() if total > 0]
    return sorted(spent, key=lambda item: (-item[1], item[0]))


def spending_chart(*, statement: Statement, transactions: Sequence[Transaction]) -> Chart | None:
    totals = spending_totals(transactions)
    if not totals:
        return None
    largest = totals[0][1]
    room = WIDTH - LABEL_WIDTH - AMOUNT_ROOM
    bars = []
    for index, (label, amount) in enumerate(totals):
        y = index * (BAR_HEIGHT + BAR_GAP)
        width = max(1.0, float(amount / largest) * room)
        bars.append(
            Bar(
                label=label,
                amount=amount,
                x=LABEL_WIDTH,
                y=y,
                width=round(width, 1),
                height=BAR_HEIGHT,
                text_x=round(LABEL_WIDTH + width + 6, 1),
                text_y=y + BAR_HEIGHT * 0.7,
                label_x=LABEL_WIDTH - 8,
            )
        )
    whole = sum((amount for _, amount in totals), Decimal(0))
    top_label, top_amount = totals[0]
    summary = (
        f"From {statement.period_label} you spent {pounds(whole)} in {len(totals)} "
        f"{'category' if len(totals) == 1 else 'categories'}; the most on {top_label}: "
        f"{pounds(top_amount)}."
    )
    height = len(bars) * (BAR_HEIGHT + BAR_GAP)
    return Chart("Spending by category", summary, WIDTH, height, tuple(bars), "bars")


def balance_chart(*, statements: Sequence[Statement]) -> Chart | None:
    """``statements``: newest first, as the statement list gives them; the last 12 drawn."""
    months = list(reversed(statements[:MONTHS]))
    if len(months) < 2:
        return None
    highest = max((s.closing_balance for s in months), default=Decimal(0))
    scale = highest if highest > 0 else Decimal(1)
    step = WIDTH / len(months)
    bars = []
    for index, statement in enumerate(months):
        amount = max(statement.closing_balance, Decimal(0))
        height = float(amount / scale) * COLUMN_AREA_HEIGHT
        x = index * step + step * 0.15
        y = COLUMN_TOP + COLUMN_AREA_HEIGHT - height
        bars.append(
            Bar(
                label=f"{statement.period_end:%b %Y}",
                amount=statement.closing_balance,
                x=round(x, 1),
                y=round(y, 1),
                width=round(step * 0.7, 1),
                height=round(height, 1),
                text_x=round(x + step * 0.35, 1),
                text_y=COLUMN_TOP + COLUMN_AREA_HEIGHT + 16,
            )
        )
    first, last = months[0], months[-1]
    peak = max(months, key=lambda s: (s.closing_balance, s.period_end))
    summary = (
        f"Your balance went from {pounds(first.closing_balance)} at the end of "
        f"{first.period_end:%B %Y} to {pounds(last.closing_balance)} at the end of "
        f"{last.period_end:%B %Y}; it was highest at the end of {peak.period_end:%B %Y}: "
        f"{pounds(peak.closing_balance)}."
    )
    height = COLUMN_TOP + COLUMN_AREA_HEIGHT + COLUMN_LABEL_ROOM
    return Chart(
        f"Balance over {len(months)} months", summary, WIDTH, height, tuple(bars), "columns"
    )


def account_charts(
    *, statements: Sequence[Statement], transactions: Sequence[Transaction]
) -> dict[str, Any]:
    """The template's context: ``statements`` newest first, ``transactions`` those of the
    newest statement."""
    spending = (
        spending_chart(statement=statements[0], transactions=transactions) if statements else None
    )
    balance = balance_chart(statements=statements)
    return {"spending_chart": spending, "balance_chart": balance, "charts": (spending, balance)}
