"""``{% stats_beacon %}``: the statistics beacon of a public page (in base.html).

Renders ``<img src="/s/hit?a=<area>&r=<referring domain>">`` on public pages for
visitors who have not objected, and asks the WSGI layer to set a fresh statistics
cookie on this page's response when the browser holds none; for a visitor who
objected it renders nothing and asks for the cookie to be cleared.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.utils.html import format_html
from django.utils.safestring import SafeString

from partnership.analytics import cookie as stats_cookie
from partnership.analytics.areas import area_for_path, referrer_domain
from partnership.analytics.wsgi import BEACON_PATH, PAGE_COOKIE_ACTION
from partnership.core import clock
from partnership.privacy.consent.state import consent_for_request

register = template.Library()


@register.simple_tag(takes_context=True)
def stats_beacon(context: template.Context) -> SafeString | str:
    request: Any = context.get("request")
    if request is None or getattr(request, "resolver_match", None) is None:
        return ""  # no request, or a page that does not exist: nothing to count
    name = stats_cookie.cookie_name()
    if not consent_for_request(request).may_count_statistics:
        if name in request.COOKIES:
            request.META[PAGE_COOKIE_ACTION] = "clear"
        return ""
    area = area_for_path(request.path_info)
    user = getattr(request, "user", None)
    if area is None or getattr(user, "is_staff", False):
        return ""  # signed-in areas and staff are not public traffic
    today = clock.today_in_london()
    if stats_cookie.parse(request.COOKIES.get(name), today=today) is None:
        request.META[PAGE_COOKIE_ACTION] = "set"
    params = {"a": area}
    try:
        own_hosts = [request.get_host(), *settings.ALLOWED_HOSTS]
    except DisallowedHost:
        own_hosts = list(settings.ALLOWED_HOSTS)
    referrer = referrer_domain(request.headers.get("Referer", ""), own_hosts=own_hosts)
    if referrer:
        params["r"] = referrer
    return format_html(
        '<img class="stats-beacon" src="{}" alt="" width="1" height="1">',
        f"{BEACON_PATH}?{urlencode(params)}",
    )
