"""The statistics cookie: today's date and the areas already counted today, no id.

Declared in the cookie registry here, and set through the registry's check. Its value
(``hits.StatsCookie``) is worked out by ``hits``.
"""

from __future__ import annotations

import functools
import logging
from http.cookies import Morsel, SimpleCookie

from django.conf import settings

from partnership.analytics.hits import COOKIE_LIFETIME
from partnership.consent import cookie_check, cookies

logger = logging.getLogger(__name__)

NAME_BASE = "stats"
LIFETIME = COOKIE_LIFETIME
# A value of the cookie's shape: every value a beacon sets is checked as this one is.
_SAMPLE_VALUE = "2000-01-01.00"


def register() -> None:
    cookies.register_cookie(
        name_base=NAME_BASE,
        category=cookies.CookieCategory.STATISTICS,
        purpose=(
            "Counts visits to each part of the site without identifying anyone, so we "
            "know what is used. You can object in cookie settings; then nothing is counted."
        ),
        lifetime=LIFETIME,
        holds=(
            "Today's date and which parts of the site were already counted today; no "
            "identifier: everyone who saw the same parts today holds the same value."
        ),
    )


def cookie_name() -> str:
    return cookies.cookie_name(NAME_BASE)


def morsel_for(value: str, *, max_age: int) -> SimpleCookie:
    """The Set-Cookie for the statistics cookie (or its deletion, ``max_age=0``)."""
    jar: SimpleCookie = SimpleCookie()
    name = cookie_name()
    jar[name] = value
    morsel: Morsel[str] = jar[name]
    morsel["path"] = "/"
    morsel["max-age"] = str(max_age)
    morsel["httponly"] = True
    morsel["samesite"] = "Lax"
    if settings.HTTPS:
        morsel["secure"] = True
    if max_age == 0:
        morsel["expires"] = "Thu, 01 Jan 1970 00:00:00 GMT"
    return jar


class CookieRulesError(RuntimeError):
    """The statistics cookie broke the registry's rules (strict mode)."""


def set_cookie_headers(jar: SimpleCookie) -> list[tuple[str, str]]:
    """``Set-Cookie`` headers for the jar, after the registry's check (P9), as the
    consent middleware applies it to Django's responses: strict mode raises, otherwise
    a refused cookie is dropped and logged by name."""
    violations = cookie_check.check_cookies(jar)
    if violations:
        details = "; ".join(f"{v.name}: {v.problem}" for v in violations)
        if settings.COOKIE_REGISTRY_STRICT:
            raise CookieRulesError(f"cookie rules broken (consent/cookies.py): {details}")
        logger.error("dropped the statistics cookie: %s", details)
        return []
    return [("Set-Cookie", morsel.OutputString()) for morsel in jar.values()]


def set_cookie(value: str, *, max_age: int) -> list[tuple[str, str]]:
    """The checked ``Set-Cookie`` for the statistics cookie with this value and lifetime.

    A pure function of its inputs and the deployment's settings, so each distinct
    header is built and checked once (a new visitor's header changes once a second).
    """
    return list(
        _checked(value, max_age, bool(settings.HTTPS), bool(settings.COOKIE_REGISTRY_STRICT))
    )


@functools.lru_cache(maxsize=64)
def _checked(value: str, max_age: int, https: bool, strict: bool) -> tuple[tuple[str, str], ...]:
    return tuple(set_cookie_headers(morsel_for(value, max_age=max_age)))


def set_cookie_template() -> str | None:
    """The ``Set-Cookie`` value of every statistics cookie a beacon sets, with
    ``{value}`` and ``{max_age}`` to fill in; None when the registry refuses it (logged,
    or raised in strict mode).

    Every value has the same shape and every lifetime is at most the declared one, so
    the one check of a sample stands for all: a beacon only fills the template in.
    """
    headers = set_cookie(_SAMPLE_VALUE, max_age=LIFETIME)
    if not headers:
        return None
    header = headers[0][1]
    return header.replace(f"={_SAMPLE_VALUE}", "={value}", 1).replace(
        f"Max-Age={LIFETIME}", "Max-Age={max_age}", 1
    )
