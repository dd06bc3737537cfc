"""One box for a first-time user (issue #18 item 7): the home page has one box; whatever is typed into it,
the page that opens shows what /api/ask returns — a figure question its answer and the records behind it,
a record-finding question search results, a question the data cannot answer the reason and search
results. On a 375-px phone with JavaScript off (the pages are rendered on the server), no wider than the
screen. Real Chromium, real HTTP."""
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

FIGURE = "2024年全市教育支出是多少"
RECORDS = "路灯"  # a thing to find, not a figure: handed off to search
DECLINED = "明天天气怎么样"


@pytest.fixture()
def phone_without_js(chromium):
    context = chromium.new_context(locale="zh-CN", viewport={"width": 375, "height": 740}, is_mobile=True,
                                   has_touch=True, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(120_000)  # the in-thread server loads the model on its first question
    yield page
    context.close()


def api_answer(client, question):
    return client.get("/api/ask", query_string={"q": question}).get_json()


def type_into_home_box(page, base, text):
    page.goto(base + "/")
    boxes = page.locator("main input[name=q]")
    assert boxes.count() == 1, "the home page has one box"
    page.get_by_label("提问或搜索").fill(text)
    page.get_by_label("提问或搜索").press("Enter")
    page.wait_for_url("**/ask?q=*")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375, f"wider than the phone for {text}"


def search_titles(page):
    return [t.strip() for t in page.locator(".search-handoff .handoff-results li a").all_inner_texts()]


def test_a_figure_question_shows_the_answer_and_its_records(live_server, phone_without_js, demo_app):
    expected = api_answer(demo_app.test_client(), FIGURE)
    assert expected["answer"]["kind"] == "figure" and not expected["search_fallback"]
    page = phone_without_js
    type_into_home_box(page, live_server, FIGURE)
    assert page.locator(".answer-figure .value").inner_text() == expected["answer"]["display"]
    records = page.get_by_role("link", name="查看背后的记录")
    assert records.get_attribute("href") == expected["links"]["records"]
    records.click()
    page.wait_for_url("**/records/**")  # a click only starts the navigation; count() does not wait
    expect(page.locator("table.data tbody tr").first).to_be_visible()  # the records behind the answer
    assert page.locator(".search-handoff").count() == 0


def test_a_thing_to_find_shows_search_results(live_server, phone_without_js, demo_app):
    client = demo_app.test_client()
    expected = api_answer(client, RECORDS)
    assert expected["search_fallback"], "the question box hands 「路灯」 off to search"
    found = client.get("/api/search", query_string={"q": RECORDS, "size": 5}).get_json()
    assert found["total"] > 0
    page = phone_without_js
    type_into_home_box(page, live_server, RECORDS)
    assert search_titles(page) == [r["title"] for r in found["results"]]
    assert page.locator(".answer-figure").count() == 0
    page.locator(".search-handoff .handoff-results li a").first.click()
    expect(page.locator("h1").first).to_contain_text(found["results"][0]["title"])  # the record itself
    page.go_back()
    page.get_by_role("link", name="条搜索结果").click()  # all of them, on the search page
    page.wait_for_url("**/search?*")
    expect(page.locator("li.result").nth(min(found["total"], 10) - 1)).to_be_visible()


def test_a_declined_question_shows_the_reason_and_search_results(live_server, phone_without_js, demo_app):
    expected = api_answer(demo_app.test_client(), DECLINED)
    assert expected["answer"]["kind"] == "decline"
    page = phone_without_js
    type_into_home_box(page, live_server, DECLINED)
    assert expected["decline"]["message"] in page.locator(".decline").inner_text()
    assert page.locator(".answer-figure").count() == 0
    handoff = page.locator(".search-handoff")
    assert handoff.count() == 1
    if not expected["search_fallback"]["results"]:  # nothing in the data about the weather: said so
        assert "没有找到相关记录" in handoff.inner_text() or search_titles(page)
