"""Port of ``src/analyzer/tests/subresource-integrity.js`` of ``@mdn/mdn-http-observatory`` 1.4.8.

``subresourceIntegrityTest``: ``_sri_test``; ``HTMLScriptElement.src`` as jsdom resolves it:
``_resolve_script_src``.

Paths are inside the npm tarball, i.e. below ``package/``.
"""

from __future__ import annotations

import re

from tests.security.observatory.expectations import (
    _R_HTML_NOT_PARSEABLE,
    _R_SRI_ALL_SECURE,
    _R_SRI_EXTERNAL_SECURE,
    _R_SRI_IMPL_EXTERNAL_INSECURE,
    _R_SRI_NO_SCRIPTS,
    _R_SRI_NOT_HTML,
    _R_SRI_NOT_IMPL_EXTERNAL_INSECURE,
    _R_SRI_NOT_IMPL_EXTERNAL_SECURE,
    _R_SRI_NOT_IMPL_SECURE_ORIGIN,
)
from tests.security.observatory.public_suffix import _registrable_domain
from tests.security.observatory.retriever import _Context
from tests.security.observatory.utils import _only_if_worse

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_URL_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+\-.]*):")
_C0_OR_SPACE = "".join(chr(c) for c in range(0x21))


def _resolve_script_src(raw: str) -> tuple[str, str | None]:
    """``HTMLScriptElement.src`` in a jsdom document at ``about:blank``.

    Absolute http(s) URLs come back normalised (lower-case scheme and host, default port
    removed); relative ones cannot be resolved against ``about:blank`` and come back verbatim.
    Returns ``(src, hostname)``.
    """
    text = raw.strip(_C0_OR_SPACE).replace("\t", "").replace("\n", "").replace("\r", "")
    match = _URL_SCHEME.match(text)
    if match is None:
        return raw, None
    scheme = match.group(1).lower()
    rest = text[match.end() :]
    if scheme not in ("http", "https"):
        return scheme + ":" + rest, None
    rest = rest.lstrip("/\\")
    end = len(rest)
    for delimiter in "/\\?#":
        idx = rest.find(delimiter)
        if idx != -1:
            end = min(end, idx)
    authority, tail = rest[:end], rest[end:]
    userinfo = ""
    if "@" in authority:
        user, authority = authority.rsplit("@", 1)
        userinfo = user + "@"
    host, port = authority, ""
    if authority.startswith("["):
        close = authority.find("]")
        host, port = authority[: close + 1], authority[close + 2 :]
    elif ":" in authority:
        host, port = authority.split(":", 1)
    host = host.lower()
    if not host:
        return raw, None
    if port == {"http": "80", "https": "443"}[scheme]:
        port = ""
    path_end = min([i for i in (tail.find("?"), tail.find("#")) if i != -1], default=len(tail))
    tail = tail[:path_end].replace("\\", "/") + tail[path_end:]
    if not tail.startswith("/"):
        tail = "/" + tail
    return f"{scheme}://{userinfo}{host}{':' + port if port else ''}{tail}", host


def _sri_test(ctx: _Context) -> tuple[str, bool]:
    expectation = _R_SRI_EXTERNAL_SECURE
    goodness = [
        _R_SRI_ALL_SECURE,
        _R_SRI_EXTERNAL_SECURE,
        _R_SRI_IMPL_EXTERNAL_INSECURE,
        _R_SRI_NOT_IMPL_EXTERNAL_SECURE,
        _R_SRI_NOT_IMPL_EXTERNAL_INSECURE,
        _R_SRI_NOT_HTML,
    ]
    result: str | None = None
    mime = (ctx.headers.first("content-type") or "").split(";")[0]
    if mime not in _HTML_TYPES:
        result = _R_SRI_NOT_HTML
    elif ctx.parsed_html.jsdom_would_throw:
        return _R_HTML_NOT_PARSEABLE, False
    else:
        scripts = ctx.parsed_html.scripts
        foreign = False
        page_domain = _registrable_domain(ctx.hostname)
        for script in scripts:
            src, src_host = _resolve_script_src(script.get("src", ""))
            if not src:
                continue
            integrity = script.get("integrity") or None
            relative_origin = False
            relative_protocol = False
            same_sld = False
            if re.match(r"^(//)[^/]", src):
                relative_protocol = True
                same_sld = True
            elif re.match(r"^https?://", src):
                same_sld = _registrable_domain(src_host or "") == page_domain
            else:
                relative_origin = True
                same_sld = True
            if relative_origin or (same_sld and not relative_protocol):
                secure_origin = True
            else:
                secure_origin = False
                foreign = True
            scheme = None
            if not relative_protocol and not relative_origin:
                scheme = src.split(":", 1)[0] + ":"
            secure_scheme = scheme == "https:" or (relative_origin and ctx.scheme == "https")
            if not secure_origin:
                if integrity and not secure_scheme:
                    result = _only_if_worse(_R_SRI_IMPL_EXTERNAL_INSECURE, result, goodness)
                elif not integrity and secure_scheme:
                    result = _only_if_worse(_R_SRI_NOT_IMPL_EXTERNAL_SECURE, result, goodness)
                elif not integrity and not secure_scheme:
                    result = _only_if_worse(_R_SRI_NOT_IMPL_EXTERNAL_INSECURE, result, goodness)
            elif integrity and secure_scheme and not result:
                result = _R_SRI_ALL_SECURE
        if not scripts:
            result = _R_SRI_NO_SCRIPTS
        elif not result:
            result = _R_SRI_EXTERNAL_SECURE if foreign else _R_SRI_NOT_IMPL_SECURE_ORIGIN
    passed = result in (
        _R_SRI_ALL_SECURE,
        _R_SRI_EXTERNAL_SECURE,
        _R_SRI_NOT_HTML,
        _R_SRI_NOT_IMPL_SECURE_ORIGIN,
        _R_SRI_NO_SCRIPTS,
        expectation,
    )
    return result, passed
