"""Secure messages: a customer writes with a PDF attached, an agent answers in the back
office under a stated reason, and the customer sees the reply — with JavaScript on and
off (the pages use none)."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.conftest import visitor_headers
from tests.e2e.test_sign_in import sign_in

pytestmark = pytest.mark.e2e

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def _next_code_step() -> None:
    """A one-time code is accepted once: wait for a fresh one (other tests sign the
    same demo people in)."""
    time.sleep(30 - time.time() % 30 + 0.5)


def _context(browser: Browser, base_url: str, javascript: bool) -> BrowserContext:
    return browser.new_context(
        base_url=base_url, java_script_enabled=javascript, extra_http_headers=visitor_headers()
    )


@pytest.fixture(params=[True, False], ids=["javascript", "no-javascript"])
def pages(
    browser: Browser, base_url: str, request: pytest.FixtureRequest
) -> Iterator[tuple[Page, Page]]:
    customer = _context(browser, base_url, request.param)
    agent = _context(browser, base_url, request.param)
    try:
        yield customer.new_page(), agent.new_page()
    finally:
        customer.close()
        agent.close()
        _next_code_step()  # the codes used here are not offered again to the next test


def _write(page: Page, text: str, name: str, content: bytes, mime: str) -> None:
    page.goto("/account/messages/new/")
    page.get_by_label("What is it about?").select_option("statement")
    page.get_by_label("Your message").fill(text)
    page.get_by_label("Attach a file (optional)").set_input_files(
        {"name": name, "mimeType": mime, "buffer": content}
    )
    page.get_by_role("button", name="Send the message").click()


def test_a_customer_sends_a_message_with_a_pdf_and_reads_the_agents_reply(
    pages: tuple[Page, Page],
) -> None:
    customer, agent = pages
    text = f"Please check my statement, reference {int(time.time())}."
    _next_code_step()
    sign_in(customer, "Customer")
    expect(customer).to_have_url(re.compile(r"/account/$"))

    # A renamed executable is refused, and what was written stays in the form.
    _write(customer, text, "statement.pdf", EXE, "application/pdf")
    expect(customer.get_by_role("alert")).to_contain_text("whatever its name says")
    expect(customer.get_by_label("Your message")).to_have_value(text)

    _write(customer, text, "my statement.pdf", PDF, "application/pdf")
    expect(customer.get_by_role("heading", level=1)).to_have_text("Statements")
    expect(customer.locator("main")).to_contain_text(text)
    expect(customer.get_by_role("link", name="my statement.pdf")).to_be_visible()
    thread_url = customer.url
    reference = re.search(r"Reference ([0-9A-F]{8})", customer.locator("main").inner_text())
    assert reference is not None

    with customer.expect_download() as download:
        customer.get_by_role("link", name="my statement.pdf").click()
    assert download.value.suggested_filename == "my-statement.pdf"
    with open(download.value.path(), "rb") as handle:
        assert handle.read() == PDF

    sign_in(agent, "Customer service agent")
    expect(agent).to_have_url(re.compile(r"/staff/$"))
    agent.get_by_role("link", name="Secure messages").click()
    agent.get_by_role("link", name=reference.group(1)).click()
    # The reason form first, unless this agent opened the customer minutes ago (the
    # agent's own browser test, or the other run of this one).
    heading = agent.get_by_role("heading", level=1)
    expect(heading).to_have_text(re.compile(r"Why do you need|Statements"))
    if "Why do you need" in heading.inner_text():
        expect(agent.locator("body")).not_to_contain_text(text)
        agent.get_by_label("Why do you need to see it?").select_option("customer_call")
        agent.get_by_label("In a sentence").fill("Answering the customer's message.")
        agent.get_by_role("button", name="Open the customer's details").click()
    expect(agent.locator("main")).to_contain_text(text)
    agent.get_by_label("Reply to the customer").fill("We have checked it: the statement is right.")
    agent.get_by_role("button", name="Send the reply").click()
    expect(agent.get_by_role("status")).to_contain_text("Reply sent.")

    customer.goto("/account/messages/")
    row = customer.locator(f'tr:has(a[href="{urlparse(thread_url).path}"])')
    expect(row).to_contain_text("New reply")
    row.get_by_role("link").click()
    expect(customer).to_have_url(thread_url)
    expect(customer.locator("main")).to_contain_text("the statement is right.")
    expect(customer.locator("main")).to_contain_text("Customer service")
    customer.goto("/account/messages/")
    expect(row).not_to_contain_text("New reply")
