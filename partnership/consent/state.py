"""What a visitor has chosen about cookies, read from the consent cookie and headers.

``consent_state_from`` is a pure function of the cookie's value and the request
headers (and the configured research partners): the statistics beacon in the WSGI
layer can call it without Django's request or a database read. ``consent_for_request``
is the same for a Django request, cached on it.

The consent cookie holds only a random consent id, fixed one-letter codes for each
choice, how and when the choice was made and which research revision it answered,
signed (``django.core.signing``, salted) so it cannot be altered.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from django.core import signing
from django.http import HttpRequest

from partnership.consent import cookies
from partnership.consent.research import research_partners, research_revision

COOKIE_BASE = "consent"
COOKIE_SALT = "partnership.consent.cookie"
COOKIE_LIFETIME = 365 * 24 * 60 * 60
REQUEST_CACHE = "_partnership_consent_state"


class Statistics(StrEnum):
    ALLOWED = "allowed"
    OBJECTED = "objected"


class Research(StrEnum):
    GRANTED = "granted"
    REFUSED = "refused"
    NOT_ASKED = "not_asked"


class Preferences(StrEnum):
    ALLOWED = "allowed"
    REFUSED = "refused"


class Method(StrEnum):
    BANNER = "banner"
    SETTINGS_PAGE = "settings_page"
    BROWSER_SIGNAL = "browser_signal"


_CODES: dict[str, dict[str, str]] = {
    "s": {"a": Statistics.ALLOWED, "o": Statistics.OBJECTED},
    "r": {"g": Research.GRANTED, "r": Research.REFUSED, "n": Research.NOT_ASKED},
    "p": {"a": Preferences.ALLOWED, "r": Preferences.REFUSED},
    "m": {"b": Method.BANNER, "s": Method.SETTINGS_PAGE, "g": Method.BROWSER_SIGNAL},
}


def _code(kind: str, value: str) -> str:
    return next(code for code, full in _CODES[kind].items() if full == value)


@dataclass(frozen=True)
class Choices:
    statistics: Statistics = Statistics.ALLOWED
    research: Research = Research.NOT_ASKED
    preferences: Preferences = Preferences.ALLOWED


@dataclass(frozen=True)
class StoredConsent:
    """What the consent cookie says, once its signature checked out."""

    consent_id: uuid.UUID
    choices: Choices
    method: Method
    signal_present: bool  # the browser sent Sec-GPC/DNT when this choice was made
    research_revision: str
    chosen_at: int  # Unix seconds

    def cookie_value(self) -> str:
        payload = {
            "i": self.consent_id.hex,
            "s": _code("s", self.choices.statistics),
            "r": _code("r", self.choices.research),
            "p": _code("p", self.choices.preferences),
            "m": _code("m", self.method),
            "g": int(self.signal_present),
            "v": self.research_revision,
            "t": self.chosen_at,
        }
        return signing.dumps(payload, salt=COOKIE_SALT, compress=False)


def stored_consent_read(value: str | None) -> StoredConsent | None:
    """The cookie's content, or None when it is missing, altered, expired or malformed."""
    if not value or len(value) > 400:
        return None
    try:
        payload: Any = signing.loads(value, salt=COOKIE_SALT, max_age=COOKIE_LIFETIME)
        return StoredConsent(
            consent_id=uuid.UUID(hex=str(payload["i"])),
            choices=Choices(
                statistics=Statistics(_CODES["s"][payload["s"]]),
                research=Research(_CODES["r"][payload["r"]]),
                preferences=Preferences(_CODES["p"][payload["p"]]),
            ),
            method=Method(_CODES["m"][payload["m"]]),
            signal_present=bool(payload["g"]),
            research_revision=str(payload["v"]),
            chosen_at=int(payload["t"]),
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def browser_signal(headers: Mapping[str, str]) -> bool:
    """``Sec-GPC: 1`` or ``DNT: 1`` (header names in any case)."""
    return any(
        key.lower() in ("sec-gpc", "dnt") and value.strip() == "1" for key, value in headers.items()
    )


@dataclass(frozen=True)
class ConsentState:
    """The choices in effect for one request, and whether anything must be asked."""

    choices: Choices
    stored: StoredConsent | None
    browser_signal: bool
    research_offered: bool  # a research partner is configured
    # A visitor holding a consent cookie whose browser signal is not yet on record.
    signal_to_record: bool = False

    @property
    def may_count_statistics(self) -> bool:
        return self.choices.statistics is Statistics.ALLOWED

    @property
    def may_load_research(self) -> bool:
        return self.research_offered and self.choices.research is Research.GRANTED

    @property
    def may_set_preferences(self) -> bool:
        return self.choices.preferences is Preferences.ALLOWED

    @property
    def research_to_ask(self) -> bool:
        """The banner's question: a partner is configured and no current answer exists."""
        return self.research_offered and self.choices.research is Research.NOT_ASKED

    @property
    def consent_id(self) -> uuid.UUID | None:
        return self.stored.consent_id if self.stored else None


def consent_state_from(*, cookie_value: str | None, headers: Mapping[str, str]) -> ConsentState:
    """The choices in effect, from the consent cookie's value and the request headers.

    - No (valid) cookie: statistics counted (DUAA's exception, with the notice), research
      not asked, preferences kept.
    - A research answer given for another set of partners counts as not asked: a new
      partner is asked about again; the other choices stand.
    - ``Sec-GPC: 1``/``DNT: 1`` object to statistics and refuse research, unless the
      stored choice was made on the banner or settings page while the browser already
      sent the signal (an explicit later choice wins).
    """
    offered = bool(research_partners())
    signal = browser_signal(headers)
    stored = stored_consent_read(cookie_value)
    choices = Choices() if stored is None else stored.choices
    if stored is not None and stored.research_revision != research_revision():
        choices = replace(choices, research=Research.NOT_ASKED)
    if signal and not _chosen_after_signal(stored):
        choices = signal_choices(choices, research_offered=offered)
        return ConsentState(
            choices=choices,
            stored=stored,
            browser_signal=True,
            research_offered=offered,
            signal_to_record=stored is not None and stored.method is not Method.BROWSER_SIGNAL,
        )
    return ConsentState(
        choices=choices, stored=stored, browser_signal=signal, research_offered=offered
    )


def _chosen_after_signal(stored: StoredConsent | None) -> bool:
    """A choice made on the banner or settings page while the browser already sent
    the signal: an explicit later choice, which the signal does not override."""
    return (
        stored is not None and stored.method is not Method.BROWSER_SIGNAL and stored.signal_present
    )


def statistics_allowed(*, cookie_value: str | None, sec_gpc: str, dnt: str) -> bool:
    """``consent_state_from(...).may_count_statistics`` for the beacon, from the raw
    consent cookie and signal headers, without the research partners it does not need."""
    stored = stored_consent_read(cookie_value)
    if browser_signal({"Sec-GPC": sec_gpc, "DNT": dnt}) and not _chosen_after_signal(stored):
        return False
    return stored is None or stored.choices.statistics is Statistics.ALLOWED


def signal_choices(choices: Choices, *, research_offered: bool) -> Choices:
    """What a browser signal means: object to statistics, refuse research."""
    research = Research.REFUSED if research_offered else Research.NOT_ASKED
    return replace(choices, statistics=Statistics.OBJECTED, research=research)


def consent_cookie_name() -> str:
    return cookies.cookie_name(COOKIE_BASE)


def consent_for_request(request: HttpRequest) -> ConsentState:
    """``consent_state_from`` for a Django request; computed once per request."""
    cached: ConsentState | None = getattr(request, REQUEST_CACHE, None)
    if cached is None:
        cached = consent_state_from(
            cookie_value=request.COOKIES.get(consent_cookie_name()), headers=request.headers
        )
        setattr(request, REQUEST_CACHE, cached)
    return cached


def stored_consent_new(
    *,
    consent_id: uuid.UUID,
    choices: Choices,
    method: Method,
    signal_present: bool,
    at: dt.datetime,
) -> StoredConsent:
    return StoredConsent(
        consent_id=consent_id,
        choices=choices,
        method=method,
        signal_present=signal_present,
        research_revision=research_revision(),
        chosen_at=int(at.timestamp()),
    )
