from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from partnership.backoffice.roles import STAFF_AREAS


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The back office's front page: only the areas this person's role may use."""
    areas = [area for area in STAFF_AREAS if request.user.has_perm(area.permission)]
    roles = sorted(request.user.groups.values_list("name", flat=True))
    return render(request, "backoffice/home.html", {"areas": areas, "roles": roles})
