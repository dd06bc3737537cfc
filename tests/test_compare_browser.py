"""Browser tests (system Chromium via Playwright): compare two districts and see the radar chart;
open a white paper from the documents section. Screenshots go to the test's tmp folder."""
import pytest

pytestmark = pytest.mark.browser


def test_compare_two_districts_shows_radar(live_server, browser_page, tmp_path):  # noqa: F811
    page = browser_page
    page.goto(live_server + "/")
    page.get_by_role("link", name="区县对比").click()
    page.wait_for_url("**/compare**")
    boxes = page.locator("#region-choices input[type=checkbox]")
    assert boxes.count() >= 2
    names = [boxes.nth(i).evaluate("el => el.parentElement.textContent.trim()") for i in range(2)]
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.get_by_role("button", name="对比").click()
    page.wait_for_url("**region=**")
    # The shareable URL carries both choices.
    assert page.url.count("region=") == 2
    rows = page.locator(".compare-table tbody tr")
    assert rows.count() == 2
    assert sorted(rows.nth(i).locator("th").inner_text().strip() for i in range(2)) == sorted(names)
    radar = page.locator("#radar-chart[data-chart-ready='true']")
    radar.wait_for()
    # ECharts (SVG renderer) drew the radar: polygons for both districts and the average.
    assert radar.locator("svg path").count() > 10
    legend = radar.inner_text() if radar.inner_text() else ""
    svg_text = radar.locator("svg").inner_html()
    for name in names:
        assert name in svg_text or name in legend
    assert page.locator(".small-multiple [data-chart-ready='true']").count() == 2
    page.screenshot(path=str(tmp_path / "compare.png"), full_page=True)
    assert page.console_errors == []


def test_open_a_white_paper(live_server, browser_page, tmp_path):  # noqa: F811
    page = browser_page
    page.goto(live_server + "/documents")
    page.get_by_role("link", name="按年度和地区生成预算执行白皮书").click()
    page.wait_for_url("**/reports/whitepaper**")
    heading = page.locator("article.whitepaper h1")
    assert "预算执行白皮书" in heading.inner_text()
    assert page.locator(".key-figures .figure").count() >= 6
    # A figure links to the query it came from, and that query answers.
    href = page.locator(".key-figures a.src").first.get_attribute("href")
    response = page.request.get(live_server + href)
    assert response.ok and "publication" in response.text()
    page.emulate_media(media="print")
    assert page.locator(".filters").is_hidden()  # print CSS hides the controls
    page.screenshot(path=str(tmp_path / "whitepaper.png"), full_page=True)
    assert page.console_errors == []
