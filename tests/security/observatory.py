"""Pure-Python port of the HTTP-header grader of ``@mdn/mdn-http-observatory`` 1.4.8.

This module re-implements, without any Django (or other third-party) import, the ten
analyzer tests and the scoring/grading of the npm package ``@mdn/mdn-http-observatory``
**version 1.4.8** (``npm pack @mdn/mdn-http-observatory@1.4.8``), so that a single HTTP
response produced in a test suite can be graded exactly like https://developer.mozilla.org/observatory
grades a live site.

Provenance (paths are inside the npm tarball, i.e. below ``package/``):

* ``src/types.js`` -- the ``Expectation`` result names (``csp-implemented-with-no-unsafe``, ...)
  and the ``Policy`` flags: ported as the ``_R_*`` constants below.
* ``src/grader/charts.js`` -- ``SCORE_TABLE`` (score modifier of every result),
  ``GRADE_CHART`` and ``MINIMUM_SCORE_FOR_EXTRA_CREDIT = 90``: ``SCORE_MODIFIERS``,
  ``GRADE_CHART``, ``MINIMUM_SCORE_FOR_EXTRA_CREDIT``.
* ``src/grader/grader.js`` -- ``getGradeForScore`` / ``getScoreModifier``: ``grade_for_score``.
* ``src/scanner/index.js`` -- ``scan()``: the accepted status codes, base score 100, the rule
  that positive modifiers (extra credit) only count when the score made of the negative
  modifiers alone is already >= 90, and the test map keyed by test name: ``scan``.
* ``src/constants.js`` -- ``ALL_TESTS`` (the ten tests and their order): ``scan``.
* ``src/headers.js`` -- header names.
* ``src/analyzer/utils.js`` -- ``onlyIfWorse``, ``getHttpHeaders``, ``getFirstHttpHeader``:
  ``_only_if_worse``, ``_Headers``.
* ``src/analyzer/cspParser.js`` -- ``parseCsp``, ``parseCspMeta``, ``pathPartMatch``:
  ``parse_csp``, ``parse_csp_meta``, ``_path_part_match``.
* ``src/analyzer/tests/csp.js`` -- ``contentSecurityPolicyTest``: ``_csp_test``.
* ``src/analyzer/tests/cookies.js`` -- ``cookiesTest``, ``containsInvalidSameSiteCookie``,
  ``filterCookies``: ``_cookies_test``.
* ``src/analyzer/tests/cors.js`` -- ``crossOriginResourceSharingTest``: ``_cors_test``.
* ``src/analyzer/tests/redirection.js`` -- ``redirectionTest``: ``_redirection_test``.
* ``src/analyzer/tests/referrer-policy.js`` -- ``referrerPolicyTest``: ``_referrer_policy_test``.
* ``src/analyzer/tests/strict-transport-security.js`` -- ``strictTransportSecurityTest``:
  ``_hsts_test``.
* ``src/analyzer/tests/subresource-integrity.js`` -- ``subresourceIntegrityTest``: ``_sri_test``.
* ``src/analyzer/tests/x-content-type-options.js`` -- ``xContentTypeOptionsTest``: ``_xcto_test``.
* ``src/analyzer/tests/x-frame-options.js`` -- ``xFrameOptionsTest``: ``_xfo_test``.
* ``src/analyzer/tests/cross-origin-resource-policy.js`` -- ``crossOriginResourcePolicyTest``:
  ``_corp_test``.
* ``src/analyzer/hsts.js`` -- ``isHstsPreloaded``: ``_is_hsts_preloaded``.
* ``src/retriever/utils.js`` -- ``parseHttpEquivHeaders`` (``<meta http-equiv=
  "Content-Security-Policy">`` and ``<meta name="referrer">``): ``_parse_html``.
* ``src/retriever/retriever.js`` and ``src/retriever/session.js`` -- how the JS scanner builds
  its ``Requests`` object (which response each test looks at, when the HTML ``<meta>`` tags are
  parsed, how cookies reach the jar): ``scan``.

Verification: besides ``test_observatory_grader.py`` (the vectors of the package's mocha
suite), the port was compared with the JS analyzers + ``scan()`` scoring run under Node 20 on
~30,000 randomly generated responses (headers, cookies, ``<meta>`` CSP/referrer, scripts),
with identical results, and ``parse_csp`` with ``parseCsp`` on 5,000 multi-policy lists.

What the JS scanner observes that one response cannot (documented choices):

* **HTTP -> HTTPS redirection** (``redirection`` test). The JS scanner separately fetches
  ``http://<host>/`` and records the redirect chain. Here: ``redirect_chain`` (the URLs visited
  starting at the ``http://`` URL, final URL included, i.e. JS ``httpRedirects[].url``) is used
  verbatim when given. Otherwise ``http_redirects_to_https=True`` stands for the chain
  ``http://<host>/ -> https://<host>/`` (``redirection-to-https``), ``False`` for an HTTP site
  that does not redirect (``redirection-missing``), and ``None`` means "no HTTP endpoint
  observed" (``redirection-not-needed-no-http``) -- except when ``url`` itself is ``http://``,
  in which case the given (non-redirecting) response *is* the HTTP response and the chain is
  ``[url]``.
* **HSTS preload list** (``src/analyzer/hsts.js`` reads Chromium's list, downloaded at
  ``npm install`` time and not shipped in the tarball). Every host is treated as *not* preloaded
  unless ``hsts_preload`` maps it (or a parent domain with ``includeSubDomains``) to its
  ``includeSubDomains`` flag; entries are taken to be in ``force-https`` mode.
* **HTTPS availability / certificate validity.** The ``strict-transport-security`` test reads
  the HTTPS response: when ``url`` is ``https://`` the given response is that response; when it
  is ``http://`` no HTTPS response was observed (``hsts-not-implemented-no-https``).
  ``tls_verified=False`` models a certificate the JS scanner could not verify
  (``hsts-invalid-cert`` / ``redirection-invalid-cert``).
* **Cookies.** The JS scanner stores every ``Set-Cookie`` of the redirect chain, of a
  ``/robots.txt`` fetch and of a CORS pre-flight in a ``tough-cookie`` jar; here the jar is fed
  only with the ``Set-Cookie`` headers of the given response (set for ``url``), replicating
  ``tough-cookie`` 5 parsing (non-loose), ``Domain`` matching, public-suffix rejection,
  ``__Secure-``/``__Host-`` prefix rules and replacement of same name/domain/path cookies.
* **CORS.** The JS scanner sends a separate ``OPTIONS`` request with ``Origin:`` set; the given
  response headers are used as that response. The JS test compares the ``Origin`` *request*
  header, read from ``response.request.headers``; with axios in Node that attribute does not
  exist (the request is a ``ClientRequest``), so in production the origin is never seen and
  ``...-with-universal-access`` is only produced by the package's own test harness. Pass
  ``cors_request_origin`` to reproduce that harness behaviour (``CORS_ORIGIN`` is the origin
  the scanner sends).
* **Header folding.** The JS code sees headers after Node's ``http`` parser: repeated
  ``Set-Cookie`` headers stay a list, repeated ``Content-Type``/``Location``/... keep the first
  value, and every other repeated header (``Content-Security-Policy``,
  ``Strict-Transport-Security``, ...) is joined with ``", "`` into one value. ``headers`` may
  therefore be a list of pairs and is folded the same way; e.g. two HSTS headers give
  ``hsts-header-invalid`` exactly as in production. (Several CSP *policies* are only seen as
  separate policies when they come from the header and from ``<meta>`` tags.)
* **Public suffixes.** ``tldts`` (registrable domain in the SRI test) and ``tough-cookie``
  (cookie ``Domain`` rejection) use the full Public Suffix List; this port embeds only the
  ICANN rules of ``.uk`` and a few other common multi-label suffixes (``_PUBLIC_SUFFIXES``),
  falling back to the PSL default rule (the last label is the suffix).
* **CSP source ordering.** ``parseCsp`` sorts sources with ``Intl.Collator("en")``; the ASCII
  ordering of that collator is reproduced in ``_COLLATION_ORDER`` (non-ASCII characters sort
  after ASCII ones by code point).
* **HTML.** ``jsdom`` is replaced by ``html.parser``; ``<template>`` contents and raw-text
  elements (``title``, ``textarea``, ...) are skipped like a DOM query would. ``jsdom`` 26 throws
  (``html-not-parseable``) only on a CSS-parser bug that ``_style_attribute_crashes_jsdom``
  emulates.
"""

from __future__ import annotations

