"""A real browser (system Chromium via Playwright) over real HTTP: charts render under the CSP,
drill-down and project pages work, and the layout holds on a 375-px screen."""
import re

import pytest

pytestmark = pytest.mark.browser


def assert_charts_rendered(page, minimum=1):
    """Every [data-chart] got an ECharts SVG/canvas with drawn content."""
    page.wait_for_function(
        "n => document.querySelectorAll('[data-chart][data-chart-ready]').length >= n", arg=minimum)
    counts = page.eval_on_selector_all(
        "[data-chart]",
        "els => els.map(el => el.querySelectorAll('svg path, svg rect, svg text').length"
        " + (el.querySelector('canvas') ? el.querySelector('canvas').width : 0))")
    assert len(counts) >= minimum
    assert all(count > 10 for count in counts), counts


def test_home_drilldown_and_project(live_server, browser_page):
    page = browser_page
    page.goto(live_server + "/")
    assert "财政预算公开" in page.title()
    assert_charts_rendered(page, 2)
    # headline figures carry their unit
    figures = page.locator(".figure-value").all_inner_texts()
    assert any(re.search(r"[\d,.]+ (亿元|万元|元)$", text) for text in figures)

    # drill down: execution overview -> a district -> one of its departments
    page.click("text=查看分地区、分部门执行情况")
    page.wait_for_url(re.compile(r"/execution\?year=\d{4}"))
    assert_charts_rendered(page, 3)
    district = page.locator("table.data td a[href*='/execution/region/']:visible").nth(1)
    district_name = district.inner_text()
    district.click()
    page.wait_for_url(re.compile(r"/execution/region/\w+"))
    assert district_name in page.locator("h1").inner_text()
    assert_charts_rendered(page, 2)
    page.locator("table.data td a[href*='/dept/']:visible").first.click()
    page.wait_for_url(re.compile(r"/dept/"))
    assert "按功能分类（款）" in page.content()
    assert_charts_rendered(page, 1)

    # a figure links to its records
    page.locator("table.data td.amount a[href*='/records/expenditures']:visible").first.click()
    page.wait_for_url(re.compile(r"/records/expenditures\?"))
    assert page.locator("table.data tbody tr").count() > 0

    # projects list -> a project page with its charts
    page.goto(live_server + "/projects?sort=disbursed")
    page.locator("table.data td a[href^='/projects/']").first.click()
    page.wait_for_url(re.compile(r"/projects/[^/?]+$"))
    assert page.locator("text=支付明细").first.is_visible()
    assert_charts_rendered(page, 1)
    assert not page.console_errors, page.console_errors  # includes CSP violations


def test_chart_has_data_table_alternative(live_server, browser_page):
    browser_page.goto(live_server + "/execution")
    details = browser_page.locator("details.chart-data").first
    details.locator("summary").click()
    assert details.locator("table tbody tr").count() > 0


def test_mobile_layout_does_not_overflow(live_server, mobile_page):
    for path in ("/", "/execution", "/projects"):
        mobile_page.goto(live_server + path)
        width = mobile_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 376, (path, width)  # wide tables scroll inside their own box
    mobile_page.goto(live_server + "/execution")
    assert_charts_rendered(mobile_page, 1)
    nav_bottom = mobile_page.eval_on_selector(".nav", "el => el.getBoundingClientRect().right")
    assert nav_bottom <= 376
    assert not mobile_page.console_errors, mobile_page.console_errors
