"""One beacon: whether it counts, the statistics cookie after it, and the counter
increments it makes.

The beacon's work per request is kept to a few files, each entered once: the WSGI
layer (``wsgi.py``) asks the consent state whether statistics may be counted, takes
the time, calls ``beacon_count`` here once, and hands the increments to the buffer.
Only coarse, separate dimensions leave this module: the area, the country (from the
address, which is then forgotten), the browser family, the device class and the
referring site's domain; each goes to its own counter, never combined with another.

The statistics cookie's value is ``YYYY-MM-DD.`` and two hex digits: a bit per area of
``areas.AREAS`` (none set on the page's first, fresh cookie). Every visitor who saw the
same areas on the same day carries the same value, so it cannot single anyone out. A
value from an earlier day counts as fresh: the day's counting starts again.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import parse_qs

import crawleruseragents
import iptocc
from ua_parser import parse as parse_user_agent

from partnership.analytics.areas import ALL_AREAS, AREA_BITS, SITE
from partnership.core import clock
from partnership.core.client_address import Address

UNKNOWN_COUNTRY = "ZZ"
OTHER = "Other"
DEVICES = ("desktop", "mobile", "tablet", "other")
COOKIE_LIFETIME = 24 * 60 * 60  # declared; each cookie is set to expire at London midnight
_VALUE = re.compile(r"(?P<day>\d{4}-\d{2}-\d{2})\.(?P<mask>[0-9a-f]{2})")
_HOST = re.compile(
    r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+"
)
_FAMILY = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._+-]{0,39}")
_DESKTOP_OS = frozenset(
    {"Windows", "Mac OS X", "macOS", "Linux", "Ubuntu", "Chrome OS", "ChromeOS", "Fedora"}
    | {"Debian", "FreeBSD", "OpenBSD", "NetBSD", "Solaris", "Mint", "Arch Linux"}
)
_MOBILE_OS = frozenset({"iOS", "Windows Phone", "BlackBerry OS", "KaiOS", "Firefox OS", "Tizen"})
UA_CACHE_SIZE = 4096
QUERY_CACHE_SIZE = 256


@dataclass(frozen=True)
class StatsCookie:
    day: dt.date
    counted: int  # bit mask over areas.AREAS

    @property
    def site_counted(self) -> bool:
        return self.counted != 0

    def area_counted(self, area: str) -> bool:
        return bool(self.counted & AREA_BITS[area])

    def with_area(self, area: str) -> StatsCookie:
        return StatsCookie(day=self.day, counted=self.counted | AREA_BITS[area])

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
    return StatsCookie(day=day, counted=int(match.group("mask"), 16) & ALL_AREAS)


def seconds_until_london_midnight(now: dt.datetime | None = None) -> int:
    current = (now or clock.now()).astimezone(clock.LONDON)
    tomorrow = dt.datetime.combine(
        current.date() + dt.timedelta(days=1), dt.time(), tzinfo=clock.LONDON
    )
    return max(1, min(COOKIE_LIFETIME, int((tomorrow - current).total_seconds())))


def clean_domain(raw: str) -> str | None:
    """A host name as counted: lower case, without ``www.``; None unless it looks like
    one (letters, digits, hyphens, at least one dot, at most 253 characters)."""
    host = raw.strip().lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    if len(host) > 253 or not _HOST.fullmatch(host):
        return None
    return host


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


def hit_times(now: dt.datetime) -> tuple[dt.date, dt.datetime]:
    """The London day and the truncated UTC hour a hit falls in."""
    current = now
    hour = current.astimezone(dt.UTC).replace(minute=0, second=0, microsecond=0)
    return current.astimezone(clock.LONDON).date(), hour


def country_of(address: Address | None) -> str:
    """ISO 3166 alpha-2 from the offline table, or ``ZZ``; the address is not kept."""
    if address is None or not address.is_global:
        return UNKNOWN_COUNTRY
    code = iptocc.country_code(str(address))
    return code.upper() if isinstance(code, str) and len(code) == 2 else UNKNOWN_COUNTRY


@lru_cache(maxsize=UA_CACHE_SIZE)
def is_bot(user_agent: str) -> bool:
    """The pinned crawler-user-agents list; an empty user agent is no browser either."""
    return not user_agent.strip() or bool(crawleruseragents.is_crawler(user_agent))


@lru_cache(maxsize=UA_CACHE_SIZE)
def browser_and_device(user_agent: str) -> tuple[str, str]:
    """The browser family (a name from ua-parser's fixed list) and the device class."""
    result = parse_user_agent(user_agent)
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


@lru_cache(maxsize=QUERY_CACHE_SIZE)
def beacon_query(query_string: str) -> tuple[str, str | None]:
    """The area a beacon's query names and the referring site's domain, if any. A
    page's beacons repeat a handful of query strings, so each is parsed once."""
    query = parse_qs(query_string, max_num_fields=4)
    area = (query.get("a") or [""])[0]
    return area, clean_domain((query.get("r") or [""])[0])


@dataclass(frozen=True)
class BeaconCount:
    increments: list[tuple[CounterKey, int, int]]
    cookie_value: str | None  # the statistics cookie to set, or None to leave it
    cookie_max_age: int


def beacon_count(
    *,
    cookie_value: str | None,
    query_string: str,
    user_agent: str,
    address: Address | None,
    excluded: Sequence[ipaddress.IPv4Network | ipaddress.IPv6Network],
    now: dt.datetime,
) -> BeaconCount | None:
    """What one beacon counts, or None when it counts nothing: no statistics cookie
    (P3), an area not counted, a crawler, or an address in ``excluded``."""
    day, hour = hit_times(now)
    stored = parse(cookie_value, today=day)
    if stored is None:
        return None
    area, referrer = beacon_query(query_string)
    user_agent = user_agent[:512]
    if area not in AREA_BITS or is_bot(user_agent):
        return None
    if address is not None and any(address in network for network in excluded):
        return None
    browser, device = browser_and_device(user_agent)
    hit = Hit(
        day=day,
        hour=hour,
        area=area,
        first_of_site=not stored.site_counted,
        first_of_area=not stored.area_counted(area),
        country=country_of(address),
        browser=browser,
        device=device,
        referrer=referrer,
    )
    updated = stored.with_area(area)
    unchanged = updated == stored and cookie_value == stored.value()
    return BeaconCount(
        increments=hit_counters(hit),
        cookie_value=None if unchanged else updated.value(),
        cookie_max_age=seconds_until_london_midnight(now),
    )