import ipaddress
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import ClassVar
from urllib.parse import urlsplit

__all__ = [
    "CORS_ORIGIN",
    "GRADE_CHART",
    "MINIMUM_SCORE_FOR_EXTRA_CREDIT",
    "SCORE_MODIFIERS",
    "Scan",
    "TestResult",
    "grade_for_score",
    "parse_csp",
    "parse_csp_meta",
    "scan",
]

PACKAGE = "@mdn/mdn-http-observatory"
PACKAGE_VERSION = "1.4.8"
ALGORITHM_VERSION = 4

# src/config.js: retriever.corsOrigin default
CORS_ORIGIN = "https://http-observatory.security.mozilla.org"


@dataclass(frozen=True)
class TestResult:
    """One analyzer result: JS ``name``, ``result``, ``scoreModifier`` and ``pass``."""

    __test__: ClassVar[bool] = False  # not a pytest test class

    name: str
    result: str
    score_modifier: int
    pass_: bool | None


@dataclass(frozen=True)
class Scan:
    """Final score, grade and results keyed by test name (JS ``scan()`` return value)."""

    score: int
    grade: str
    tests: dict[str, TestResult]
    #: The CSP test's ``policy`` flags (``antiClickjacking``, ``insecureBaseUri``, ...); empty
    #: when no valid CSP was found. Informational, as in the JS output.
    csp_policy: Mapping[str, bool] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------
# src/types.js -- Expectation
# ---------------------------------------------------------------------------------------------
_R_CSP_NO_UNSAFE = "csp-implemented-with-no-unsafe"
_R_CSP_NO_UNSAFE_DEFAULT_NONE = "csp-implemented-with-no-unsafe-default-src-none"
_R_CSP_UNSAFE_INLINE_STYLE_ONLY = "csp-implemented-with-unsafe-inline-in-style-src-only"
_R_CSP_INSECURE_PASSIVE_ONLY = "csp-implemented-with-insecure-scheme-in-passive-content-only"
_R_CSP_UNSAFE_INLINE = "csp-implemented-with-unsafe-inline"
_R_CSP_UNSAFE_EVAL = "csp-implemented-with-unsafe-eval"
_R_CSP_INSECURE_SCHEME = "csp-implemented-with-insecure-scheme"
_R_CSP_HEADER_INVALID = "csp-header-invalid"
_R_CSP_NOT_IMPLEMENTED = "csp-not-implemented"
_R_CSP_REPORT_ONLY = "csp-not-implemented-but-reporting-enabled"
_R_CSP_DUPLICATE = "csp-implemented-but-duplicate-directives"

_R_SRI_ALL_SECURE = "sri-implemented-and-all-scripts-loaded-securely"
_R_SRI_EXTERNAL_SECURE = "sri-implemented-and-external-scripts-loaded-securely"
_R_SRI_IMPL_EXTERNAL_INSECURE = "sri-implemented-but-external-scripts-not-loaded-securely"
_R_SRI_NOT_IMPL_EXTERNAL_INSECURE = "sri-not-implemented-and-external-scripts-not-loaded-securely"
_R_SRI_NOT_IMPL_SECURE_ORIGIN = "sri-not-implemented-but-all-scripts-loaded-from-secure-origin"
_R_SRI_NOT_IMPL_EXTERNAL_SECURE = "sri-not-implemented-but-external-scripts-loaded-securely"
_R_SRI_NO_SCRIPTS = "sri-not-implemented-but-no-scripts-loaded"
_R_SRI_NOT_HTML = "sri-not-implemented-response-not-html"

_R_HTML_NOT_PARSEABLE = "html-not-parseable"

_R_HSTS_INVALID = "hsts-header-invalid"
_R_HSTS_AT_LEAST_SIX_MONTHS = "hsts-implemented-max-age-at-least-six-months"
_R_HSTS_LESS_THAN_SIX_MONTHS = "hsts-implemented-max-age-less-than-six-months"
_R_HSTS_INVALID_CERT = "hsts-invalid-cert"
_R_HSTS_NO_HTTPS = "hsts-not-implemented-no-https"
_R_HSTS_NOT_IMPLEMENTED = "hsts-not-implemented"
_R_HSTS_PRELOADED = "hsts-preloaded"

_R_COOKIES_ANTICSRF_NO_SAMESITE = "cookies-anticsrf-without-samesite-flag"
_R_COOKIES_NOT_FOUND = "cookies-not-found"
_R_COOKIES_SAMESITE_INVALID = "cookies-samesite-flag-invalid"
_R_COOKIES_SECURE_HTTPONLY_SAMESITE = "cookies-secure-with-httponly-sessions-and-samesite"
_R_COOKIES_SECURE_HTTPONLY = "cookies-secure-with-httponly-sessions"
_R_COOKIES_SESSION_NO_HTTPONLY = "cookies-session-without-httponly-flag"
_R_COOKIES_SESSION_NO_SECURE_HSTS = "cookies-session-without-secure-flag-but-protected-by-hsts"
_R_COOKIES_SESSION_NO_SECURE = "cookies-session-without-secure-flag"
_R_COOKIES_NO_SECURE_HSTS = "cookies-without-secure-flag-but-protected-by-hsts"
_R_COOKIES_NO_SECURE = "cookies-without-secure-flag"

_R_XFO_ALLOW_FROM = "x-frame-options-allow-from-origin"
_R_XFO_INVALID = "x-frame-options-header-invalid"
_R_XFO_VIA_CSP = "x-frame-options-implemented-via-csp"
_R_XFO_NOT_IMPLEMENTED = "x-frame-options-not-implemented"
_R_XFO_SAMEORIGIN_OR_DENY = "x-frame-options-sameorigin-or-deny"

_R_REDIR_TO_HTTPS = "redirection-to-https"
_R_REDIR_NOT_TO_HTTPS = "redirection-not-to-https"
_R_REDIR_NOT_TO_HTTPS_INITIAL = "redirection-not-to-https-on-initial-redirection"
_R_REDIR_MISSING = "redirection-missing"
_R_REDIR_NO_HTTP = "redirection-not-needed-no-http"
_R_REDIR_OFF_HOST = "redirection-off-host-from-http"
_R_REDIR_INVALID_CERT = "redirection-invalid-cert"
_R_REDIR_ALL_PRELOADED = "redirection-all-redirects-preloaded"

_R_REFERRER_PRIVATE = "referrer-policy-private"
_R_REFERRER_UNSAFE = "referrer-policy-unsafe"
_R_REFERRER_NOT_IMPLEMENTED = "referrer-policy-not-implemented"
_R_REFERRER_INVALID = "referrer-policy-header-invalid"

_R_XCTO_NOSNIFF = "x-content-type-options-nosniff"
_R_XCTO_NOT_IMPLEMENTED = "x-content-type-options-not-implemented"
_R_XCTO_INVALID = "x-content-type-options-header-invalid"

_R_CORS_NOT_IMPLEMENTED = "cross-origin-resource-sharing-not-implemented"
_R_CORS_PUBLIC = "cross-origin-resource-sharing-implemented-with-public-access"
_R_CORS_RESTRICTED = "cross-origin-resource-sharing-implemented-with-restricted-access"
_R_CORS_UNIVERSAL = "cross-origin-resource-sharing-implemented-with-universal-access"

_R_CORP_NOT_IMPLEMENTED = "corp-not-implemented"
_R_CORP_SAME_ORIGIN = "corp-implemented-with-same-origin"
_R_CORP_SAME_SITE = "corp-implemented-with-same-site"
_R_CORP_CROSS_ORIGIN = "corp-implemented-with-cross-origin"
_R_CORP_INVALID = "corp-header-invalid"

