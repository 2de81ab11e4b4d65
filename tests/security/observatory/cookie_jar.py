"""Port of the ``tough-cookie`` 5 cookie jar that ``@mdn/mdn-http-observatory`` 1.4.8 fills.

The JS scanner stores every ``Set-Cookie`` of the redirect chain, of a ``/robots.txt`` fetch
and of a CORS pre-flight in a ``tough-cookie`` jar (``src/retriever/session.js``); here the jar
is fed only with the ``Set-Cookie`` headers of the given response (set for ``url``),
replicating ``tough-cookie`` 5 parsing (non-loose), ``Domain`` matching, public-suffix
rejection, ``__Secure-``/``__Host-`` prefix rules and replacement of same name/domain/path
cookies.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from tests.security.observatory.js import _js_trim
from tests.security.observatory.public_suffix import _is_ip, _is_ipv6, _registrable_domain

_CONTROL_CHARS = re.compile(r"[\x00-\x1f]")


@dataclass
class _Cookie:
    key: str
    value: str
    domain: str | None = None
    path: str | None = None
    secure: bool = False
    http_only: bool = False
    same_site: str | None = None
    host_only: bool | None = None


def _parse_cookie(cookie_string: str) -> _Cookie | None:
    """``tough-cookie`` ``Cookie.parse`` (non-loose mode)."""
    if not cookie_string:
        return None
    text = _js_trim(cookie_string)
    first_semi = text.find(";")
    pair = text if first_semi == -1 else text[:first_semi]
    for terminator in ("\n", "\r", "\0"):
        idx = pair.find(terminator)
        if idx != -1:
            pair = pair[:idx]
    first_eq = pair.find("=")
    if first_eq <= 0:
        return None
    name = _js_trim(pair[:first_eq])
    value = _js_trim(pair[first_eq + 1 :])
    if _CONTROL_CHARS.search(name) or _CONTROL_CHARS.search(value):
        return None
    cookie = _Cookie(key=name, value=value)
    if first_semi == -1:
        return cookie
    unparsed = _js_trim(text[first_semi + 1 :])
    if not unparsed:
        return cookie
    for raw_av in unparsed.split(";"):
        av = _js_trim(raw_av)
        if not av:
            continue
        sep = av.find("=")
        av_value: str | None
        if sep == -1:
            av_key, av_value = av, None
        else:
            av_key, av_value = av[:sep], av[sep + 1 :]
        av_key = _js_trim(av_key).lower()
        if av_value:
            av_value = _js_trim(av_value)
        if av_key == "domain":
            if av_value:
                domain = _js_trim(av_value)
                domain = domain[1:] if domain.startswith(".") else domain
                if domain:
                    cookie.domain = domain.lower()
        elif av_key == "path":
            cookie.path = av_value if av_value and av_value[0] == "/" else None
        elif av_key == "secure":
            cookie.secure = True
        elif av_key == "httponly":
            cookie.http_only = True
        elif av_key == "samesite":
            lowered = av_value.lower() if av_value else ""
            cookie.same_site = lowered if lowered in ("strict", "lax", "none") else None
    return cookie


def _canonical_domain(domain: str) -> str:
    text = _js_trim(domain)
    text = text[1:] if text.startswith(".") else text
    if any(ord(c) > 0x7F for c in text):
        try:
            return text.encode("idna").decode("ascii").lower()
        except UnicodeError:
            return text.lower()
    return text.lower()


_SPECIAL_USE_DOMAINS = ("local", "example", "invalid", "localhost", "test")
_SPECIAL_TREATMENT_DOMAINS = ("localhost", "invalid")


def _cookie_public_suffix(domain: str) -> str | None:
    """``tough-cookie`` ``getPublicSuffix`` with ``allowSpecialUseDomain: true``."""
    parts = domain.split(".")
    tld = parts[-1]
    if tld in _SPECIAL_USE_DOMAINS:
        if len(parts) > 1:
            return f"{parts[-2]}.{tld}"
        if tld in _SPECIAL_TREATMENT_DOMAINS:
            return tld
    return _registrable_domain(domain)


def _domain_match(host: str, cookie_domain: str) -> bool:
    if host == cookie_domain:
        return True
    idx = host.rfind(cookie_domain)
    if idx <= 0 or len(host) != len(cookie_domain) + idx or host[idx - 1] != ".":
        return False
    return not _is_ip(host)


def _default_path(path: str) -> str:
    if not path or not path.startswith("/") or path == "/":
        return "/"
    right = path.rfind("/")
    return "/" if right == 0 else path[:right]


def _cookie_jar(set_cookies: Sequence[str], url: str) -> list[_Cookie]:
    """Cookies stored by ``jar.setCookieSync(c, url, {ignoreError: true})``, in store order."""
    parts = urlsplit(url)
    host = _canonical_domain(parts.hostname or "")
    store: dict[tuple[str, str, str], _Cookie] = {}
    for cookie_string in set_cookies:
        cookie = _parse_cookie(cookie_string)
        if cookie is None:
            continue
        if cookie.domain:
            cdomain = _canonical_domain(cookie.domain)
            if _cookie_public_suffix(cdomain) is None and not _is_ipv6(cookie.domain):
                continue
            if not _domain_match(host, cdomain):
                continue
            if cookie.host_only is None:
                cookie.host_only = False
        else:
            cookie.host_only = True
            cookie.domain = host
        if not cookie.path or cookie.path[0] != "/":
            cookie.path = _default_path(parts.path)
        if cookie.key.startswith("__Secure-") and not cookie.secure:
            continue
        if cookie.key.startswith("__Host-") and not (
            cookie.secure and cookie.host_only and cookie.path == "/"
        ):
            continue
        store[(cookie.domain, cookie.path, cookie.key)] = cookie
    return list(store.values())
