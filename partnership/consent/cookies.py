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
``/privacy/cookies.json`` serves the registry; ``check_cookies`` (a pure function,
also for the WSGI layer) says what is wrong with the cookies a response sets; the
middleware in ``partnership.consent.middleware`` applies it to every response.
Research partners' cookies come from ``settings.RESEARCH_PARTNERS`` (``research.py``)
and join the registry as third-party research cookies.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from http.cookies import Morsel
from typing import Any, Literal
from urllib.parse import unquote

from django.conf import settings
from django.core.signals import setting_changed

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


def _https() -> bool:
    return bool(getattr(settings, "HTTPS", True))


def deployed_name(declaration: CookieDeclaration) -> str:
    if declaration.party is CookieParty.FIRST and declaration.secure_prefix and _https():
        return HOST_PREFIX + declaration.name_base
    return declaration.name_base


_REGISTRY: dict[str, CookieDeclaration] = {}


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
    if name_base in _REGISTRY:
        raise CookieRegistryError(f"cookie {name_base!r} is declared twice")
    _REGISTRY[name_base] = declaration
    _registry_revision.cache_clear()
    return declaration


def cookie_name(name_base: str) -> str:
    """The deployed name of a declared cookie; KeyError for an undeclared one."""
    return deployed_name(_REGISTRY[name_base])


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
    return [*_REGISTRY.values(), *partner_cookies]


def first_party_by_name() -> dict[str, CookieDeclaration]:
    """Declarations this site itself sets, keyed by deployed name."""
    return {
        deployed_name(decl): decl for decl in _REGISTRY.values() if decl.party is CookieParty.FIRST
    }


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
    saved = dict(_REGISTRY)
    _registry_revision.cache_clear()
    try:
        yield
    finally:
        _REGISTRY.clear()
        _REGISTRY.update(saved)
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


# --- Checking what a response sets -------------------------------------------------------


@dataclass(frozen=True)
class CookieViolation:
    name: str  # the cookie's name; never its value
    problem: str
    undeclared: bool = False


def _is_deletion(morsel: Morsel[str]) -> bool:
    max_age = str(morsel["max-age"]).strip()
    return max_age == "0" or (not morsel.value and "1970" in str(morsel["expires"]))


def _looks_personal(value: str) -> bool:
    # Values are random tokens or signed enums; an "@" can only be an e-mail address.
    return "@" in value or "@" in unquote(value)


def check_cookies(
    cookies: Mapping[str, Morsel[str]],
    *,
    registry: Mapping[str, CookieDeclaration] | None = None,
    https: bool | None = None,
) -> list[CookieViolation]:
    """What is wrong with the cookies a response sets: a pure function of its inputs.

    Checks each cookie's name against the registry and its attributes against its
    declaration: Secure in production mode, HttpOnly and SameSite as declared, a
    lifetime no longer than declared, Path=/ and no Domain (the ``__Host-`` rules).
    """
    if not cookies:
        return []  # most responses set none
    known = first_party_by_name() if registry is None else registry
    secure_required = _https() if https is None else https
    violations: list[CookieViolation] = []
    for name, morsel in cookies.items():
        declaration = known.get(name)
        if declaration is None:
            violations.append(CookieViolation(name, "not declared in the registry", True))
            continue
        if _is_deletion(morsel):
            continue
        problems = _attribute_problems(declaration, morsel, secure_required=secure_required)
        violations.extend(CookieViolation(name, problem) for problem in problems)
    return violations


def _attribute_problems(
    declaration: CookieDeclaration, morsel: Morsel[str], *, secure_required: bool
) -> list[str]:
    problems: list[str] = []
    if secure_required and not morsel["secure"]:
        problems.append("not Secure in production mode")
    if declaration.http_only and not morsel["httponly"]:
        problems.append("declared HttpOnly but set without it")
    same_site = str(morsel["samesite"]).strip().capitalize()
    allowed = {"Strict"} if declaration.same_site == "Strict" else {"Lax", "Strict"}
    if same_site not in allowed:
        problems.append(f"SameSite is {same_site or 'missing'}, declared {declaration.same_site}")
    if morsel["domain"]:
        problems.append("sets a Domain")
    if str(morsel["path"] or "/") != "/":
        problems.append("Path is not /")
    max_age = str(morsel["max-age"]).strip()
    if declaration.lifetime == SESSION:
        if max_age or morsel["expires"]:
            problems.append("declared for the session but given an expiry")
    elif max_age and int(max_age) > int(declaration.lifetime):
        problems.append(f"lives {max_age}s, longer than the declared {declaration.lifetime}s")
    elif not max_age and not morsel["expires"]:
        problems.append("declared with a lifetime but set for the session")
    if _looks_personal(morsel.value):
        problems.append("value looks like personal data")
    return problems