# ---------------------------------------------------------------------------------------------
# src/grader/charts.js -- SCORE_TABLE modifiers, GRADE_CHART, MINIMUM_SCORE_FOR_EXTRA_CREDIT
# ---------------------------------------------------------------------------------------------
SCORE_MODIFIERS: Mapping[str, int] = {
    # CSP
    _R_CSP_NO_UNSAFE_DEFAULT_NONE: 10,
    _R_CSP_NO_UNSAFE: 5,
    _R_CSP_UNSAFE_INLINE_STYLE_ONLY: 0,
    _R_CSP_INSECURE_PASSIVE_ONLY: -10,
    _R_CSP_UNSAFE_EVAL: -10,
    _R_CSP_UNSAFE_INLINE: -20,
    _R_CSP_INSECURE_SCHEME: -20,
    _R_CSP_HEADER_INVALID: -25,
    _R_CSP_NOT_IMPLEMENTED: -25,
    _R_CSP_REPORT_ONLY: -25,
    _R_CSP_DUPLICATE: 0,
    # Cookies
    _R_COOKIES_SECURE_HTTPONLY_SAMESITE: 5,
    _R_COOKIES_SECURE_HTTPONLY: 0,
    _R_COOKIES_NOT_FOUND: 0,
    _R_COOKIES_NO_SECURE_HSTS: -5,
    _R_COOKIES_SESSION_NO_SECURE_HSTS: -10,
    _R_COOKIES_NO_SECURE: -20,
    _R_COOKIES_SAMESITE_INVALID: -20,
    _R_COOKIES_ANTICSRF_NO_SAMESITE: -20,
    _R_COOKIES_SESSION_NO_HTTPONLY: -30,
    _R_COOKIES_SESSION_NO_SECURE: -40,
    # CORS
    _R_CORS_NOT_IMPLEMENTED: 0,
    _R_CORS_PUBLIC: 0,
    _R_CORS_RESTRICTED: 0,
    _R_CORS_UNIVERSAL: -50,
    # Redirection
    _R_REDIR_ALL_PRELOADED: 0,
    _R_REDIR_TO_HTTPS: 0,
    _R_REDIR_NO_HTTP: 0,
    _R_REDIR_OFF_HOST: -5,
    _R_REDIR_NOT_TO_HTTPS_INITIAL: -10,
    _R_REDIR_NOT_TO_HTTPS: -20,
    _R_REDIR_MISSING: -20,
    _R_REDIR_INVALID_CERT: -20,
    # Referrer Policy
    _R_REFERRER_PRIVATE: 5,
    _R_REFERRER_NOT_IMPLEMENTED: 0,
    _R_REFERRER_UNSAFE: -5,
    _R_REFERRER_INVALID: -5,
    # HSTS
    _R_HSTS_PRELOADED: 5,
    _R_HSTS_AT_LEAST_SIX_MONTHS: 0,
    _R_HSTS_LESS_THAN_SIX_MONTHS: -10,
    _R_HSTS_NOT_IMPLEMENTED: -20,
    _R_HSTS_INVALID: -20,
    _R_HSTS_NO_HTTPS: -20,
    _R_HSTS_INVALID_CERT: -20,
    # SRI
    _R_SRI_ALL_SECURE: 5,
    _R_SRI_EXTERNAL_SECURE: 5,
    _R_SRI_NOT_HTML: 0,
    _R_SRI_NO_SCRIPTS: 0,
    _R_SRI_NOT_IMPL_SECURE_ORIGIN: 0,
    _R_SRI_NOT_IMPL_EXTERNAL_SECURE: -5,
    _R_SRI_IMPL_EXTERNAL_INSECURE: -20,
    _R_SRI_NOT_IMPL_EXTERNAL_INSECURE: -50,
    # X-Content-Type-Options
    _R_XCTO_NOSNIFF: 0,
    _R_XCTO_NOT_IMPLEMENTED: -5,
    _R_XCTO_INVALID: -5,
    # X-Frame-Options
    _R_XFO_VIA_CSP: 5,
    _R_XFO_SAMEORIGIN_OR_DENY: 0,
    _R_XFO_ALLOW_FROM: 0,
    _R_XFO_NOT_IMPLEMENTED: -20,
    _R_XFO_INVALID: -20,
    # Cross Origin Resource Policy
    _R_CORP_INVALID: -5,
    _R_CORP_CROSS_ORIGIN: 0,
    _R_CORP_SAME_ORIGIN: 10,
    _R_CORP_SAME_SITE: 10,
    _R_CORP_NOT_IMPLEMENTED: 0,
    # Generic
    _R_HTML_NOT_PARSEABLE: -20,
}

GRADE_CHART: Mapping[int, str] = {
    100: "A+",
    95: "A",
    90: "A",
    85: "A-",
    80: "B+",
    75: "B",
    70: "B",
    65: "B-",
    60: "C+",
    55: "C",
    50: "C",
    45: "C-",
    40: "D+",
    35: "D",
    30: "D",
    25: "D-",
    20: "F",
    15: "F",
    10: "F",
    5: "F",
    0: "F",
}

MINIMUM_SCORE_FOR_EXTRA_CREDIT = 90


def grade_for_score(score: int) -> tuple[int, str]:
    """Port of ``getGradeForScore`` (src/grader/grader.js): returns ``(score, grade)``."""
    score = max(score, 0)
    key = min(score - (score % 5), 100)
    return score, GRADE_CHART[key]


# ---------------------------------------------------------------------------------------------
# JavaScript string helpers
# ---------------------------------------------------------------------------------------------
_JS_WHITESPACE = (
    "\t\n\v\f\r \u00a0\u1680"
    + "".join(chr(c) for c in range(0x2000, 0x200B))
    + "\u2028\u2029\u202f\u205f\u3000\ufeff"
)
_JS_WS_SPLIT = re.compile("[" + re.escape(_JS_WHITESPACE) + "]+")


def _js_trim(value: str) -> str:
    """``String.prototype.trim``."""
    return value.strip(_JS_WHITESPACE)


def _js_parse_int(value: str) -> float:
    """``parseInt(value, 10)``; returns ``math.nan`` where JS returns ``NaN``."""
    match = re.match(r"[+-]?[0-9]+", _js_trim(value))
    if match is None:
        return math.nan
    return float(int(match.group(0)))


