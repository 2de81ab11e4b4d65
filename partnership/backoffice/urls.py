"""Every /staff/ URL, with the permission it needs, in ONE table (django-oscar style).

The guard is applied here from the table — a view cannot be routed without it — and
``tests/test_urls.py`` fails if a /staff/ URL is missing from the table. ``None`` means
any member of staff signed in with two-factor.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpResponseBase
from django.urls import URLPattern, path

from partnership.backoffice.views import (
    analytics,
    calls,
    complaints,
    compliance,
    customers,
    home,
    marketing,
    offers,
    policy,
    processors,
    profile,
    rights,
)
from partnership.core.access import staff_required

app_name = "backoffice"


@dataclass(frozen=True)
class StaffUrl:
    route: str
    name: str
    view: Callable[..., HttpResponseBase]  # (request, **route parameters)
    permission: str | None


_EXPORTS = "backoffice.run_marketing_exports"
_RECIPIENTS = "backoffice.manage_marketing_recipients"
_PROCESSORS = "backoffice.manage_processors"
_CUSTOMERS = "backoffice.view_customer_personal_data"
_COMPLAINTS = "backoffice.handle_complaints"

STAFF_URLS: tuple[StaffUrl, ...] = (
    StaffUrl("", "home", home.home, permission=None),
    StaffUrl(
        "privacy/publish/",
        "policy_publish",
        policy.policy_publish_page,
        "backoffice.publish_policy",
    ),
    StaffUrl("offers/", "offers", offers.offer_list, "backoffice.manage_offers"),
    StaffUrl("offers/new/", "offer_create", offers.offer_create, "backoffice.manage_offers"),
    StaffUrl("offers/<int:offer_id>/", "offer_edit", offers.offer_edit, "backoffice.manage_offers"),
    StaffUrl("analytics/", "analytics", analytics.analytics_page, "backoffice.view_analytics"),
    StaffUrl(
        "compliance/", "compliance", compliance.compliance_dashboard, "backoffice.view_audit_log"
    ),
    StaffUrl(
        "analytics/csv/", "analytics_csv", analytics.analytics_csv, "backoffice.view_analytics"
    ),
    # Marketing exports (P8): made by marketing staff, only to Partnership companies.
    StaffUrl("marketing/exports/", "marketing_exports", marketing.export_list, _EXPORTS),
    StaffUrl(
        "marketing/exports/new/", "marketing_export_create", marketing.export_create, _EXPORTS
    ),
    StaffUrl(
        "marketing/exports/<int:export_id>/csv/",
        "marketing_export_csv",
        marketing.export_csv,
        _EXPORTS,
    ),
    StaffUrl(
        "marketing/recipients/", "marketing_recipients", marketing.recipient_list, _RECIPIENTS
    ),
    StaffUrl(
        "marketing/recipients/new/",
        "marketing_recipient_create",
        marketing.recipient_create,
        _RECIPIENTS,
    ),
    StaffUrl(
        "marketing/recipients/<uuid:recipient_id>/",
        "marketing_recipient_edit",
        marketing.recipient_edit,
        _RECIPIENTS,
    ),
    # The processor register (P7).
    StaffUrl("processors/", "processors", processors.processor_list, _PROCESSORS),
    StaffUrl("processors/new/", "processor_create", processors.processor_create, _PROCESSORS),
    StaffUrl(
        "processors/<int:processor_id>/", "processor_edit", processors.processor_edit, _PROCESSORS
    ),
    # Need-to-know access (P6): exact search, then a stated reason per customer.
    StaffUrl("customers/", "customers", customers.customer_search_page, _CUSTOMERS),
    StaffUrl("customers/<uuid:customer_id>/", "customer", customers.customer_detail, _CUSTOMERS),
    StaffUrl(
        "customers/<uuid:customer_id>/calls/new/", "call_create", calls.call_create, _CUSTOMERS
    ),
    StaffUrl("complaints/", "complaints", complaints.complaint_queue, _COMPLAINTS),
    StaffUrl(
        "complaints/<uuid:complaint_id>/", "complaint", complaints.complaint_detail, _COMPLAINTS
    ),
    # Data rights requests and the law's clocks (P5).
    StaffUrl("rights/", "rights", rights.rights_list, _CUSTOMERS),
    StaffUrl("rights/<uuid:request_id>/", "rights_request", rights.rights_detail, _CUSTOMERS),
    # One's own profile and passkeys: any member of staff, about themselves only.
    StaffUrl("profile/", "profile", profile.profile, permission=None),
    StaffUrl("profile/passkeys/add/", "profile_passkey_add", profile.passkey_add, None),
    StaffUrl("profile/passkeys/remove/", "profile_passkey_remove", profile.passkey_remove, None),
)

PERMISSION_FOR_URL_NAME: dict[str, str | None] = {url.name: url.permission for url in STAFF_URLS}

urlpatterns: list[URLPattern] = [
    path(url.route, staff_required(url.permission)(url.view), name=url.name) for url in STAFF_URLS
]
