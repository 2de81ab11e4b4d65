"""Statement documents, made on request and never stored: PDF (fpdf2) and CSV.

File names say only what the document is and its month (no name, no card digits).
The CSV neutralises spreadsheet formulas: a text cell starting with = + - @, a tab or
a carriage return gets a leading apostrophe, so a description such as ``=SUM(A1)``
stays text. Amounts are written as two positive columns (money out, money in), so no
number needs a minus sign.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from fpdf import FPDF

from partnership.cards.models import CardAccount, Statement, Transaction
from partnership.cards.pan import pan_mask

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_HEADER = ("Date", "Description", "Category", "Money out (GBP)", "Money in (GBP)", "Points")


def statement_filename(*, statement: Statement, extension: str) -> str:
    return f"statement-{statement.period_start:%Y-%m}.{extension}"


def csv_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def statement_csv(*, transactions: Iterable[Transaction]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for row in transactions:
        writer.writerow(
            [
                csv_cell(value)
                for value in (
                    row.posted_on.isoformat(),
                    row.description,
                    row.get_category_display(),
                    row.money_out or "",
                    row.money_in or "",
                    row.points_earned,
                )
            ]
        )
    return buffer.getvalue()


def _pounds(amount: Decimal) -> str:
    sign = "-" if amount < 0 else ""
    return f"{sign}GBP {abs(amount):,.2f}"


def _latin1(text: str) -> str:
    # The PDF's built-in fonts cover Latin-1; anything else shows as "?".
    return text.encode("latin-1", "replace").decode("latin-1")


def statement_pdf(
    *,
    statement: Statement,
    account: CardAccount,
    transactions: Sequence[Transaction],
    card_name: str,
    issuer_name: str,
) -> bytes:
    pdf = FPDF(format="A4")
    # Uncompressed: the file stays small and its text can be checked by tests.
    pdf.set_compression(False)
    pdf.set_title(f"Statement {statement.period_label}")
    pdf.set_creator(_latin1(issuer_name))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, _latin1(f"{card_name} statement"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    summary = (
        ("Statement period", statement.period_label),
        ("Card number", pan_mask(last4=account.pan_last4, mask="*")),
        ("Opening balance", _pounds(statement.opening_balance)),
        ("Money out", _pounds(statement.money_out)),
        ("Money in", _pounds(statement.money_in)),
        ("Closing balance", _pounds(statement.closing_balance)),
        ("Minimum payment", _pounds(statement.minimum_payment)),
        ("Payment due by", f"{statement.due_on.day} {statement.due_on:%B %Y}"),
        ("Points earned", f"{statement.points_earned:,}"),
    )
    for label, value in summary:
        pdf.cell(55, 7, label)
        pdf.cell(0, 7, _latin1(value), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 10)
    widths = (25, 85, 30, 30)
    for width, heading in zip(
        widths, ("Date", "Description", "Money out", "Money in"), strict=True
    ):
        pdf.cell(width, 7, heading, border="B")
    pdf.ln()
    pdf.set_font("Helvetica", "", 10)
    if not transactions:
        pdf.cell(0, 7, "No transactions in this period.", new_x="LMARGIN", new_y="NEXT")
    for row in transactions:
        pdf.cell(widths[0], 6, row.posted_on.strftime("%d %b %Y"))
        pdf.cell(widths[1], 6, _latin1(row.description)[:48])
        pdf.cell(widths[2], 6, _pounds(row.money_out) if row.money_out else "", align="R")
        pdf.cell(widths[3], 6, _pounds(row.money_in) if row.money_in else "", align="R")
        pdf.ln()
    return bytes(pdf.output())