def _decode_uri_component(value: str) -> str:
    """``decodeURIComponent``: raises ``ValueError`` where JS throws ``URIError``."""
    out: list[str] = []
    i = 0
    while i < len(value):
        if value[i] != "%":
            out.append(value[i])
            i += 1
            continue
        raw = bytearray()
        while i < len(value) and value[i] == "%":
            pair = value[i + 1 : i + 3]
            if len(pair) != 2 or not all(c in "0123456789abcdefABCDEF" for c in pair):
                raise ValueError("URI malformed")
            raw.append(int(pair, 16))
            i += 3
        try:
            out.append(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise ValueError("URI malformed") from exc
    return "".join(out)


# Intl.Collator("en").compare order of the printable ASCII characters (upper case letters
# compare like their lower case counterparts at the primary level; CSP sources are lower-cased
# before sorting).
_COLLATION_ORDER = "_-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz"
_COLLATION_RANK = {ch: rank for rank, ch in enumerate(_COLLATION_ORDER)}


def _collation_key(value: str) -> tuple[int, ...]:
    return tuple(_COLLATION_RANK.get(ch.lower(), len(_COLLATION_ORDER) + ord(ch)) for ch in value)


# ---------------------------------------------------------------------------------------------
# Headers: Node's http header folding + src/analyzer/utils.js getHttpHeaders/getFirstHttpHeader
# ---------------------------------------------------------------------------------------------
# Node's IncomingMessage keeps only the first value of these headers.
_NODE_DROP_DUPLICATES = frozenset(
    {
        "age",
        "authorization",
        "content-length",
        "content-type",
        "etag",
        "expires",
        "from",
        "host",
        "if-modified-since",
        "if-unmodified-since",
        "last-modified",
        "location",
        "max-forwards",
        "proxy-authorization",
        "referer",
        "retry-after",
        "server",
        "user-agent",
    }
)


class _Headers:
    """Response headers as the JS analyzers see them (after Node + axios)."""

    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        self._values: dict[str, str | list[str]] = {}
        for raw_name, raw_value in pairs:
            name = raw_name.strip().lower()
            value = raw_value.strip(" \t")
            existing = self._values.get(name)
            if name == "set-cookie":
                if isinstance(existing, list):
                    existing.append(value)
                else:
                    self._values[name] = [value]
            elif existing is None:
                self._values[name] = value
            elif name in _NODE_DROP_DUPLICATES:
                continue
            elif isinstance(existing, str):
                self._values[name] = existing + ("; " if name == "cookie" else ", ") + value

    def all(self, name: str) -> list[str]:
        """``getHttpHeaders``."""
        value = self._values.get(name.lower())
        if value is None:
            return []
        if isinstance(value, list):
            return list(value)
        return [value]

    def first(self, name: str) -> str | None:
        """``getFirstHttpHeader``."""
        values = self.all(name)
        return values[0] if values else None


def _only_if_worse(new: str, old: str | None, order: Sequence[str]) -> str:
    """``onlyIfWorse`` (src/analyzer/utils.js)."""
    if not old:
        return new

    def index(result: str) -> int:
        return order.index(result) if result in order else -1

    return new if index(new) > index(old) else old


# ---------------------------------------------------------------------------------------------
# Public suffixes (stand-in for tldts / the Public Suffix List, ICANN section subset)
# ---------------------------------------------------------------------------------------------
_PUBLIC_SUFFIXES = frozenset(
    {
        "ac.uk", "co.uk", "gov.uk", "ltd.uk", "me.uk", "net.uk", "nhs.uk", "org.uk",
        "plc.uk", "police.uk",
        "com.au", "net.au", "org.au", "edu.au", "gov.au", "asn.au", "id.au",
        "ac.nz", "co.nz", "govt.nz", "net.nz", "org.nz",
        "ac.za", "co.za", "gov.za", "net.za", "org.za",
        "co.in", "com.in", "net.in", "org.in", "gov.in",
        "ac.jp", "co.jp", "go.jp", "ne.jp", "or.jp",
        "com.br", "net.br", "org.br", "gov.br",
        "gov.ie",
    }
)  # fmt: skip
_PUBLIC_SUFFIX_WILDCARDS = frozenset({"sch.uk"})  # "*.sch.uk"


def _is_ip(host: str) -> bool:
    candidate = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    try:
        ipaddress.ip_address(candidate)
    except ValueError:
        return False
    return True


def _is_ipv6(host: str) -> bool:
    candidate = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    try:
        return isinstance(ipaddress.ip_address(candidate), ipaddress.IPv6Address)
    except ValueError:
        return False


def _registrable_domain(host: str) -> str | None:
    """``tldts`` ``parse(host).domain`` / ``getDomain(host)``: eTLD+1, or ``None``."""
    host = host.lower().rstrip(".")
    if not host or _is_ip(host):
        return None
    labels = host.split(".")
    suffix_len = 1
    for i in range(len(labels)):
        candidate = ".".join(labels[i:])
        if candidate in _PUBLIC_SUFFIXES:
            suffix_len = max(suffix_len, len(labels) - i)
        if i > 0 and candidate in _PUBLIC_SUFFIX_WILDCARDS:
            suffix_len = max(suffix_len, len(labels) - i + 1)
    if len(labels) <= suffix_len:
        return None
    return ".".join(labels[-(suffix_len + 1) :])


# ---------------------------------------------------------------------------------------------
# src/analyzer/cspParser.js
# ---------------------------------------------------------------------------------------------
_SHORTEST_DIRECTIVE_LENGTH = len("img-src") - 1
_DIRECTIVES_DISALLOWED_IN_META = ("frame-ancestors", "report-uri", "sandbox")
_ALLOWED_DUPLICATE_KEYS = frozenset({"report-uri", "report-to"})
DUPLICATE_WARNINGS_KEY = "_observatory_duplicate_key_warnings"


class _CspSource:
    __slots__ = ("index", "keep", "source")

    def __init__(self, source: str, index: int, keep: bool) -> None:
        self.source = source
        self.index = index
        self.keep = keep


class CspParseError(ValueError):
    """Raised where ``parseCsp`` throws."""


def parse_csp(csp_list: Sequence[str]) -> dict[str, set[str]]:
    """Port of ``parseCsp``: directive -> set of (lower-cased) sources."""
    clean = [_js_trim(re.sub(r"[\r\n]", "", s)) for s in csp_list]
    if not clean:
        return {}
    for policy_string in clean:
        if not policy_string or len(policy_string) < _SHORTEST_DIRECTIVE_LENGTH:
            raise CspParseError(f"Invalid policy: {policy_string}")

    csp: dict[str, list[_CspSource]] = {}
    duplicate_warnings: list[str] = []

    for policy_index, policy in enumerate(clean):
        seen: set[str] = set()
        for entry in policy.split(";"):
            tokens = _JS_WS_SPLIT.split(_js_trim(entry))
            directive_entry, value_entries = tokens[0], tokens[1:]
            if not directive_entry:
                continue
            directive = directive_entry.lower()
            if directive in seen:
                if directive in _ALLOWED_DUPLICATE_KEYS:
                    if directive not in duplicate_warnings:
                        duplicate_warnings.append(directive)
                else:
                    raise CspParseError(f"Duplicate directive {directive} in policy {policy_index}")
            else:
                seen.add(directive)

            keep = policy_index == 0
            values: list[_CspSource] = []
            if value_entries:
                values = [
                    _CspSource(_js_trim(raw).lower(), policy_index, keep) for raw in value_entries
                ]
            elif directive.endswith("-src"):
                values = [_CspSource("'none'", policy_index, keep)]

            combined = values[:] if policy_index == 0 else [*csp.get(directive, []), *values]
            combined.sort(key=lambda s: _collation_key(s.source))
            for i in range(1, len(combined)):
                source = combined[i]
                prev = combined[i - 1]
                if source.index == prev.index and source.source.startswith(prev.source):
                    source.keep = False
                if source.index != prev.index and _path_part_match(prev.source, source.source):
                    source.keep = True
            csp[directive] = [s for s in combined if s.keep]

            if policy_index == 0 and len(csp_list) > 1:
                for s in csp[directive]:
                    s.keep = False

    final: dict[str, set[str]] = {
        directive: ({s.source for s in sources} if sources else {"'none'"})
        for directive, sources in csp.items()
    }
    if duplicate_warnings:
        final[DUPLICATE_WARNINGS_KEY] = set(duplicate_warnings)
    return final


def parse_csp_meta(csp_list: Sequence[str]) -> dict[str, set[str]]:
    """Port of ``parseCspMeta``: drops directives not allowed in ``<meta>``."""
    parsed = parse_csp(csp_list)
    for directive in _DIRECTIVES_DISALLOWED_IN_META:
        parsed.pop(directive, None)
    return parsed


def _path_part_match(path_a: str, path_b: str) -> bool:
    """Port of ``pathPartMatch``."""
    if len(path_a) == 0:
        return True
    if path_a == "/" and len(path_b) == 0:
        return True
    exact_match = not path_a.endswith("/")
    list_a = path_a.split("/")
    list_b = path_b.split("/")
    if len(list_a) > len(list_b):
        return False
    if exact_match and len(list_a) != len(list_b):
        return False
    if not exact_match:
        list_a.pop()
    for piece_a, piece_b in zip(list_a, list_b, strict=False):
        if _decode_uri_component(piece_a) != _decode_uri_component(piece_b):
            return False
    return True


# ---------------------------------------------------------------------------------------------
# HTML: src/retriever/utils.js parseHttpEquivHeaders + the <script> query of the SRI test
# ---------------------------------------------------------------------------------------------
_RAW_TEXT_ELEMENTS = frozenset(
    {"title", "textarea", "xmp", "iframe", "noembed", "noframes", "plaintext"}
)


_GROUPING_AT_RULE = re.compile(
    r"(media|supports|container|layer|starting-style|host|-[a-z0-9_]*-keyframes|keyframes)"
)


def _style_attribute_crashes_jsdom(style: str) -> bool:
    """Emulates a crash of jsdom 26's CSS parser (``rrweb-cssom``) on ``style`` attributes.

    ``new JSDOM(html)`` throws ``TypeError: Cannot read properties of undefined (reading
    'length')`` when a ``style`` attribute leaves a grouping at-rule block (``@media``,
    ``@supports``, ``@container``, ``@layer``, ``@keyframes``, ...) open at its end, e.g. the
    package's own fixture ``<div style="@media only screen{background-image: url(...)">``;
    the SRI test then reports ``html-not-parseable`` (and ``parseHttpEquivHeaders`` finds no
    ``<meta>``). Behaviour established empirically against jsdom 26.
    """
    stack: list[bool] = []
    pending_grouping = False
    i = 0
    while i < len(style):
        ch = style[i]
        if ch in "'\"":
            end = style.find(ch, i + 1)
            i = len(style) if end == -1 else end + 1
            continue
        if style.startswith("/*", i):
            end = style.find("*/", i + 2)
            i = len(style) if end == -1 else end + 2
            continue
        if ch == "@":
            match = re.match(r"[-a-zA-Z0-9_]*", style[i + 1 :])
            name = match.group(0) if match else ""
            if _GROUPING_AT_RULE.match(name):
                pending_grouping = True
            i += 1 + len(name)
            continue
        if ch == "{":
            stack.append(pending_grouping)
            pending_grouping = False
        elif ch == "}":
            if not stack:
                return False
            stack.pop()
        i += 1
    return any(stack)


class _DocumentParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.metas: list[dict[str, str]] = []
        self.scripts: list[dict[str, str]] = []
        self.jsdom_would_throw = False
        self._raw_text: str | None = None
        self._template_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs)
        if tag == "template":
            self._template_depth -= 1

    def _start(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._raw_text is not None:
            return
        if tag == "template":
            self._template_depth += 1
        attributes: dict[str, str] = {}
        for name, value in attrs:
            attributes.setdefault(name, value if value is not None else "")
        if _style_attribute_crashes_jsdom(attributes.get("style", "")):
            self.jsdom_would_throw = True
        if tag in _RAW_TEXT_ELEMENTS:
            self._raw_text = tag
            return
        if self._template_depth or tag == "template":
            return
        if tag == "meta":
            self.metas.append(attributes)
        elif tag == "script":
            self.scripts.append(attributes)

    def handle_endtag(self, tag: str) -> None:
        if self._raw_text is not None:
            if tag == self._raw_text:
                self._raw_text = None
            return
        if tag == "template" and self._template_depth:
            self._template_depth -= 1


def _parse_html(html: str) -> _DocumentParser:
    parser = _DocumentParser()
    parser.feed(html)
    parser.close()
    return parser


def _http_equiv(parser: _DocumentParser) -> dict[str, list[str]]:
    """Port of ``parseHttpEquivHeaders``."""
    result: dict[str, list[str]] = {"content-security-policy": []}
    if parser.jsdom_would_throw:  # JSDOM.fragment() throws; the error is logged and ignored
        return result
    for meta in parser.metas:
        if "http-equiv" in meta and "content" in meta:
            http_equiv = _js_trim(meta["http-equiv"].lower())
            content = meta["content"]
            if content and http_equiv == "content-security-policy":
                result["content-security-policy"].append(content)
        elif _js_trim(meta.get("name", "").lower()) == "referrer" and "name" in meta:
            content = meta.get("content", "")
            if content:
                result["referrer-policy"] = [content]
    return result


# ---------------------------------------------------------------------------------------------
# Request context (what src/retriever/retriever.js would have collected)
# ---------------------------------------------------------------------------------------------
@dataclass
class _Context:
    url: str
    scheme: str
    hostname: str
    headers: _Headers
    html: str
    http_equiv: dict[str, list[str]]
    parsed_html: _DocumentParser
    http_route: list[str] | None
    https_available: bool
    tls_verified: bool
    hsts_preload: Mapping[str, bool]
    cors_request_origin: str | None


def _is_hsts_preloaded(hostname: str, preload: Mapping[str, bool]) -> tuple[bool, bool]:
    """Port of ``isHstsPreloaded``: returns ``(preloaded, includeSubDomains)``."""
    if hostname in preload:
        return True, preload[hostname]
    parts = hostname.split(".")
    for i in range(1, len(parts)):
        domain = ".".join(parts[i:])
        if preload.get(domain):
            return True, True
    return False, False


# ---------------------------------------------------------------------------------------------
# src/analyzer/tests/csp.js
# ---------------------------------------------------------------------------------------------
_DANGEROUSLY_BROAD = frozenset(
    {"ftp:", "http:", "https:", "*", "http://*", "http://*.*", "https://*", "https://*.*"}
)
_UNSAFE_INLINE = frozenset({"'unsafe-inline'", "data:"})
_DANGEROUSLY_BROAD_AND_UNSAFE_INLINE = _DANGEROUSLY_BROAD | _UNSAFE_INLINE
_PASSIVE_DIRECTIVES = ("img-src", "media-src")
_NONCES_HASHES = ("'sha256-", "'sha384-", "'sha512-", "'nonce-")
# src/types.js -- class Policy
_POLICY_FLAGS = (
    "antiClickjacking",
    "defaultNone",
    "insecureBaseUri",
    "insecureFormAction",
    "insecureSchemeActive",
    "insecureSchemePassive",
    "strictDynamic",
    "unsafeEval",
    "unsafeInline",
    "unsafeInlineStyle",
    "unsafeObjects",
)


@dataclass
class _CspOutcome:
    result: str
    pass_: bool
    data: dict[str, list[str]] | None = None
    policy: dict[str, bool] | None = None


def _starts_with_nonces_hash(sources: Iterable[str]) -> bool:
    return any(source.startswith(_NONCES_HASHES) for source in sources)


def _csp_test(ctx: _Context) -> _CspOutcome:
    expectation = _R_CSP_NO_UNSAFE
    http_csp = ctx.headers.all("content-security-policy")
    equiv_csp = ctx.http_equiv.get("content-security-policy", [])

    try:
        csp = parse_csp([*http_csp, *equiv_csp])
    except ValueError:
        return _CspOutcome(_R_CSP_HEADER_INVALID, False)
    try:
        header_only = parse_csp(http_csp)
    except ValueError:
        header_only = {}
    try:
        meta_csp = parse_csp_meta(equiv_csp)
    except ValueError:
        meta_csp = {}

    if len(header_only) + len(meta_csp) == 0:
        if ctx.headers.first("content-security-policy-report-only"):
            return _CspOutcome(_R_CSP_REPORT_ONLY, False)
        return _CspOutcome(_R_CSP_NOT_IMPLEMENTED, False)

    result: str | None = None
    policy = dict.fromkeys(_POLICY_FLAGS, False)

    def first_of(*names: str, default: set[str] | None = None) -> set[str]:
        for name in names:
            found = csp.get(name)
            if found is not None:
                return found
        return default if default is not None else {"*"}

    base_uri = first_of("base-uri")
    frame_ancestors = header_only.get("frame-ancestors")
    if frame_ancestors is None:
        frame_ancestors = {"*"}
    form_action = first_of("form-action")
    object_src = first_of("object-src", "default-src")
    script_src = first_of("script-src", "default-src")
    style_src = first_of("style-src", "default-src")

    for source_list in (script_src, style_src):
        if _starts_with_nonces_hash(source_list) and "'unsafe-inline'" in source_list:
            source_list.discard("'unsafe-inline'")

    if _starts_with_nonces_hash(script_src) and "'strict-dynamic'" in script_src:
        for source in list(script_src):
            if (
                any(source.startswith(broad) for broad in _DANGEROUSLY_BROAD)
                or source == "'self'"
                or source == "'unsafe-inline'"
            ):
                script_src.discard(source)
        policy["strictDynamic"] = True
    elif "'strict-dynamic'" in script_src and result is None:
        result = _R_CSP_HEADER_INVALID

    active_sources: list[str] = [
        source
        for directive, sources in csp.items()
        if directive not in _PASSIVE_DIRECTIVES and directive != "script-src"
        for source in sources
    ]
    active_sources.extend(script_src)
    passive_sources: list[str] = [
        source
        for directive in _PASSIVE_DIRECTIVES
        for source in first_of(directive, "default-src", default=set())
    ]

    if any(s in _DANGEROUSLY_BROAD_AND_UNSAFE_INLINE for s in script_src) or any(
        s in _DANGEROUSLY_BROAD for s in object_src
    ):
        if result is None:
            result = _R_CSP_UNSAFE_INLINE
        policy["unsafeInline"] = True

    https = ctx.scheme == "https"
    if https and any(s.startswith(("http:", "ftp:")) for s in active_sources):
        if result is None:
            result = _R_CSP_INSECURE_SCHEME
        policy["insecureSchemeActive"] = True

    if "'unsafe-eval'" in script_src or "'unsafe-eval'" in style_src:
        if result is None:
            result = _R_CSP_UNSAFE_EVAL
        policy["unsafeEval"] = True

    if https and any(s.startswith(("http:", "ftp:")) for s in passive_sources):
        if result is None:
            result = _R_CSP_INSECURE_PASSIVE_ONLY
        policy["insecureSchemePassive"] = True

    if any(s in _DANGEROUSLY_BROAD_AND_UNSAFE_INLINE for s in style_src):
        if result is None:
            result = _R_CSP_UNSAFE_INLINE_STYLE_ONLY
        policy["unsafeInlineStyle"] = True

    default_src = csp.get("default-src")
    if default_src is not None and "'none'" in default_src and len(default_src) == 1:
        if result is None:
            result = _R_CSP_NO_UNSAFE_DEFAULT_NONE
        policy["defaultNone"] = True
    elif result is None:
        result = _R_CSP_NO_UNSAFE

    # Informational flags of the JS output (no effect on the result or the score).
    policy["antiClickjacking"] = not any(s in _DANGEROUSLY_BROAD for s in frame_ancestors)
    policy["insecureBaseUri"] = any(s in _DANGEROUSLY_BROAD_AND_UNSAFE_INLINE for s in base_uri)
    policy["insecureFormAction"] = any(s in _DANGEROUSLY_BROAD for s in form_action)
    policy["unsafeObjects"] = any(s in _DANGEROUSLY_BROAD for s in object_src)

    passed = False
    if result in (
        expectation,
        _R_CSP_NO_UNSAFE_DEFAULT_NONE,
        _R_CSP_UNSAFE_INLINE_STYLE_ONLY,
        _R_CSP_INSECURE_PASSIVE_ONLY,
    ):
        passed = True
        if DUPLICATE_WARNINGS_KEY in csp:
            result = _R_CSP_DUPLICATE

    data = {k: sorted(v) for k, v in csp.items() if k != DUPLICATE_WARNINGS_KEY}
    return _CspOutcome(result, passed, data, policy)


# ---------------------------------------------------------------------------------------------
# src/analyzer/tests/cookies.js (+ the tough-cookie 5 jar the JS scanner fills)
# ---------------------------------------------------------------------------------------------
_COOKIES_TO_DELETE = ("heroku-session-affinity",)
_CONTROL_CHARS = re.compile(r"[\x00-\x1f]")


@dataclass
class _Cookie:
    key: str
    value: str
    domain: str | None = None
    path: str | None = None
    secure: bool = False
    http_only: bool = False
    same_site: str | None = None
    host_only: bool | None = None


def _parse_cookie(cookie_string: str) -> _Cookie | None:
    """``tough-cookie`` ``Cookie.parse`` (non-loose mode)."""
    if not cookie_string:
        return None
    text = _js_trim(cookie_string)
    first_semi = text.find(";")
    pair = text if first_semi == -1 else text[:first_semi]
    for terminator in ("\n", "\r", "\0"):
        idx = pair.find(terminator)
        if idx != -1:
            pair = pair[:idx]
    first_eq = pair.find("=")
    if first_eq <= 0:
        return None
    name = _js_trim(pair[:first_eq])
    value = _js_trim(pair[first_eq + 1 :])
    if _CONTROL_CHARS.search(name) or _CONTROL_CHARS.search(value):
        return None
    cookie = _Cookie(key=name, value=value)
    if first_semi == -1:
        return cookie
    unparsed = _js_trim(text[first_semi + 1 :])
    if not unparsed:
        return cookie
    for raw_av in unparsed.split(";"):
        av = _js_trim(raw_av)
        if not av:
            continue
        sep = av.find("=")
        av_value: str | None
        if sep == -1:
            av_key, av_value = av, None
        else:
            av_key, av_value = av[:sep], av[sep + 1 :]
        av_key = _js_trim(av_key).lower()
        if av_value:
            av_value = _js_trim(av_value)
        if av_key == "domain":
            if av_value:
                domain = _js_trim(av_value)
                domain = domain[1:] if domain.startswith(".") else domain
                if domain:
                    cookie.domain = domain.lower()
        elif av_key == "path":
            cookie.path = av_value if av_value and av_value[0] == "/" else None
        elif av_key == "secure":
            cookie.secure = True
        elif av_key == "httponly":
            cookie.http_only = True
        elif av_key == "samesite":
            lowered = av_value.lower() if av_value else ""
            cookie.same_site = lowered if lowered in ("strict", "lax", "none") else None
    return cookie


def _canonical_domain(domain: str) -> str:
    text = _js_trim(domain)
    text = text[1:] if text.startswith(".") else text
    if any(ord(c) > 0x7F for c in text):
        try:
            return text.encode("idna").decode("ascii").lower()
        except UnicodeError:
            return text.lower()
    return text.lower()


_SPECIAL_USE_DOMAINS = ("local", "example", "invalid", "localhost", "test")
_SPECIAL_TREATMENT_DOMAINS = ("localhost", "invalid")


def _cookie_public_suffix(domain: str) -> str | None:
    """``tough-cookie`` ``getPublicSuffix`` with ``allowSpecialUseDomain: true``."""
    parts = domain.split(".")
    tld = parts[-1]
    if tld in _SPECIAL_USE_DOMAINS:
        if len(parts) > 1:
            return f"{parts[-2]}.{tld}"
        if tld in _SPECIAL_TREATMENT_DOMAINS:
            return tld
    return _registrable_domain(domain)


def _domain_match(host: str, cookie_domain: str) -> bool:
    if host == cookie_domain:
        return True
    idx = host.rfind(cookie_domain)
    if idx <= 0 or len(host) != len(cookie_domain) + idx or host[idx - 1] != ".":
        return False
    return not _is_ip(host)


def _default_path(path: str) -> str:
    if not path or not path.startswith("/") or path == "/":
        return "/"
    right = path.rfind("/")
    return "/" if right == 0 else path[:right]


def _cookie_jar(set_cookies: Sequence[str], url: str) -> list[_Cookie]:
    """Cookies stored by ``jar.setCookieSync(c, url, {ignoreError: true})``, in store order."""
    parts = urlsplit(url)
    host = _canonical_domain(parts.hostname or "")
    store: dict[tuple[str, str, str], _Cookie] = {}
    for cookie_string in set_cookies:
        cookie = _parse_cookie(cookie_string)
        if cookie is None:
            continue
        if cookie.domain:
            cdomain = _canonical_domain(cookie.domain)
            if _cookie_public_suffix(cdomain) is None and not _is_ipv6(cookie.domain):
                continue
            if not _domain_match(host, cdomain):
                continue
            if cookie.host_only is None:
                cookie.host_only = False
        else:
            cookie.host_only = True
            cookie.domain = host
        if not cookie.path or cookie.path[0] != "/":
            cookie.path = _default_path(parts.path)
        if cookie.key.startswith("__Secure-") and not cookie.secure:
            continue
        if cookie.key.startswith("__Host-") and not (
            cookie.secure and cookie.host_only and cookie.path == "/"
        ):
            continue
        store[(cookie.domain, cookie.path, cookie.key)] = cookie
    return list(store.values())


def _contains_invalid_same_site_cookie(cookie_string: str) -> bool:
    for part in _js_trim(cookie_string).split(";"):
        pieces = _js_trim(part).split("=")
        key = pieces[0]
        value = pieces[1] if len(pieces) > 1 else None
        if _js_trim(key).lower() == "samesite":
            if not value:
                return True
            if _js_trim(value).lower() not in ("lax", "strict", "none"):
                return True
    return False


def _cookies_test(ctx: _Context, hsts_pass: bool) -> tuple[str, bool]:
    expectation = _R_COOKIES_SECURE_HTTPONLY
    goodness = [
        _R_COOKIES_NO_SECURE_HSTS,
        _R_COOKIES_NO_SECURE,
        _R_COOKIES_SESSION_NO_SECURE_HSTS,
        _R_COOKIES_SAMESITE_INVALID,
        _R_COOKIES_ANTICSRF_NO_SAMESITE,
        _R_COOKIES_SESSION_NO_HTTPONLY,
        _R_COOKIES_SESSION_NO_SECURE,
    ]
    result: str | None = None
    has_missing_same_site = False
    raw_cookies = ctx.headers.all("set-cookie")
    for raw in raw_cookies:
        if _contains_invalid_same_site_cookie(raw):
            result = _only_if_worse(_R_COOKIES_SAMESITE_INVALID, result, goodness)

    cookies = [
        c for c in _cookie_jar(raw_cookies, ctx.url) if c.key and c.key not in _COOKIES_TO_DELETE
    ]
    if not cookies:
        result = _R_COOKIES_NOT_FOUND
    else:
        for cookie in cookies:
            key = cookie.key.lower()
            session_id = "login" in key or "sess" in key
            anticsrf = "csrf" in key
            if not cookie.secure and cookie.same_site == "none":
                result = _only_if_worse(_R_COOKIES_SAMESITE_INVALID, result, goodness)
            if not cookie.secure and hsts_pass:
                result = _only_if_worse(_R_COOKIES_NO_SECURE_HSTS, result, goodness)
            elif not cookie.secure:
                result = _only_if_worse(_R_COOKIES_NO_SECURE, result, goodness)
            if anticsrf and not cookie.same_site:
                result = _only_if_worse(_R_COOKIES_ANTICSRF_NO_SAMESITE, result, goodness)
            if session_id and not cookie.secure and hsts_pass:
                result = _only_if_worse(_R_COOKIES_SESSION_NO_SECURE_HSTS, result, goodness)
            elif session_id and not cookie.secure:
                result = _only_if_worse(_R_COOKIES_SESSION_NO_SECURE, result, goodness)
            if session_id and not cookie.http_only:
                result = _only_if_worse(_R_COOKIES_SESSION_NO_HTTPONLY, result, goodness)
            if not cookie.same_site:
                has_missing_same_site = True
        if not result:
            result = (
                _R_COOKIES_SECURE_HTTPONLY
                if has_missing_same_site
                else _R_COOKIES_SECURE_HTTPONLY_SAMESITE
            )
    passed = result in (_R_COOKIES_NOT_FOUND, _R_COOKIES_SECURE_HTTPONLY_SAMESITE, expectation)
    return result, passed


# ---------------------------------------------------------------------------------------------
# src/analyzer/tests/cors.js
# ---------------------------------------------------------------------------------------------
def _cors_test(ctx: _Context) -> tuple[str, bool]:
    expectation = _R_CORS_NOT_IMPLEMENTED
    result = _R_CORS_NOT_IMPLEMENTED
    acao = ctx.headers.first("access-control-allow-origin")
    origin = ctx.cors_request_origin
    credentials = ctx.headers.first("access-control-allow-credentials")
    if acao:
        data = _js_trim(acao[:256]).lower()
        if data == "*":
            result = _R_CORS_PUBLIC
        elif origin and origin == acao and credentials and _js_trim(credentials.lower()) == "true":
            result = _R_CORS_UNIVERSAL
        else:
            result = _R_CORS_RESTRICTED
    passed = result in (_R_CORS_PUBLIC, _R_CORS_RESTRICTED, expectation)
    return result, passed


# ---------------------------------------------------------------------------------------------
# src/analyzer/tests/redirection.js
# ---------------------------------------------------------------------------------------------
def _redirection_test(ctx: _Context) -> tuple[str, bool]:
    expectation = _R_REDIR_TO_HTTPS
    route = ctx.http_route
    if route is None:
        result = _R_REDIR_NO_HTTP
    elif not ctx.tls_verified:
        result = _R_REDIR_INVALID_CERT
    else:
        parsed = [urlsplit(u) for u in route]
        if all(_is_hsts_preloaded(p.hostname or "", ctx.hsts_preload)[0] for p in parsed):
            result = _R_REDIR_ALL_PRELOADED
        elif len(parsed) == 1:
            result = _R_REDIR_MISSING
        elif parsed[-1].scheme.lower() != "https":
            result = _R_REDIR_NOT_TO_HTTPS
        elif parsed[1].scheme.lower() == "http":
            result = _R_REDIR_NOT_TO_HTTPS_INITIAL
        elif (
            parsed[0].scheme.lower() == "http"
            and parsed[1].scheme.lower() == "https"
            and parsed[0].hostname != parsed[1].hostname
        ):
            result = _R_REDIR_OFF_HOST
        else:
            result = _R_REDIR_TO_HTTPS
    passed = result in (_R_REDIR_NO_HTTP, _R_REDIR_ALL_PRELOADED, expectation)
    return result, passed


# ---------------------------------------------------------------------------------------------
# src/analyzer/tests/referrer-policy.js
# ---------------------------------------------------------------------------------------------
_REFERRER_GOOD = ("no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin")
_REFERRER_BAD = ("origin", "origin-when-cross-origin", "unsafe-url", "no-referrer-when-downgrade")


def _referrer_policy_test(ctx: _Context) -> tuple[str, bool]:
    http_headers = ctx.headers.all("referrer-policy")
    equiv = ctx.http_equiv.get("referrer-policy", [])
    if not http_headers and not equiv:
        return _R_REFERRER_NOT_IMPLEMENTED, True
    data = ", ".join([*http_headers, *equiv])
    valid = [e for e in data.split(",") if _js_trim(e.lower()) in (*_REFERRER_GOOD, *_REFERRER_BAD)]
    policy = _js_trim(valid[-1].lower()) if valid else ""
    if policy in _REFERRER_GOOD:
        result = _R_REFERRER_PRIVATE
    elif policy in _REFERRER_BAD:
        result = _R_REFERRER_UNSAFE
    else:
        result = _R_REFERRER_INVALID
    return result, result in (_R_REFERRER_PRIVATE, _R_REFERRER_NOT_IMPLEMENTED)


# ---------------------------------------------------------------------------------------------
# src/analyzer/tests/strict-transport-security.js
# ---------------------------------------------------------------------------------------------
_SIX_MONTHS = 15552000


def _hsts_test(ctx: _Context) -> tuple[str, bool]:
    expectation = _R_HSTS_AT_LEAST_SIX_MONTHS
    result = _R_HSTS_NOT_IMPLEMENTED
    if not ctx.https_available:
        result = _R_HSTS_NO_HTTPS
    elif not ctx.tls_verified:
        result = _R_HSTS_INVALID_CERT
    elif ctx.headers.all("strict-transport-security"):
        data = ctx.headers.all("strict-transport-security")[0][:1024]
        max_age: float | None = None
        if "," in data:
            result = _R_HSTS_INVALID
        else:
            for parameter in (_js_trim(p).lower() for p in data.split(";")):
                if parameter.startswith("max-age="):
                    max_age = _js_parse_int(parameter[8:128])
            if max_age is None:
                result = _R_HSTS_INVALID
            elif max_age < _SIX_MONTHS:  # NaN compares false, as in JS
                result = _R_HSTS_LESS_THAN_SIX_MONTHS
            else:
                result = _R_HSTS_AT_LEAST_SIX_MONTHS
    if ctx.https_available and _is_hsts_preloaded(ctx.hostname, ctx.hsts_preload)[0]:
        result = _R_HSTS_PRELOADED
    passed = result in (_R_HSTS_AT_LEAST_SIX_MONTHS, _R_HSTS_PRELOADED, expectation)
    return result, passed


# ---------------------------------------------------------------------------------------------
# src/analyzer/tests/subresource-integrity.js
# ---------------------------------------------------------------------------------------------
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_URL_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+\-.]*):")
_C0_OR_SPACE = "".join(chr(c) for c in range(0x21))


