"""The tile map and the warnings page in a real Chromium (strict CSP, no inline script): the map renders,
switches metric without reloading, and a click on a tile opens that district's page; nothing overflows
a phone's width."""
import re

import pytest

pytestmark = pytest.mark.browser


def _no_csp_errors(page):
    assert not [e for e in page.console_errors if "Content Security Policy" in e or "Refused" in e], page.console_errors
    assert not page.console_errors, page.console_errors


def test_map_renders_switches_and_drills_down(live_server, browser_page):
    page = browser_page
    page.goto(live_server + "/execution?year=2026&month=10")
    figure = page.locator("figure.tilemap")
    figure.wait_for()
    page.wait_for_selector("figure.tilemap[data-tilemap-ready]")  # tilemap.js ran under the CSP
    tiles = figure.locator("a.tile")
    assert tiles.count() == 10
    assert figure.get_attribute("data-metric-shown") == "rate"
    first_value = tiles.first.locator(".tile-value").inner_text()
    assert first_value.endswith("%")
    url_before = page.url
    figure.locator('[data-metric="flags"]').click()
    assert figure.get_attribute("data-metric-shown") == "flags" and page.url == url_before  # no reload
    assert tiles.first.locator(".tile-value").inner_text().endswith("条")
    assert "条" in figure.locator(".tilemap-legend").inner_text()
    code = tiles.nth(3).get_attribute("data-code")
    tiles.nth(3).click()
    page.wait_for_url(re.compile(rf"/execution/region/{code}"))
    assert page.locator("h1").inner_text().endswith("预算执行情况")
    _no_csp_errors(page)


def test_warnings_page_at_phone_width(live_server, mobile_page):
    page = mobile_page
    page.goto(live_server + "/warnings")
    page.wait_for_selector("figure.tilemap[data-tilemap-ready]")
    assert page.locator(".sv-flag").count() > 20
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the page is {overflow}px wider than the phone"
    assert page.locator("[data-chart='history-data'][data-chart-ready]").count() == 1
    _no_csp_errors(page)
