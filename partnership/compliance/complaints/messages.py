"""The e-mails a complainant receives: the acknowledgement and the outcome.

Each states the right to complain to the Information Commissioner's Office with its
contact details (Data (Use and Access) Act 2025). The outcome is always sent in writing,
whatever reply the person preferred: the final response must be written (FCA DISP 1.6).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail

from partnership.compliance.complaints.models import Complaint
from partnership.compliance.ico import ICO_RIGHT
from partnership.core import clock

logger = logging.getLogger(__name__)


def acknowledgement_text(*, complaint: Complaint) -> tuple[str, str]:
    brand = settings.BRAND
    subject = f"{brand['card_name']}: we are looking into your complaint {complaint.reference}"
    body = "\n\n".join(
        [
            f"We have received your complaint, reference {complaint.reference}, and are "
            "looking into it. We will send you our final response within 8 weeks of "
            "receiving it.",
            ICO_RIGHT,
            f"{brand['issuer_name']}",
        ]
    )
    return subject, body


def outcome_text(*, complaint: Complaint) -> tuple[str, str]:
    brand = settings.BRAND
    subject = f"{brand['card_name']}: our final response to complaint {complaint.reference}"
    decided = complaint.outcome_at.astimezone(clock.LONDON) if complaint.outcome_at else None
    body = "\n\n".join(
        [
            f"Our decision on your complaint {complaint.reference}: "
            f"{complaint.get_outcome_display().lower()}"
            + (f", on {decided:%d %B %Y}." if decided else "."),
            f"What we did to look into it: {(complaint.steps_taken or '').strip()}",
            "If you are not happy with this response, you can refer your complaint to the "
            "Financial Ombudsman Service, free of charge, within 6 months.",
            ICO_RIGHT,
            f"{brand['issuer_name']}",
        ]
    )
    return subject, body


def complaint_mail(*, complaint: Complaint, subject: str, body: str) -> None:
    """Send one message to the complainant; a failure is logged without their address."""
    try:
        send_mail(subject=subject, message=body, from_email=None, recipient_list=[complaint.email])
    except OSError:
        logger.exception("complaint e-mail not sent")