def _resolve_script_src(raw: str) -> tuple[str, str | None]:
    """``HTMLScriptElement.src`` in a jsdom document at ``about:blank``.

    Absolute http(s) URLs come back normalised (lower-case scheme and host, default port
    removed); relative ones cannot be resolved against ``about:blank`` and come back verbatim.
    Returns ``(src, hostname)``.
    """
    text = raw.strip(_C0_OR_SPACE).replace("\t", "").replace("\n", "").replace("\r", "")
    match = _URL_SCHEME.match(text)
    if match is None:
        return raw, None
    scheme = match.group(1).lower()
    rest = text[match.end() :]
    if scheme not in ("http", "https"):
        return scheme + ":" + rest, None
    rest = rest.lstrip("/\\")
    end = len(rest)
    for delimiter in "/\\?#":
        idx = rest.find(delimiter)
        if idx != -1:
            end = min(end, idx)
    authority, tail = rest[:end], rest[end:]
    userinfo = ""
    if "@" in authority:
        user, authority = authority.rsplit("@", 1)
        userinfo = user + "@"
    host, port = authority, ""
    if authority.startswith("["):
        close = authority.find("]")
        host, port = authority[: close + 1], authority[close + 2 :]
    elif ":" in authority:
        host, port = authority.split(":", 1)
    host = host.lower()
    if not host:
        return raw, None
    if port == {"http": "80", "https": "443"}[scheme]:
        port = ""
    path_end = min([i for i in (tail.find("?"), tail.find("#")) if i != -1], default=len(tail))
    tail = tail[:path_end].replace("\\", "/") + tail[path_end:]
    if not tail.startswith("/"):
        tail = "/" + tail
    return f"{scheme}://{userinfo}{host}{':' + port if port else ''}{tail}", host


