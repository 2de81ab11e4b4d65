"""The grader's Content-Security-Policy test: headers, <meta> policies and flags.

Vectors of ``test/csp.test.js``
of ``@mdn/mdn-http-observatory`` 1.4.8 (see ``grader_support.py``).
"""

from __future__ import annotations

import pytest

from tests.security.grader_support import html_head, result_of, scan_page

# test/files/*.html
_CSP1_HTML = html_head(
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\';" />'
)
_CSP2_HTML = html_head('<meta http-equiv="Content-Security-Policy" content="default-src https:" />')
_CSP_MULTIPLE_HTML = html_head(
    '<meta\n      http-equiv="Content-Security-Policy"\n'
    "      content=\"default-src 'none'; object-src 'none'; media-src 'none';\"\n    />",
    '<meta\n      http-equiv="Content-SECURITY-Policy"\n'
    "      content=\"connect-src 'self'; font-src 'self'; child-src 'self'\"\n    />",
    '<meta\n      http-equiv=" Content-Security-Policy "\n'
    "      content=\"img-src 'self'; style-src 'self' 'nonce-gAeQO8jI4VJCsrsXkcUVRCzQjiihKteQ\"\n"
    "    />",
    '<meta\n      http-equiv="Content-security-Policy"\n'
    "      content=\"script-src 'self' 'unsafe-inline' "
    "'nonce-gAeQO8jI4VJCsrsXkcUVRCzQjiihKteQ'\"\n    />",
)
_NOT_ALLOWED_HTML = html_head(
    '<meta\n      http-equiv="Content-Security-Policy"\n      content="frame-ancestors \'none\'"\n'
    "    />"
)


# ---------------------------------------------------------------------------------------------
# Content-Security-Policy (test/csp.test.js)
# ---------------------------------------------------------------------------------------------
def test_csp_missing() -> None:
    assert result_of("content-security-policy", []) == ("csp-not-implemented", -25, False)


@pytest.mark.parametrize(
    "value",
    [
        "  ",
        "\r\n",
        "",
        "default-src 'none'; default-src 'none'",
        "default-src 'none'; img-src 'self'; default-src 'none'",
        "default-src 'none'; script-src 'strict-dynamic'",
        "defa",
    ],
)
def test_csp_header_invalid(value: str) -> None:
    headers = [("Content-Security-Policy", value)]
    assert result_of("content-security-policy", headers) == ("csp-header-invalid", -25, False)


@pytest.mark.parametrize(
    "value",
    [
        "default-src 'none'; script-src https://*",
        "default-src 'none'; script-src 'unsafe-inline'",
        "script-src 'unsafe-inline'",
        "script-src data:",
        "script-src http:",
        "script-src ftp:",
        "default-src 'unsafe-inline'",
        "default-src 'UNSAFE-INLINE'",
        "upgrade-insecure-requests",
        "script-src 'none'",
        "script-src https:",
        "script-src https://mozilla.org https:",
        "default-src https://mozilla.org https:",
        "default-src 'none'; script-src *",
        "default-src *; script-src *; object-src 'none'",
        "default-src 'none'; script-src 'none'; object-src *",
        "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'",
        "default-src 'none'; script-src 'unsafe-inline' http:",
        "object-src https:; script-src 'none'",
    ],
)
def test_csp_unsafe_inline(value: str) -> None:
    scanned = scan_page([("Content-Security-Policy", value)])
    outcome = scanned.tests["content-security-policy"]
    assert (outcome.result, outcome.score_modifier, outcome.pass_) == (
        "csp-implemented-with-unsafe-inline",
        -20,
        False,
    )
    assert scanned.csp_policy["unsafeInline"] is True


