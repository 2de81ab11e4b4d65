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
    disputes,
    home,
    marketing,
    messages,
    notifications,
    offers,
    policy,
    processing,
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
    # Transactions reported as not the customer's with a lost or stolen card (issue 15).
    StaffUrl("disputes/", "disputes", disputes.dispute_queue, _CUSTOMERS),
    StaffUrl("disputes/<uuid:dispute_id>/", "dispute", disputes.dispute_detail, _CUSTOMERS),
    # Accountability records (issue 18): the record of processing (Art. 30).
    StaffUrl(
        "compliance/processing/",
        "processing_record",
        processing.processing_record_page,
        "backoffice.view_audit_log",
    ),
    # Art. 19 notices: they name the person as the recipient knows them.
    StaffUrl(
        "compliance/notifications/",
        "recipient_notifications",
        notifications.notification_list_page,
        _CUSTOMERS,
    ),
    StaffUrl(
        "compliance/notifications/<uuid:notification_id>/notice.txt",
        "recipient_notice",
        notifications.notice_text,
        _CUSTOMERS,
    ),
    # Secure messages (issue 15): the queue, then each thread under a live grant.
    StaffUrl("messages/", "messages", messages.message_queue, _CUSTOMERS),
    StaffUrl(
        "customers/<uuid:customer_id>/messages/",
        "customer_messages",
        messages.customer_threads,
        _CUSTOMERS,
    ),
    StaffUrl("messages/<uuid:thread_id>/", "message_thread", messages.message_thread, _CUSTOMERS),
    StaffUrl(
        "messages/attachments/<uuid:attachment_id>/",
        "message_attachment",
        messages.message_attachment,
        _CUSTOMERS,
    ),
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
    # One's own profile and passkeys: any member of staff, about themselves only.
    StaffUrl("profile/", "profile", profile.profile, permission=None),
    StaffUrl("profile/passkeys/add/", "profile_passkey_add", profile.passkey_add, None),
    StaffUrl("profile/passkeys/remove/", "profile_passkey_remove", profile.passkey_remove, None),
)

PERMISSION_FOR_URL_NAME: dict[str, str | None] = {url.name: url.permission for url in STAFF_URLS}

urlpatterns: list[URLPattern] = [
    path(url.route, staff_required(url.permission)(url.view), name=url.name) for url in STAFF_URLS
]
