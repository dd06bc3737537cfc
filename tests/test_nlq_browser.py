"""The question page in a real Chromium: the chart renders under the CSP, chips re-run the question."""
import pytest

pytestmark = pytest.mark.browser


def test_answer_chart_and_chip_edit(live_server, browser_page):
    page = browser_page
    page.goto(f"{live_server}/ask?q=今年上半年各区预算执行率&as_of=2026-10-31")
    page.wait_for_selector("#ask-chart svg", timeout=15000)
    assert "2026年1—6月" in page.locator(".understood").inner_text()
    page.fill("input[name=chip_time]", "2024年")
    page.click("form.chips button")
    page.wait_for_selector("#ask-chart svg", timeout=15000)
    assert "2024年" in page.locator(".understood").inner_text()
    assert not [e for e in page.console_errors if "Content Security Policy" in e]
