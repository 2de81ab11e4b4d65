"""The site areas that are counted.

An area is a URL path prefix of public pages; a page belongs to the longest that
matches. Signed-in and staff pages belong to none and are never counted. The order
of ``AREAS`` is part of the statistics cookie's format (one bit each): add new
areas at the end, never reorder.
"""

from __future__ import annotations

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
# Each area's bit in the statistics cookie, and every bit.
AREA_BITS: dict[str, int] = {area: 1 << index for index, area in enumerate(AREAS)}
ALL_AREAS = (1 << len(AREAS)) - 1
_BY_LENGTH = sorted(AREAS, key=len, reverse=True)


def area_for_path(path: str) -> str | None:
    """The area a public page belongs to; None for signed-in and staff pages."""
    if path.startswith(NOT_PUBLIC_PREFIXES) or path in ("/account", "/staff"):
        return None
    return next((area for area in _BY_LENGTH if path.startswith(area)), None)
