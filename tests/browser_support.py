"""Reusable fixtures for tests that drive a real browser against a real HTTP server.

The fixtures are registered once for the whole session in tests/conftest.py (a second
sync_playwright in one process fails), so a test module just names them::

    @pytest.mark.browser
    def test_something(live_server, browser_page):
        browser_page.goto(live_server + "/")

``live_server`` (session scope) serves the ``demo_app`` fixture over HTTP on a free
loopback port from a background thread (werkzeug, threaded). ``browser_page`` is a fresh
page in the system Chromium (/usr/bin/chromium; Playwright never downloads a browser);
it records console errors and CSP violations in ``page.console_errors``.
"""
import os
import shutil

import pytest
from support.servers import serve_in_thread

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


@pytest.fixture(scope="session")
def live_server(demo_app):
    """Base URL (no trailing slash) of the demo portal served over real HTTP."""
    with serve_in_thread(demo_app) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def chromium():
    """The system Chromium driven by Playwright (skips when either is missing)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def _watched_page(browser, **context_options):
    """A page in a fresh context that records console errors in ``page.console_errors``."""
    context = browser.new_context(locale="zh-CN", **context_options)
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda msg: page.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
    page.set_default_timeout(15_000)
    return context, page


@pytest.fixture()
def browser_page(chromium):
    """A fresh desktop-size page (zh-CN)."""
    context, page = _watched_page(chromium, viewport={"width": 1280, "height": 900})
    yield page
    context.close()


@pytest.fixture()
def mobile_page(chromium):
    """Like ``browser_page`` but a 375-px-wide touch screen."""
    context, page = _watched_page(chromium, viewport={"width": 375, "height": 740}, device_scale_factor=2,
                                  is_mobile=True, has_touch=True)
    yield page
    context.close()
