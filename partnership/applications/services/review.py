"""An applicant asks for a person to review the automated decision, or contests it
(UK GDPR Art. 22C as inserted by the Data (Use and Access) Act 2025). Stored as a
rights request; the back office works through them."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from partnership.applications.models import Application
from partnership.compliance.rights.models import RightsRequest, RightsRequestKind
from partnership.compliance.rights.services import RightsRequestInput, rights_request_receive
from partnership.core.text import RIGHTS_DETAILS_MAX, validate_multi_line, validate_readable


@dataclass(frozen=True)
class ReviewOutcome:
    request: RightsRequest | None
    created: bool
    error: str = ""


def review_request_receive(*, application: Application, details: str) -> ReviewOutcome:
    details = details.replace("\r\n", "\n")
    try:
        validate_readable(details)
        validate_multi_line(details)
    except ValidationError as exc:
        return ReviewOutcome(None, False, error=exc.messages[0])
    if len(details) > RIGHTS_DETAILS_MAX:
        return ReviewOutcome(
            None,
            False,
            error=(
                f"Please keep this to {RIGHTS_DETAILS_MAX:,} characters "
                f"(you entered {len(details):,})."
            ),
        )
    request, created = rights_request_receive(
        data=RightsRequestInput(
            kind=RightsRequestKind.AUTOMATED_DECISION_REVIEW,
            user_id=application.customer_id,
            email=application.email,
            related_type="application",
            related_id=str(application.pk),
            details=details,
        )
    )
    return ReviewOutcome(request, created)
