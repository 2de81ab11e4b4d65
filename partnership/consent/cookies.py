"""The cookie registry: every cookie this site can set, declared once (P9).

Apps declare their cookies from ``AppConfig.ready()``, the way they register data
inventory entries::

    from partnership.consent import cookies

    cookies.register_cookie(
        name_base="device",
        category=cookies.CookieCategory.STRICTLY_NECESSARY,
        purpose="Remembers that this browser passed the one-time code, …",
        lifetime=30 * 24 * 60 * 60,  # seconds, or cookies.SESSION
        holds="A random token; the server keeps only its hash.",
    )

and set it under the name this deployment uses::

    response.set_cookie(cookies.cookie_name("device"), token, max_age=…,
                        secure=settings.HTTPS, httponly=True, samesite="Lax")

The deployed name carries the ``__Host-`` prefix in production mode for first-party
cookies (as ``SESSION_COOKIE_NAME`` and ``CSRF_COOKIE_NAME`` already do).
``/privacy/cookies.json`` serves the registry; ``cookie_check.check_cookies`` (a pure
function, also for the WSGI layer) says what is wrong with the cookies a response sets; the
middleware in ``partnership.consent.middleware`` applies it to every response.
Research partners' cookies come from ``settings.RESEARCH_PARTNERS`` (``research.py``)
and join the registry as third-party research cookies.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Literal

from django.conf import settings
from django.core.signals import setting_changed

from partnership.core.registry import Registry

# A lifetime that ends when the browser closes.
SESSION: Literal["session"] = "session"
Lifetime = int | Literal["session"]
HOST_PREFIX = "__Host-"


class CookieCategory(StrEnum):
    STRICTLY_NECESSARY = "strictly_necessary"
    PREFERENCES = "preferences"
    STATISTICS = "statistics"
    RESEARCH = "research"


class CookieParty(StrEnum):
    FIRST = "first"
    THIRD = "third"


class CookieRegistryError(ValueError):
    """A declaration that would make the registry ambiguous or wrong."""


@dataclass(frozen=True)
class CookieDeclaration:
    name_base: str  # the name without any prefix ("session")
    category: CookieCategory
    purpose: str  # why it exists, in words a visitor reads in the notice
    lifetime: Lifetime  # seconds, or SESSION
    party: CookieParty
    holds: str  # what its value is ("a random token", "today's date and …")
    # First-party cookies get "__Host-" in production mode (Secure, Path=/, no Domain).
    secure_prefix: bool = True
    http_only: bool = True
    same_site: Literal["Lax", "Strict"] = "Lax"
    set_by: str = ""  # third party: who sets it (the research partner's name)

    @property
    def name(self) -> str:
        """The name exactly as this deployment sets it."""
        return deployed_name(self)

    def as_public_dict(self) -> dict[str, Any]:
        """One entry of ``/privacy/cookies.json`` (DESIGN §3), exactly these keys."""
        return {
            "name": self.name,
            "category": str(self.category),
            "purpose": self.purpose,
            "lifetime": self.lifetime,
            "party": str(self.party),
            "holds": self.holds,
        }


def https_mode() -> bool:
    return bool(getattr(settings, "HTTPS", True))


def deployed_name(declaration: CookieDeclaration) -> str:
    if declaration.party is CookieParty.FIRST and declaration.secure_prefix and https_mode():
        return HOST_PREFIX + declaration.name_base
    return declaration.name_base


COOKIES: Registry[CookieDeclaration] = Registry(
    "cookie", name=lambda decl: decl.name_base, error=CookieRegistryError
)


def register_cookie(
    *,
    name_base: str,
    category: CookieCategory,
    purpose: str,
    lifetime: Lifetime,
    holds: str,
    party: CookieParty = CookieParty.FIRST,
    secure_prefix: bool = True,
    http_only: bool = True,
    same_site: Literal["Lax", "Strict"] = "Lax",
) -> CookieDeclaration:
    """Declare a first-party cookie; call from ``AppConfig.ready()``. Refuses duplicates."""
    declaration = CookieDeclaration(
        name_base=name_base,
        category=CookieCategory(category),
        purpose=purpose,
        lifetime=lifetime,
        party=CookieParty(party),
        holds=holds,
        secure_prefix=secure_prefix,
        http_only=http_only,
        same_site=same_site,
    )
    _validate(declaration)
    COOKIES.register(declaration)
    _registry_revision.cache_clear()
    return declaration


def cookie_name(name_base: str) -> str:
    """The deployed name of a declared cookie; KeyError for an undeclared one."""
    return deployed_name(COOKIES[name_base])


def declared() -> list[CookieDeclaration]:
    """Every cookie: those apps declared, then the configured research partners'."""
    from partnership.consent.research import research_partners

    partner_cookies = [
        CookieDeclaration(
            name_base=cookie.name,
            category=CookieCategory.RESEARCH,
            purpose=cookie.purpose,
            lifetime=cookie.lifetime,
            party=CookieParty.THIRD,
            holds=cookie.holds,
            secure_prefix=False,
            set_by=partner.name,
        )
        for partner in research_partners()
        for cookie in partner.cookies
    ]
    return [*COOKIES.all(), *partner_cookies]


