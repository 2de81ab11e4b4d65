"""The consent banner or footer line, and research tags after opt-in (base.html)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from partnership.consent.forms import consent_form_token
from partnership.consent.research import research_partners
from partnership.consent.state import consent_for_request
from partnership.core.middleware import CSP_SCRIPT_SOURCES_ATTRIBUTE

SETTINGS_PATH = "/privacy/cookies/"
BANNER_BUTTONS = (("granted", "Accept research cookies"), ("refused", "Reject research cookies"))
NONCE_ATTRIBUTE = "_partnership_research_nonce"


@dataclass(frozen=True)
class ResearchTag:
    src: str
    nonce: str


def banner_shown(request: HttpRequest) -> bool:
    """Whether a page rendered for this request shows the banner (not on the settings page)."""
    return consent_for_request(request).research_to_ask and request.path != SETTINGS_PATH


def cookie_consent(request: HttpRequest) -> dict[str, Any]:
    state = consent_for_request(request)
    banner = banner_shown(request)
    return {
        "consent": state,
        "consent_banner": banner,
        "consent_partner_names": _partner_names() if banner else "",
        "consent_form_token": consent_form_token(state) if banner else "",
        "consent_banner_buttons": BANNER_BUTTONS,
        "research_tags": _research_tags(request) if state.may_load_research else [],
    }


def _partner_names() -> str:
    """The partners the banner asks about: "A", "A and B", "A, B and C"."""
    names = [partner.name for partner in research_partners()]
    return " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)


def _research_tags(request: HttpRequest) -> list[ResearchTag]:
    """Tags of every partner, each allowed by origin and this response's nonce only."""
    partners = research_partners()
    nonce: str | None = getattr(request, NONCE_ATTRIBUTE, None)
    if nonce is None:
        nonce = secrets.token_urlsafe(18)
        setattr(request, NONCE_ATTRIBUTE, nonce)
        sources = sorted({partner.origin for partner in partners})
        setattr(request, CSP_SCRIPT_SOURCES_ATTRIBUTE, [*sources, f"'nonce-{nonce}'"])
    return [ResearchTag(src=partner.script_url, nonce=nonce) for partner in partners]
