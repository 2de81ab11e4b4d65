"""Scanning one response with the Observatory grader port, for the grader's tests.

The tests of ``tests/security/observatory/`` check it against ``@mdn/mdn-http-observatory``
1.4.8. Every expected result name, score modifier and ``pass`` flag in them comes from the JS
package: the vectors of its mocha suite (``test/*.test.js``, with the HTML fixtures of
``test/files/`` inlined), ``SCORE_TABLE``/``GRADE_CHART`` of ``src/grader/charts.js``, and --
for the end-to-end scores -- the package's own analyzers and ``scan()`` scoring loop run under
Node on the same headers. No Django is needed.

``_URL`` and ``ROUTE`` mirror ``emptyRequests()`` of ``test/helpers.js``: an HTML response for
``https://mozilla.org/`` whose HTTP URL redirects ``http://mozilla.org/ -> https://mozilla.org/
-> https://www.mozilla.org/``.
"""

from __future__ import annotations

from collections.abc import Sequence

from tests.security import observatory as obs

Headers = list[tuple[str, str]]

_URL = "https://mozilla.org/"
ROUTE = ("http://mozilla.org/", "https://mozilla.org/", "https://www.mozilla.org/")
# Stand-ins for the Chromium preload-list entries the JS tests rely on
# (hostname -> includeSubDomains).
_PRELOAD = {"bugzilla.mozilla.org": True, "facebook.com": False, "pokeinthe.io": True}


def scan_page(
    headers: Headers,
    *,
    html: str = "",
    url: str = _URL,
    content_type: str | None = "text/html",
    redirect_chain: Sequence[str] = ROUTE,
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


def result_of(
    test: str,
    headers: Headers,
    *,
    html: str = "",
    url: str = _URL,
    content_type: str | None = "text/html",
    redirect_chain: Sequence[str] = ROUTE,
    tls_verified: bool = True,
    cors_request_origin: str | None = None,
) -> tuple[str, int, bool | None]:
    outcome = scan_page(
        headers,
        html=html,
        url=url,
        content_type=content_type,
        redirect_chain=redirect_chain,
        tls_verified=tls_verified,
        cors_request_origin=cors_request_origin,
    ).tests[test]
    return outcome.result, outcome.score_modifier, outcome.pass_


def html_head(*tags: str) -> str:
    return (
        '<!doctype html>\n<html lang="en">\n  <head>\n    <meta charset="UTF-8" />\n'
        + "".join(f"    {tag}\n" for tag in tags)
        + "    <title>Title</title>\n  </head>\n  <body></body>\n</html>\n"
    )


# test/files/no-scripts.html (used by the SRI and X-Frame-Options vectors)
NO_SCRIPTS_HTML = """        <html>
            <head></head>
            <body></body>
        </html>
"""
