"""The grader's cookies test: Secure, HttpOnly and SameSite flags, HSTS, domains.

Vectors of ``test/cookies.test.js``
of ``@mdn/mdn-http-observatory`` 1.4.8 (see ``grader_support.py``).
"""

from __future__ import annotations

import pytest

from tests.security.grader_support import Headers, result_of


# ---------------------------------------------------------------------------------------------
# Cookies (test/cookies.test.js)
# ---------------------------------------------------------------------------------------------
def _cookies(*cookie_strings: str, hsts: str | None = None) -> tuple[str, int, bool | None]:
    headers: Headers = [("Set-Cookie", c) for c in cookie_strings]
    if hsts:
        headers.append(("Strict-Transport-Security", hsts))
    return result_of("cookies", headers)


def test_cookies_not_found() -> None:
    assert _cookies() == ("cookies-not-found", 0, True)


def test_cookies_secure_with_httponly_sessions() -> None:
    assert _cookies(
        "SESSIONID=bar; Domain=mozilla.org; Path=/; Secure; HttpOnly",
        "foo=bar; Domain=mozilla.org; Secure; Path=/",
        "heroku-session-affinity=bar; Domain=mozilla.org; Path=/",
    ) == ("cookies-secure-with-httponly-sessions", 0, True)


def test_cookies_secure_with_httponly_sessions_and_samesite() -> None:
    assert _cookies(
        "SESSIONID_SAMESITE_STRICT=bar; Domain=mozilla.org; Path=/; Secure; HttpOnly; "
        "SameSite=Strict",
        "SESSIONID_SAMESITE_LAX=bar; Domain=mozilla.org; Path=/; Secure; HttpOnly; SameSite=Lax",
        "SESSIONID_SAMESITE_NONE=bar; Domain=mozilla.org; Path=/; Secure; HttpOnly; SameSite=None",
    ) == ("cookies-secure-with-httponly-sessions-and-samesite", 5, True)


def test_cookies_samesite_not_awarded_if_not_all_cookies_samesite() -> None:
    assert _cookies(
        "SESSIONID_SAMESITE_STRICT=bar; Domain=mozilla.org; Path=/; Secure; HttpOnly; "
        "SameSite=Strict",
        "SESSIONID_SAMESITE_NO_SAMESITE=bar; Domain=mozilla.org; Path=/; Secure; HttpOnly",
        "SESSIONID_SAMESITE_LAX=bar; Domain=mozilla.org; Path=/; Secure; HttpOnly; SameSite=Lax",
        "SESSIONID_SAMESITE_NONE=bar; Domain=mozilla.org; Path=/; Secure; HttpOnly; SameSite=None",
    ) == ("cookies-secure-with-httponly-sessions", 0, True)


@pytest.mark.parametrize(
    ("cookie", "hsts", "expected"),
    [
        (
            "CSRFTOKEN=bar; Domain=mozilla.org; Path=/; Secure; HttpOnly",
            None,
            ("cookies-anticsrf-without-samesite-flag", -20, False),
        ),
        (
            "SESSIONID=bar; Domain=mozilla.org; Path=/; Secure; HttpOnly; SameSite=",
            None,
            ("cookies-samesite-flag-invalid", -20, False),
        ),
        (
            "SESSIONID=bar; Domain=mozilla.org; Path=/; Secure; HttpOnly; SameSite=True",
            None,
            ("cookies-samesite-flag-invalid", -20, False),
        ),
        (
            "SESSIONID=bar; Domain=mozilla.org; Path=/; Secure; HttpOnly; SameSite=Invalid",
            None,
            ("cookies-samesite-flag-invalid", -20, False),
        ),
        (
            "foo=bar; Domain=mozilla.org; Path=/",
            "max-age=15768000",
            ("cookies-without-secure-flag-but-protected-by-hsts", -5, False),
        ),
        (
            "SESSIONID=bar; Domain=mozilla.org; Path=/; HttpOnly",
            "max-age=15768000",
            ("cookies-session-without-secure-flag-but-protected-by-hsts", -10, False),
        ),
        (
            "foo=bar; Domain=mozilla.org; Path=/",
            None,
            ("cookies-without-secure-flag", -20, False),
        ),
        (
            "SESSIONID=bar; Domain=mozilla.org; Path=/; Secure",
            None,
            ("cookies-session-without-httponly-flag", -30, False),
        ),
        (
            "SESSIONID=bar; Domain=mozilla.org; Path=/; HttpOnly",
            None,
            ("cookies-session-without-secure-flag", -40, False),
        ),
        (
            "SESSIONID=bar; Domain=mozilla.org; Path=/",
            None,
            ("cookies-session-without-secure-flag", -40, False),
        ),
    ],
)
def test_cookies_failures(
    cookie: str, hsts: str | None, expected: tuple[str, int, bool | None]
) -> None:
    assert _cookies(cookie, hsts=hsts) == expected


def test_cookies_for_another_domain_never_reach_the_jar() -> None:
    # tough-cookie rejects Domain=example.com for https://mozilla.org/ (ignoreError: true)
    assert _cookies("SESSIONID=bar; Domain=example.com; Path=/") == ("cookies-not-found", 0, True)
