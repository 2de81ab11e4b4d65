"""The layout detectors can fail: on a small page with one known fault each reports
exactly that fault, and on the same page without it reports nothing. No server is
needed; the pages are set straight into a blank tab."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.e2e.layout import missing_focus_rings, overlapping_text, sideways_scrolling

pytestmark = pytest.mark.e2e

STYLE = """
<style>
  body { margin: 0; font: 16px/1.5 sans-serif; }
  :focus-visible { outline: 3px solid #b34d00; }
  .hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
            clip: rect(0 0 0 0); white-space: nowrap; }
</style>
"""


@pytest.fixture
def blank(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 390, "height": 600})
    yield context.new_page()
    context.close()


def test_sideways_scrolling_names_the_wide_element(blank: Page) -> None:
    blank.set_content(STYLE + '<p>Fits</p><div style="width: 900px">Too wide</div>')

    assert sideways_scrolling(blank) == [
        "900 px wide in a 390 px viewport",
        '<div> "Too wide" reaches 900 px',
    ]


def test_sideways_scrolling_names_what_escapes_a_scroll_box_not_what_it_holds(
    blank: Page,
) -> None:
    cell = '<td style="min-width: 400px; padding: 0">{}</td>'
    hidden = '<span class="hidden">, escaping</span>'
    blank.set_content(
        STYLE
        + '<div style="overflow-x: auto"><table><tr>'
        + cell.format("Wide cell")
        + cell.format(hidden)
        + "</tr></table></div>"
    )

    # Table cells sit 2 px apart (border-spacing): the second starts at 404 px.
    assert sideways_scrolling(blank) == [
        "405 px wide in a 390 px viewport",
        '<span> ", escaping" reaches 405 px',
    ]
    blank.set_content(
        STYLE
        + '<div style="overflow-x: auto; position: relative"><table><tr>'
        + cell.format("Wide cell")
        + cell.format(hidden)
        + "</tr></table></div>"
    )
    assert sideways_scrolling(blank) == []


def test_sideways_scrolling_is_quiet_when_everything_fits(blank: Page) -> None:
    blank.set_content(STYLE + '<p>Fits</p><div style="max-width: 100%">Also fits</div>')

    assert sideways_scrolling(blank) == []


def test_overlapping_text_names_both_texts(blank: Page) -> None:
    blank.set_content(
        STYLE
        + "<p>Standing alone</p>"
        + '<div style="position: relative; height: 40px">'
        + '<span id="a">Annual fee</span>'
        + '<span style="position: absolute; left: 10px; top: 0">Balance</span></div>'
    )

    assert overlapping_text(blank) == [
        '"Annual fee" (<span> "Annual fee") overlaps "Balance" (<span> "Balance")'
    ]


def test_overlapping_text_ignores_hidden_nested_and_adjacent_text(blank: Page) -> None:
    blank.set_content(
        STYLE
        + '<p>Outer text with <a href="#">a nested link</a> and <em>emphasis</em></p>'
        + '<div style="position: relative"><span>Label</span>'
        + '<span class="hidden" style="left: 0; top: 0">Hidden label over it</span>'
        + '<span style="position: absolute; left: 0; top: 0; visibility: hidden">Ghost</span>'
        + '<span style="position: absolute; left: 0; top: 0; opacity: 0">Clear</span></div>'
        + '<h1 style="line-height: 1">Tight heading</h1><p style="margin: 0">Next line</p>'
    )

    assert overlapping_text(blank) == []


def test_missing_focus_rings_names_the_bare_control(blank: Page) -> None:
    blank.set_content(
        STYLE
        + '<a href="#one">First link</a>'
        + '<button style="outline: none">Bare button</button>'
        + '<button style="outline: 1px solid red">Thin outline</button>'
        + '<button style="outline: none; box-shadow: 0 0 0 3px #b34d00">Shadowed</button>'
        + '<input aria-label="Postcode">'
    )

    assert missing_focus_rings(blank) == ['<button> "Bare button"', '<button> "Thin outline"']


def test_missing_focus_rings_is_quiet_when_every_control_shows_focus(blank: Page) -> None:
    blank.set_content(
        STYLE + '<a href="#one">First link</a><button>Button</button><select>'
        '<option>One</option></select><textarea aria-label="Note"></textarea>'
    )

    assert missing_focus_rings(blank) == []
