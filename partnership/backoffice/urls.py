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
    breach_notices,
    breaches,
    calls,
    complaints,
    compliance,
    customers,
    home,
    marketing,
    offers,
    policy,
    processors,
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
_BREACHES = "backoffice.manage_breaches"

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
    # The breach register and the DPIA register (issue 18, Art. 33-35).
    StaffUrl("compliance/breaches/", "breaches", breaches.breach_list, _BREACHES),
    StaffUrl("compliance/breaches/new/", "breach_create", breaches.breach_create, _BREACHES),
    StaffUrl("compliance/breaches/<uuid:breach_id>/", "breach", breaches.breach_detail, _BREACHES),
    StaffUrl(
        "compliance/breaches/<uuid:breach_id>/edit/",
        "breach_edit",
        breaches.breach_edit,
        _BREACHES,
    ),
    StaffUrl(
        "compliance/breaches/<uuid:breach_id>/notify/",
        "breach_notify",
        breach_notices.breach_notify,
        _BREACHES,
    ),
    StaffUrl("compliance/dpia/", "dpia", breaches.dpia_list, _BREACHES),
)

PERMISSION_FOR_URL_NAME: dict[str, str | None] = {url.name: url.permission for url in STAFF_URLS}

urlpatterns: list[URLPattern] = [
    path(url.route, staff_required(url.permission)(url.view), name=url.name) for url in STAFF_URLS
]
