"""The processing activities, as data that names what the registries hold.

An activity names inventory categories, cookies (by ``name_base``) and any retention
rules beyond those of its categories; the record (``record.py``) fills in the rest from
the data inventory, the processor register, the cookie registry and the retention rules.
``checks.py`` fails the self-audit when an inventory category belongs to no activity, or
when an activity names something that no longer exists.
"""

from __future__ import annotations

from dataclasses import dataclass

from partnership.privacy.inventory import LawfulBasis

# Which kind of data in the processor register (``processors.models.DataCategory``)
# each inventory category is: processors declaring that kind hold the category.
PROCESSOR_KIND: dict[str, str] = {
    "cookie_consents": "online",
    "complaints": "communications",
    "marketing_exports": "marketing",
    "rights_requests": "communications",
    "identity": "identity",
    "contact_details": "contact",
    "sign_in_history": "online",
    "security_credentials": "online",
    "marketing_choices": "marketing",
    "remembered_devices": "online",
    "device_cookies": "online",
    "transactions": "card_account",
    "points": "card_account",
    "statements": "card_account",
    "card_accounts": "card_account",
    "applications": "credit_check",
    "application_drafts": "credit_check",
    "call_records": "communications",
    "staff_access": "online",
    "recipient_notifications": "communications",
    "cards": "card_account",
    "card_status_history": "card_account",
    "card_disputes": "card_account",
    "alerts_chosen": "communications",
    "alert_mobile": "contact",
    "statement_preference": "communications",
    "alerts_sent": "communications",
    "payments": "card_account",
    "direct_debits": "card_account",
    "direct_debit_collections": "card_account",
    "payment_provider_sandbox": "card_account",
    "breach_notifications": "communications",
    "passkeys": "online",
    "message_threads": "communications",
    "messages": "communications",
    "message_attachments": "communications",
}


@dataclass(frozen=True)
class Activity:
    name: str  # stable key ("card-applications")
    purpose: str  # why, one sentence
    people: tuple[str, ...]  # categories of data subjects
    categories: tuple[str, ...]  # inventory categories
    cookies: tuple[str, ...] = ()  # cookie registry name_base values
    extra_rules: tuple[str, ...] = ()  # retention rules not reached through a category
    extra_bases: tuple[LawfulBasis, ...] = ()  # for data the inventory does not list
    partnership_recipients: bool = False  # marketing lists go to Partnership companies


CUSTOMERS = "Customers (cardholders)"
APPLICANTS = "People applying for the card"
VISITORS = "Visitors to the website"
STAFF = "Our staff"
CORRESPONDENTS = "People who write to us (customers or not)"

ACTIVITIES: tuple[Activity, ...] = (
    Activity(
        "card-applications",
        "Assessing applications for the card: the credit search and the explained decision.",
        (APPLICANTS,),
        ("applications", "application_drafts", "identity", "contact_details"),
    ),
    Activity(
        "card-account",
        "Running the card account: transactions, statements, payments and points.",
        (CUSTOMERS,),
        (
            "card_accounts",
            "cards",
            "card_status_history",
            "card_disputes",
            "transactions",
            "statements",
            "points",
            "identity",
            "contact_details",
        ),
    ),
    Activity(
        "card-payments",
        "Taking card payments through the payment provider and collecting Direct Debits "
        "under the Bacs scheme rules.",
        (CUSTOMERS,),
        (
            "payments",
            "direct_debits",
            "direct_debit_collections",
            "payment_provider_sandbox",
            "card_accounts",
            "identity",
            "contact_details",
        ),
    ),
    Activity(
        "secure-messages",
        "Answering what customers write to us from their account, with what they attach.",
        (CUSTOMERS,),
        ("message_threads", "messages", "message_attachments", "identity", "contact_details"),
    ),
    Activity(
        "customer-alerts",
        "Sending the alerts and statement notices each customer chose, by e-mail or text.",
        (CUSTOMERS,),
        ("alerts_chosen", "alert_mobile", "statement_preference", "alerts_sent", "contact_details"),
    ),
    Activity(
        "sign-in-security",
        "Signing people in securely and keeping their accounts safe from misuse.",
        (CUSTOMERS, STAFF),
        (
            "identity",
            "sign_in_history",
            "security_credentials",
            "passkeys",
            "remembered_devices",
            "device_cookies",
        ),
        cookies=("session", "csrf", "device", "remembered-device"),
    ),
    Activity(
        "customer-service",
        "Answering phone calls and keeping a note of each call.",
        (CUSTOMERS,),
        ("call_records", "identity"),
    ),
    Activity(
        "complaints",
        "Handling complaints within the deadlines the law sets.",
        (CORRESPONDENTS,),
        ("complaints",),
    ),
    Activity(
        "data-rights",
        "Answering requests under data-protection rights and telling recipients of changes.",
        (CUSTOMERS, CORRESPONDENTS),
        ("rights_requests", "recipient_notifications"),
    ),
    Activity(
        "marketing",
        "Sending marketing to customers who asked for it, within the Partnership only.",
        (CUSTOMERS,),
        ("marketing_choices", "marketing_exports", "identity", "contact_details"),
        partnership_recipients=True,
    ),
    Activity(
        "cookie-consent",
        "Keeping proof of each cookie choice, as the law asks.",
        (VISITORS, CUSTOMERS),
        ("cookie_consents",),
        cookies=("consent",),
    ),
    Activity(
        "breach-response",
        "Recording personal-data breaches and telling the people a breach affects, as the "
        "law asks (UK GDPR Art. 33 and 34).",
        (CUSTOMERS,),
        ("breach_notifications", "contact_details"),
    ),
    Activity(
        "staff-access",
        "Recording each time our staff open a customer's data, and why.",
        (CUSTOMERS, STAFF),
        ("staff_access",),
    ),
    Activity(
        "site-statistics",
        "Counting visits to the website in aggregate, and troubleshooting from the access log.",
        (VISITORS,),
        (),
        cookies=("stats",),
        extra_rules=("analytics-hourly", "access-log"),
        extra_bases=(LawfulBasis.LEGITIMATE_INTERESTS,),
    ),
)