@pytest.mark.parametrize(
    "value",
    [
        "default-src http://mozilla.org",
        "default-src 'none'; script-src http://mozilla.org",
        "default-src 'none'; script-src ftp://mozilla.org",
    ],
)
def test_csp_insecure_scheme(value: str) -> None:
    scanned = scan_page([("Content-Security-Policy", value)])
    outcome = scanned.tests["content-security-policy"]
    assert (outcome.result, outcome.score_modifier, outcome.pass_) == (
        "csp-implemented-with-insecure-scheme",
        -20,
        False,
    )
    assert scanned.csp_policy["insecureSchemeActive"] is True


@pytest.mark.parametrize(
    "value",
    [
        "default-src 'none'; img-src http://mozilla.org",
        "default-src 'self'; img-src ftp:",
        "default-src 'self'; img-src http:",
        "default-src 'none'; img-src https:; media-src http://mozilla.org",
        "default-src 'none'; img-src http: https:; script-src 'self'; style-src 'self'",
        "default-src 'none'; img-src 'none'; media-src http:; script-src 'self'; style-src 'self'",
        "default-src 'none'; img-src 'none'; media-src http:; script-src 'self'; "
        "style-src 'unsafe-inline'",
    ],
)
def test_csp_insecure_scheme_in_passive_content_only(value: str) -> None:
    scanned = scan_page([("Content-Security-Policy", value)])
    outcome = scanned.tests["content-security-policy"]
    assert (outcome.result, outcome.score_modifier, outcome.pass_) == (
        "csp-implemented-with-insecure-scheme-in-passive-content-only",
        -10,
        True,
    )
    assert scanned.csp_policy["insecureSchemePassive"] is True


def test_csp_unsafe_eval() -> None:
    scanned = scan_page(
        [("Content-Security-Policy", "default-src 'none'; script-src 'unsafe-eval'")]
    )
    outcome = scanned.tests["content-security-policy"]
    assert (outcome.result, outcome.score_modifier, outcome.pass_) == (
        "csp-implemented-with-unsafe-eval",
        -10,
        False,
    )
    assert scanned.csp_policy["unsafeEval"] is True


@pytest.mark.parametrize(
    "value",
    [
        "object-src 'none'; script-src 'none'; style-src 'unsafe-inline'",
        "default-src 'none'; script-src https://mozilla.org; style-src 'unsafe-inline'",
        "default-src 'unsafe-inline'; script-src https://mozilla.org",
        "default-src 'none';;; ;;;style-src 'self' 'unsafe-inline'",
        "default-src 'none'; style-src data:",
        "default-src 'none'; style-src *",
        "default-src 'none'; style-src https:",
        "default-src 'none'; style-src 'unsafe-inline'; "
        "script-src 'sha256-hqBEA/HXB3aJU2FgOnYN8rkAgEVgyfi3Vs1j2/XMPBB=' 'unsafe-inline'",
    ],
)
def test_csp_unsafe_inline_in_style_src_only(value: str) -> None:
    scanned = scan_page([("Content-Security-Policy", value)])
    outcome = scanned.tests["content-security-policy"]
    assert (outcome.result, outcome.score_modifier, outcome.pass_) == (
        "csp-implemented-with-unsafe-inline-in-style-src-only",
        0,
        True,
    )
    assert scanned.csp_policy["unsafeInlineStyle"] is True


