"""The text of a notice to a recipient: the least that lets them find and act on the record.

A recipient is told who the person is only by the identifier it already holds — a
processor by our customer reference, a Partnership company by the contact detail our
export gave it — never by anything it did not receive from us.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.conf import settings

from partnership.compliance.notifications.models import RecipientKind
from partnership.privacy.recipients import ChangeKind

_WHAT = {
    ChangeKind.ERASURE: "erased at their request",
    ChangeKind.CORRECTION: "corrected at their request",
    ChangeKind.RESTRICTION: "restricted at their request",
}
_ASK = {
    (ChangeKind.ERASURE, RecipientKind.MARKETING): (
        "Please delete every record of this person that came from us and do not use it again."
    ),
    (ChangeKind.ERASURE, RecipientKind.PROCESSOR): (
        "Please delete every record of this person you hold for us, as our contract with "
        "you requires, unless we have told you in writing to keep a part of it."
    ),
    (ChangeKind.CORRECTION, RecipientKind.MARKETING): (
        "Please delete the details of this person that came from us. If they still wish "
        "to hear from you, their corrected details will be in our next export."
    ),
    (ChangeKind.CORRECTION, RecipientKind.PROCESSOR): (
        "Please stop using the details you hold for this person and use the corrected "
        "details from our systems at your next update."
    ),
    (ChangeKind.RESTRICTION, RecipientKind.MARKETING): (
        "Please stop using this person's details, other than storing them, until we tell "
        "you otherwise."
    ),
    (ChangeKind.RESTRICTION, RecipientKind.PROCESSOR): (
        "Please stop processing this person's data for us, other than storing it, until "
        "we tell you otherwise."
    ),
}


def notice_text(
    *,
    reference: str,
    change: ChangeKind,
    recipient_kind: RecipientKind,
    recipient_name: str,
    identifier: str,
    data: Sequence[str],
    how_given: str,
    on: dt.date,
) -> str:
    controller = settings.BRAND["issuer_name"]
    lines = [
        "Notice under Article 19 of the UK GDPR",
        "",
        f"From: {controller}, {settings.CONTROLLER_ADDRESS}",
        f"To: {recipient_name}",
        f"Date: {on.isoformat()}",
        f"Our reference: {reference}",
        "",
        f"We gave you personal data about the person below {how_given}.",
        f"That person's data has been {_WHAT[change]}.",
        "",
        f"The person: {identifier}",
        "The data concerned: " + "; ".join(data),
        "",
        _ASK[(change, recipient_kind)],
        f"Please confirm to our data protection officer at {settings.DPO_EMAIL} when "
        "you have done so, quoting our reference.",
    ]
    return "\n".join(lines) + "\n"
