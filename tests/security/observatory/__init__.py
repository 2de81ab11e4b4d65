"""Pure-Python port of the HTTP-header grader of ``@mdn/mdn-http-observatory`` 1.4.8.

This package re-implements, without any Django (or other third-party) import, the ten
analyzer tests and the scoring/grading of the npm package ``@mdn/mdn-http-observatory``
**version 1.4.8** (``npm pack @mdn/mdn-http-observatory@1.4.8``), so that a single HTTP
response produced in a test suite can be graded exactly like https://developer.mozilla.org/observatory
grades a live site.

The package mirrors the source files it ports (paths are inside the npm tarball, i.e. below
``package/``); each module's docstring names its JS file(s):

* ``expectations.py`` -- ``src/types.js``: ``Expectation`` result names (``_R_*``), ``Policy``
  flags.
* ``charts.py`` -- ``src/grader/charts.js`` and ``src/grader/grader.js``: ``SCORE_MODIFIERS``,
  ``GRADE_CHART``, ``MINIMUM_SCORE_FOR_EXTRA_CREDIT``, ``grade_for_score``.
* ``config.py`` -- ``src/config.js``: ``CORS_ORIGIN``; the package identity.
* ``js.py`` -- JavaScript built-ins (``trim``, ``parseInt``, ``decodeURIComponent``,
  ``Intl.Collator``).
* ``utils.py`` -- ``src/analyzer/utils.js`` (``onlyIfWorse``, ``getHttpHeaders``,
  ``getFirstHttpHeader``) and Node's header folding (the header names of ``src/headers.js``
  are written out where used).
* ``public_suffix.py`` -- stand-in for ``tldts`` / the Public Suffix List.
* ``csp_parser.py`` -- ``src/analyzer/cspParser.js``: ``parse_csp``, ``parse_csp_meta``.
* ``html.py`` -- ``src/retriever/utils.js`` ``parseHttpEquivHeaders`` and the ``<script>``
  query of the SRI test (``jsdom`` stand-in).
* ``retriever.py`` -- what ``src/retriever/retriever.js`` / ``session.js`` collect
  (``_Context``).
* ``csp.py`` -- ``src/analyzer/tests/csp.js``.
* ``cookies.py`` -- ``src/analyzer/tests/cookies.js``; ``cookie_jar.py`` -- the ``tough-cookie``
  5 jar the JS scanner fills.
* ``headers.py`` -- ``src/analyzer/tests/`` ``cors.js``, ``redirection.js``,
  ``referrer-policy.js``, ``strict-transport-security.js``, ``x-content-type-options.js``,
  ``x-frame-options.js``, ``cross-origin-resource-policy.js``, and ``src/analyzer/hsts.js``.
* ``sri.py`` -- ``src/analyzer/tests/subresource-integrity.js``.
* ``scanner.py`` -- ``src/scanner/index.js`` ``scan()`` and ``ALL_TESTS`` of
  ``src/constants.js``: ``scan``, ``Scan``, ``TestResult``.

Verification: besides the ``test_observatory_*.py`` modules (the vectors of the package's mocha
suite), the port was compared with the JS analyzers + ``scan()`` scoring run under Node 20 on
~30,000 randomly generated responses (headers, cookies, ``<meta>`` CSP/referrer, scripts),
with identical results, and ``parse_csp`` with ``parseCsp`` on 5,000 multi-policy lists.

What the JS scanner observes that one response cannot (documented choices):

* **HTTP -> HTTPS redirection** (``redirection`` test). The JS scanner separately fetches
  ``http://<host>/`` and records the redirect chain. Here: ``redirect_chain`` (the URLs visited
  starting at the ``http://`` URL, final URL included, i.e. JS ``httpRedirects[].url``) is used
  verbatim when given. Otherwise ``http_redirects_to_https=True`` stands for the chain
  ``http://<host>/ -> https://<host>/`` (``redirection-to-https``), ``False`` for an HTTP site
  that does not redirect (``redirection-missing``), and ``None`` means "no HTTP endpoint
  observed" (``redirection-not-needed-no-http``) -- except when ``url`` itself is ``http://``,
  in which case the given (non-redirecting) response *is* the HTTP response and the chain is
  ``[url]``.
* **HSTS preload list** (``src/analyzer/hsts.js`` reads Chromium's list, downloaded at
  ``npm install`` time and not shipped in the tarball). Every host is treated as *not* preloaded
  unless ``hsts_preload`` maps it (or a parent domain with ``includeSubDomains``) to its
  ``includeSubDomains`` flag; entries are taken to be in ``force-https`` mode.
* **HTTPS availability / certificate validity.** The ``strict-transport-security`` test reads
  the HTTPS response: when ``url`` is ``https://`` the given response is that response; when it
  is ``http://`` no HTTPS response was observed (``hsts-not-implemented-no-https``).
  ``tls_verified=False`` models a certificate the JS scanner could not verify
  (``hsts-invalid-cert`` / ``redirection-invalid-cert``).
* **Cookies.** The JS scanner stores every ``Set-Cookie`` of the redirect chain, of a
  ``/robots.txt`` fetch and of a CORS pre-flight in a ``tough-cookie`` jar; here the jar is fed
  only with the ``Set-Cookie`` headers of the given response (set for ``url``), replicating
  ``tough-cookie`` 5 parsing (non-loose), ``Domain`` matching, public-suffix rejection,
  ``__Secure-``/``__Host-`` prefix rules and replacement of same name/domain/path cookies.
* **CORS.** The JS scanner sends a separate ``OPTIONS`` request with ``Origin:`` set; the given
  response headers are used as that response. The JS test compares the ``Origin`` *request*
  header, read from ``response.request.headers``; with axios in Node that attribute does not
  exist (the request is a ``ClientRequest``), so in production the origin is never seen and
  ``...-with-universal-access`` is only produced by the package's own test harness. Pass
  ``cors_request_origin`` to reproduce that harness behaviour (``CORS_ORIGIN`` is the origin
  the scanner sends).
* **Header folding.** The JS code sees headers after Node's ``http`` parser: repeated
  ``Set-Cookie`` headers stay a list, repeated ``Content-Type``/``Location``/... keep the first
  value, and every other repeated header (``Content-Security-Policy``,
  ``Strict-Transport-Security``, ...) is joined with ``", "`` into one value. ``headers`` may
  therefore be a list of pairs and is folded the same way; e.g. two HSTS headers give
  ``hsts-header-invalid`` exactly as in production. (Several CSP *policies* are only seen as
  separate policies when they come from the header and from ``<meta>`` tags.)
* **Public suffixes.** ``tldts`` (registrable domain in the SRI test) and ``tough-cookie``
  (cookie ``Domain`` rejection) use the full Public Suffix List; this port embeds only the
  ICANN rules of ``.uk`` and a few other common multi-label suffixes (``_PUBLIC_SUFFIXES``),
  falling back to the PSL default rule (the last label is the suffix).
* **CSP source ordering.** ``parseCsp`` sorts sources with ``Intl.Collator("en")``; the ASCII
  ordering of that collator is reproduced in ``_COLLATION_ORDER`` (non-ASCII characters sort
  after ASCII ones by code point).
* **HTML.** ``jsdom`` is replaced by ``html.parser``; ``<template>`` contents and raw-text
  elements (``title``, ``textarea``, ...) are skipped like a DOM query would. ``jsdom`` 26 throws
  (``html-not-parseable``) only on a CSS-parser bug that ``_style_attribute_crashes_jsdom``
  emulates.
"""

from __future__ import annotations

from tests.security.observatory.charts import (
    GRADE_CHART,
    MINIMUM_SCORE_FOR_EXTRA_CREDIT,
    SCORE_MODIFIERS,
    grade_for_score,
)
from tests.security.observatory.config import CORS_ORIGIN
from tests.security.observatory.csp_parser import parse_csp, parse_csp_meta
from tests.security.observatory.scanner import Scan, TestResult, scan

__all__ = [
    "CORS_ORIGIN",
    "GRADE_CHART",
    "MINIMUM_SCORE_FOR_EXTRA_CREDIT",
    "SCORE_MODIFIERS",
    "Scan",
    "TestResult",
    "grade_for_score",
    "parse_csp",
    "parse_csp_meta",
    "scan",
]
