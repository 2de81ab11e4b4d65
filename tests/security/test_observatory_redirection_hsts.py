"""The grader's HTTP -> HTTPS redirection and Strict-Transport-Security tests.

Vectors of ``test/redirection.test.js`` and ``test/strict-transport-security.test.js`` of
``@mdn/mdn-http-observatory`` 1.4.8 (see ``grader_support.py``).
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from tests.security import observatory as obs
from tests.security.grader_support import ROUTE, Headers, result_of


# ---------------------------------------------------------------------------------------------
# Redirection (test/redirection.test.js)
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("route", "expected"),
    [
        ((), ("redirection-not-needed-no-http", 0, True)),
        (("http://mozilla.org",), ("redirection-missing", -20, False)),
        (("http://mozilla.org", "http://www.mozilla.org"),
         ("redirection-not-to-https", -20, False)),
        (
            ("http://mozilla.org", "http://www.mozilla.org", "http://www.mozilla.org/en/"),
            ("redirection-not-to-https", -20, False),
        ),
        (ROUTE, ("redirection-to-https", 0, True)),
        (("http://mozilla.org/", "https://mozilla.org:8443/"), ("redirection-to-https", 0, True)),
        (
            ("http://mozilla.org/", "http://www.mozilla.org/", "https://www.mozilla.org/"),
            ("redirection-not-to-https-on-initial-redirection", -10, False),
        ),
        (
            ("http://mozilla.org/", "https://www.mozilla.org/"),
            ("redirection-off-host-from-http", -5, False),
        ),
        (
            (
                "http://pokeinthe.io/",
                "https://pokeinthe.io/",
                "https://www.pokeinthe.io/",
                "https://baz.pokeinthe.io/foo",
            ),
            ("redirection-all-redirects-preloaded", 0, True),
        ),
    ],
)  # fmt: skip
def test_redirection(route: Sequence[str], expected: tuple[str, int, bool]) -> None:
    assert result_of("redirection", [], redirect_chain=route) == expected


def test_redirection_invalid_cert() -> None:
    assert result_of("redirection", [], tls_verified=False) == (
        "redirection-invalid-cert",
        -20,
        False,
    )


@pytest.mark.parametrize(
    ("url", "flag", "expected"),
    [
        ("https://mozilla.org/", True, ("redirection-to-https", 0, True)),
        ("https://mozilla.org/", False, ("redirection-missing", -20, False)),
        ("https://mozilla.org/", None, ("redirection-not-needed-no-http", 0, True)),
        ("http://mozilla.org/", None, ("redirection-missing", -20, False)),
    ],
)
def test_redirection_flag(url: str, flag: bool | None, expected: tuple[str, int, bool]) -> None:
    scanned = obs.scan(url=url, status=200, headers={}, html="", http_redirects_to_https=flag)
    outcome = scanned.tests["redirection"]
    assert (outcome.result, outcome.score_modifier, outcome.pass_) == expected


# ---------------------------------------------------------------------------------------------
# Strict-Transport-Security (test/strict-transport-security.test.js)
# ---------------------------------------------------------------------------------------------
def test_hsts_missing() -> None:
    assert result_of("strict-transport-security", []) == ("hsts-not-implemented", -20, False)


@pytest.mark.parametrize(
    "headers",
    [
        [("Strict-Transport-Security", "includeSubDomains; preload")],
        [
            (
                "Strict-Transport-Security",
                "max-age=15768000; includeSubDomains, max-age=15768000; includeSubDomains",
            )
        ],
        # two headers are folded into one "a, b" value by Node, exactly as above
        [
            ("Strict-Transport-Security", "max-age=15768000; includeSubDomains"),
            ("Strict-Transport-Security", "max-age=15768000; includeSubDomains"),
        ],
    ],
)
def test_hsts_header_invalid(headers: Headers) -> None:
    assert result_of("strict-transport-security", headers) == ("hsts-header-invalid", -20, False)


def test_hsts_no_https() -> None:
    headers = [("Strict-Transport-Security", "max-age=15768000")]
    assert result_of("strict-transport-security", headers, url="http://mozilla.org/") == (
        "hsts-not-implemented-no-https",
        -20,
        False,
    )


def test_hsts_invalid_cert() -> None:
    headers = [("Strict-Transport-Security", "max-age=15768000; includeSubDomains; preload")]
    assert result_of("strict-transport-security", headers, tls_verified=False) == (
        "hsts-invalid-cert",
        -20,
        False,
    )


def test_hsts_max_age_too_low() -> None:
    assert result_of(
        "strict-transport-security", [("Strict-Transport-Security", "max-age=86400")]
    ) == (
        "hsts-implemented-max-age-less-than-six-months",
        -10,
        False,
    )


@pytest.mark.parametrize(
    "value",
    [
        "max-age=15768000; includeSubDomains; preload",
        "max-age=15552000",  # the "white lie" SIX_MONTHS of the JS code
        "max-age=abc",  # parseInt gives NaN, and NaN < SIX_MONTHS is false
    ],
)
def test_hsts_implemented(value: str) -> None:
    assert result_of("strict-transport-security", [("Strict-Transport-Security", value)]) == (
        "hsts-implemented-max-age-at-least-six-months",
        0,
        True,
    )


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://bugzilla.mozilla.org/", ("hsts-preloaded", 5, True)),
        ("https://facebook.com/", ("hsts-preloaded", 5, True)),
        ("https://sub.bugzilla.mozilla.org/", ("hsts-preloaded", 5, True)),
        ("https://sub.facebook.com/", ("hsts-not-implemented", -20, False)),
        ("https://dropboxusercontent.com/", ("hsts-not-implemented", -20, False)),
    ],
)
def test_hsts_preloaded(url: str, expected: tuple[str, int, bool]) -> None:
    assert result_of("strict-transport-security", [], url=url) == expected
