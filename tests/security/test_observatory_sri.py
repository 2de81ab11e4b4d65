"""The grader's Subresource Integrity test: where scripts load from, and integrity.

Vectors of ``test/subresource-integrity.test.js``
of ``@mdn/mdn-http-observatory`` 1.4.8 (see ``grader_support.py``).
"""

from __future__ import annotations

import pytest

from tests.security.grader_support import NO_SCRIPTS_HTML, result_of

# test/files/*.html
_INTEGRITY = (
    'integrity="sha384-zTm/dblzLXQNp3CgY+hfaC/WJ6h4XtNrePh2CW2+rO9GPuNiPb9jmthvAL+oI/dQ"\n'
    '            crossorigin="anonymous"'
)


def _sri_html(*scripts: str) -> str:
    return "<html>\n  <head>\n" + "".join(f"    {s}\n" for s in scripts) + "  <head>\n</html>\n"


_SRI_FIXTURES: dict[str, tuple[str, str, int, bool]] = {
    "sameorigin1": (
        _sri_html('<script src="/static/js/foo.js"></script>'),
        "sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
        0,
        True,
    ),
    "sameorigin3": (
        _sri_html('<script src="//www.mozilla.org/static/js/foo.js"></script>'),
        "sri-not-implemented-and-external-scripts-not-loaded-securely",
        -50,
        False,
    ),
    "sameorigin2": (
        _sri_html('<script src="https://www.mozilla.org/static/js/foo.js"></script>'),
        "sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
        0,
        True,
    ),
    "impl_external_https1": (
        _sri_html(
            '<script src="/static/js/foo.js"></script>',
            f'<script src="https://fb.me/react-0.14.7.min.js"\n            {_INTEGRITY}>\n'
            "    </script>",
        ),
        "sri-implemented-and-external-scripts-loaded-securely",
        5,
        True,
    ),
    "impl_external_https2": (
        _sri_html(
            '<script src="/static/js/foo.js"></script>',
            f'<script src="https://localhost/react-0.14.7.min.js"\n            {_INTEGRITY}>\n'
            "    </script>",
        ),
        "sri-implemented-and-external-scripts-loaded-securely",
        5,
        True,
    ),
    "impl_sameorigin": (
        _sri_html(
            f'<script src="/static/js/react-0.14.7.min.js"\n            {_INTEGRITY}>\n'
            "    </script>"
        ),
        "sri-implemented-and-all-scripts-loaded-securely",
        5,
        True,
    ),
    "notimpl_external_https": (
        _sri_html(
            '<script src="/static/js/foo.js"></script>',
            '<script src="https://fb.me/react-0.14.7.min.js"></script>',
        ),
        "sri-not-implemented-but-external-scripts-loaded-securely",
        -5,
        False,
    ),
    "impl_external_http": (
        _sri_html(
            '<script src="/static/js/foo.js"></script>',
            f'<script src="http://fb.me/react-0.14.6.min.js"\n            {_INTEGRITY}></script>',
            f'<script src="https://fb.me/react-0.14.7.min.js"\n            {_INTEGRITY}></script>',
        ),
        "sri-implemented-but-external-scripts-not-loaded-securely",
        -20,
        False,
    ),
    "impl_external_noproto": (
        _sri_html(f'<script src="//fb.me/react-0.14.6.min.js"\n            {_INTEGRITY}></script>'),
        "sri-implemented-but-external-scripts-not-loaded-securely",
        -20,
        False,
    ),
    "notimpl_external_http": (
        _sri_html(
            '<script src="/static/js/foo.js"></script>',
            '<script src="http://fb.me/react-0.14.6.min.js"></script>',
        ),
        "sri-not-implemented-and-external-scripts-not-loaded-securely",
        -50,
        False,
    ),
    "notimpl_external_noproto": (
        _sri_html(
            '<script src="/static/js/foo.js"></script>',
            '<script src="//fb.me/react-0.14.6.min.js"></script>',
        ),
        "sri-not-implemented-and-external-scripts-not-loaded-securely",
        -50,
        False,
    ),
    "no_scripts": (NO_SCRIPTS_HTML, "sri-not-implemented-but-no-scripts-loaded", 0, True),
}


# ---------------------------------------------------------------------------------------------
# Subresource Integrity (test/subresource-integrity.test.js)
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("fixture", sorted(_SRI_FIXTURES))
def test_sri_fixtures(fixture: str) -> None:
    html, result, modifier, passed = _SRI_FIXTURES[fixture]
    assert result_of("subresource-integrity", [], html=html) == (result, modifier, passed)


def test_sri_not_html() -> None:
    assert result_of(
        "subresource-integrity", [], html='{"foo": "bar"}', content_type="application/json"
    ) == ("sri-not-implemented-response-not-html", 0, True)


def test_sri_html_not_parseable() -> None:
    html = '<div style="@media only screen{background-image: url(http://a.com/a.jpg)">'
    assert result_of("subresource-integrity", [], html=html) == ("html-not-parseable", -20, False)


def test_sri_uk_registrable_domain() -> None:
    # tldts: static.example.co.uk and www.example.co.uk share the registrable domain
    html = '<script src="https://static.example.co.uk/app.js"></script>'
    assert result_of("subresource-integrity", [], html=html, url="https://www.example.co.uk/") == (
        "sri-not-implemented-but-all-scripts-loaded-from-secure-origin",
        0,
        True,
    )
    html = '<script src="https://static.other.co.uk/app.js"></script>'
    assert result_of("subresource-integrity", [], html=html, url="https://www.example.co.uk/") == (
        "sri-not-implemented-but-external-scripts-loaded-securely",
        -5,
        False,
    )
