"""The site areas that are counted, and the outside referrer's domain.

An area is a URL path prefix of public pages; a page belongs to the longest that
matches. Signed-in and staff pages belong to none and are never counted. The order
of ``AREAS`` is part of the statistics cookie's format (one bit each): add new
areas at the end, never reorder.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

SITE = "*"  # the site total's area name in the counters
AREAS: tuple[str, ...] = (
    "/",
    "/card/",
    "/help/",
    "/legal/",
    "/privacy/",
    "/complaints/",
    "/offers/",
    "/apply/",
)
NOT_PUBLIC_PREFIXES: tuple[str, ...] = ("/account/", "/staff/")
_BY_LENGTH = sorted(AREAS, key=len, reverse=True)
_HOST = re.compile(
    r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+"
)


def area_for_path(path: str) -> str | None:
    """The area a public page belongs to; None for signed-in and staff pages."""
    if path.startswith(NOT_PUBLIC_PREFIXES) or path in ("/account", "/staff"):
        return None
    return next((area for area in _BY_LENGTH if path.startswith(area)), None)


def area_bit(area: str) -> int:
    return 1 << AREAS.index(area)


def clean_domain(raw: str) -> str | None:
    """A host name as counted: lower case, without ``www.``; None unless it looks like
    one (letters, digits, hyphens, at least one dot, at most 253 characters)."""
    host = raw.strip().lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    if len(host) > 253 or not _HOST.fullmatch(host):
        return None
    return host


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
    domain = clean_domain(host)
    if domain is None:
        return None
    own = {clean_domain(item.lstrip(".")) for item in own_hosts}
    if domain in own or host.lower() in own:
        return None
    return domain
