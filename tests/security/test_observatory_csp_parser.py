"""The grader's CSP parser: merging policies, invalid policies, duplicates, <meta>.

Vectors of ``test/csp-parser.test.js``
of ``@mdn/mdn-http-observatory`` 1.4.8 (see ``grader_support.py``).
"""

from __future__ import annotations

import pytest

from tests.security import observatory as obs


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
