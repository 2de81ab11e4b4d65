"""What the signed-in and half-signed-in states keep in the (server-side) session.

- Half-signed-in: after the password, ``PENDING`` holds the user id, when it started
  and where to go next; it lasts ``SIGN_IN_PENDING_TIMEOUT`` (5 minutes). The user is
  *not* logged in (``request.user`` is anonymous) until the second factor passes.
- Signed in: ``django.contrib.auth.login`` (a new session id), then the two-factor mark
  the ``core.access`` guards check, the sign-in time and the last activity, which
  ``middleware.SessionTimeoutMiddleware`` enforces.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import login
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

from partnership.accounts.models import User
from partnership.core import clock
from partnership.core.access import SESSION_TWO_FACTOR_KEY

PENDING = "accounts.pending_sign_in"
SIGNED_IN_AT = "accounts.signed_in_at"
LAST_ACTIVITY = "accounts.last_activity"
CUSTOMER_HOME = "/account/"
STAFF_HOME = "/staff/"


@dataclass(frozen=True)
class PendingSignIn:
    user: User
    next_url: str
    device_id: str  # the authenticator being enrolled, if any


def pending_start(request: HttpRequest, *, user: User, next_url: str) -> None:
    # A new session id now too: nothing set before the password survives it.
    request.session.flush()
    request.session[PENDING] = {
        "user_id": str(user.pk),
        "started_at": clock.now().isoformat(),
        "next": next_url,
        "device_id": "",
    }


def pending_get(request: HttpRequest) -> PendingSignIn | None:
    """The half-signed-in state, or None (and cleared) if absent, expired or stale."""
    data = request.session.get(PENDING)
    if not isinstance(data, dict):
        return None
    try:
        started = dt.datetime.fromisoformat(data["started_at"])
        user = User.objects.filter(pk=data["user_id"], is_active=True).first()
    except (KeyError, TypeError, ValueError):
        user = None
        started = clock.now() - dt.timedelta(days=1)
    age = (clock.now() - started).total_seconds()
    if user is None or not 0 <= age <= settings.SIGN_IN_PENDING_TIMEOUT:
        pending_clear(request)
        return None
    return PendingSignIn(user=user, next_url=str(data.get("next", "")), device_id=data["device_id"])


def pending_set_device(request: HttpRequest, *, device_id: str) -> None:
    data = dict(request.session[PENDING])
    data["device_id"] = device_id
    request.session[PENDING] = data


def pending_clear(request: HttpRequest) -> None:
    request.session.pop(PENDING, None)


def sign_in_complete(request: HttpRequest, *, user: User) -> None:
    """Both factors passed: log in under a new session id and start the clocks."""
    pending_clear(request)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    now = clock.now().isoformat()
    request.session[SESSION_TWO_FACTOR_KEY] = now
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_ACTIVITY] = now


def landing_url(request: HttpRequest, *, user: User, next_url: str) -> str:
    """Where to go after signing in: ``next`` if it is on this site and in the person's
    own area, else staff to /staff/ and customers to /account/."""
    home = STAFF_HOME if user.is_staff else CUSTOMER_HOME
    if not next_url or not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return home
    if not next_url.startswith("/") or next_url.startswith("//"):
        return home
    in_staff_area = next_url.startswith(STAFF_HOME)
    return next_url if in_staff_area == user.is_staff else home


def safe_next(request: HttpRequest, candidate: str) -> str:
    """``next`` kept only when it is a path on this site (an off-site one is dropped)."""
    if candidate.startswith("/") and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return ""
