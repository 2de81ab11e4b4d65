"""Port of ``src/analyzer/tests/csp.js`` of ``@mdn/mdn-http-observatory`` 1.4.8.

``contentSecurityPolicyTest``: ``_csp_test``.

Paths are inside the npm tarball, i.e. below ``package/``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tests.security.observatory.csp_parser import DUPLICATE_WARNINGS_KEY, parse_csp, parse_csp_meta
from tests.security.observatory.expectations import (
    _POLICY_FLAGS,
    _R_CSP_DUPLICATE,
    _R_CSP_HEADER_INVALID,
    _R_CSP_INSECURE_PASSIVE_ONLY,
    _R_CSP_INSECURE_SCHEME,
    _R_CSP_NO_UNSAFE,
    _R_CSP_NO_UNSAFE_DEFAULT_NONE,
    _R_CSP_NOT_IMPLEMENTED,
    _R_CSP_REPORT_ONLY,
    _R_CSP_UNSAFE_EVAL,
    _R_CSP_UNSAFE_INLINE,
    _R_CSP_UNSAFE_INLINE_STYLE_ONLY,
)
from tests.security.observatory.retriever import _Context

_DANGEROUSLY_BROAD = frozenset(
    {"ftp:", "http:", "https:", "*", "http://*", "http://*.*", "https://*", "https://*.*"}
)
_UNSAFE_INLINE = frozenset({"'unsafe-inline'", "data:"})
_DANGEROUSLY_BROAD_AND_UNSAFE_INLINE = _DANGEROUSLY_BROAD | _UNSAFE_INLINE
_PASSIVE_DIRECTIVES = ("img-src", "media-src")
_NONCES_HASHES = ("'sha256-", "'sha384-", "'sha512-", "'nonce-")


@dataclass
class _CspOutcome:
    result: str
    pass_: bool
    data: dict[str, list[str]] | None = None
    policy: dict[str, bool] | None = None


def _starts_with_nonces_hash(sources: Iterable[str]) -> bool:
    return any(source.startswith(_NONCES_HASHES) for source in sources)


def _csp_test(ctx: _Context) -> _CspOutcome:
    expectation = _R_CSP_NO_UNSAFE
    http_csp = ctx.headers.all("content-security-policy")
    equiv_csp = ctx.http_equiv.get("content-security-policy", [])

    try:
        csp = parse_csp([*http_csp, *equiv_csp])
    except ValueError:
        return _CspOutcome(_R_CSP_HEADER_INVALID, False)
    try:
        header_only = parse_csp(http_csp)
    except ValueError:
        header_only = {}
    try:
        meta_csp = parse_csp_meta(equiv_csp)
    except ValueError:
        meta_csp = {}

    if len(header_only) + len(meta_csp) == 0:
        if ctx.headers.first("content-security-policy-report-only"):
            return _CspOutcome(_R_CSP_REPORT_ONLY, False)
        return _CspOutcome(_R_CSP_NOT_IMPLEMENTED, False)

    result: str | None = None
    policy = dict.fromkeys(_POLICY_FLAGS, False)

    def first_of(*names: str, default: set[str] | None = None) -> set[str]:
        for name in names:
            found = csp.get(name)
            if found is not None:
                return found
        return default if default is not None else {"*"}

    base_uri = first_of("base-uri")
    frame_ancestors = header_only.get("frame-ancestors")
    if frame_ancestors is None:
        frame_ancestors = {"*"}
    form_action = first_of("form-action")
    object_src = first_of("object-src", "default-src")
    script_src = first_of("script-src", "default-src")
    style_src = first_of("style-src", "default-src")

    for source_list in (script_src, style_src):
        if _starts_with_nonces_hash(source_list) and "'unsafe-inline'" in source_list:
            source_list.discard("'unsafe-inline'")

    if _starts_with_nonces_hash(script_src) and "'strict-dynamic'" in script_src:
        for source in list(script_src):
            if (
                any(source.startswith(broad) for broad in _DANGEROUSLY_BROAD)
                or source == "'self'"
                or source == "'unsafe-inline'"
            ):
                script_src.discard(source)
        policy["strictDynamic"] = True
    elif "'strict-dynamic'" in script_src and result is None:
        result = _R_CSP_HEADER_INVALID

    active_sources: list[str] = [
        source
        for directive, sources in csp.items()
        if directive not in _PASSIVE_DIRECTIVES and directive != "script-src"
        for source in sources
    ]
    active_sources.extend(script_src)
    passive_sources: list[str] = [
        source
        for directive in _PASSIVE_DIRECTIVES
        for source in first_of(directive, "default-src", default=set())
    ]

    if any(s in _DANGEROUSLY_BROAD_AND_UNSAFE_INLINE for s in script_src) or any(
        s in _DANGEROUSLY_BROAD for s in object_src
    ):
        if result is None:
            result = _R_CSP_UNSAFE_INLINE
        policy["unsafeInline"] = True

    https = ctx.scheme == "https"
    if https and any(s.startswith(("http:", "ftp:")) for s in active_sources):
        if result is None:
            result = _R_CSP_INSECURE_SCHEME
        policy["insecureSchemeActive"] = True

    if "'unsafe-eval'" in script_src or "'unsafe-eval'" in style_src:
        if result is None:
            result = _R_CSP_UNSAFE_EVAL
        policy["unsafeEval"] = True

    if https and any(s.startswith(("http:", "ftp:")) for s in passive_sources):
        if result is None:
            result = _R_CSP_INSECURE_PASSIVE_ONLY
        policy["insecureSchemePassive"] = True

    if any(s in _DANGEROUSLY_BROAD_AND_UNSAFE_INLINE for s in style_src):
        if result is None:
            result = _R_CSP_UNSAFE_INLINE_STYLE_ONLY
        policy["unsafeInlineStyle"] = True

    default_src = csp.get("default-src")
    if default_src is not None and "'none'" in default_src and len(default_src) == 1:
        if result is None:
            result = _R_CSP_NO_UNSAFE_DEFAULT_NONE
        policy["defaultNone"] = True
    elif result is None:
        result = _R_CSP_NO_UNSAFE

    # Informational flags of the JS output (no effect on the result or the score).
    policy["antiClickjacking"] = not any(s in _DANGEROUSLY_BROAD for s in frame_ancestors)
    policy["insecureBaseUri"] = any(s in _DANGEROUSLY_BROAD_AND_UNSAFE_INLINE for s in base_uri)
    policy["insecureFormAction"] = any(s in _DANGEROUSLY_BROAD for s in form_action)
    policy["unsafeObjects"] = any(s in _DANGEROUSLY_BROAD for s in object_src)

    passed = False
    if result in (
        expectation,
        _R_CSP_NO_UNSAFE_DEFAULT_NONE,
        _R_CSP_UNSAFE_INLINE_STYLE_ONLY,
        _R_CSP_INSECURE_PASSIVE_ONLY,
    ):
        passed = True
        if DUPLICATE_WARNINGS_KEY in csp:
            result = _R_CSP_DUPLICATE

    data = {k: sorted(v) for k, v in csp.items() if k != DUPLICATE_WARNINGS_KEY}
    return _CspOutcome(result, passed, data, policy)
