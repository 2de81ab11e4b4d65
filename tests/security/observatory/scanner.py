"""Port of ``scan()`` in ``src/scanner/index.js`` of ``@mdn/mdn-http-observatory`` 1.4.8.

The accepted status codes, base score 100, the rule that positive modifiers (extra credit)
only count when the score made of the negative modifiers alone is already >= 90, and the test
map keyed by test name; ``ALL_TESTS`` of ``src/constants.js`` (the ten tests and their order);
how ``src/retriever/retriever.js`` and ``src/retriever/session.js`` build the ``Requests``
object (which response each test looks at, when the HTML ``<meta>`` tags are parsed). The
``scan`` arguments standing for what one response cannot show are described in the package
docstring (``tests/security/observatory/__init__.py``).

Paths are inside the npm tarball, i.e. below ``package/``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import ClassVar
from urllib.parse import urlsplit

from tests.security.observatory.charts import (
    MINIMUM_SCORE_FOR_EXTRA_CREDIT,
    SCORE_MODIFIERS,
    grade_for_score,
)
from tests.security.observatory.cookies import _cookies_test
from tests.security.observatory.csp import _csp_test
from tests.security.observatory.headers import (
    _corp_test,
    _cors_test,
    _hsts_test,
    _redirection_test,
    _referrer_policy_test,
    _xcto_test,
    _xfo_test,
)
from tests.security.observatory.html import _http_equiv, _parse_html
from tests.security.observatory.retriever import _Context
from tests.security.observatory.sri import _HTML_TYPES, _sri_test
from tests.security.observatory.utils import _Headers


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
    header repeats), ``html`` the response body. See the package docstring for
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
