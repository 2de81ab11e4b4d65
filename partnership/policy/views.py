from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from partnership.policy import selectors


@require_safe
def policy_current(request: HttpRequest) -> HttpResponse:
    version = selectors.policy_in_force()
    return render(request, "policy/policy.html", {"version": version})


@require_safe
def policy_versions(request: HttpRequest) -> HttpResponse:
    versions = selectors.policy_version_list()
    in_force = selectors.policy_in_force()
    return render(request, "policy/versions.html", {"versions": versions, "in_force": in_force})


@require_safe
def policy_version(request: HttpRequest, number: int) -> HttpResponse:
    version = selectors.policy_version_get(number=number)
    if version is None:
        raise Http404("No such version")
    previous = selectors.policy_previous(version=version)
    diff = selectors.policy_diff(older=previous, newer=version) if previous else []
    return render(
        request,
        "policy/version.html",
        {"version": version, "previous": previous, "diff": diff},
    )