@pytest.mark.parametrize(
    "value",
    [
        "default-src https://mozilla.org",
        "default-src https://mozilla.org;;; ;;;script-src 'none'",
        "object-src 'none'; script-src https://mozilla.org; "
        "style-src https://mozilla.org; upgrade-insecure-requests;",
        "object-src 'none'; script-src 'strict-dynamic' 'nonce-abc' 'unsafe-inline'; "
        "style-src 'none'",
        "object-src 'none'; style-src 'self';"
        "script-src 'sha256-hqBEA/HXB3aJU2FgOnYN8rkAgEVgyfi3Vs1j2/XMPBA='",
        "object-src 'none'; style-src 'self'; script-src 'unsafe-inline' "
        "'sha256-hqBEA/HXB3aJU2FgOnYN8rkAgEVgyfi3Vs1j2/XMPBA='"
        "'sha256-hqBEA/HXB3aJU2FgOnYN8rkAgEVgyfi3Vs1j2/XMPBB='",
        "object-src 'none'; script-src 'unsafe-inline' 'nonce-abc123' 'unsafe-inline'; "
        "style-src 'none'",
        "default-src https://mozilla.org; style-src 'unsafe-inline' 'nonce-abc123' 'unsafe-inline'",
        "default-src https://mozilla.org; style-src 'unsafe-inline' "
        "'sha256-hqBEA/HXB3aJU2FgOnYN8rkAgEVgyfi3Vs1j2/XMPBB=' 'unsafe-inline'",
    ],
)
def test_csp_no_unsafe(value: str) -> None:
    headers = [("Content-Security-Policy", value)]
    assert result_of("content-security-policy", headers) == (
        "csp-implemented-with-no-unsafe",
        5,
        True,
    )


@pytest.mark.parametrize(
    "value",
    [
        "default-src",
        "default-src 'none'; script-src 'strict-dynamic' 'nonce-abc123' 'unsafe-inline'",
        "default-src 'none'; script-src https://mozilla.org; style-src https://mozilla.org; "
        "upgrade-insecure-requests;",
        "default-src 'none'; object-src https://mozilla.org",
    ],
)
def test_csp_no_unsafe_default_src_none(value: str) -> None:
    scanned = scan_page([("Content-Security-Policy", value)])
    outcome = scanned.tests["content-security-policy"]
    assert (outcome.result, outcome.score_modifier, outcome.pass_) == (
        "csp-implemented-with-no-unsafe-default-src-none",
        10,
        True,
    )
    assert scanned.csp_policy["defaultNone"] is True


@pytest.mark.parametrize(
    ("header", "html"),
    [
        ("default-src http:", _CSP2_HTML),  # header and meta differ: default-src 'none'
        (None, _CSP1_HTML),
        (None, _CSP_MULTIPLE_HTML),
        ("default-src 'none'", _CSP1_HTML),
        ("default-src 'none'", _CSP2_HTML),
        ("img-src 'none'", _CSP1_HTML),
    ],
)
def test_csp_default_src_none_with_meta(header: str | None, html: str) -> None:
    headers = [("Content-Security-Policy", header)] if header else []
    assert result_of("content-security-policy", headers, html=html) == (
        "csp-implemented-with-no-unsafe-default-src-none",
        10,
        True,
    )


def test_csp_meta_ignored_when_response_is_not_html() -> None:
    # src/retriever/retriever.js only parses <meta> for text/html or application/xhtml+xml
    assert result_of("content-security-policy", [], html=_CSP1_HTML, content_type="text/plain") == (
        "csp-not-implemented",
        -25,
        False,
    )


@pytest.mark.parametrize(
    "value",
    [
        "default-src 'none'; script-src 'strict-dynamic' 'nonce-abc123'",
        "default-src 'none'; script-src 'strict-dynamic' 'sha256-abc123'",
        "default-src 'none'; script-src 'strict-dynamic' 'sha256-abc123' https://*",
        "default-src 'none'; script-src 'strict-dynamic' 'sha256-abc123' 'unsafe-inline'",
    ],
)
def test_csp_strict_dynamic(value: str) -> None:
    scanned = scan_page([("Content-Security-Policy", value)])
    assert scanned.tests["content-security-policy"].result == (
        "csp-implemented-with-no-unsafe-default-src-none"
    )
    assert scanned.tests["content-security-policy"].score_modifier == 10
    assert scanned.csp_policy["strictDynamic"] is True


_PASSIVE = "insecureSchemePassive"


