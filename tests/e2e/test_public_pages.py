"""The public pages in a real browser: they load cleanly, pass axe-core, fit 320 px,
work without JavaScript and can be skipped through from the keyboard."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Error, Page, Request

from tests.e2e.conftest import visitor_headers

pytestmark = pytest.mark.e2e

# (path, expected status). The privacy-policy versions are seeded by bin/serve's seed_demo.
PAGES = [
    ("/", 200),
    ("/card/", 200),
    ("/help/", 200),
    ("/legal/", 200),
    ("/complaints/", 200),
    ("/apply/", 200),
    ("/apply/check-eligibility/", 200),
    ("/privacy/", 200),
    ("/privacy/versions/", 200),
    ("/privacy/versions/1/", 200),
    ("/privacy/versions/2/", 200),
    ("/no-such-page/", 404),
]
PATHS = [path for path, _status in PAGES]

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
BLOCKING_IMPACTS = {"serious", "critical"}
NARROW = 320

# A focusable element, as the Tab key sees it (before visibility is considered).
FOCUSABLE = (
    "a[href], area[href], button, input:not([type=hidden]), select, textarea, iframe, "
    "summary, [contenteditable=''], [contenteditable=true], [tabindex]:not([tabindex='-1'])"
)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _goto(page: Page, path: str, status: int) -> None:
    response = page.goto(path, wait_until="load")
    assert response is not None, f"no response for {path}"
    assert response.status == status, f"{path} answered {response.status}, expected {status}"


@pytest.mark.parametrize(("path", "status"), PAGES)
def test_page_loads_cleanly(page: Page, base_url: str, path: str, status: int) -> None:
    """Loaded under the site's own CSP: no errors, nothing fetched from elsewhere."""
    console_errors: list[str] = []
    page_errors: list[str] = []
    foreign: list[str] = []
    own_origin = _origin(base_url)

    def on_console(message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        location = message.location.get("url", "")
        # Chromium reports an error status of the document itself on the console.
        if status >= 400 and location == page.url and f"status of {status}" in message.text:
            return
        console_errors.append(f"{message.text} ({location})")

    def on_page_error(error: Error) -> None:
        page_errors.append(f"{error.name}: {error.message}")

    def on_request(request: Request) -> None:
        if urlsplit(request.url).scheme in {"data", "blob", "about"}:
            return
        if _origin(request.url) != own_origin:
            foreign.append(request.url)

    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    page.on("request", on_request)

    _goto(page, path, status)
    page.wait_for_load_state("networkidle")

    assert page.locator("h1").count() == 1, f"{path} should have exactly one <h1>"
    assert console_errors == [], f"console errors on {path}: {console_errors}"
    assert page_errors == [], f"page errors on {path}: {page_errors}"
    assert foreign == [], f"{path} loaded resources from other origins: {foreign}"


def _describe(violations: list[dict[str, Any]]) -> str:
    lines: list[str] = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"<{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            lines.append(f"    target {json.dumps(node['target'])}: {node['html']}")
            summary = str(node.get("failureSummary") or "").replace("\n", "\n      ")
            if summary:
                lines.append(f"      {summary}")
    return "\n".join(lines)


@pytest.mark.parametrize(("path", "status"), PAGES)
def test_no_serious_accessibility_violations(
    axe_page: Page, axe_script: Path, path: str, status: int
) -> None:
    _goto(axe_page, path, status)
    # The site's CSP forbids every script; axe_page's context bypasses CSP so this can run.
    axe_page.add_script_tag(path=axe_script)
    results = cast(
        dict[str, Any],
        axe_page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
        ),
    )
    violations = cast(list[dict[str, Any]], results["violations"])
    blocking = [v for v in violations if v.get("impact") in BLOCKING_IMPACTS]
    assert not blocking, f"axe-core found serious or critical problems on {path}:\n" + _describe(
        blocking
    )


@pytest.mark.parametrize(("path", "status"), PAGES)
def test_no_horizontal_scroll_at_320px(page: Page, path: str, status: int) -> None:
    page.set_viewport_size({"width": NARROW, "height": 640})
    _goto(page, path, status)
    scroll_width = cast(int, page.evaluate("document.documentElement.scrollWidth"))
    assert scroll_width <= NARROW, f"{path} is {scroll_width} px wide at a {NARROW} px viewport"


@pytest.mark.parametrize(("path", "status"), PAGES)
def test_skip_link_is_first_and_moves_focus_to_main(page: Page, path: str, status: int) -> None:
    _goto(page, path, status)
    first = page.locator(FOCUSABLE).first
    assert first.get_attribute("class") == "skip-link", f"first focusable on {path}"
    assert first.get_attribute("href") == "#main"

    page.keyboard.press("Tab")
    focused = cast(str, page.evaluate("document.activeElement.className"))
    assert focused == "skip-link", f"Tab on {path} focused {focused!r}, not the skip link"
    box = first.bounding_box()
    assert box is not None, "the focused skip link should be visible"
    assert box["x"] >= 0, "the focused skip link should be on screen"
    assert box["y"] >= 0, "the focused skip link should be on screen"

    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'main'")
    assert urlsplit(page.url).fragment == "main"


@pytest.mark.parametrize(("path", "status"), PAGES)
def test_renders_without_javascript(
    browser: Browser, base_url: str, path: str, status: int
) -> None:
    context = browser.new_context(
        base_url=base_url, java_script_enabled=False, extra_http_headers=visitor_headers()
    )
    try:
        page = context.new_page()
        _goto(page, path, status)
        heading = page.locator("h1")
        assert heading.count() == 1, f"{path} should have exactly one <h1> without JavaScript"
        assert heading.is_visible()
        assert heading.inner_text().strip(), f"the <h1> of {path} is empty"
    finally:
        context.close()
