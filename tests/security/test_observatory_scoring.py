"""The grader's score table, grade chart and end-to-end scores of whole responses.

From ``@mdn/mdn-http-observatory`` 1.4.8: the vectors of ``test/grader.test.js``,
``SCORE_TABLE``/``GRADE_CHART`` of ``src/grader/charts.js``, and end-to-end scores computed by
the package's analyzers and ``scan()`` under Node (see ``grader_support.py``).
"""

from __future__ import annotations

import pytest

from tests.security import observatory as obs
from tests.security.grader_support import Headers


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
