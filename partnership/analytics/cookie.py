"""The statistics cookie: today's date and the areas already counted today, no id.

Its value is ``YYYY-MM-DD.`` and two hex digits: a bit per area of ``areas.AREAS``
(and none set on the page's first, fresh cookie). Every visitor who saw the same
areas on the same day carries the same value, so it cannot single anyone out. A
value from an earlier day counts as fresh: the day's counting starts again.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
from dataclasses import dataclass
from http.cookies import Morsel, SimpleCookie

from django.conf import settings

from partnership.analytics.areas import AREAS, area_bit
from partnership.consent import cookie_check, cookies
from partnership.core import clock

logger = logging.getLogger(__name__)

NAME_BASE = "stats"
LIFETIME = 24 * 60 * 60  # declared; each cookie is set to expire at London midnight
_VALUE = re.compile(r"(?P<day>\d{4}-\d{2}-\d{2})\.(?P<mask>[0-9a-f]{2})")
_ALL = (1 << len(AREAS)) - 1


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


@dataclass(frozen=True)
class StatsCookie:
    day: dt.date
    counted: int  # bit mask over areas.AREAS

    @property
    def site_counted(self) -> bool:
        return self.counted != 0

    def area_counted(self, area: str) -> bool:
        return bool(self.counted & area_bit(area))

    def with_area(self, area: str) -> StatsCookie:
        return StatsCookie(day=self.day, counted=self.counted | area_bit(area))

    def value(self) -> str:
        return f"{self.day.isoformat()}.{self.counted:02x}"


def fresh(today: dt.date) -> StatsCookie:
    return StatsCookie(day=today, counted=0)


def parse(value: str | None, *, today: dt.date) -> StatsCookie | None:
    """The cookie as it stands today: None when absent or malformed; a value from an
    earlier (or a later) day is today's fresh cookie."""
    match = _VALUE.fullmatch(value or "")
    if match is None:
        return None
    try:
        day = dt.date.fromisoformat(match.group("day"))
    except ValueError:
        return None
    if day != today:
        return fresh(today)
    return StatsCookie(day=day, counted=int(match.group("mask"), 16) & _ALL)


def read_request_cookie(http_cookie: str, name: str) -> str | None:
    """One cookie's value from a ``Cookie`` header (as Django would parse it)."""
    from django.http.cookie import parse_cookie

    return parse_cookie(http_cookie).get(name)


def seconds_until_london_midnight(now: dt.datetime | None = None) -> int:
    current = (now or clock.now()).astimezone(clock.LONDON)
    tomorrow = dt.datetime.combine(
        current.date() + dt.timedelta(days=1), dt.time(), tzinfo=clock.LONDON
    )
    return max(1, min(LIFETIME, int((tomorrow - current).total_seconds())))


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
