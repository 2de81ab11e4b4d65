"""Port of ``src/analyzer/tests/cookies.js`` of ``@mdn/mdn-http-observatory`` 1.4.8.

``cookiesTest``, ``containsInvalidSameSiteCookie``, ``filterCookies``: ``_cookies_test``; the
jar it reads is ported in ``cookie_jar.py``.

Paths are inside the npm tarball, i.e. below ``package/``.
"""

from __future__ import annotations

from tests.security.observatory.cookie_jar import _cookie_jar
from tests.security.observatory.expectations import (
    _R_COOKIES_ANTICSRF_NO_SAMESITE,
    _R_COOKIES_NO_SECURE,
    _R_COOKIES_NO_SECURE_HSTS,
    _R_COOKIES_NOT_FOUND,
    _R_COOKIES_SAMESITE_INVALID,
    _R_COOKIES_SECURE_HTTPONLY,
    _R_COOKIES_SECURE_HTTPONLY_SAMESITE,
    _R_COOKIES_SESSION_NO_HTTPONLY,
    _R_COOKIES_SESSION_NO_SECURE,
    _R_COOKIES_SESSION_NO_SECURE_HSTS,
)
from tests.security.observatory.js import _js_trim
from tests.security.observatory.retriever import _Context
from tests.security.observatory.utils import _only_if_worse

_COOKIES_TO_DELETE = ("heroku-session-affinity",)


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
