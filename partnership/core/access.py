"""Guards for the signed-in areas, shared by every app that serves them (DESIGN §4).

``core`` imports nothing of ours, so these guards know the user only through
``request.user`` and the session: the sign-in step that checks the second factor
(``accounts``) marks the session with ``SESSION_TWO_FACTOR_KEY`` after it has called
``django.contrib.auth.login``. A session without that mark is not signed in.

    @customer_required
    def statement_list(request): ...

    @staff_required("backoffice.view_customer_personal_data")
    def customer_lookup(request): ...

- anonymous (or password-only) visitors are redirected to ``LOGIN_URL`` with ``next``;
- ``customer_required`` answers 403 to staff (staff never use the customer area);
- ``staff_required`` answers 403 to customers and to staff without the permission.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Concatenate, ParamSpec, cast

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponseBase

from partnership.core.errors import render_error

# The session key the two-factor step sets (an ISO time) once both factors passed.
SESSION_TWO_FACTOR_KEY = "partnership.two_factor_at"

P = ParamSpec("P")
View = Callable[Concatenate[HttpRequest, P], HttpResponseBase]


def signed_in_with_two_factor(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return bool(request.session.get(SESSION_TWO_FACTOR_KEY))


def is_staff_request(request: HttpRequest) -> bool:
    return signed_in_with_two_factor(request) and bool(request.user.is_staff)


def _to_login(request: HttpRequest) -> HttpResponseBase:
    return redirect_to_login(request.get_full_path())


def customer_required(view: View[P]) -> View[P]:
    """Signed in with both factors and not staff; otherwise sign-in (or 403 for staff)."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: P.args, **kwargs: P.kwargs) -> HttpResponseBase:
        if not signed_in_with_two_factor(request):
            return _to_login(request)
        if request.user.is_staff:
            return render_error(request, status=403)
        return view(request, *args, **kwargs)

    return cast(View[P], guarded)


def staff_required(permission: str | None = None) -> Callable[[View[P]], View[P]]:
    """Signed in with both factors, staff, and holding ``permission`` (when given)."""

    def decorate(view: View[P]) -> View[P]:
        @wraps(view)
        def guarded(request: HttpRequest, *args: P.args, **kwargs: P.kwargs) -> HttpResponseBase:
            if not signed_in_with_two_factor(request):
                return _to_login(request)
            if not request.user.is_staff:
                return render_error(request, status=403)
            if permission is not None and not request.user.has_perm(permission):
                return render_error(request, status=403)
            return view(request, *args, **kwargs)

        guarded.required_permission = permission  # type: ignore[attr-defined]
        return cast(View[P], guarded)

    return decorate
