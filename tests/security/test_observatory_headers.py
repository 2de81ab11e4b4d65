"""The grader's one-header tests: CORS, Referrer-Policy, X-Content-Type-Options, XFO, CORP.

Vectors of ``test/cors.test.js``, ``test/referrer-policy.test.js``,
``test/x-content-type-options.test.js``, ``test/x-frame-options.test.js`` and
``test/cross-origin-resource-policy.test.js`` of ``@mdn/mdn-http-observatory`` 1.4.8
(see ``grader_support.py``).
"""

from __future__ import annotations

import pytest

from tests.security import observatory as obs
from tests.security.grader_support import NO_SCRIPTS_HTML, Headers, html_head, result_of

# test/files/*.html
_REFERRER1_HTML = html_head('<meta name="referrer" content="no-referrer, same-origin" />')
_REFERRER_CASE_HTML = html_head('<meta name="referRer" content="no-referrer, same-origin" />')
_XFO_META_HTML = html_head('<meta http-equiv="X-Frame-Options" content="DENY" />')


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
    assert (
        result_of("cross-origin-resource-sharing", headers, cors_request_origin=origin) == expected
    )


# ---------------------------------------------------------------------------------------------
# Referrer-Policy (test/referrer-policy.test.js)
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "value",
    ["no-referrer", "same-origin", "strict-origin", "STRICT-ORIGIN",
     "strict-origin-when-cross-origin", "no-referrer, whimsy"],
)  # fmt: skip
def test_referrer_policy_private(value: str) -> None:
    assert result_of("referrer-policy", [("Referrer-Policy", value)]) == (
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
    assert result_of("referrer-policy", headers, html=html) == ("referrer-policy-private", 5, True)


def test_referrer_policy_missing() -> None:
    assert result_of("referrer-policy", []) == ("referrer-policy-not-implemented", 0, True)


@pytest.mark.parametrize("value", ["whimsy", "whimsy, whimsy1, whimsy2"])
def test_referrer_policy_invalid(value: str) -> None:
    assert result_of("referrer-policy", [("Referrer-Policy", value)]) == (
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
    assert result_of("referrer-policy", [("Referrer-Policy", value)]) == (
        "referrer-policy-unsafe",
        -5,
        False,
    )


# ---------------------------------------------------------------------------------------------
# X-Content-Type-Options (test/x-content-type-options.test.js)
# ---------------------------------------------------------------------------------------------
def test_xcto_missing() -> None:
    assert result_of("x-content-type-options", []) == (
        "x-content-type-options-not-implemented",
        -5,
        False,
    )


@pytest.mark.parametrize("value", ["whimsy", "nosniff, nosniff"])
def test_xcto_invalid(value: str) -> None:
    assert result_of("x-content-type-options", [("X-Content-Type-Options", value)]) == (
        "x-content-type-options-header-invalid",
        -5,
        False,
    )


@pytest.mark.parametrize("value", ["nosniff", "nosniff "])
def test_xcto_nosniff(value: str) -> None:
    assert result_of("x-content-type-options", [("X-Content-Type-Options", value)]) == (
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
        ([], NO_SCRIPTS_HTML, ("x-frame-options-not-implemented", -20, False)),
        ([("X-Frame-Options", "whimsy")], NO_SCRIPTS_HTML,
         ("x-frame-options-header-invalid", -20, False)),
        ([("X-Frame-Options", "SAMEORIGIN, SAMEORIGIN")], NO_SCRIPTS_HTML,
         ("x-frame-options-header-invalid", -20, False)),
        ([("X-Frame-Options", "SAMEORIGIN"), ("X-Frame-Options", "SAMEORIGIN")], NO_SCRIPTS_HTML,
         ("x-frame-options-header-invalid", -20, False)),
        ([("X-Frame-Options", "ALLOW-FROM https://mozilla.org")], NO_SCRIPTS_HTML,
         ("x-frame-options-allow-from-origin", 0, True)),
        ([("X-Frame-Options", "DENY")], NO_SCRIPTS_HTML,
         ("x-frame-options-sameorigin-or-deny", 0, True)),
        ([("X-Frame-Options", "DENY ")], NO_SCRIPTS_HTML,
         ("x-frame-options-sameorigin-or-deny", 0, True)),
        ([("X-Frame-Options", "DENY"),
          ("Content-Security-Policy", "frame-ancestors https://mozilla.org")], NO_SCRIPTS_HTML,
         ("x-frame-options-implemented-via-csp", 5, True)),
        ([], _XFO_META_HTML, ("x-frame-options-not-implemented", -20, False)),
    ],
)  # fmt: skip
def test_x_frame_options(headers: Headers, html: str, expected: tuple[str, int, bool]) -> None:
    assert result_of("x-frame-options", headers, html=html) == expected


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
    assert result_of("cross-origin-resource-policy", headers) == expected
