"""Who may do what in the back office: the staff roles, their permissions, and every
access guard of the back office, in one place.

Roles are Django groups, each with only the permissions its job needs. The groups and
permissions are created by migration ``backoffice/0002``; the tables here are the
readable list (the migrations copy them, as migrations must not change later).

The URL table (``urls.py``) puts each view behind its permission
(``core.access.staff_required``); on top of it, the guards below answer the finer
questions: may this member of staff see this customer's personal data now (a live
``AccessGrant`` of their own), may they run a marketing export, which areas of the back
office do they see.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from partnership.accounts.models import User
from partnership.core import clock

if TYPE_CHECKING:  # models.py reads PERMISSIONS from here: no import of it at run time
    from partnership.backoffice.models import AccessGrant

CUSTOMER_SERVICE_AGENT = "Customer service agent"
COMPLIANCE_OFFICER = "Compliance officer"
MARKETING = "Marketing"
ADMINISTRATOR = "Administrator"

# codename -> what it lets a person do (the permission's name).
PERMISSIONS: dict[str, str] = {
    "view_customer_personal_data": "Look up a customer and see their personal data, with a reason",
    "handle_complaints": "Handle complaints and their deadlines",
    "view_audit_log": "Read the audit log and access histories",
    "manage_processors": "Keep the processor register and its audits",
    "publish_policy": "Publish privacy policy versions",
    "manage_offers": "Manage special offers",
    "view_analytics": "See aggregate site statistics",
    "run_marketing_exports": "Run marketing exports to Partnership companies",
    "manage_staff": "Manage staff accounts and roles",
    "manage_marketing_recipients": "Register marketing recipients and set their Partnership flag",
    "manage_breaches": "Keep the breach register and the DPIA register, tell people of a breach",
}

ROLES: dict[str, tuple[str, ...]] = {
    CUSTOMER_SERVICE_AGENT: ("view_customer_personal_data", "handle_complaints"),
    COMPLIANCE_OFFICER: (
        "view_customer_personal_data",
        "handle_complaints",
        "view_audit_log",
        "manage_processors",
        "publish_policy",
        "view_analytics",
        "manage_marketing_recipients",
        "manage_breaches",
    ),
    MARKETING: ("manage_offers", "view_analytics", "run_marketing_exports"),
    # Administrators run the system, not the customer relationship: no personal data.
    ADMINISTRATOR: (
        "manage_staff",
        "view_audit_log",
        "view_analytics",
        "manage_marketing_recipients",
    ),
}


@dataclass(frozen=True)
class StaffArea:
    """A part of the back office, shown on /staff/ to those holding its permission."""

    permission: str  # "backoffice.<codename>"
    title: str
    description: str
    url: str = ""  # empty until the area's pages exist


STAFF_AREAS: tuple[StaffArea, ...] = (
    StaffArea(
        "backoffice.view_customer_personal_data",
        "Customers",
        "Find a customer and see their account, giving the reason for each look.",
        url="/staff/customers/",
    ),
    StaffArea(
        "backoffice.handle_complaints",
        "Complaints",
        "Acknowledge, answer and close.",
        url="/staff/complaints/",
    ),
    StaffArea(
        "backoffice.view_customer_personal_data",
        "Data rights requests",
        "Access, erasure and the other rights, each against its due date.",
        url="/staff/rights/",
    ),
    StaffArea(
        "backoffice.view_customer_personal_data",
        "Disputed transactions",
        "Purchases customers reported as not theirs with a lost or stolen card.",
        url="/staff/disputes/",
    ),
    StaffArea("backoffice.view_audit_log", "Audit log", "Who looked at or changed what, and why."),
    StaffArea(
        "backoffice.manage_processors",
        "Processor register",
        "Suppliers handling personal data, their safeguards and audits.",
        url="/staff/processors/",
    ),
    StaffArea(
        "backoffice.publish_policy",
        "Privacy policy",
        "Publish a new version.",
        url="/staff/privacy/publish/",
    ),
    StaffArea(
        "backoffice.manage_offers",
        "Special offers",
        "Offers shown behind the card check.",
        url="/staff/offers/",
    ),
    StaffArea(
        "backoffice.view_analytics",
        "Statistics",
        "Aggregate visits, no one identified.",
        url="/staff/analytics/",
    ),
    StaffArea(
        "backoffice.run_marketing_exports",
        "Marketing exports",
        "Opted-in customers, to registered Partnership companies only.",
        url="/staff/marketing/exports/",
    ),
    StaffArea(
        "backoffice.manage_marketing_recipients",
        "Marketing recipients",
        "Companies that may receive exports, and which belong to the Partnership.",
        url="/staff/marketing/recipients/",
    ),
    StaffArea("backoffice.manage_staff", "Staff", "Staff accounts and their roles."),
    StaffArea(
        "backoffice.view_customer_personal_data",
        "Secure messages",
        "Customers' messages waiting for a reply.",
        url="/staff/messages/",
    ),
    StaffArea(
        "backoffice.manage_breaches",
        "Breach register",
        "Personal-data breaches, the 72-hour clock to the ICO, notices to the people affected.",
        url="/staff/compliance/breaches/",
    ),
    StaffArea(
        "backoffice.manage_breaches",
        "Impact assessments",
        "The DPIA register and each assessment's review date.",
        url="/staff/compliance/dpia/",
    ),
)

EXPORT_PERMISSION = "backoffice.run_marketing_exports"


def access_grant_live(*, staff: User, customer: User) -> AccessGrant | None:
    """This member of staff's unexpired grant for this customer, if any: the one way the
    back office asks "may this person see this customer now?"."""
    return (
        customer.access_grants.filter(staff=staff, expires_at__gt=clock.now())
        .order_by("-expires_at")
        .first()
    )


def access_marketing_export(*, staff_user: User) -> bool:
    """Whether ``staff_user`` may make or download a marketing export (checked again in
    the service, whoever calls it)."""
    return staff_user.is_staff and staff_user.has_perm(EXPORT_PERMISSION)


def access_staff_areas(*, staff_user: User) -> list[StaffArea]:
    """The areas of the back office this person's role may use, as listed on /staff/."""
    return [area for area in STAFF_AREAS if staff_user.has_perm(area.permission)]