def _sri_test(ctx: _Context) -> tuple[str, bool]:
    expectation = _R_SRI_EXTERNAL_SECURE
    goodness = [
        _R_SRI_ALL_SECURE,
        _R_SRI_EXTERNAL_SECURE,
        _R_SRI_IMPL_EXTERNAL_INSECURE,
        _R_SRI_NOT_IMPL_EXTERNAL_SECURE,
        _R_SRI_NOT_IMPL_EXTERNAL_INSECURE,
        _R_SRI_NOT_HTML,
    ]
    result: str | None = None
    mime = (ctx.headers.first("content-type") or "").split(";")[0]
    if mime not in _HTML_TYPES:
        result = _R_SRI_NOT_HTML
    elif ctx.parsed_html.jsdom_would_throw:
        return _R_HTML_NOT_PARSEABLE, False
    else:
        scripts = ctx.parsed_html.scripts
        foreign = False
        page_domain = _registrable_domain(ctx.hostname)
        for script in scripts:
            src, src_host = _resolve_script_src(script.get("src", ""))
            if not src:
                continue
            integrity = script.get("integrity") or None
            relative_origin = False
            relative_protocol = False
            same_sld = False
            if re.match(r"^(//)[^/]", src):
                relative_protocol = True
                same_sld = True
            elif re.match(r"^https?://", src):
                same_sld = _registrable_domain(src_host or "") == page_domain
            else:
                relative_origin = True
                same_sld = True
            if relative_origin or (same_sld and not relative_protocol):
                secure_origin = True
            else:
                secure_origin = False
                foreign = True
            scheme = None
            if not relative_protocol and not relative_origin:
                scheme = src.split(":", 1)[0] + ":"
            secure_scheme = scheme == "https:" or (relative_origin and ctx.scheme == "https")
            if not secure_origin:
                if integrity and not secure_scheme:
                    result = _only_if_worse(_R_SRI_IMPL_EXTERNAL_INSECURE, result, goodness)
                elif not integrity and secure_scheme:
                    result = _only_if_worse(_R_SRI_NOT_IMPL_EXTERNAL_SECURE, result, goodness)
                elif not integrity and not secure_scheme:
                    result = _only_if_worse(_R_SRI_NOT_IMPL_EXTERNAL_INSECURE, result, goodness)
            elif integrity and secure_scheme and not result:
                result = _R_SRI_ALL_SECURE
        if not scripts:
            result = _R_SRI_NO_SCRIPTS
        elif not result:
            result = _R_SRI_EXTERNAL_SECURE if foreign else _R_SRI_NOT_IMPL_SECURE_ORIGIN
    passed = result in (
        _R_SRI_ALL_SECURE,
        _R_SRI_EXTERNAL_SECURE,
        _R_SRI_NOT_HTML,
        _R_SRI_NOT_IMPL_SECURE_ORIGIN,
        _R_SRI_NO_SCRIPTS,
        expectation,
    )
    return result, passed


