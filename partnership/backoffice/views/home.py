"""/staff/: the back office's front page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from partnership.accounts.services.throttle import sign_in_flood_until
from partnership.backoffice.access import access_staff_areas
from partnership.backoffice.views.common import staff_user


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The back office's front page: only the areas this person's role may use."""
    staff = staff_user(request)
    areas = access_staff_areas(staff_user=staff)
    roles = sorted(staff.groups.values_list("name", flat=True))
    context = {"areas": areas, "roles": roles, "flood_until": sign_in_flood_until()}
    return render(request, "backoffice/home.html", context)
