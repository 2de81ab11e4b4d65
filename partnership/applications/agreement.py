"""The credit agreement of an approved application, as a PDF made on request.

Nothing is stored but the application itself: the agreement is drawn again each time
from what was decided (limit, rate, date) and the pre-contract information of the
version the applicant read (``precontract.py``), so the PDF always says what was
agreed. The file name says only what the document is.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from fpdf import FPDF

from partnership.applications.models import Application, Outcome
from partnership.applications.precontract import precontract_information

FILENAME = "credit-agreement.pdf"


def agreement_application(*, customer_id: uuid.UUID) -> Application | None:
    """The approved application that made this customer's agreement, if any."""
    return (
        Application.objects.filter(customer_id=customer_id, outcome=Outcome.APPROVED)
        .order_by("decided_at")
        .first()
    )


def _latin1(text: str) -> str:
    # The PDF's built-in fonts cover Latin-1; "£" is in it, anything else shows as "?".
    return text.encode("latin-1", "replace").decode("latin-1")


def agreement_pdf(*, application: Application) -> bytes:
    brand = settings.BRAND
    info = precontract_information()
    pdf = FPDF(format="A4")
    pdf.set_compression(False)  # small, and its text can be checked by tests
    pdf.set_title("Credit agreement")
    pdf.set_creator(_latin1(str(brand["issuer_name"])))
    # Dated when the agreement was made, so that the same agreement always makes the same
    # file (the account's copy, the subject access export's, a second download).
    if application.decided_at is not None:
        pdf.set_creation_date(application.decided_at)
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(
        0, 10, _latin1(f"{brand['card_name']}: credit agreement"), new_x="LMARGIN", new_y="NEXT"
    )
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(
        0, 5, "Credit agreement regulated by the Consumer Credit Act 1974.", new_x="LMARGIN"
    )
    pdf.ln(2)
    made = application.decided_at
    assert application.credit_limit is not None
    assert application.apr is not None
    for label, value in (
        ("Lender", str(brand["issuer_name"])),
        ("Borrower", f"{application.first_name} {application.last_name}"),
        ("Agreement reference", application.reference),
        ("Made on", f"{made.day} {made:%B %Y}"),
        ("Credit limit", f"£{application.credit_limit:,.2f}"),
        ("Your rate for purchases and transfers", f"{application.apr}% APR, variable"),
        ("Terms version", application.precontract_version or info.version),
    ):
        pdf.set_font("Helvetica", "B", 10)
        pdf.cell(70, 6, _latin1(label))
        pdf.set_font("Helvetica", "", 10)
        pdf.cell(0, 6, _latin1(value), new_x="LMARGIN", new_y="NEXT")
    for section in info.sections[1:]:
        pdf.ln(3)
        pdf.set_font("Helvetica", "B", 12)
        pdf.cell(0, 8, _latin1(section.heading), new_x="LMARGIN", new_y="NEXT")
        for label, value in section.rows:
            pdf.set_font("Helvetica", "B", 10)
            pdf.multi_cell(0, 5, _latin1(label), new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("Helvetica", "", 10)
            pdf.multi_cell(0, 5, _latin1(value), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
