from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from partnership.accounts.services.throttle import sign_in_flood_until
from partnership.backoffice.roles import STAFF_AREAS


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The back office's front page: only the areas this person's role may use."""
    areas = [area for area in STAFF_AREAS if request.user.has_perm(area.permission)]
    roles = sorted(request.user.groups.values_list("name", flat=True))
    context = {"areas": areas, "roles": roles, "flood_until": sign_in_flood_until()}
    return render(request, "backoffice/home.html", context)