# ---------------------------------------------------------------------------------------------
# src/analyzer/tests/x-content-type-options.js
# ---------------------------------------------------------------------------------------------
def _xcto_test(ctx: _Context) -> tuple[str, bool]:
    header = ctx.headers.first("x-content-type-options")
    if header:
        nosniff = _js_trim(header[:256]).lower() == "nosniff"
        result = _R_XCTO_NOSNIFF if nosniff else _R_XCTO_INVALID
    else:
        result = _R_XCTO_NOT_IMPLEMENTED
    return result, result == _R_XCTO_NOSNIFF


# ---------------------------------------------------------------------------------------------
# src/analyzer/tests/x-frame-options.js
# ---------------------------------------------------------------------------------------------
def _xfo_test(ctx: _Context, csp: _CspOutcome) -> tuple[str, bool]:
    header = ctx.headers.first("x-frame-options")
    if header:
        xfo = _js_trim(header[:1024]).lower()
        if xfo in ("deny", "sameorigin"):
            result = _R_XFO_SAMEORIGIN_OR_DENY
        elif xfo.startswith("allow-from"):
            result = _R_XFO_ALLOW_FROM
        else:
            result = _R_XFO_INVALID
    else:
        result = _R_XFO_NOT_IMPLEMENTED
    if csp.data is not None and "frame-ancestors" in csp.data:
        result = _R_XFO_VIA_CSP
    passed = result in (_R_XFO_ALLOW_FROM, _R_XFO_SAMEORIGIN_OR_DENY, _R_XFO_VIA_CSP)
    return result, passed


