"""/staff/: the back office's front page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from partnership.accounts.services.throttle import sign_in_flood_until
from partnership.backoffice.access import access_staff_areas
from partnership.backoffice.views.common import staff_user
from partnership.compliance.breaches.selectors import breach_clocks_running
from partnership.core import clock


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The back office's front page: only the areas this person's role may use."""
    staff = staff_user(request)
    areas = access_staff_areas(staff_user=staff)
    roles = sorted(staff.groups.values_list("name", flat=True))
    # A running 72-hour breach clock is shown to those who keep the register.
    clocks = (
        breach_clocks_running(now=clock.now())
        if staff.has_perm("backoffice.manage_breaches")
        else []
    )
    context = {
        "areas": areas,
        "roles": roles,
        "flood_until": sign_in_flood_until(),
        "breach_clocks": clocks,
    }
    return render(request, "backoffice/home.html", context)
