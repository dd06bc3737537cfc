"""The tile map and the warnings page in a real Chromium (strict CSP, no inline script): the map renders,
switches metric without reloading, and a click on a tile opens that district's page; nothing overflows
a phone's width."""
import os
import re
import tempfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser
# Screenshots for a person to look at (not compared): MINGZHANG_SHOTS=<folder>, else a temporary folder.
SHOTS = Path(os.environ.get("MINGZHANG_SHOTS") or tempfile.mkdtemp(prefix="mingzhang-shots-"))


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
    # The chart is drawn after the load event (charts.js): wait for it rather than race it.
    page.wait_for_selector("[data-chart='history-data'][data-chart-ready]")
    _no_csp_errors(page)


@pytest.mark.parametrize("fixture", ["browser_page", "mobile_page"])  # 1280 and 375 px
def test_a_district_tile_drills_down_to_its_townships(live_server, request, fixture):
    """Click a district on the city map: its page opens at the township map (one tile per 乡镇/街道, coloured
    by payment progress, legend and data table like the district level), inside the screen at both widths;
    a township tile lists that township's projects."""
    page = request.getfixturevalue(fixture)
    page.goto(live_server + "/execution?year=2026&month=10")
    page.wait_for_selector("figure.tilemap[data-tilemap-ready]")
    district = page.locator('figure.tilemap a.tile[data-code="990124"]')
    district.click()
    page.wait_for_url(re.compile(r"/execution/region/990124.*#township-map$"))
    towns = page.locator("figure#township-map")
    towns.wait_for()
    page.wait_for_selector("figure#township-map[data-tilemap-ready]")
    assert "桂岭县乡镇街道地图" in towns.locator("figcaption").inner_text()
    tiles = towns.locator("a.tile")
    assert tiles.count() == 8 and all(tiles.nth(i).get_attribute("data-code").startswith("990124")
                                      for i in range(8))
    assert towns.get_attribute("data-metric-shown") == "progress"
    assert "%" in towns.locator(".tilemap-legend").inner_text()
    assert towns.locator(".tilemap-side tbody tr").count() == 8
    towns.locator('[data-metric="projects"]').click()  # switches without reloading, like the district level
    assert towns.get_attribute("data-metric-shown") == "projects"
    assert "个" in towns.locator(".tilemap-legend").inner_text()
    width = page.evaluate("window.innerWidth")
    boxes = [tiles.nth(i).bounding_box() for i in range(8)]
    assert all(box["x"] >= 0 and box["x"] + box["width"] <= width + 1 for box in boxes), (width, boxes)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the page is {overflow}px wider than the screen"
    page.screenshot(path=str(SHOTS / f"township-map-{width}.png"), full_page=False)
    code = tiles.first.get_attribute("data-code")
    tiles.first.click()
    page.wait_for_url(re.compile(rf"/projects\?township={code}"))
    _no_csp_errors(page)