def first_party_by_name() -> dict[str, CookieDeclaration]:
    """Declarations this site itself sets, keyed by deployed name."""
    return {deployed_name(decl): decl for decl in COOKIES.all() if decl.party is CookieParty.FIRST}


def registry_document() -> dict[str, Any]:
    """``/privacy/cookies.json``: ``{"revision", "cookies": [...]}`` (DESIGN §3)."""
    return {
        "revision": registry_revision(),
        "cookies": [decl.as_public_dict() for decl in declared()],
    }


def registry_revision() -> str:
    """A digest of every declaration and every research partner.

    It changes whenever a cookie or a partner is added, removed or changed, so a
    consent given under one revision can be asked again under the next. Pages ask for
    it on every request, so it is worked out once and forgotten when the registry or
    the settings it reads change.
    """
    return _registry_revision()


def _forget_revision(**kwargs: object) -> None:
    _registry_revision.cache_clear()


setting_changed.connect(_forget_revision, dispatch_uid="consent.cookies.revision")


@functools.cache
def _registry_revision() -> str:
    from partnership.consent.research import research_partners

    canonical = {
        "cookies": sorted(
            (
                {
                    "name_base": decl.name_base,
                    "category": str(decl.category),
                    "purpose": decl.purpose,
                    "lifetime": decl.lifetime,
                    "party": str(decl.party),
                    "holds": decl.holds,
                    "secure_prefix": decl.secure_prefix,
                    "http_only": decl.http_only,
                    "same_site": decl.same_site,
                    "set_by": decl.set_by,
                }
                for decl in declared()
            ),
            key=lambda item: (str(item["set_by"]), str(item["name_base"])),
        ),
        "research_partners": [partner.canonical() for partner in research_partners()],
    }
    blob = json.dumps(canonical, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    # 20 hex digits: never mistaken for a card or phone number by the audit checks.
    return hashlib.sha256(blob.encode()).hexdigest()[:20]


@contextmanager
def registry_isolated() -> Iterator[None]:
    """Test-only: change the registry for the duration of a block, then restore it."""
    _registry_revision.cache_clear()
    try:
        with COOKIES.isolated():
            yield
    finally:
        _registry_revision.cache_clear()


def _validate(declaration: CookieDeclaration) -> None:
    name = declaration.name_base
    if not name or not all(ch.isascii() and (ch.isalnum() or ch in "_-.") for ch in name):
        raise CookieRegistryError(f"cookie name {name!r} must be ASCII letters, digits, _ - .")
    if name.startswith(("__Host-", "__Secure-")):
        raise CookieRegistryError(f"declare {name!r} without its prefix; it is added in production")
    if declaration.party is not CookieParty.FIRST:
        raise CookieRegistryError("register_cookie declares first-party cookies only")
    lifetime = declaration.lifetime
    if lifetime != SESSION and (isinstance(lifetime, bool) or not isinstance(lifetime, int)):
        raise CookieRegistryError(f"cookie {name!r}: lifetime is seconds or SESSION")
    if isinstance(lifetime, int) and lifetime <= 0:
        raise CookieRegistryError(f"cookie {name!r}: lifetime must be positive")
    if not declaration.purpose.strip() or not declaration.holds.strip():
        raise CookieRegistryError(f"cookie {name!r} needs a purpose and what it holds")
    if declaration.same_site not in ("Lax", "Strict"):
        raise CookieRegistryError(f"cookie {name!r}: SameSite must be Lax or Strict")