@pytest.mark.parametrize(
    ("value", "flag", "expected"),
    [
        ("default-src 'none'", "antiClickjacking", False),
        ("frame-ancestors *", "antiClickjacking", False),
        ("frame-ancestors http:", "antiClickjacking", False),
        ("frame-ancestors https:", "antiClickjacking", False),
        ("default-src *; frame-ancestors 'none'", "antiClickjacking", True),
        ("default-src 'none'; base-uri *; object-src *", "insecureBaseUri", True),
        ("default-src 'none'; base-uri https:; object-src https:", "insecureBaseUri", True),
        ("default-src *", "insecureBaseUri", True),
        ("default-src 'none'; base-uri *; object-src *", "unsafeObjects", True),
        ("default-src 'none'; base-uri https:; object-src https:", "unsafeObjects", True),
        ("default-src *", "unsafeObjects", True),
        ("default-src *; base-uri 'none'", "insecureBaseUri", False),
        ("default-src 'none'; base-uri 'self'", "insecureBaseUri", False),
        ("default-src 'none'; base-uri https://mozilla.org", "insecureBaseUri", False),
        ("default-src * http: https: data: 'unsafe-inline' 'unsafe-eval'", _PASSIVE, True),
        ("default-src 'none'; img-src http:", _PASSIVE, True),
        ("default-src 'none' https://mozilla.org; img-src http://mozilla.org", _PASSIVE, True),
        ("default-src https:; media-src http://mozilla.org; script-src http:", _PASSIVE, True),
        ("default-src *; form-action 'none'", "insecureFormAction", False),
        ("default-src *; form-action 'self'", "insecureFormAction", False),
        ("default-src 'none'; form-action 'self' https://mozilla.org", "insecureFormAction", False),
        ("form-action 'self' https://mozilla.org", "insecureFormAction", False),
        ("default-src *", "insecureFormAction", True),
        ("default-src 'none'", "insecureFormAction", True),
        ("form-action https:", "insecureFormAction", True),
    ],
)  # fmt: skip
def test_csp_policy_analysis(value: str, flag: str, expected: bool) -> None:
    assert scan_page([("Content-Security-Policy", value)]).csp_policy[flag] is expected


def test_csp_report_only() -> None:
    headers = [
        ("Content-Security-Policy-Report-Only", "default-src 'none'; report-to /_/csp-reports")
    ]
    assert result_of("content-security-policy", headers) == (
        "csp-not-implemented-but-reporting-enabled",
        -25,
        False,
    )


def test_csp_frame_ancestors_ignored_in_meta() -> None:
    assert result_of("content-security-policy", [], html=_NOT_ALLOWED_HTML) == (
        "csp-not-implemented",
        -25,
        False,
    )
    headers = [("Content-Security-Policy", "frame-anchestors 'none'")]
    assert result_of("content-security-policy", headers, html=_NOT_ALLOWED_HTML) == (
        "csp-implemented-with-unsafe-inline",
        -20,
        False,
    )


def test_csp_duplicate_report_uri_cancels_the_bonus() -> None:
    value = "default-src 'none'; report-uri /a; report-uri /b"
    assert result_of("content-security-policy", [("Content-Security-Policy", value)]) == (
        "csp-implemented-but-duplicate-directives",
        0,
        True,
    )


def test_csp_two_headers_are_folded_into_one_value_like_node() -> None:
    # Node joins repeated headers with ", ": "default-src 'none', default-src 'none'" is one
    # directive "default-src" with the sources "'none'" and "default-src" ("'none'," is
    # dropped as a longer duplicate), so it is no longer default-src 'none'.
    headers = [
        ("Content-Security-Policy", "default-src 'none'"),
        ("Content-Security-Policy", "default-src 'none'"),
    ]
    assert result_of("content-security-policy", headers) == (
        "csp-implemented-with-no-unsafe",
        5,
        True,
    )


def test_csp_http_scheme_sites_may_use_http_sources() -> None:
    headers = [("Content-Security-Policy", "default-src 'none'; img-src http://mozilla.org")]
    assert result_of("content-security-policy", headers, url="http://mozilla.org/") == (
        "csp-implemented-with-no-unsafe-default-src-none",
        10,
        True,
    )
