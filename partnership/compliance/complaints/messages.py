"""The e-mails a complainant receives: the acknowledgement and the outcome.

Each states the right to complain to the Information Commissioner's Office with its
contact details (Data (Use and Access) Act 2025). The outcome is always sent in writing,
whatever reply the person preferred: the final response must be written (FCA DISP 1.6).
The words are in ``templates/compliance/complaints/email/``.
"""

from __future__ import annotations

import logging

from django.conf import settings

from partnership.compliance.complaints.models import Complaint
from partnership.compliance.ico import ICO_RIGHT
from partnership.core import clock
from partnership.core.mail import email_send

logger = logging.getLogger(__name__)

_TEMPLATES = "compliance/complaints/email/"


def complaint_acknowledgement_send(*, complaint: Complaint) -> None:
    card = settings.BRAND["card_name"]
    _send(
        complaint=complaint,
        template="acknowledgement",
        subject=f"{card}: we are looking into your complaint {complaint.reference}",
        context={"reference": complaint.reference, "ico_right": ICO_RIGHT},
    )


def complaint_outcome_send(*, complaint: Complaint) -> None:
    card = settings.BRAND["card_name"]
    decided = complaint.outcome_at.astimezone(clock.LONDON) if complaint.outcome_at else None
    _send(
        complaint=complaint,
        template="outcome",
        subject=f"{card}: our final response to complaint {complaint.reference}",
        context={
            "reference": complaint.reference,
            "outcome": complaint.get_outcome_display().lower(),
            "decided": f"{decided:%d %B %Y}" if decided else "",
            "steps_taken": (complaint.steps_taken or "").strip(),
            "ico_right": ICO_RIGHT,
        },
    )


def _send(*, complaint: Complaint, template: str, subject: str, context: dict[str, str]) -> None:
    """Send one message to the complainant; a failure is logged without their address."""
    try:
        email_send(
            template=_TEMPLATES + template, context=context, subject=subject, to=[complaint.email]
        )
    except OSError:
        logger.exception("complaint e-mail not sent")
