"""The guards of core.access, on throwaway views (core knows no accounts models)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from partnership.core.access import SESSION_TWO_FACTOR_KEY, customer_required, staff_required


@customer_required
def customer_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse("customer page")


@staff_required("backoffice.view_analytics")
def analytics_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse("analytics")


@staff_required()
def any_staff_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse("staff page")


class FakeUser:
    is_authenticated = True
    is_active = True

    def __init__(self, *, is_staff: bool, perms: frozenset[str] = frozenset()) -> None:
        self.is_staff = is_staff
        self.perms = perms

    def has_perm(self, perm: str) -> bool:
        return perm in self.perms


def request_as(user: Any, *, two_factor: bool = True) -> HttpRequest:
    request = RequestFactory().get("/guarded/?x=1")
    request.user = user
    request.session = SessionBase()
    if two_factor:
        request.session[SESSION_TWO_FACTOR_KEY] = "2026-11-25T10:00:00+00:00"
    return request


CUSTOMER = FakeUser(is_staff=False)
STAFF = FakeUser(is_staff=True)
ANALYST = FakeUser(is_staff=True, perms=frozenset({"backoffice.view_analytics"}))


@pytest.mark.parametrize(
    ("view", "user", "two_factor", "status"),
    [
        (customer_view, AnonymousUser(), False, 302),
        (customer_view, CUSTOMER, False, 302),  # password only
        (customer_view, CUSTOMER, True, 200),
        (customer_view, STAFF, True, 403),
        (any_staff_view, AnonymousUser(), False, 302),
        (any_staff_view, CUSTOMER, True, 403),
        (any_staff_view, STAFF, False, 302),
        (any_staff_view, STAFF, True, 200),
        (analytics_view, STAFF, True, 403),
        (analytics_view, ANALYST, True, 200),
        (analytics_view, CUSTOMER, True, 403),
    ],
)
def test_guards(view: Any, user: Any, two_factor: bool, status: int) -> None:
    response = view(request_as(user, two_factor=two_factor))

    assert response.status_code == status
    if status == 302:
        assert response["Location"] == "/account/login/?next=/guarded/%3Fx%3D1"


def test_the_guard_records_its_permission() -> None:
    assert analytics_view.required_permission == "backoffice.view_analytics"  # type: ignore[attr-defined]
