"""``{% stats_beacon %}``: the statistics beacon of a public page (in base.html).

Renders ``<img src="/s/hit?a=<area>&r=<referring domain>">`` on public pages for
visitors who have not objected (``analytics.beacon.page_beacon`` decides), and passes
on to the WSGI layer what the page's response must do with the statistics cookie.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from partnership.analytics.beacon import page_beacon

register = template.Library()


@register.simple_tag(takes_context=True)
def stats_beacon(context: template.Context) -> SafeString | str:
    request: Any = context.get("request")
    if request is None:
        return ""
    beacon = page_beacon(request)
    beacon.apply(request)
    if not beacon.src:
        return ""
    return format_html(
        '<img class="stats-beacon" src="{}" alt="" width="1" height="1">', beacon.src
    )
