"""Browser journey on the search page: type a query (with autocomplete), see highlighted results,
narrow them with a facet; also on a phone-sized screen. Real HTTP server, system Chromium."""
import pytest
from support.servers import serve_in_thread

from tests.search_corpus import CORPUS, DICTIONARY


@pytest.fixture()
def search_url(tmp_path):
    from portal import create_app
    from search.sqlite_backend import SQLiteBackend

    app = create_app({"INSTANCE_PATH": tmp_path, "DATABASE_URL": f"sqlite:///{tmp_path / 'mingzhang.db'}",
                      "SEARCH_INDEX_PATH": tmp_path / "search.db", "SECRET_KEY": "test", "SEARCH_HYBRID": "0"})
    SQLiteBackend(tmp_path / "search.db").build(CORPUS, publication_id=1, dictionary=DICTIONARY)
    with serve_in_thread(app) as base_url:
        yield base_url


@pytest.mark.browser
def test_search_facet_journey(search_url, browser_page):
    page = browser_page
    page.goto(search_url + "/search")
    box = page.get_by_label("搜索项目、报告、部门和预算科目")
    box.fill("农村")
    # search.js fills the datalist from /api/suggest (CSP: script-src 'self')
    page.locator("#search-suggest option").first.wait_for(state="attached")
    option_nodes = page.locator("#search-suggest option")
    options = [option_nodes.nth(i).get_attribute("value") for i in range(option_nodes.count())]
    assert "农村公路" in options
    box.fill("农村公路")
    box.press("Enter")
    page.wait_for_url("**/search?q=*")
    results = page.locator("li.result")
    assert results.count() == 3
    assert page.locator("li.result mark").first.inner_text() == "农村公路"
    assert "共找到 3 条结果" in page.locator(".result-count").inner_text()

    # Facet: only reports. The URL carries the filter, so it can be shared.
    page.locator("section.facet[data-facet=type]").get_by_role("link", name="报告").click()
    page.wait_for_url("**type=report*")
    assert page.locator("li.result").count() == 1
    assert "预算执行情况的报告" in page.locator("li.result h3").inner_text()
    assert page.locator("li.result .snippet mark").first.inner_text() == "农村公路"
    shared = page.url
    page.goto(shared)
    assert page.locator("li.result").count() == 1
    assert not page.console_errors, page.console_errors


@pytest.mark.browser
def test_search_page_on_a_narrow_screen(search_url, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(search_url + "/search?q=养老院")
    assert page.locator("li.result").count() == 2
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"page scrolls sideways on a phone ({width}px)"
    facets = page.locator("aside.search-facets").bounding_box()
    results = page.locator("section.search-results").bounding_box()
    assert facets["y"] < results["y"]  # facets stack above the results
