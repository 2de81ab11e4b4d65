"""Research partners (P12): third parties whose tag loads only after opt-in consent.

Declared in ``settings.RESEARCH_PARTNERS`` (docs/cookies.md), each a mapping::

    {"key": "demo", "name": "…", "origin": "http://localhost:8000",
     "script_path": "/research-demo/tag.js", "does": "what the script does",
     "cookies": [{"name": "…", "purpose": "…", "lifetime": 86400, "holds": "…"}]}

The tag is ``<script src="{origin}{script_path}">`` with no query string: nothing about
the visitor is put in the URL. Their cookies join the cookie registry as third-party
research cookies, and every field counts towards the registry revision.
"""

from __future__ import annotations

import functools
import re
from dataclasses import asdict, dataclass
from typing import Any, Literal
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed

_KEY = re.compile(r"[a-z][a-z0-9-]{0,30}")
_PATH = re.compile(r"/[A-Za-z0-9/._-]{0,200}")


@dataclass(frozen=True)
class ResearchCookie:
    name: str
    purpose: str
    lifetime: int | Literal["session"]
    holds: str


@dataclass(frozen=True)
class ResearchPartner:
    key: str
    name: str
    origin: str  # scheme://host[:port], no path
    script_path: str
    does: str
    cookies: tuple[ResearchCookie, ...] = ()

    @property
    def script_url(self) -> str:
        return self.origin + self.script_path

    def canonical(self) -> dict[str, Any]:
        return asdict(self)


def _parse_origin(raw: str, key: str) -> str:
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ImproperlyConfigured(f"research partner {key!r}: origin must be http(s)://host")
    if parts.path not in ("", "/") or parts.query or parts.fragment or "@" in parts.netloc:
        raise ImproperlyConfigured(f"research partner {key!r}: origin is scheme://host[:port]")
    return f"{parts.scheme}://{parts.netloc}"


def _parse_cookie(raw: dict[str, Any], key: str) -> ResearchCookie:
    try:
        lifetime = raw["lifetime"]
        if lifetime != "session" and (not isinstance(lifetime, int) or lifetime <= 0):
            raise ValueError
        return ResearchCookie(
            name=str(raw["name"]),
            purpose=str(raw["purpose"]),
            lifetime=lifetime,
            holds=str(raw["holds"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ImproperlyConfigured(
            f"research partner {key!r}: each cookie needs name, purpose, lifetime "
            "(seconds or 'session') and holds"
        ) from exc


def parse_partner(raw: dict[str, Any]) -> ResearchPartner:
    key = str(raw.get("key", ""))
    if not _KEY.fullmatch(key):
        raise ImproperlyConfigured(f"research partner key {key!r} must be a-z 0-9 -")
    script_path = str(raw.get("script_path", ""))
    if not _PATH.fullmatch(script_path):
        raise ImproperlyConfigured(f"research partner {key!r}: script_path must be a plain path")
    name, does = str(raw.get("name", "")).strip(), str(raw.get("does", "")).strip()
    if not name or not does:
        raise ImproperlyConfigured(f"research partner {key!r} needs a name and what it does")
    return ResearchPartner(
        key=key,
        name=name,
        origin=_parse_origin(str(raw.get("origin", "")), key),
        script_path=script_path,
        does=does,
        cookies=tuple(_parse_cookie(cookie, key) for cookie in raw.get("cookies", ())),
    )


def research_partners() -> tuple[ResearchPartner, ...]:
    """The configured partners, parsed once; every page asks (banner, CSP, revision)."""
    return _research_partners()


def _forget_partners(**kwargs: object) -> None:
    _research_partners.cache_clear()


setting_changed.connect(_forget_partners, dispatch_uid="consent.research.partners")


@functools.cache
def _research_partners() -> tuple[ResearchPartner, ...]:
    partners = tuple(parse_partner(raw) for raw in getattr(settings, "RESEARCH_PARTNERS", ()))
    if len({partner.key for partner in partners}) != len(partners):
        raise ImproperlyConfigured("two research partners share a key")
    return partners


def research_revision() -> str:
    """A digest of the partners alone: a research choice made under another is stale."""
    import hashlib
    import json

    blob = json.dumps(
        [partner.canonical() for partner in research_partners()], sort_keys=True, default=str
    )
    return hashlib.sha256(blob.encode()).hexdigest()[:12]
