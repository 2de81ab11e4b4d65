"""What the retriever (``src/retriever/*.js``) of ``@mdn/mdn-http-observatory`` 1.4.8 collects.

``_Context`` is the stand-in for the JS scanner's ``Requests`` object: which response each
test looks at, the parsed HTML and its ``<meta>`` tags; ``scan`` (``scanner.py``) builds it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from tests.security.observatory.html import _DocumentParser
from tests.security.observatory.utils import _Headers


@dataclass
class _Context:
    url: str
    scheme: str
    hostname: str
    headers: _Headers
    html: str
    http_equiv: dict[str, list[str]]
    parsed_html: _DocumentParser
    http_route: list[str] | None
    https_available: bool
    tls_verified: bool
    hsts_preload: Mapping[str, bool]
    cors_request_origin: str | None
