"""The page the one box opens, on the first screen of a phone (issue #18 item 7): the site's chrome (demo
banner, brand, nav) and the box take little height on a 375×740 screen, so the answer, its first records or
the first payments a question asks for are seen without scrolling; on a desktop the nav still shows every
item without scrolling. Real Chromium, real HTTP, questions in words of their own."""
import pytest

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 375, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}


@pytest.fixture()
def open_page(chromium):
    contexts = []

    def run(url, options):
        context = chromium.new_context(locale="zh-CN", **options)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(300_000)  # the in-thread server loads the model on its first question; a shared machine
        page.goto(url)
        return page

    yield run
    for context in contexts:
        context.close()


def top(page, selector):
    return page.eval_on_selector(selector, "e => e.getBoundingClientRect().top")


def bottom(page, selector):
    return page.eval_on_selector(selector, "e => e.getBoundingClientRect().bottom")


def test_phone_chrome_is_short_and_the_answer_with_its_first_record_is_on_the_first_screen(live_server, open_page):
    page = open_page(live_server + "/ask?q=" + "2025年全市卫生健康支出是多少", PHONE)
    assert top(page, "main") < 110, "banner and header take at most ~a seventh of the screen"
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    nav = page.eval_on_selector(".nav", "e => [e.getBoundingClientRect().height, e.scrollWidth > e.clientWidth]")
    assert nav[0] < 45 and not nav[1], "the nav is one row with nothing hidden past its edge (更多 holds the rest)"
    assert page.get_by_label("提问或搜索").is_visible(), "the box keeps its name and stays on screen"
    assert bottom(page, ".answer-figure") < 740
    records = page.get_by_role("link", name="查看背后的记录")
    assert records.bounding_box()["y"] + records.bounding_box()["height"] < 740, "its records are one tap away"


def test_desktop_nav_still_shows_every_item(live_server, open_page):
    page = open_page(live_server + "/ask?q=" + "2025年全市卫生健康支出是多少", DESKTOP)
    nav = page.eval_on_selector(".nav", "e => [e.scrollWidth <= e.clientWidth, e.getBoundingClientRect().right]")
    assert nav[0] and nav[1] <= 1280
    assert page.locator(".brand-sub").is_visible()
    assert page.locator(".ask-box label").is_visible()
    assert bottom(page, ".answer-figure") < 800


def test_payments_asked_for_come_before_the_projects_a_search_finds(live_server, open_page, db):
    """A contractor's receipts asked for by a shortened name: its projects are found by search as well, the
    vouchers come first (listed as the answer's records, or as the payments the question names)."""
    payee, = db.execute("SELECT payee FROM payments WHERE payee_type = '单位' AND project_code IS NOT NULL "
                        "AND payee LIKE '%有限公司' GROUP BY payee ORDER BY count(*) DESC LIMIT 1").fetchone()
    short = payee.removesuffix("有限公司").removesuffix("工程").removesuffix("建设")
    page = open_page(live_server + "/ask?q=" + short + "收款记录", PHONE)
    first = page.locator(".voucher").first
    assert first.count(), "the payee's payments are listed"
    paid_to, = db.execute("SELECT payee FROM payments WHERE id = ?", (first.inner_text().strip(),)).fetchone()
    assert paid_to == payee
    if page.locator(".search-handoff h2").count():
        assert first.bounding_box()["y"] < top(page, ".search-handoff h2")
    assert first.bounding_box()["y"] + first.bounding_box()["height"] < 740


def test_a_one_row_answer_draws_no_one_bar_chart(live_server, open_page, db):
    """A project found by its investment written out: one row, its name linked, on a phone's first screen."""
    code, fen = db.execute("SELECT code, total_investment_fen FROM projects WHERE publication_id = (SELECT max(id) "
                           "FROM publications WHERE status = 'published') GROUP BY (total_investment_fen + 5000) / 10000 "
                           "HAVING count(*) = 1 ORDER BY code LIMIT 1").fetchone()
    page = open_page(live_server + f"/ask?q=投资额为{fen / 1e6:.2f}万元的项目", PHONE)
    assert page.locator("#ask-chart").count() == 0
    link = page.locator(f"table.data a[href*='/projects/{code}']")
    assert link.count() == 1
    assert link.bounding_box()["y"] + link.bounding_box()["height"] < 740
