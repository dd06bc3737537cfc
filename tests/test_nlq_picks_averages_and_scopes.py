"""Questions of a probe in new shapes (issue #18): a project picked by a measure the reading does not rank, an
average of payments or projects per something, the month that tops a ranking, a category of projects asked as
a rate, a district's unit cost, a payment picked by date with its purpose between — each answered with its own
figure or declined, never with a total, a list by investment, the city's rate or the first district."""
import pytest
from conftest import declined_message

LATEST = "(SELECT max(id) FROM publications WHERE status = 'published')"


@pytest.mark.parametrize("question", [
    "付款最多的那个项目是哪个",
    "已经付款最多的在建项目是哪一个",
    "最晚开工的项目叫什么",
])
def test_a_project_picked_by_a_measure_not_ranked_is_declined(ask_demo, question):
    assert "排在最前" in declined_message(ask_demo(question))


def test_projects_ranked_by_what_the_reading_ranks_still_answer(ask_demo, db):
    (top,) = db.execute(f"SELECT name FROM projects WHERE publication_id = {LATEST} "
                        "ORDER BY total_investment_fen DESC LIMIT 1").fetchone()
    result = ask_demo("哪个项目总投资最大")
    assert result["answer"]["rows"][0][0] == top, result["understood"]
    ranked = ask_demo("拨付资金最多的项目是哪个")
    assert ranked["query"]["order"] == "desc" and ranked["query"]["measure"] == "disbursed", ranked["understood"]


@pytest.mark.parametrize("question", ["每个项目平均拨付了几笔", "每个街道平均有几个项目"])
def test_an_average_per_something_is_not_a_count_or_a_list(ask_demo, question):
    assert declined_message(ask_demo(question))


def test_the_month_that_tops_payments_is_no_payee(ask_demo):
    """Declined, or (since the months ranked by payments: tests/test_nlq_wrong_figure_classes_22.py) a month."""
    for question in ("去年支付金额最高的月份", "今年付款最多的月份"):
        answer = ask_demo(question)["answer"] or {}
        assert answer.get("value") is None or answer.get("top", "").endswith("月"), question


def test_a_category_of_projects_asked_as_a_rate_is_not_the_citys_execution(ask_demo):
    assert "项目" in declined_message(ask_demo("农村公路项目完成了几成"))
    assert declined_message(ask_demo("保障性住房项目做完几成了"))


def test_a_districts_unit_cost_is_its_own_row(ask_demo):
    result = ask_demo("银杏区修路每公里要多少钱")
    assert [row[0] for row in result["answer"]["rows"]] == ["银杏区"], result["understood"]
    assert result["answer"]["value"] == result["answer"]["rows"][0][1]


def test_a_bare_unit_cost_over_all_districts_is_declined(ask_demo):
    assert declined_message(ask_demo("农村公路每公里造价多少"))


def test_the_date_of_a_purposes_last_payment(ask_demo, db):
    (day,) = db.execute(f"SELECT max(date) FROM payments WHERE publication_id = {LATEST} AND purpose = '临时救助'"
                        ).fetchone()
    result = ask_demo("最后一笔临时救助是哪天发的")
    assert result["answer"]["value"] == day, result["understood"]
    assert "日期" in declined_message(ask_demo("最后一笔临时救助资金是什么时候发下去的"))


@pytest.mark.parametrize("question", [
    "头一个完工的项目叫什么",        # one project by date, the reading ranks by investment
    "在建项目已付款占总投资几成",    # a count over money is no share
    "今年以来哪一天付款最多",        # payments are not kept by day in the readings
    "去年项目平均付款多少",          # an average no kind computes, never the list of projects
])
def test_more_shapes_answered_with_another_figure_are_declined(ask_demo, question):
    result = ask_demo(question)
    assert (result["answer"] or {}).get("value") is None, (question, result["understood"])
