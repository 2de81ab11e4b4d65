"""Checks ``tests/security/observatory/`` against ``@mdn/mdn-http-observatory`` 1.4.8.

Every expected result name, score modifier and ``pass`` flag below comes from the JS package:
the vectors of its mocha suite (``test/*.test.js``, with the HTML fixtures of ``test/files/``
inlined), ``SCORE_TABLE``/``GRADE_CHART`` of ``src/grader/charts.js``, and -- for the
end-to-end scores -- the package's own analyzers and ``scan()`` scoring loop run under Node on
the same headers. No Django is needed.

``_REQUEST`` mirrors ``emptyRequests()`` of ``test/helpers.js``: an HTML response for
``https://mozilla.org/`` whose HTTP URL redirects ``http://mozilla.org/ -> https://mozilla.org/
-> https://www.mozilla.org/``.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from tests.security import observatory as obs

Headers = list[tuple[str, str]]

_URL = "https://mozilla.org/"
_ROUTE = ("http://mozilla.org/", "https://mozilla.org/", "https://www.mozilla.org/")
# Stand-ins for the Chromium preload-list entries the JS tests rely on
# (hostname -> includeSubDomains).
_PRELOAD = {"bugzilla.mozilla.org": True, "facebook.com": False, "pokeinthe.io": True}


def _scan(
    headers: Headers,
    *,
    html: str = "",
    url: str = _URL,
    content_type: str | None = "text/html",
    redirect_chain: Sequence[str] = _ROUTE,
    tls_verified: bool = True,
    cors_request_origin: str | None = None,
) -> obs.Scan:
    all_headers = ([("Content-Type", content_type)] if content_type else []) + headers
    return obs.scan(
        url=url,
        status=200,
        headers=all_headers,
        html=html,
        redirect_chain=redirect_chain,
        hsts_preload=_PRELOAD,
        tls_verified=tls_verified,
        cors_request_origin=cors_request_origin,
    )


def _result(
    test: str,
    headers: Headers,
    *,
    html: str = "",
    url: str = _URL,
    content_type: str | None = "text/html",
    redirect_chain: Sequence[str] = _ROUTE,
    tls_verified: bool = True,
    cors_request_origin: str | None = None,
) -> tuple[str, int, bool | None]:
    outcome = _scan(
        headers,
        html=html,
        url=url,
        content_type=content_type,
        redirect_chain=redirect_chain,
        tls_verified=tls_verified,
        cors_request_origin=cors_request_origin,
    ).tests[test]
    return outcome.result, outcome.score_modifier, outcome.pass_


def _html_head(*tags: str) -> str:
    return (
        '<!doctype html>\n<html lang="en">\n  <head>\n    <meta charset="UTF-8" />\n'
        + "".join(f"    {tag}\n" for tag in tags)
        + "    <title>Title</title>\n  </head>\n  <body></body>\n</html>\n"
    )


# test/files/*.html
_CSP1_HTML = _html_head(
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\';" />'
)
_CSP2_HTML = _html_head(
    '<meta http-equiv="Content-Security-Policy" content="default-src https:" />'
)
_CSP_MULTIPLE_HTML = _html_head(
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
_NOT_ALLOWED_HTML = _html_head(
    '<meta\n      http-equiv="Content-Security-Policy"\n      content="frame-ancestors \'none\'"\n'
    "    />"
)
_REFERRER1_HTML = _html_head('<meta name="referrer" content="no-referrer, same-origin" />')
_REFERRER_CASE_HTML = _html_head('<meta name="referRer" content="no-referrer, same-origin" />')
_XFO_META_HTML = _html_head('<meta http-equiv="X-Frame-Options" content="DENY" />')
_NO_SCRIPTS_HTML = """        <html>
            <head></head>
            <body></body>
        </html>
