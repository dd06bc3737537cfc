"""The one box for a first-time user (issue #18 item 7, tasks_blind6's classes), on the first screen of a
375×740 phone: a half-year execution figure of a region comes with that region's half-year execution report
for the same year (the asker may want the report as much as the rate); a voucher number typed in lower case
with a question around it shows that payment; a named project's 进度款 or 付款 shows its payments under the
answer about the project. Real Chromium, real HTTP, questions in words of their own."""
from urllib.parse import quote

import pytest

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 375, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
PUBLISHED = "(SELECT max(id) FROM publications WHERE status = 'published')"


@pytest.fixture()
def phone(chromium):
    context = chromium.new_context(locale="zh-CN", **PHONE)
    page = context.new_page()
    page.set_default_timeout(300_000)  # the in-thread server loads the model on its first question
    yield page
    context.close()


def on_first_screen(page, selector):
    box = page.locator(selector).first.bounding_box()
    return box is not None and box["y"] + box["height"] <= PHONE["viewport"]["height"]


def test_a_half_year_figure_comes_with_the_half_year_report(live_server, phone, db):
    slug, year, region = db.execute(
        f"SELECT d.slug, d.year, r.name FROM documents d JOIN regions r ON r.code = d.region_code "
        f"AND r.publication_id = d.publication_id WHERE d.publication_id = {PUBLISHED} AND d.doc_type = '执行情况' "
        "AND r.level = 1 ORDER BY d.slug LIMIT 1").fetchone()
    phone.goto(f"{live_server}/ask?q=" + quote(f"{year}年{region}上半年的支出执行得怎样"))
    assert phone.locator(".answer-figure").count() == 1, "the figure is answered"
    assert on_first_screen(phone, f".period-report a[href$='/documents/{slug}']")


def test_a_lower_case_voucher_with_a_question_shows_its_payment(live_server, phone, db):
    (voucher,) = db.execute(f"SELECT id FROM payments WHERE publication_id = {PUBLISHED} AND payee_type = '单位' "
                            "ORDER BY id LIMIT 1").fetchone()
    phone.goto(f"{live_server}/ask?q=" + quote(f"{voucher.lower()} 收款的是哪家"))
    assert voucher in phone.locator("main").inner_text()


@pytest.mark.parametrize("asked, kind", [("{name}的进度款", "进度款"), ("{name} 付款情况", "%")])
def test_a_named_projects_payments_asked_for_are_shown_under_its_answer(live_server, phone, db, asked, kind):
    """The box reads the project; the asker wants its vouchers: the newest of the kind asked (any kind when
    none is named) is on the first screen."""
    (name,) = db.execute(
        f"SELECT p.name FROM payments y JOIN projects p ON p.code = y.project_code "
        f"AND p.publication_id = y.publication_id WHERE y.publication_id = {PUBLISHED} "
        "AND y.purpose = p.name || '进度款' GROUP BY p.code HAVING count(*) >= 3 ORDER BY p.code LIMIT 1").fetchone()
    (latest,) = db.execute(f"SELECT id FROM payments WHERE publication_id = {PUBLISHED} AND purpose LIKE ? "
                           "ORDER BY date DESC, id DESC LIMIT 1", (name + kind,)).fetchone()
    phone.goto(f"{live_server}/ask?q=" + quote(asked.format(name=name)))
    assert phone.locator(".payment-matches").count() == 1
    assert on_first_screen(phone, f".payment-matches .voucher:text-is('{latest}')")
