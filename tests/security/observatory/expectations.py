"""Port of ``src/types.js`` of ``@mdn/mdn-http-observatory`` 1.4.8.

The ``Expectation`` result names (``csp-implemented-with-no-unsafe``, ...) as the ``_R_*``
constants, and the flags of the ``Policy`` class as ``_POLICY_FLAGS``.

Paths are inside the npm tarball, i.e. below ``package/``.
"""

from __future__ import annotations

_R_CSP_NO_UNSAFE = "csp-implemented-with-no-unsafe"
_R_CSP_NO_UNSAFE_DEFAULT_NONE = "csp-implemented-with-no-unsafe-default-src-none"
_R_CSP_UNSAFE_INLINE_STYLE_ONLY = "csp-implemented-with-unsafe-inline-in-style-src-only"
_R_CSP_INSECURE_PASSIVE_ONLY = "csp-implemented-with-insecure-scheme-in-passive-content-only"
_R_CSP_UNSAFE_INLINE = "csp-implemented-with-unsafe-inline"
_R_CSP_UNSAFE_EVAL = "csp-implemented-with-unsafe-eval"
_R_CSP_INSECURE_SCHEME = "csp-implemented-with-insecure-scheme"
_R_CSP_HEADER_INVALID = "csp-header-invalid"
_R_CSP_NOT_IMPLEMENTED = "csp-not-implemented"
_R_CSP_REPORT_ONLY = "csp-not-implemented-but-reporting-enabled"
_R_CSP_DUPLICATE = "csp-implemented-but-duplicate-directives"

_R_SRI_ALL_SECURE = "sri-implemented-and-all-scripts-loaded-securely"
_R_SRI_EXTERNAL_SECURE = "sri-implemented-and-external-scripts-loaded-securely"
_R_SRI_IMPL_EXTERNAL_INSECURE = "sri-implemented-but-external-scripts-not-loaded-securely"
_R_SRI_NOT_IMPL_EXTERNAL_INSECURE = "sri-not-implemented-and-external-scripts-not-loaded-securely"
_R_SRI_NOT_IMPL_SECURE_ORIGIN = "sri-not-implemented-but-all-scripts-loaded-from-secure-origin"
_R_SRI_NOT_IMPL_EXTERNAL_SECURE = "sri-not-implemented-but-external-scripts-loaded-securely"
_R_SRI_NO_SCRIPTS = "sri-not-implemented-but-no-scripts-loaded"
_R_SRI_NOT_HTML = "sri-not-implemented-response-not-html"

_R_HTML_NOT_PARSEABLE = "html-not-parseable"

_R_HSTS_INVALID = "hsts-header-invalid"
_R_HSTS_AT_LEAST_SIX_MONTHS = "hsts-implemented-max-age-at-least-six-months"
_R_HSTS_LESS_THAN_SIX_MONTHS = "hsts-implemented-max-age-less-than-six-months"
_R_HSTS_INVALID_CERT = "hsts-invalid-cert"
_R_HSTS_NO_HTTPS = "hsts-not-implemented-no-https"
_R_HSTS_NOT_IMPLEMENTED = "hsts-not-implemented"
_R_HSTS_PRELOADED = "hsts-preloaded"

_R_COOKIES_ANTICSRF_NO_SAMESITE = "cookies-anticsrf-without-samesite-flag"
_R_COOKIES_NOT_FOUND = "cookies-not-found"
_R_COOKIES_SAMESITE_INVALID = "cookies-samesite-flag-invalid"
_R_COOKIES_SECURE_HTTPONLY_SAMESITE = "cookies-secure-with-httponly-sessions-and-samesite"
_R_COOKIES_SECURE_HTTPONLY = "cookies-secure-with-httponly-sessions"
_R_COOKIES_SESSION_NO_HTTPONLY = "cookies-session-without-httponly-flag"
_R_COOKIES_SESSION_NO_SECURE_HSTS = "cookies-session-without-secure-flag-but-protected-by-hsts"
_R_COOKIES_SESSION_NO_SECURE = "cookies-session-without-secure-flag"
_R_COOKIES_NO_SECURE_HSTS = "cookies-without-secure-flag-but-protected-by-hsts"
_R_COOKIES_NO_SECURE = "cookies-without-secure-flag"

_R_XFO_ALLOW_FROM = "x-frame-options-allow-from-origin"
_R_XFO_INVALID = "x-frame-options-header-invalid"
_R_XFO_VIA_CSP = "x-frame-options-implemented-via-csp"
_R_XFO_NOT_IMPLEMENTED = "x-frame-options-not-implemented"
_R_XFO_SAMEORIGIN_OR_DENY = "x-frame-options-sameorigin-or-deny"

_R_REDIR_TO_HTTPS = "redirection-to-https"
_R_REDIR_NOT_TO_HTTPS = "redirection-not-to-https"
_R_REDIR_NOT_TO_HTTPS_INITIAL = "redirection-not-to-https-on-initial-redirection"
_R_REDIR_MISSING = "redirection-missing"
_R_REDIR_NO_HTTP = "redirection-not-needed-no-http"
_R_REDIR_OFF_HOST = "redirection-off-host-from-http"
_R_REDIR_INVALID_CERT = "redirection-invalid-cert"
_R_REDIR_ALL_PRELOADED = "redirection-all-redirects-preloaded"

_R_REFERRER_PRIVATE = "referrer-policy-private"
_R_REFERRER_UNSAFE = "referrer-policy-unsafe"
_R_REFERRER_NOT_IMPLEMENTED = "referrer-policy-not-implemented"
_R_REFERRER_INVALID = "referrer-policy-header-invalid"

_R_XCTO_NOSNIFF = "x-content-type-options-nosniff"
_R_XCTO_NOT_IMPLEMENTED = "x-content-type-options-not-implemented"
_R_XCTO_INVALID = "x-content-type-options-header-invalid"

_R_CORS_NOT_IMPLEMENTED = "cross-origin-resource-sharing-not-implemented"
_R_CORS_PUBLIC = "cross-origin-resource-sharing-implemented-with-public-access"
_R_CORS_RESTRICTED = "cross-origin-resource-sharing-implemented-with-restricted-access"
_R_CORS_UNIVERSAL = "cross-origin-resource-sharing-implemented-with-universal-access"

_R_CORP_NOT_IMPLEMENTED = "corp-not-implemented"
_R_CORP_SAME_ORIGIN = "corp-implemented-with-same-origin"
_R_CORP_SAME_SITE = "corp-implemented-with-same-site"
_R_CORP_CROSS_ORIGIN = "corp-implemented-with-cross-origin"
_R_CORP_INVALID = "corp-header-invalid"


# src/types.js -- class Policy
_POLICY_FLAGS = (
    "antiClickjacking",
    "defaultNone",
    "insecureBaseUri",
    "insecureFormAction",
    "insecureSchemeActive",
    "insecureSchemePassive",
    "strictDynamic",
    "unsafeEval",
    "unsafeInline",
    "unsafeInlineStyle",
    "unsafeObjects",
)
