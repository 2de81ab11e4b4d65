from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from typing import Any

from django.test import Client

from partnership.audit.models import AuditEvent
from partnership.cards import services
from partnership.cards.models import CardAccount, PointsEntry, SpendingCategory, TransactionKind
from partnership.cards.tests.factories import post, purchase

MARCH = dt.date(2026, 3, 1)


def march_statement(account: CardAccount) -> Any:
    post(
        account,
        purchase(dt.date(2026, 2, 10), "February shop", "100.00"),
        purchase(dt.date(2026, 3, 2), "Corner Grocer", "40.50"),
        purchase(
            dt.date(2026, 3, 5),
            "Partnership Food Hall",
            "20.99",
            category=SpendingCategory.PARTNERSHIP,
        ),
        purchase(dt.date(2026, 3, 9), "=SUM(A1)", "3.00"),
        purchase(
            dt.date(2026, 3, 20),
            "Direct Debit payment",
            "-100.00",
            kind=TransactionKind.PAYMENT,
            category=SpendingCategory.ACCOUNT,
        ),
        purchase(
            dt.date(2026, 3, 31),
            "Interest on purchases",
            "1.25",
            kind=TransactionKind.INTEREST,
            category=SpendingCategory.ACCOUNT,
        ),
        purchase(dt.date(2026, 4, 1), "April shop", "9.99"),
    )
    services.statement_generate(account=account, period_start=dt.date(2026, 2, 1))
    return services.statement_generate(account=account, period_start=MARCH)


def test_statement_totals_come_from_the_months_transactions(account: CardAccount) -> None:
    statement = march_statement(account)
    account.refresh_from_db()

    assert (statement.period_start, statement.period_end) == (MARCH, dt.date(2026, 3, 31))
    assert statement.opening_balance == Decimal("100.00")
    assert statement.money_out == Decimal("65.74")
    assert statement.money_in == Decimal("100.00")
    assert statement.closing_balance == Decimal("65.74")
    assert statement.minimum_payment == Decimal("25.00")
    assert statement.due_on == dt.date(2026, 4, 25)
    # 40 + 20 * 3 + 3 points; February's 100 came with February's statement.
    assert statement.points_earned == Decimal(103)
    assert account.points_balance == Decimal(203)
    assert account.balance == Decimal("75.73")
    assert (account.minimum_payment, account.payment_due_on) == (
        Decimal("25.00"),
        dt.date(2026, 4, 25),
    )
    assert [int(p.points) for p in PointsEntry.objects.order_by("occurred_on")] == [100, 103]


def test_a_statement_is_made_once_per_month(account: CardAccount) -> None:
    first = march_statement(account)

    again = services.statement_generate(account=account, period_start=dt.date(2026, 3, 15))

    assert again.pk == first.pk
    assert account.statements.count() == 2


def test_minimum_payment_rule() -> None:
    rule = services.minimum_payment_for
    assert rule(closing_balance=Decimal("-5.00"), interest_and_fees=Decimal(0)) == Decimal("0.00")
    assert rule(closing_balance=Decimal("18.40"), interest_and_fees=Decimal(0)) == Decimal("18.40")
    assert rule(closing_balance=Decimal("1000.00"), interest_and_fees=Decimal(0)) == Decimal(
        "25.00"
    )
    assert rule(closing_balance=Decimal("4000.00"), interest_and_fees=Decimal("80.00")) == Decimal(
        "120.00"
    )


def test_statements_are_made_for_every_ended_month(account: CardAccount) -> None:
    made = services.statements_generate_due(account=account, today=dt.date(2025, 4, 1))

    assert [s.period_start for s in made] == [dt.date(2025, m, 1) for m in (1, 2, 3)]
    assert services.statements_generate_due(account=account, today=dt.date(2025, 4, 30)) == []


def test_the_statement_page_shows_its_totals(customer_client: Client, account: CardAccount) -> None:
    statement = march_statement(account)

    response = customer_client.get(f"/account/card/statements/{statement.pk}/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "1 March 2026 to 31 March 2026" in body
    assert "£65.74" in body
    assert account.masked_pan in body


def test_the_pdf_is_an_attachment_holding_the_period_and_no_full_card_number(
    customer_client: Client, account: CardAccount
) -> None:
    statement = march_statement(account)

    response = customer_client.get(f"/account/card/statements/{statement.pk}/pdf/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="statement-2026-03.pdf"'
    assert response["Cache-Control"] == "no-store"
    assert response.content.startswith(b"%PDF-")
    assert b"1 March 2026 to 31 March 2026" in response.content
    assert account.pan.encode() not in response.content
    assert account.pan[:6].encode() not in response.content
    assert f"**** **** **** {account.pan[-4:]}".encode() in response.content


def test_the_csv_neutralises_spreadsheet_formulas(
    customer_client: Client, account: CardAccount
) -> None:
    statement = march_statement(account)

    response = customer_client.get(f"/account/card/statements/{statement.pk}/csv/")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="statement-2026-03.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [
        ["Date", "Description", "Category", "Money out (GBP)", "Money in (GBP)", "Points"],
        ["2026-03-02", "Corner Grocer", "Groceries", "40.50", "", "40"],
        ["2026-03-05", "Partnership Food Hall", "Partnership shops", "20.99", "", "60"],
        ["2026-03-09", "'=SUM(A1)", "Groceries", "3.00", "", "3"],
        ["2026-03-20", "Direct Debit payment", "Account", "", "100.00", "0"],
        ["2026-03-31", "Interest on purchases", "Account", "1.25", "", "0"],
    ]


def test_each_download_is_audited_with_ids_only(
    customer_client: Client, account: CardAccount, customer: Any
) -> None:
    statement = march_statement(account)
    before = AuditEvent.objects.count()

    customer_client.get(f"/account/card/statements/{statement.pk}/csv/")

    event = AuditEvent.objects.order_by("-sequence").first()
    assert AuditEvent.objects.count() == before + 1
    assert event is not None
    assert (event.event, event.actor_kind, event.actor_id) == (
        "cards:statement:download",
        "customer",
        str(customer.pk),
    )
    assert (event.subject_type, event.subject_id) == ("statement", str(statement.pk))
    assert event.data == {"document": "csv", "card_account": str(account.pk)}


def test_the_statement_list_links_each_document(
    customer_client: Client, account: CardAccount
) -> None:
    statement = march_statement(account)

    body = customer_client.get("/account/card/statements/").content.decode()

    assert f"/account/card/statements/{statement.pk}/pdf/" in body
    assert f"/account/card/statements/{statement.pk}/csv/" in body
    assert "<caption>Your monthly statements, newest first</caption>" in body
