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

from partnership.backoffice import analytics, offers, policy, views
from partnership.core.access import staff_required

app_name = "backoffice"


@dataclass(frozen=True)
class StaffUrl:
    route: str
    name: str
    view: Callable[..., HttpResponseBase]  # (request, **route parameters)
    permission: str | None


STAFF_URLS: tuple[StaffUrl, ...] = (
    StaffUrl("", "home", views.home, permission=None),
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
        "analytics/csv/", "analytics_csv", analytics.analytics_csv, "backoffice.view_analytics"
    ),
)

PERMISSION_FOR_URL_NAME: dict[str, str | None] = {url.name: url.permission for url in STAFF_URLS}

urlpatterns: list[URLPattern] = [
    path(url.route, staff_required(url.permission)(url.view), name=url.name) for url in STAFF_URLS
]