# ---------------------------------------------------------------------------------------------
# src/analyzer/tests/cross-origin-resource-policy.js
# ---------------------------------------------------------------------------------------------
def _corp_test(ctx: _Context) -> tuple[str, bool]:
    expectation = _R_CORP_SAME_SITE
    result = _R_CORP_NOT_IMPLEMENTED
    header = ctx.headers.first("cross-origin-resource-policy")
    # The JS code also reads an http-equiv value, which parseHttpEquivHeaders never produces.
    if header:
        corp = _js_trim(header[:256]).lower()
        if corp == "same-site":
            result = _R_CORP_SAME_SITE
        elif corp == "same-origin":
            result = _R_CORP_SAME_ORIGIN
        elif corp == "cross-origin":
            result = _R_CORP_CROSS_ORIGIN
        else:
            result = _R_CORP_INVALID
    passed = result in (
        expectation,
        _R_CORP_NOT_IMPLEMENTED,
        _R_CORP_SAME_SITE,
        _R_CORP_SAME_ORIGIN,
        _R_CORP_CROSS_ORIGIN,
    )
    return result, passed


# ---------------------------------------------------------------------------------------------
# src/scanner/index.js -- scan()
# ---------------------------------------------------------------------------------------------
def scan(
    *,
    url: str,
    status: int,
    headers: Mapping[str, str] | list[tuple[str, str]],
    html: str,
    redirect_chain: Sequence[str] = (),
    http_redirects_to_https: bool | None = None,
    hsts_preload: Mapping[str, bool] | None = None,
    tls_verified: bool = True,
    cors_request_origin: str | None = None,
) -> Scan:
    """Grade one response like ``scan()`` in ``src/scanner/index.js`` (package 1.4.8).

    ``url`` is the URL that was requested (the JS scanner's ``session.url``), ``status`` the
    response status, ``headers`` the response headers (a mapping, or a list of pairs when a
    header repeats), ``html`` the response body. See the module docstring for
    ``redirect_chain``, ``http_redirects_to_https``, ``hsts_preload`` (hostname ->
    includeSubDomains), ``tls_verified`` and ``cors_request_origin``.
    """
    if status < 200 or (status >= 400 and status not in (401, 403)):
        raise ValueError(f"Site did respond with an unexpected HTTP status code {status}.")

    pairs = list(headers.items()) if isinstance(headers, Mapping) else list(headers)
    response_headers = _Headers(pairs)
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    hostname = parts.hostname or ""

    parsed_html = _parse_html(html or "")
    content_type = response_headers.first("content-type")
    if content_type is not None and content_type.split(";")[0] in _HTML_TYPES and html:
        http_equiv = _http_equiv(parsed_html)
    else:
        http_equiv = {}

    route: list[str] | None
    if redirect_chain:
        route = list(redirect_chain)
    elif http_redirects_to_https is True:
        route = [f"http://{hostname}/", f"https://{hostname}/"]
    elif http_redirects_to_https is False or scheme == "http":
        route = [url if scheme == "http" else f"http://{hostname}/"]
    else:
        route = None

    ctx = _Context(
        url=url,
        scheme=scheme,
        hostname=hostname,
        headers=response_headers,
        html=html,
        http_equiv=http_equiv,
        parsed_html=parsed_html,
        http_route=route,
        https_available=scheme == "https",
        tls_verified=tls_verified,
        hsts_preload=dict(hsts_preload or {}),
        cors_request_origin=cors_request_origin,
    )

    csp = _csp_test(ctx)
    hsts = _hsts_test(ctx)
    ordered: list[tuple[str, tuple[str, bool]]] = [
        ("content-security-policy", (csp.result, csp.pass_)),
        ("cookies", _cookies_test(ctx, hsts[1])),
        ("cross-origin-resource-sharing", _cors_test(ctx)),
        ("redirection", _redirection_test(ctx)),
        ("referrer-policy", _referrer_policy_test(ctx)),
        ("strict-transport-security", hsts),
        ("subresource-integrity", _sri_test(ctx)),
        ("x-content-type-options", _xcto_test(ctx)),
        ("x-frame-options", _xfo_test(ctx, csp)),
        ("cross-origin-resource-policy", _corp_test(ctx)),
    ]

    score_with_extra_credit = 100
    uncurved_score = 100
    tests: dict[str, TestResult] = {}
    for name, (result, passed) in ordered:
        modifier = SCORE_MODIFIERS.get(result, 0)
        score_with_extra_credit += modifier
        if modifier < 0:
            uncurved_score += modifier
        tests[name] = TestResult(name=name, result=result, score_modifier=modifier, pass_=passed)

    raw_score = (
        score_with_extra_credit
        if uncurved_score >= MINIMUM_SCORE_FOR_EXTRA_CREDIT
        else uncurved_score
    )
    final_score, grade = grade_for_score(raw_score)
    return Scan(score=final_score, grade=grade, tests=tests, csp_policy=dict(csp.policy or {}))
