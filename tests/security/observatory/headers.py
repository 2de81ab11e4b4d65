"""Ports of the small header tests of ``@mdn/mdn-http-observatory`` 1.4.8.

* ``src/analyzer/tests/cors.js`` -- ``crossOriginResourceSharingTest``: ``_cors_test``.
* ``src/analyzer/tests/redirection.js`` -- ``redirectionTest``: ``_redirection_test``.
* ``src/analyzer/tests/referrer-policy.js`` -- ``referrerPolicyTest``:
  ``_referrer_policy_test``.
* ``src/analyzer/tests/strict-transport-security.js`` -- ``strictTransportSecurityTest``:
  ``_hsts_test``.
* ``src/analyzer/hsts.js`` -- ``isHstsPreloaded``: ``_is_hsts_preloaded``.
* ``src/analyzer/tests/x-content-type-options.js`` -- ``xContentTypeOptionsTest``:
  ``_xcto_test``.
* ``src/analyzer/tests/x-frame-options.js`` -- ``xFrameOptionsTest``: ``_xfo_test``.
* ``src/analyzer/tests/cross-origin-resource-policy.js`` -- ``crossOriginResourcePolicyTest``:
  ``_corp_test``.

Paths are inside the npm tarball, i.e. below ``package/``.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

from tests.security.observatory.csp import _CspOutcome
from tests.security.observatory.expectations import (
    _R_CORP_CROSS_ORIGIN,
    _R_CORP_INVALID,
    _R_CORP_NOT_IMPLEMENTED,
    _R_CORP_SAME_ORIGIN,
    _R_CORP_SAME_SITE,
    _R_CORS_NOT_IMPLEMENTED,
    _R_CORS_PUBLIC,
    _R_CORS_RESTRICTED,
    _R_CORS_UNIVERSAL,
    _R_HSTS_AT_LEAST_SIX_MONTHS,
    _R_HSTS_INVALID,
    _R_HSTS_INVALID_CERT,
    _R_HSTS_LESS_THAN_SIX_MONTHS,
    _R_HSTS_NO_HTTPS,
    _R_HSTS_NOT_IMPLEMENTED,
    _R_HSTS_PRELOADED,
    _R_REDIR_ALL_PRELOADED,
    _R_REDIR_INVALID_CERT,
    _R_REDIR_MISSING,
    _R_REDIR_NO_HTTP,
    _R_REDIR_NOT_TO_HTTPS,
    _R_REDIR_NOT_TO_HTTPS_INITIAL,
    _R_REDIR_OFF_HOST,
    _R_REDIR_TO_HTTPS,
    _R_REFERRER_INVALID,
    _R_REFERRER_NOT_IMPLEMENTED,
    _R_REFERRER_PRIVATE,
    _R_REFERRER_UNSAFE,
    _R_XCTO_INVALID,
    _R_XCTO_NOSNIFF,
    _R_XCTO_NOT_IMPLEMENTED,
    _R_XFO_ALLOW_FROM,
    _R_XFO_INVALID,
    _R_XFO_NOT_IMPLEMENTED,
    _R_XFO_SAMEORIGIN_OR_DENY,
    _R_XFO_VIA_CSP,
)
from tests.security.observatory.js import _js_parse_int, _js_trim
from tests.security.observatory.retriever import _Context


# ---------------------------------------------------------------------------------------------
# src/analyzer/hsts.js
# ---------------------------------------------------------------------------------------------
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
