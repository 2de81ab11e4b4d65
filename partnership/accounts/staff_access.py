"""Staff access to a customer's data, as the customer sees it (DESIGN P6).

The back office writes one audit event per view of a customer's personal data
(``staff:customer:view``), holding the reason category, the grant's id and the
team (role) of the member of staff — never their name. This module owns the
vocabulary both sides share (``accounts`` sits left of ``backoffice``); the privacy
centre reads the history back (``privacy_centre.selectors.staff_access_history``).

What the customer is told: when, which team, and the reason category. Not the
person: staff are named to compliance through the grant, not to customers, so a
customer cannot single out or pressure one employee. Not the free-text reason: it
may mention other people (a caller's relative, a fraud suspect), whose data the
customer has no right to (DPA 2018 Sch. 2 para. 16).
"""

from __future__ import annotations

from django.db import models

SUBJECT_TYPE = "customer"


class AccessReason(models.TextChoices):
    CUSTOMER_CALL = "customer_call", "You contacted us"
    PAYMENT_OR_BALANCE = "payment_or_balance", "A question about a payment or your balance"
    FRAUD_CHECK = "fraud_check", "Checking for fraud on your account"
    COMPLAINT = "complaint", "Handling a complaint"
    RIGHTS_REQUEST = "rights_request", "A request about your personal data"
    CORRECTION = "correction", "Correcting your details"


# Role slug (recorded in the audit event) -> the team name customers see.
STAFF_TEAMS: dict[str, str] = {
    "customer_service": "Customer service",
    "compliance": "Compliance",
    "marketing": "Marketing",
    "administration": "Administration",
}
