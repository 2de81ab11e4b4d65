"""The home page in production mode, graded by the port of MDN's HTTP Observatory.

The grader (tests/security/observatory/) is ported from @mdn/mdn-http-observatory
1.4.8. The site must reach at least 120 (A+), and each header the grader scores must
be shown to matter: removing it costs exactly the grader's penalty.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.production import HOST, probe
from tests.security.observatory import Scan, scan

URL = f"https://{HOST}/"


@pytest.fixture(scope="module")
def home(prod_env: dict[str, str]) -> dict[str, Any]:
    return probe(prod_env, "/")


@pytest.fixture(scope="module")
def redirects_to_https(prod_env: dict[str, str]) -> bool:
    plain = probe(prod_env, "/", "--insecure")
    location = dict(plain["headers"]).get("Location", "")
    return bool(plain["status"] == 301 and location == URL)


def grade(home: dict[str, Any], redirects: bool, *, without: str = "") -> Scan:
    headers = [(k, v) for k, v in home["headers"] if k.lower() != without.lower()]
    return scan(
        url=URL,
        status=home["status"],
        headers=headers,
        html=home["body"],
        http_redirects_to_https=redirects,
    )


def test_home_page_scores_a_plus(home: dict[str, Any], redirects_to_https: bool) -> None:
    result = grade(home, redirects_to_https)

    assert result.grade == "A+"
    assert result.score >= 120
    failing = {name: t.result for name, t in result.tests.items() if t.pass_ is False}
    assert failing == {}


def test_every_scored_test_passes_with_its_best_result(
    home: dict[str, Any], redirects_to_https: bool
) -> None:
    results = {name: t.result for name, t in grade(home, redirects_to_https).tests.items()}

    assert results["content-security-policy"] == "csp-implemented-with-no-unsafe-default-src-none"
    assert results["strict-transport-security"] == "hsts-implemented-max-age-at-least-six-months"
    assert results["x-content-type-options"] == "x-content-type-options-nosniff"
    assert results["x-frame-options"] == "x-frame-options-implemented-via-csp"
    assert results["referrer-policy"] == "referrer-policy-private"
    assert results["cross-origin-resource-policy"] == "corp-implemented-with-same-origin"
    assert results["redirection"] == "redirection-to-https"
    assert results["cookies"] == "cookies-not-found"
    assert results["subresource-integrity"] == "sri-not-implemented-but-no-scripts-loaded"


# Each header the grader scores, and the score with it removed (from the grader's own
# score modifiers: see test_observatory_scoring.py for the modifier of each result).
REMOVALS = {
    "Content-Security-Policy": "content-security-policy",
    "Strict-Transport-Security": "strict-transport-security",
    "X-Content-Type-Options": "x-content-type-options",
    "Referrer-Policy": "referrer-policy",
    "Cross-Origin-Resource-Policy": "cross-origin-resource-policy",
}


@pytest.mark.parametrize(("header", "test_name"), REMOVALS.items())
def test_removing_a_scored_header_changes_its_result(
    home: dict[str, Any], redirects_to_https: bool, header: str, test_name: str
) -> None:
    before = grade(home, redirects_to_https).tests[test_name]
    after = grade(home, redirects_to_https, without=header).tests[test_name]

    assert after.result != before.result
    assert after.score_modifier < before.score_modifier


def test_x_frame_options_is_backed_up_by_csp_frame_ancestors(
    home: dict[str, Any], redirects_to_https: bool
) -> None:
    without = grade(home, redirects_to_https, without="X-Frame-Options").tests["x-frame-options"]

    assert without.result == "x-frame-options-implemented-via-csp"
    assert without.score_modifier == 5  # the same bonus as with the header


def test_the_penalties_of_removal_are_exactly_these(
    home: dict[str, Any], redirects_to_https: bool
) -> None:
    full = grade(home, redirects_to_https).score
    drops = {
        header: full - grade(home, redirects_to_https, without=header).score
        for header in [*REMOVALS, "X-Frame-Options"]
    }

    # X-Frame-Options costs nothing only because CSP frame-ancestors covers it.
    assert drops == {
        "Content-Security-Policy": full - 75,
        "Strict-Transport-Security": full - 80,
        "X-Content-Type-Options": 5,
        "Referrer-Policy": 5,
        "Cross-Origin-Resource-Policy": 10,
        "X-Frame-Options": 0,
    }
