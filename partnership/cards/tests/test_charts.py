"""The account's pictures: spending by category and the balance over 12 months, each
with a summary and a table of the same figures (cards/charts.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.template.loader import render_to_string

from partnership.cards import selectors
from partnership.cards.charts import account_charts, balance_chart, spending_chart
from partnership.cards.models import SpendingCategory, TransactionKind
from partnership.cards.services import statement_generate
from partnership.cards.tests.factories import account_create, customer_create, post, purchase

pytestmark = pytest.mark.django_db


def _month(account, start: dt.date, amounts: list[tuple[str, SpendingCategory]]):  # type: ignore[no-untyped-def]
    post(
        account,
        *(
            purchase(start + dt.timedelta(days=i + 2), "Shop", amount, category=category)
            for i, (amount, category) in enumerate(amounts)
        ),
    )
    return statement_generate(account=account, period_start=start)


def test_spending_is_totalled_per_category_largest_first_refunds_taken_off() -> None:
    account = account_create(owner=customer_create())
    post(
        account,
        purchase(dt.date(2025, 1, 3), "Grocer", "40.00"),
        purchase(dt.date(2025, 1, 4), "Grocer", "25.50"),
        purchase(dt.date(2025, 1, 5), "Rail", "120.00", category=SpendingCategory.TRAVEL),
        purchase(
            dt.date(2025, 1, 6),
            "Rail refund",
            "-20.00",
            kind=TransactionKind.REFUND,
            category=SpendingCategory.TRAVEL,
        ),
    )
    statement = statement_generate(account=account, period_start=dt.date(2025, 1, 1))

    chart = spending_chart(
        statement=statement,
        transactions=list(selectors.statement_transactions(statement=statement)),
    )

    assert chart is not None
    assert [(bar.label, bar.amount) for bar in chart.bars] == [
        ("Travel", Decimal("100.00")),
        ("Groceries", Decimal("65.50")),
    ]
    assert chart.bars[0].width == 360.0  # the largest fills the room
    assert chart.bars[1].width == round(65.5 / 100 * 360, 1)
    assert chart.summary == (
        f"From {statement.period_label} you spent £165.50 in 2 categories; "
        "the most on Travel: £100.00."
    )


def test_balance_shows_the_last_12_closing_balances_oldest_first() -> None:
    account = account_create(owner=customer_create(), opened_on=dt.date(2024, 1, 1))
    statements = []
    for month in range(1, 14):  # 13 months: only the last 12 are drawn
        start = dt.date(2024 + (month - 1) // 12, (month - 1) % 12 + 1, 1)
        statements.append(_month(account, start, [("10.00", SpendingCategory.GROCERIES)]))
    newest_first = list(reversed(statements))

    chart = balance_chart(statements=newest_first)

    assert chart is not None
    assert [bar.label for bar in chart.bars] == [f"{s.period_end:%b %Y}" for s in statements[1:]]
    assert [bar.amount for bar in chart.bars] == [s.closing_balance for s in statements[1:]]
    assert chart.title == "Balance over 12 months"
    assert chart.summary.startswith(
        f"Your balance went from £{statements[1].closing_balance:,.2f} at the end of February 2024"
    )


def test_nothing_to_draw_draws_nothing() -> None:
    account = account_create(owner=customer_create())
    statement = statement_generate(account=account, period_start=dt.date(2025, 1, 1))

    assert spending_chart(statement=statement, transactions=[]) is None
    assert balance_chart(statements=[statement]) is None
    assert account_charts(statements=[], transactions=[])["charts"] == (None, None)


def test_the_charts_render_as_svg_with_a_summary_and_a_table_and_no_style_or_script() -> None:
    account = account_create(owner=customer_create())
    first = _month(account, dt.date(2025, 1, 1), [("40.00", SpendingCategory.GROCERIES)])
    second = _month(account, dt.date(2025, 2, 1), [("12.00", SpendingCategory.FUEL)])
    context = account_charts(
        statements=[second, first],
        transactions=list(selectors.statement_transactions(statement=second)),
    )

    html = render_to_string("cards/_charts.html", context)

    assert html.count("<svg") == 2
    assert html.count("<table>") == 2
    assert '<th scope="row">Fuel</th><td>£12.00</td>' in html
    assert context["spending_chart"].summary in html
    assert "<desc" in html
    assert "style=" not in html
    assert "<script" not in html
