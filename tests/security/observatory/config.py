"""Package identity and ``src/config.js`` defaults of ``@mdn/mdn-http-observatory`` 1.4.8."""

from __future__ import annotations

PACKAGE = "@mdn/mdn-http-observatory"
PACKAGE_VERSION = "1.4.8"
ALGORITHM_VERSION = 4

# src/config.js: retriever.corsOrigin default
CORS_ORIGIN = "https://http-observatory.security.mozilla.org"
