"""What a public page's statistics beacon is, for one request.

``page_beacon`` decides once per request: the beacon's URL (``/s/hit?a=<area>&r=<referring
domain>``), or none for a visitor who objected, a page outside the counted areas or a
member of staff; and what the page's response must do with the statistics cookie
(``"set"`` a fresh one when the browser holds none for today, ``"clear"`` it after an
objection). The ``stats_beacon`` template tag renders it; ``public.page_cache`` keys
cached pages on it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest

from partnership.analytics import cookie as stats_cookie
from partnership.analytics import hits
from partnership.analytics.areas import area_for_path
from partnership.analytics.wsgi import BEACON_PATH, PAGE_COOKIE_ACTION
from partnership.consent.state import consent_for_request
from partnership.core import clock

REQUEST_CACHE = "_partnership_page_beacon"


@dataclass(frozen=True)
class PageBeacon:
    src: str = ""  # empty: no beacon on this page
    cookie_action: str = ""  # "set", "clear" or nothing

    def apply(self, request: HttpRequest) -> None:
        """Ask the WSGI layer to set or clear the cookie on this page's response."""
        if self.cookie_action:
            request.META[PAGE_COOKIE_ACTION] = self.cookie_action


NO_BEACON = PageBeacon()


def page_beacon(request: HttpRequest) -> PageBeacon:
    """The beacon of the page this request renders; computed once per request."""
    cached: PageBeacon | None = getattr(request, REQUEST_CACHE, None)
    if cached is None:
        cached = _page_beacon(request)
        setattr(request, REQUEST_CACHE, cached)
    return cached


def _page_beacon(request: HttpRequest) -> PageBeacon:
    if getattr(request, "resolver_match", None) is None:
        return NO_BEACON  # a page that does not exist: nothing to count
    name = stats_cookie.cookie_name()
    if not consent_for_request(request).may_count_statistics:
        return PageBeacon(cookie_action="clear") if name in request.COOKIES else NO_BEACON
    area = area_for_path(request.path_info)
    user: Any = getattr(request, "user", None)
    if area is None or getattr(user, "is_staff", False):
        return NO_BEACON  # signed-in areas and staff are not public traffic
    stored = hits.parse(request.COOKIES.get(name), today=clock.today_in_london())
    params = {"a": area}
    referer = request.META.get("HTTP_REFERER", "")
    if referer:
        try:
            own_hosts = [request.get_host(), *settings.ALLOWED_HOSTS]
        except DisallowedHost:
            own_hosts = list(settings.ALLOWED_HOSTS)
        referrer = referrer_domain(referer, own_hosts=own_hosts)
        if referrer:
            params["r"] = referrer
    return PageBeacon(
        src=f"{BEACON_PATH}?{urlencode(params)}", cookie_action="set" if stored is None else ""
    )


def referrer_domain(referer: str, *, own_hosts: Iterable[str]) -> str | None:
    """The referring site's domain from a ``Referer`` header: never a path or a query,
    and None when the referrer is this site itself (any of ``own_hosts``)."""
    try:
        parts = urlsplit(referer)
        host = parts.hostname or ""
    except ValueError:
        return None
    if parts.scheme not in ("http", "https"):
        return None
    domain = hits.clean_domain(host)
    if domain is None:
        return None
    own = {hits.clean_domain(item.lstrip(".")) for item in own_hosts}
    if domain in own or host.lower() in own:
        return None
    return domain
