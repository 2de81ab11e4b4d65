"""Browser-test fixtures: the site served by ``bin/serve`` and Debian's Chromium.

These tests talk to a real server over HTTP, so nothing here touches Django
settings or the test database; the module imports without them, which keeps the
ordinary ``make test`` run (it deselects ``e2e``) independent of Playwright.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

REPO = Path(__file__).resolve().parents[2]
SERVE = REPO / "bin" / "serve"
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",  # we run as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these Chromium phones home, and the internet is closed here.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
STARTUP_TIMEOUT = 90.0
STOP_TIMEOUT = 15.0


# Each browser context is its own visitor, as separate browsers on separate
# connections would be: the tests play the load balancer (the server trusts loopback
# as a proxy) and give every context an address of its own from the benchmarking
# range 198.18.0.0/15, so per-address limits (application sending, say) count each
# visitor apart instead of the whole suite as one.
TEST_PROXY = "127.0.0.1/32"
_addresses = itertools.count(1)


def visitor_headers() -> dict[str, str]:
    """``extra_http_headers`` for a new browser context: a client address of its own."""
    n = next(_addresses)
    return {"X-Forwarded-For": f"198.18.{n // 250}.{n % 250 + 1}"}


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:  # noqa: S310
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def _stop(process: subprocess.Popen[bytes]) -> None:
    """End bin/serve with everything it started (granian, its workers, run_jobs)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_TIMEOUT
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=STOP_TIMEOUT)
    # The shell may go before its children: wait for the whole group, then force it.
    while time.monotonic() < deadline:
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=STOP_TIMEOUT)


@pytest.fixture(scope="session")
def base_url() -> Iterator[str]:
    """The site as ``make run`` serves it, on a free port with a fresh, empty VAR_DIR."""
    var_dir = tempfile.mkdtemp(prefix="partnership-e2e-")
    port = _free_port()
    env = dict(os.environ)
    env.update(HTTPS="off", PORT=str(port), VAR_DIR=var_dir, TRUSTED_PROXIES=TEST_PROXY)
    env.pop("HOST", None)  # bin/serve binds loopback unless told otherwise
    # DATABASE_URL stays unset (SQLite in VAR_DIR) unless the environment gives one.
    url = f"http://127.0.0.1:{port}"
    log_path = Path(var_dir) / "serve.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [str(SERVE)],
            cwd=REPO,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so it can be ended whole
        )
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not _healthy(url):
            if process.poll() is not None:
                output = log_path.read_text(errors="replace")
                pytest.fail(
                    f"bin/serve exited with status {process.returncode} before "
                    f"/healthz answered:\n{output}",
                    pytrace=False,
                )
            if time.monotonic() > deadline:
                output = log_path.read_text(errors="replace")
                pytest.fail(
                    f"/healthz did not answer 200 within {STARTUP_TIMEOUT:.0f} s; "
                    f"bin/serve said:\n{output}",
                    pytrace=False,
                )
            time.sleep(0.25)
        yield url
    finally:
        _stop(process)
        shutil.rmtree(var_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture
def context(browser: Browser, base_url: str) -> Iterator[BrowserContext]:
    """A fresh browser profile that enforces the site's Content-Security-Policy."""
    context = browser.new_context(base_url=base_url, extra_http_headers=visitor_headers())
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


@pytest.fixture
def cookieless_context(playwright: Playwright, base_url: str) -> Iterator[BrowserContext]:
    """A browser that refuses every cookie, as a visitor who switched cookies off.

    Playwright has no switch for it, so this is Chromium's own setting ("Block all
    cookies", content setting 2) written into a fresh profile's Preferences: the browser
    itself neither stores nor sends cookies, and sends its usual Sec-Fetch-Site and
    Origin headers (a route that stripped headers would also hide those).
    """
    profile = Path(tempfile.mkdtemp(prefix="partnership-e2e-nocookies-"))
    (profile / "Default").mkdir()
    (profile / "Default" / "Preferences").write_text(
        json.dumps({"profile": {"default_content_setting_values": {"cookies": 2}}}),
        encoding="utf-8",
    )
    context = playwright.chromium.launch_persistent_context(
        str(profile),
        executable_path=CHROMIUM,
        headless=True,
        args=CHROMIUM_ARGS,
        base_url=base_url,
        extra_http_headers=visitor_headers(),
    )
    try:
        yield context
    finally:
        context.close()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def axe_page(browser: Browser, base_url: str) -> Iterator[Page]:
    """A page into which axe-core can be injected.

    The site's CSP allows no scripts at all, so the injected axe-core would be
    blocked; ``bypass_csp`` lifts the policy in this context only. Checks that the
    pages work under their CSP use the ordinary ``page`` fixture instead.
    """
    context = browser.new_context(base_url=base_url, bypass_csp=True)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS} is missing; run `npm ci` (bin/e2e does).", pytrace=False)
    return AXE_JS
