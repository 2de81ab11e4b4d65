"""The first draft of the notice to the people affected (Art. 34(2)), made from the record.

Art. 34(2) asks for the nature of the breach in clear and plain language, the contact
point for more information, the likely consequences and the measures taken. The officer
edits the draft before it is sent; nothing here names the person it goes to.
"""

from __future__ import annotations

from django.conf import settings

from partnership.compliance.breaches.models import BreachRevision
from partnership.compliance.ico import ICO_CONTACT


def notice_subject(*, revision: BreachRevision) -> str:
    return f"{settings.BRAND['card_name']}: a problem affecting your personal information"


def notice_draft(*, revision: BreachRevision) -> str:
    brand = settings.BRAND
    categories = ", ".join(name.replace("_", " ") for name in revision.data_categories)
    return "\n\n".join(
        [
            "We are writing to tell you about a problem that affected some of the personal "
            f"information we hold about you as a {brand['card_name']} customer.",
            f"What happened: {revision.description.strip()}",
            f"The information involved: {categories}.",
            f"What this could mean for you: {revision.consequences.strip()}",
            f"What we have done and will do: {revision.measures.strip()}",
            f"If you have questions, call us on {brand['helpline']} ({brand['helpline_hours']}).",
            f"You also have the right to complain to {ICO_CONTACT}.",
            f"{brand['issuer_name']}",
        ]
    )