"""
_INTEGRITY = (
    'integrity="sha384-zTm/dblzLXQNp3CgY+hfaC/WJ6h4XtNrePh2CW2+rO9GPuNiPb9jmthvAL+oI/dQ"\n'
    '            crossorigin="anonymous"'
)


def _sri_html(*scripts: str) -> str:
    return "<html>\n  <head>\n" + "".join(f"    {s}\n" for s in scripts) + "  <head>\n</html>\n"


_SRI_FIXTURES: dict[str, tuple[str, str, int, bool]] = {
    "sameorigin1": (
        _sri_html('<script src="/static/js/foo.js"></script>'),
        "sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
        0,
        True,
    ),
    "sameorigin3": (
        _sri_html('<script src="//www.mozilla.org/static/js/foo.js"></script>'),
        "sri-not-implemented-and-external-scripts-not-loaded-securely",
        -50,
        False,
    ),
    "sameorigin2": (
        _sri_html('<script src="https://www.mozilla.org/static/js/foo.js"></script>'),
        "sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
        0,
        True,
    ),
    "impl_external_https1": (
        _sri_html(
            '<script src="/static/js/foo.js"></script>',
            f'<script src="https://fb.me/react-0.14.7.min.js"\n            {_INTEGRITY}>\n'
            "    </script>",
        ),
        "sri-implemented-and-external-scripts-loaded-securely",
        5,
        True,
    ),
    "impl_external_https2": (
        _sri_html(
            '<script src="/static/js/foo.js"></script>',
            f'<script src="https://localhost/react-0.14.7.min.js"\n            {_INTEGRITY}>\n'
            "    </script>",
        ),
        "sri-implemented-and-external-scripts-loaded-securely",
        5,
        True,
    ),
    "impl_sameorigin": (
        _sri_html(
            f'<script src="/static/js/react-0.14.7.min.js"\n            {_INTEGRITY}>\n'
            "    </script>"
        ),
        "sri-implemented-and-all-scripts-loaded-securely",
        5,
        True,
    ),
    "notimpl_external_https": (
        _sri_html(
            '<script src="/static/js/foo.js"></script>',
            '<script src="https://fb.me/react-0.14.7.min.js"></script>',
        ),
        "sri-not-implemented-but-external-scripts-loaded-securely",
        -5,
        False,
    ),
    "impl_external_http": (
        _sri_html(
            '<script src="/static/js/foo.js"></script>',
            f'<script src="http://fb.me/react-0.14.6.min.js"\n            {_INTEGRITY}></script>',
            f'<script src="https://fb.me/react-0.14.7.min.js"\n            {_INTEGRITY}></script>',
        ),
        "sri-implemented-but-external-scripts-not-loaded-securely",
        -20,
        False,
    ),
    "impl_external_noproto": (
        _sri_html(f'<script src="//fb.me/react-0.14.6.min.js"\n            {_INTEGRITY}></script>'),
        "sri-implemented-but-external-scripts-not-loaded-securely",
        -20,
        False,
    ),
    "notimpl_external_http": (
        _sri_html(
            '<script src="/static/js/foo.js"></script>',
            '<script src="http://fb.me/react-0.14.6.min.js"></script>',
        ),
        "sri-not-implemented-and-external-scripts-not-loaded-securely",
        -50,
        False,
    ),
    "notimpl_external_noproto": (
        _sri_html(
            '<script src="/static/js/foo.js"></script>',
            '<script src="//fb.me/react-0.14.6.min.js"></script>',
        ),
        "sri-not-implemented-and-external-scripts-not-loaded-securely",
        -50,
        False,
    ),
    "no_scripts": (_NO_SCRIPTS_HTML, "sri-not-implemented-but-no-scripts-loaded", 0, True),
}


# ---------------------------------------------------------------------------------------------
# src/grader/charts.js + src/grader/grader.js (test/grader.test.js)
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (100, (100, "A+")),
        (0, (0, "F")),
        (120, (120, "A+")),
        (-10, (0, "F")),
        (99, (99, "A")),
        (90, (90, "A")),
        (89, (89, "A-")),
        (84, (84, "B+")),
        (64, (64, "C+")),
        (24, (24, "F")),
    ],
)
def test_grade_for_score(raw: int, expected: tuple[int, str]) -> None:
    assert obs.grade_for_score(raw) == expected


def test_score_table_matches_charts_js() -> None:
    assert obs.SCORE_MODIFIERS["csp-not-implemented"] == -25  # test/grader.test.js
    assert len(obs.SCORE_MODIFIERS) == 66  # SCORE_TABLE.size
    assert obs.MINIMUM_SCORE_FOR_EXTRA_CREDIT == 90
    assert sum(obs.SCORE_MODIFIERS.values()) == -590  # sum of SCORE_TABLE modifiers
    assert (
        obs.SCORE_MODIFIERS["cross-origin-resource-sharing-implemented-with-universal-access"]
        == -50
    )
    assert obs.SCORE_MODIFIERS["corp-implemented-with-same-site"] == 10


# ---------------------------------------------------------------------------------------------
# Content-Security-Policy (test/csp.test.js)
# ---------------------------------------------------------------------------------------------
def test_csp_missing() -> None:
    assert _result("content-security-policy", []) == ("csp-not-implemented", -25, False)


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
    assert _result("content-security-policy", headers) == ("csp-header-invalid", -25, False)


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
    scanned = _scan([("Content-Security-Policy", value)])
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
    scanned = _scan([("Content-Security-Policy", value)])
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
    scanned = _scan([("Content-Security-Policy", value)])
    outcome = scanned.tests["content-security-policy"]
    assert (outcome.result, outcome.score_modifier, outcome.pass_) == (
        "csp-implemented-with-insecure-scheme-in-passive-content-only",
        -10,
        True,
    )
    assert scanned.csp_policy["insecureSchemePassive"] is True


def test_csp_unsafe_eval() -> None:
    scanned = _scan([("Content-Security-Policy", "default-src 'none'; script-src 'unsafe-eval'")])
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
    scanned = _scan([("Content-Security-Policy", value)])
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
    assert _result("content-security-policy", headers) == (
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
    scanned = _scan([("Content-Security-Policy", value)])
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
    assert _result("content-security-policy", headers, html=html) == (
        "csp-implemented-with-no-unsafe-default-src-none",
        10,
        True,
    )


def test_csp_meta_ignored_when_response_is_not_html() -> None:
    # src/retriever/retriever.js only parses <meta> for text/html or application/xhtml+xml
    assert _result("content-security-policy", [], html=_CSP1_HTML, content_type="text/plain") == (
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
    scanned = _scan([("Content-Security-Policy", value)])
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
    assert _scan([("Content-Security-Policy", value)]).csp_policy[flag] is expected


def test_csp_report_only() -> None:
    headers = [
        ("Content-Security-Policy-Report-Only", "default-src 'none'; report-to /_/csp-reports")
    ]
    assert _result("content-security-policy", headers) == (
        "csp-not-implemented-but-reporting-enabled",
        -25,
        False,
    )


def test_csp_frame_ancestors_ignored_in_meta() -> None:
    assert _result("content-security-policy", [], html=_NOT_ALLOWED_HTML) == (
        "csp-not-implemented",
        -25,
        False,
    )
    headers = [("Content-Security-Policy", "frame-anchestors 'none'")]
    assert _result("content-security-policy", headers, html=_NOT_ALLOWED_HTML) == (
        "csp-implemented-with-unsafe-inline",
        -20,
        False,
    )


def test_csp_duplicate_report_uri_cancels_the_bonus() -> None:
    value = "default-src 'none'; report-uri /a; report-uri /b"
    assert _result("content-security-policy", [("Content-Security-Policy", value)]) == (
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
    assert _result("content-security-policy", headers) == (
        "csp-implemented-with-no-unsafe",
        5,
        True,
    )


def test_csp_http_scheme_sites_may_use_http_sources() -> None:
    headers = [("Content-Security-Policy", "default-src 'none'; img-src http://mozilla.org")]
    assert _result("content-security-policy", headers, url="http://mozilla.org/") == (
        "csp-implemented-with-no-unsafe-default-src-none",
        10,
        True,
    )


# ---------------------------------------------------------------------------------------------
# src/analyzer/cspParser.js (test/csp-parser.test.js)
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("policies", "expected"),
    [
        (["default-src 'none'"], {"default-src": {"'none'"}}),
        (
            ["default-src 'none'; script-src 'self' https://mozilla.org"],
            {"default-src": {"'none'"}, "script-src": {"'self'", "https://mozilla.org"}},
        ),
        (
            [
                "default-src 'none'; script-src 'self' https://mozilla.org",
                "default-src 'none'; script-src 'self' https://mozilla.org",
            ],
            {"default-src": {"'none'"}, "script-src": {"'self'", "https://mozilla.org"}},
        ),
        (
            [
                "default-src 'none'; script-src 'self' https://mozilla.org",
                "default-src 'none'; script-src 'self' https://mozilla.org https://example.com",
            ],
            {"default-src": {"'none'"}, "script-src": {"'self'", "https://mozilla.org"}},
        ),
        (
            [
                "default-src 'none'; script-src 'self' https://mozilla.org",
                "default-src 'none'; script-src https://example.com 'self' https://mozilla.org",
            ],
            {"default-src": {"'none'"}, "script-src": {"'self'", "https://mozilla.org"}},
        ),
        (["default-src https://mozilla.org", "default-src https://mozilla.com"],
         {"default-src": {"'none'"}}),
        (
            [
                "default-src https://mozilla.org https://mozilla.net",
                "default-src https://mozilla.com https://mozilla.io",
            ],
            {"default-src": {"'none'"}},
        ),
        (
            [
                "default-src https://mozilla.org https://mozilla.net https://mozilla.com "
                "https://mozilla.io",
                "default-src https://mozilla.pizza https://mozilla.ninja https://mozilla.net "
                "https://mozilla.org",
            ],
            {"default-src": {"https://mozilla.net", "https://mozilla.org"}},
        ),
        (
            [
                "default-src https://mozilla.org https://mozilla.net https://mozilla.com "
                "https://mozilla.io",
                "default-src https://mozilla.pizza https://mozilla.ninja https://mozilla.net "
                "https://mozilla.org",
                "default-src https://mozilla.net https://mozilla.fox https://mozilla.fire "
                "https://mozilla.org",
                "default-src https://mozilla.browser https://mozilla.web https://mozilla.net "
                "https://mozilla.org",
            ],
            {"default-src": {"https://mozilla.net", "https://mozilla.org"}},
        ),
        (["default-src https://mozilla.org/fire", "default-src https://mozilla.org/firefox/"],
         {"default-src": {"'none'"}}),
        (
            [
                "default-src https://mozilla.org/firefox/",
                "default-src https://mozilla.org/firefox/download/",
            ],
            {"default-src": {"https://mozilla.org/firefox/download/"}},
        ),
        (
            [
                "default-src https://mozilla.org/firefox/download/",
                "default-src https://mozilla.org/firefox/",
            ],
            {"default-src": {"https://mozilla.org/firefox/download/"}},
        ),
        (["default-src http:", "default-src https:"], {"default-src": {"'none'"}}),
        (["default-src http: http:", "default-src https: https:"], {"default-src": {"'none'"}}),
    ],
)  # fmt: skip
def test_parse_csp(policies: list[str], expected: dict[str, set[str]]) -> None:
    assert obs.parse_csp(policies) == expected


@pytest.mark.parametrize(
    "policy",
    [
        "  ",
        "\r\n",
        "\r\n\r\n\r\n\r\n\r\n\r\n",
        "",
        "default-src 'none'; default-src 'none'",
        "default-src 'none'; img-src 'self'; default-src 'none'",
        "defa",
    ],
)
def test_parse_csp_invalid(policy: str) -> None:
    with pytest.raises(ValueError, match=r"Invalid policy|Duplicate directive"):
        obs.parse_csp([policy])


def test_parse_csp_real_world_header() -> None:
    policy = (
        "default-src 'self' blob: https://*.cnn.com:* http://*.cnn.com:* *.cnn.io:* "
        "*.cnn.net:* *.turner.com:* *.turner.io:* *.ugdturner.com:* courageousstudio.com "
        "*.vgtf.net:*; script-src 'unsafe-eval' 'unsafe-inline' 'self' *; style-src "
        "'unsafe-inline' 'self' blob: *; child-src 'self' blob: *; frame-src 'self' *; "
        "object-src 'self' *; img-src 'self' data: blob: *; media-src 'self' data: blob: *; "
        "font-src 'self' data: *; connect-src 'self' data: *; frame-ancestors 'self' "
        "https://*.cnn.com:* http://*.cnn.com https://*.cnn.io:* http://*.cnn.io:* "
        "*.turner.com:* courageousstudio.com;"
    )
    parsed = obs.parse_csp([policy])
    assert parsed["script-src"] == {"'unsafe-eval'", "'unsafe-inline'", "'self'", "*"}
    assert len(parsed) == 11


@pytest.mark.parametrize(
    ("policy", "duplicate"),
    [
        (
            "report-uri https://www.dropbox.com/csp_log?policy_name=metaserver-whitelist ; "
            "report-uri https://www.dropbox.com/csp_log?policy_name=metaserver-dynamic",
            "report-uri",
        ),
        ("report-to some_name ; report-to some_other_name", "report-to"),
    ],
)
def test_parse_csp_duplicate_report_directives(policy: str, duplicate: str) -> None:
    assert obs.parse_csp([policy])["_observatory_duplicate_key_warnings"] == {duplicate}


def test_parse_csp_meta_drops_header_only_directives() -> None:
    parsed = obs.parse_csp_meta(["frame-ancestors 'none'; report-uri /r; sandbox; img-src 'self'"])
    assert parsed == {"img-src": {"'self'"}}


# ---------------------------------------------------------------------------------------------
# Cookies (test/cookies.test.js)
# ---------------------------------------------------------------------------------------------
def _cookies(*cookie_strings: str, hsts: str | None = None) -> tuple[str, int, bool | None]:
    headers: Headers = [("Set-Cookie", c) for c in cookie_strings]
    if hsts:
        headers.append(("Strict-Transport-Security", hsts))
    return _result("cookies", headers)


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


# ---------------------------------------------------------------------------------------------
# Cross-origin resource sharing (test/cors.test.js)
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("headers", "origin", "expected"),
    [
        ([], None, ("cross-origin-resource-sharing-not-implemented", 0, True)),
        (
            [("Access-Control-Allow-Origin", "*")],
            None,
            ("cross-origin-resource-sharing-implemented-with-public-access", 0, True),
        ),
        (
            [("Access-Control-Allow-Origin", "https://mozilla.org")],
            obs.CORS_ORIGIN,
            ("cross-origin-resource-sharing-implemented-with-restricted-access", 0, True),
        ),
        (
            [
                ("Access-Control-Allow-Origin", obs.CORS_ORIGIN),
                ("Access-Control-Allow-Credentials", "true"),
            ],
            obs.CORS_ORIGIN,
            ("cross-origin-resource-sharing-implemented-with-universal-access", -50, False),
        ),
        (
            [
                ("Access-Control-Allow-Origin", obs.CORS_ORIGIN),
                ("Access-Control-Allow-Credentials", "true"),
            ],
            None,  # production: axios exposes no request headers
            ("cross-origin-resource-sharing-implemented-with-restricted-access", 0, True),
        ),
    ],
)
def test_cors(headers: Headers, origin: str | None, expected: tuple[str, int, bool]) -> None:
    assert _result("cross-origin-resource-sharing", headers, cors_request_origin=origin) == expected


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
        (_ROUTE, ("redirection-to-https", 0, True)),
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
    assert _result("redirection", [], redirect_chain=route) == expected


def test_redirection_invalid_cert() -> None:
    assert _result("redirection", [], tls_verified=False) == (
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
# Referrer-Policy (test/referrer-policy.test.js)
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "value",
    ["no-referrer", "same-origin", "strict-origin", "STRICT-ORIGIN",
     "strict-origin-when-cross-origin", "no-referrer, whimsy"],
)  # fmt: skip
def test_referrer_policy_private(value: str) -> None:
    assert _result("referrer-policy", [("Referrer-Policy", value)]) == (
        "referrer-policy-private",
        5,
        True,
    )


@pytest.mark.parametrize(
    ("headers", "html"),
    [
        ([], _REFERRER1_HTML),
        ([("Referrer-Policy", "unsafe-url")], _REFERRER1_HTML),  # meta wins (last value)
        ([], _REFERRER_CASE_HTML),
    ],
)
def test_referrer_policy_meta(headers: Headers, html: str) -> None:
    assert _result("referrer-policy", headers, html=html) == ("referrer-policy-private", 5, True)


def test_referrer_policy_missing() -> None:
    assert _result("referrer-policy", []) == ("referrer-policy-not-implemented", 0, True)


@pytest.mark.parametrize("value", ["whimsy", "whimsy, whimsy1, whimsy2"])
def test_referrer_policy_invalid(value: str) -> None:
    assert _result("referrer-policy", [("Referrer-Policy", value)]) == (
        "referrer-policy-header-invalid",
        -5,
        False,
    )


@pytest.mark.parametrize(
    "value",
    [
        "origin",
        "origin-when-cross-origin",
        "unsafe-url",
        "origin-when-cross-origin, no-referrer, unsafe-url",
        "no-referrer, unsafe-url",
    ],
)
def test_referrer_policy_unsafe(value: str) -> None:
    assert _result("referrer-policy", [("Referrer-Policy", value)]) == (
        "referrer-policy-unsafe",
        -5,
        False,
    )


# ---------------------------------------------------------------------------------------------
# Strict-Transport-Security (test/strict-transport-security.test.js)
# ---------------------------------------------------------------------------------------------
def test_hsts_missing() -> None:
    assert _result("strict-transport-security", []) == ("hsts-not-implemented", -20, False)


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
    assert _result("strict-transport-security", headers) == ("hsts-header-invalid", -20, False)


def test_hsts_no_https() -> None:
    headers = [("Strict-Transport-Security", "max-age=15768000")]
    assert _result("strict-transport-security", headers, url="http://mozilla.org/") == (
        "hsts-not-implemented-no-https",
        -20,
        False,
    )


def test_hsts_invalid_cert() -> None:
    headers = [("Strict-Transport-Security", "max-age=15768000; includeSubDomains; preload")]
    assert _result("strict-transport-security", headers, tls_verified=False) == (
        "hsts-invalid-cert",
        -20,
        False,
    )


def test_hsts_max_age_too_low() -> None:
    assert _result(
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
    assert _result("strict-transport-security", [("Strict-Transport-Security", value)]) == (
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
    assert _result("strict-transport-security", [], url=url) == expected


# ---------------------------------------------------------------------------------------------
# Subresource Integrity (test/subresource-integrity.test.js)
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("fixture", sorted(_SRI_FIXTURES))
def test_sri_fixtures(fixture: str) -> None:
    html, result, modifier, passed = _SRI_FIXTURES[fixture]
    assert _result("subresource-integrity", [], html=html) == (result, modifier, passed)


def test_sri_not_html() -> None:
    assert _result(
        "subresource-integrity", [], html='{"foo": "bar"}', content_type="application/json"
    ) == ("sri-not-implemented-response-not-html", 0, True)


def test_sri_html_not_parseable() -> None:
    html = '<div style="@media only screen{background-image: url(http://a.com/a.jpg)">'
    assert _result("subresource-integrity", [], html=html) == ("html-not-parseable", -20, False)


def test_sri_uk_registrable_domain() -> None:
    # tldts: static.example.co.uk and www.example.co.uk share the registrable domain
    html = '<script src="https://static.example.co.uk/app.js"></script>'
    assert _result("subresource-integrity", [], html=html, url="https://www.example.co.uk/") == (
        "sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
        0,
        True,
    )
    html = '<script src="https://static.other.co.uk/app.js"></script>'
    assert _result("subresource-integrity", [], html=html, url="https://www.example.co.uk/") == (
        "sri-not-implemented-but-external-scripts-loaded-securely",
        -5,
        False,
    )


# ---------------------------------------------------------------------------------------------
# X-Content-Type-Options (test/x-content-type-options.test.js)
# ---------------------------------------------------------------------------------------------
def test_xcto_missing() -> None:
    assert _result("x-content-type-options", []) == (
        "x-content-type-options-not-implemented",
        -5,
        False,
    )


@pytest.mark.parametrize("value", ["whimsy", "nosniff, nosniff"])
def test_xcto_invalid(value: str) -> None:
    assert _result("x-content-type-options", [("X-Content-Type-Options", value)]) == (
        "x-content-type-options-header-invalid",
        -5,
        False,
    )


@pytest.mark.parametrize("value", ["nosniff", "nosniff "])
def test_xcto_nosniff(value: str) -> None:
    assert _result("x-content-type-options", [("X-Content-Type-Options", value)]) == (
        "x-content-type-options-nosniff",
        0,
        True,
    )


# ---------------------------------------------------------------------------------------------
# X-Frame-Options (test/x-frame-options.test.js)
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("headers", "html", "expected"),
    [
        ([], _NO_SCRIPTS_HTML, ("x-frame-options-not-implemented", -20, False)),
        ([("X-Frame-Options", "whimsy")], _NO_SCRIPTS_HTML,
         ("x-frame-options-header-invalid", -20, False)),
        ([("X-Frame-Options", "SAMEORIGIN, SAMEORIGIN")], _NO_SCRIPTS_HTML,
         ("x-frame-options-header-invalid", -20, False)),
        ([("X-Frame-Options", "SAMEORIGIN"), ("X-Frame-Options", "SAMEORIGIN")], _NO_SCRIPTS_HTML,
         ("x-frame-options-header-invalid", -20, False)),
        ([("X-Frame-Options", "ALLOW-FROM https://mozilla.org")], _NO_SCRIPTS_HTML,
         ("x-frame-options-allow-from-origin", 0, True)),
        ([("X-Frame-Options", "DENY")], _NO_SCRIPTS_HTML,
         ("x-frame-options-sameorigin-or-deny", 0, True)),
        ([("X-Frame-Options", "DENY ")], _NO_SCRIPTS_HTML,
         ("x-frame-options-sameorigin-or-deny", 0, True)),
        ([("X-Frame-Options", "DENY"),
          ("Content-Security-Policy", "frame-ancestors https://mozilla.org")], _NO_SCRIPTS_HTML,
         ("x-frame-options-implemented-via-csp", 5, True)),
        ([], _XFO_META_HTML, ("x-frame-options-not-implemented", -20, False)),
    ],
)  # fmt: skip
def test_x_frame_options(headers: Headers, html: str, expected: tuple[str, int, bool]) -> None:
    assert _result("x-frame-options", headers, html=html) == expected


# ---------------------------------------------------------------------------------------------
# Cross-Origin-Resource-Policy (test/cross-origin-resource-policy.test.js)
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ([], ("corp-not-implemented", 0, True)),
        ([("Cross-Origin-Resource-Policy", "whimsy")], ("corp-header-invalid", -5, False)),
        ([("Cross-Origin-Resource-Policy", "same-site")],
         ("corp-implemented-with-same-site", 10, True)),
        ([("Cross-Origin-Resource-Policy", "same-origin")],
         ("corp-implemented-with-same-origin", 10, True)),
        ([("Cross-Origin-Resource-Policy", "cross-origin")],
         ("corp-implemented-with-cross-origin", 0, True)),
    ],
)  # fmt: skip
def test_corp(headers: Headers, expected: tuple[str, int, bool]) -> None:
    assert _result("cross-origin-resource-policy", headers) == expected


# ---------------------------------------------------------------------------------------------
# src/scanner/index.js -- end-to-end scores (computed by the JS analyzers + scan() under Node)
# ---------------------------------------------------------------------------------------------
_STRICT_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)
_STRICT_HEADERS: Headers = [
    ("Content-Type", "text/html; charset=utf-8"),
    ("Content-Security-Policy", _STRICT_CSP),
    ("Strict-Transport-Security", "max-age=63072000; includeSubDomains; preload"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
]
_PAGE = "<!doctype html><html><head><title>Card</title></head><body><p>Hello</p></body></html>"
_SITE = "https://www.example.co.uk/"

_STRICT_RESULTS = {
    "content-security-policy": ("csp-implemented-with-no-unsafe-default-src-none", 10, True),
    "cookies": ("cookies-not-found", 0, True),
    "cross-origin-resource-sharing": ("cross-origin-resource-sharing-not-implemented", 0, True),
    "redirection": ("redirection-to-https", 0, True),
    "referrer-policy": ("referrer-policy-private", 5, True),
    "strict-transport-security": ("hsts-implemented-max-age-at-least-six-months", 0, True),
    "subresource-integrity": ("sri-not-implemented-but-no-scripts-loaded", 0, True),
    "x-content-type-options": ("x-content-type-options-nosniff", 0, True),
    "x-frame-options": ("x-frame-options-implemented-via-csp", 5, True),
    "cross-origin-resource-policy": ("corp-implemented-with-same-origin", 10, True),
}


def _strict_scan(headers: Headers, http_redirects_to_https: bool | None = True) -> obs.Scan:
    return obs.scan(
        url=_SITE,
        status=200,
        headers=headers,
        html=_PAGE,
        http_redirects_to_https=http_redirects_to_https,
    )


def _summary(scanned: obs.Scan) -> dict[str, tuple[str, int, bool | None]]:
    return {
        name: (test.result, test.score_modifier, test.pass_) for name, test in scanned.tests.items()
    }


def test_strict_header_set_scores_a_plus() -> None:
    scanned = _strict_scan(_STRICT_HEADERS)
    assert (scanned.score, scanned.grade) == (130, "A+")
    assert scanned.score >= 120
    assert _summary(scanned) == _STRICT_RESULTS
    assert list(scanned.tests) == list(_STRICT_RESULTS)  # ALL_TESTS order


@pytest.mark.parametrize(
    ("removed", "score", "grade", "changed"),
    [
        ("Content-Security-Policy", 75, "B", {
            "content-security-policy": ("csp-not-implemented", -25, False),
            "x-frame-options": ("x-frame-options-sameorigin-or-deny", 0, True)}),
        # uncurved score 80 < 90: all extra credit is lost
        ("Strict-Transport-Security", 80, "B+", {
            "strict-transport-security": ("hsts-not-implemented", -20, False)}),
        ("X-Content-Type-Options", 125, "A+", {
            "x-content-type-options": ("x-content-type-options-not-implemented", -5, False)}),
        ("Referrer-Policy", 125, "A+", {
            "referrer-policy": ("referrer-policy-not-implemented", 0, True)}),
        # frame-ancestors already covers it
        ("X-Frame-Options", 130, "A+", {}),
        ("Cross-Origin-Resource-Policy", 120, "A+", {
            "cross-origin-resource-policy": ("corp-not-implemented", 0, True)}),
        ("Content-Type", 130, "A+", {
            "subresource-integrity": ("sri-not-implemented-response-not-html", 0, True)}),
    ],
)  # fmt: skip
def test_strict_header_set_minus_one_header(
    removed: str, score: int, grade: str, changed: dict[str, tuple[str, int, bool]]
) -> None:
    scanned = _strict_scan([h for h in _STRICT_HEADERS if h[0] != removed])
    assert (scanned.score, scanned.grade) == (score, grade)
    assert _summary(scanned) == {**_STRICT_RESULTS, **changed}


@pytest.mark.parametrize(
    ("directive", "score", "grade", "changed"),
    [
        # script-src and object-src fall back to "*": unsafe
        ("default-src", 80, "B+", {
            "content-security-policy": ("csp-implemented-with-unsafe-inline", -20, False)}),
        ("style-src", 130, "A+", {}),
        ("img-src", 130, "A+", {}),
        ("form-action", 130, "A+", {}),
        ("frame-ancestors", 125, "A+", {
            "x-frame-options": ("x-frame-options-sameorigin-or-deny", 0, True)}),
        ("base-uri", 130, "A+", {}),
        ("object-src", 130, "A+", {}),
    ],
)  # fmt: skip
def test_strict_csp_minus_one_directive(
    directive: str, score: int, grade: str, changed: dict[str, tuple[str, int, bool]]
) -> None:
    csp = "; ".join(d for d in _STRICT_CSP.split("; ") if not d.startswith(directive + " "))
    headers = [
        (name, csp if name == "Content-Security-Policy" else value)
        for name, value in _STRICT_HEADERS
    ]
    scanned = _strict_scan(headers)
    assert (scanned.score, scanned.grade) == (score, grade)
    assert _summary(scanned) == {**_STRICT_RESULTS, **changed}


@pytest.mark.parametrize(
    ("flag", "score", "grade", "changed"),
    [
        (False, 80, "B+", {"redirection": ("redirection-missing", -20, False)}),
        (None, 130, "A+", {"redirection": ("redirection-not-needed-no-http", 0, True)}),
    ],
)
def test_strict_header_set_redirection(
    flag: bool | None, score: int, grade: str, changed: dict[str, tuple[str, int, bool]]
) -> None:
    scanned = _strict_scan(_STRICT_HEADERS, http_redirects_to_https=flag)
    assert (scanned.score, scanned.grade) == (score, grade)
    assert _summary(scanned) == {**_STRICT_RESULTS, **changed}


def test_no_security_headers_at_all() -> None:
    scanned = _strict_scan([])
    assert (scanned.score, scanned.grade) == (30, "D")  # 100 - 25 - 20 - 5 - 20


def test_preloaded_site_gets_the_hsts_bonus() -> None:
    scanned = obs.scan(
        url=_SITE,
        status=200,
        headers=_STRICT_HEADERS,
        html=_PAGE,
        http_redirects_to_https=True,
        hsts_preload={"example.co.uk": True},
    )
    assert scanned.tests["strict-transport-security"].result == "hsts-preloaded"
    # http://www.example.co.uk/ -> https://www.example.co.uk/: every host is preloaded
    assert scanned.tests["redirection"].result == "redirection-all-redirects-preloaded"
    assert (scanned.score, scanned.grade) == (135, "A+")


@pytest.mark.parametrize("status", [100, 199, 400, 404, 500])
def test_unexpected_status_is_refused(status: int) -> None:
    with pytest.raises(ValueError, match=f"unexpected HTTP status code {status}"):
        obs.scan(url=_SITE, status=status, headers={}, html="")


@pytest.mark.parametrize("status", [200, 204, 301, 401, 403])
def test_accepted_status(status: int) -> None:
    assert obs.scan(url=_SITE, status=status, headers={}, html="").grade == "D"
