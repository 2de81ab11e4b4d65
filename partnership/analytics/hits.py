"""One counted beacon hit, and the counter increments it makes.

Only coarse, separate dimensions leave this module: the area, the country (from the
address, which is then forgotten), the browser family, the device class and the
referring site's domain; each goes to its own counter, never combined with another.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

import crawleruseragents
import iptocc
from ua_parser import parse

from partnership.analytics.areas import SITE
from partnership.core import clock
from partnership.core.client_address import parse_address

UNKNOWN_COUNTRY = "ZZ"
OTHER = "Other"
DEVICES = ("desktop", "mobile", "tablet", "other")
_FAMILY = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._+-]{0,39}")
_DESKTOP_OS = frozenset(
    {"Windows", "Mac OS X", "macOS", "Linux", "Ubuntu", "Chrome OS", "ChromeOS", "Fedora"}
    | {"Debian", "FreeBSD", "OpenBSD", "NetBSD", "Solaris", "Mint", "Arch Linux"}
)
_MOBILE_OS = frozenset({"iOS", "Windows Phone", "BlackBerry OS", "KaiOS", "Firefox OS", "Tizen"})
UA_CACHE_SIZE = 4096


@dataclass(frozen=True)
class Hit:
    day: dt.date  # Europe/London
    hour: dt.datetime  # UTC, truncated to the hour
    area: str
    first_of_site: bool  # the visitor's first counted view of the site today
    first_of_area: bool  # ... and of this area
    country: str
    browser: str
    device: str
    referrer: str | None


# (table, day or hour, name) -> [views, visitors]
CounterKey = tuple[str, dt.date | dt.datetime, str]


def hit_counters(hit: Hit) -> list[tuple[CounterKey, int, int]]:
    """The increments one hit makes: (key, views, visitors)."""
    site_new, area_new = int(hit.first_of_site), int(hit.first_of_area)
    increments: list[tuple[CounterKey, int, int]] = [
        (("area", hit.day, SITE), 1, site_new),
        (("area", hit.day, hit.area), 1, area_new),
        (("hour", hit.hour, SITE), 1, site_new),
        (("hour", hit.hour, hit.area), 1, area_new),
        (("country", hit.day, hit.country), 1, 0),
        (("browser", hit.day, hit.browser), 1, 0),
        (("device", hit.day, hit.device), 1, 0),
    ]
    if hit.referrer:
        increments.append((("referrer", hit.day, hit.referrer), 1, 0))
    return increments


def hit_times(now: dt.datetime | None = None) -> tuple[dt.date, dt.datetime]:
    """The London day and the truncated UTC hour a hit falls in."""
    current = now or clock.now()
    hour = current.astimezone(dt.UTC).replace(minute=0, second=0, microsecond=0)
    return current.astimezone(clock.LONDON).date(), hour


def country_of(address: str) -> str:
    """ISO 3166 alpha-2 from the offline table, or ``ZZ``; the address is not kept."""
    parsed = parse_address(address.strip())
    if parsed is None or not parsed.is_global:
        return UNKNOWN_COUNTRY
    code = iptocc.country_code(str(parsed))
    return code.upper() if isinstance(code, str) and len(code) == 2 else UNKNOWN_COUNTRY


@lru_cache(maxsize=UA_CACHE_SIZE)
def is_bot(user_agent: str) -> bool:
    """The pinned crawler-user-agents list; an empty user agent is no browser either."""
    return not user_agent.strip() or bool(crawleruseragents.is_crawler(user_agent))


@lru_cache(maxsize=UA_CACHE_SIZE)
def browser_and_device(user_agent: str) -> tuple[str, str]:
    """The browser family (a name from ua-parser's fixed list) and the device class."""
    result = parse(user_agent)
    family = result.user_agent.family if result.user_agent else OTHER
    browser = family if _FAMILY.fullmatch(family) else OTHER
    os_family = result.os.family if result.os else ""
    device_family = (result.device.family if result.device else "").lower()
    return browser, _device_class(user_agent, os_family, device_family)


def _device_class(user_agent: str, os_family: str, device_family: str) -> str:
    if any(word in device_family for word in ("ipad", "tablet", "kindle")):
        return "tablet"
    if os_family == "Android":
        # Android phones say "Mobile"; Android tablets do not.
        return "mobile" if "Mobile" in user_agent else "tablet"
    if os_family in _MOBILE_OS or "phone" in device_family:
        return "mobile"
    if os_family in _DESKTOP_OS:
        return "desktop"
    return "other"
