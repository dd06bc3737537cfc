"""Classes of wrong figures and answered declines the question box gave on nlq_blind16, each checked with
questions written here in other words: answered from the published tables and checked against straight SQL,
or declined with a Chinese reason — never a look-alike figure (issue #18)."""
import pytest
from support.answers import PUBLISHED
from support.answers import assert_declined as _declined

# ---- the main verb asks for something the data does not hold, though the question names a figure ----------

@pytest.mark.parametrize("q", [
    "教育局明天几点钟上班",  # office hours
    "卫健委的办公时间是几点到几点",
    "要是把鹭洲区和枫林区并成一个区，教育支出能排第几",  # a hypothetical case
    "假设今年卫生支出多一成，执行率会是多少",
    "帮我写一篇今年教育支出的短评",  # a writing task asked of the site
    "我在写稿，帮我起个题目，讲今年卫生支出",
    "拟个标题吧，讲全市今年的社保支出",
    "枫林区今年的预算分到枫亭街道多少",  # a budget allotted to a township
])
def test_what_the_data_does_not_hold_is_declined(ask_demo, q):
    _declined(ask_demo(q), "not_held")


def test_the_askers_own_writing_is_no_task(ask_demo):
    result = ask_demo("我们在写一篇关于上学难的稿子，想核实：2025年全市教育支出比2024年增长了百分之多少")
    assert result["answer"]["kind"] == "figure" and "增长" in result["understood"], result["understood"]


def test_a_township_projects_investment_still_answers(ask_demo):
    result = ask_demo("枫亭街道的项目总投资是多少")
    assert result["answer"]["kind"] == "figure" and "枫亭街道" in result["understood"]


# ---- [two-digit years]: 「22到24这三年」 is 2022—2024, not the last N years ---------------------------------

def test_two_digit_years_before_a_count_of_years():
    import datetime as dt

    from nlq.timeparse import parse_period

    period, _spans = parse_period("22到24这三年教育支出", dt.date(2026, 10, 31))
    assert (period.year_from, period.year_to) == (2022, 2024)


def test_two_digit_years_give_the_annual_growth_of_those_years(ask_demo):
    result = ask_demo("22到25这四年全市教育支出年均增长多少")
    assert result["understood"].startswith("2022—2025年"), result["understood"]
    assert [row[0] for row in result["answer"]["rows"]] == ["2022年", "2025年"]


# ---- [two months compared]: the month before is 环比, their difference -----------------------------------------

def test_a_month_against_the_month_before_is_their_difference(ask_demo, db):
    def month(m):
        return db.execute(f"SELECT sum(amount_fen) FROM expenditures WHERE publication_id = {PUBLISHED} AND year = 2026 "
                          "AND month = ? AND region_code = (SELECT code FROM regions WHERE name = '澄湖区' "
                          f"AND publication_id = {PUBLISHED})", (m,)).fetchone()[0]
    result = ask_demo("澄湖区8月份比7月份多花了还是少花了，差了多少")
    assert result["answer"]["value"] == pytest.approx((month(8) - month(7)) / 100), result["understood"]


# ---- [months ranked]: 「几月份…最」 ranks the months, the first row answers ---------------------------------

def test_the_month_of_the_most_spending_is_named(ask_demo, db):
    want = db.execute(f"SELECT month FROM expenditures WHERE publication_id = {PUBLISHED} AND year = 2026 "
                      "GROUP BY month ORDER BY sum(amount_fen) DESC LIMIT 1").fetchone()[0]
    result = ask_demo("今年全市几月份支出最狠")
    assert result["answer"]["rows"][0][0] == f"{want}月", result["understood"]


# ---- [population]: 「哪个县人最少」 is the population, not a class of spending -----------------------------

def test_which_place_has_the_fewest_people(ask_demo, db):
    want = db.execute(f"SELECT name, population FROM regions WHERE publication_id = {PUBLISHED} AND name LIKE '%县' "
                      "ORDER BY population LIMIT 1").fetchone()
    result = ask_demo("五个县里哪个县人最少")
    assert result["answer"]["rows"][0][:2] == list(want), result["understood"]


# ---- [执行了多少]: with 执行 it is the execution rate --------------------------------------------------------

def test_how_much_carried_out_is_the_rate(ask_demo):
    result = ask_demo("枫林区教育今年执行了多少")
    assert result["answer"]["unit"] == "%" and "执行率" in result["understood"]


def test_money_carried_out_is_the_amount(ask_demo):
    result = ask_demo("今年全市医疗救助资金执行了多少")
    assert result["answer"]["unit"] == "元" and "执行率" not in result["understood"], result["understood"]


# ---- [增了还是减了，幅度]: the change's size is a growth rate, not the two figures side by side -------------

def test_up_or_down_and_by_how_much_is_a_growth(ask_demo, db):
    def budget(year):
        return db.execute(f"SELECT sum(budget_fen) FROM budgets WHERE publication_id = {PUBLISHED} AND year = ? AND "
                          "region_code = (SELECT code FROM regions WHERE name = '松岗县' "
                          f"AND publication_id = {PUBLISHED})", (year,)).fetchone()[0]
    result = ask_demo("松岗县今年预算比去年增了还是减了，幅度有多大")
    assert result["answer"]["value"] == pytest.approx(100 * (budget(2026) / budget(2025) - 1), abs=1e-3)


@pytest.fixture(scope="module")
def yb_db(yearbook_instance):
    import sqlite3

    conn = sqlite3.connect(yearbook_instance / "mingzhang.db")
    yield conn
    conn.close()


# ---- [a listed group]: the parenthesis after 民生 describes the set, it names no classes to compare --------

def test_a_set_described_in_brackets_is_one_total(ask_yb, yb_db):
    from ledger.semantics import MINSHENG_CLASS_CODES

    codes = ",".join(f"'{c}'" for c in MINSHENG_CLASS_CODES)
    want = yb_db.execute(f"SELECT sum(amount_fen) FROM expenditures WHERE publication_id = {PUBLISHED} AND year = 2022 "
                         f"AND region_code = '510000' AND class_code IN ({codes})").fetchone()[0]
    result = ask_yb("2022年四川民生类（教育社保卫生等八类）支出加在一起多少")
    assert result["answer"]["kind"] == "figure" and result["answer"]["value"] == pytest.approx(want / 100)


# ---- [shapes no kind computes]: declined, never the total, the series or the project list ----------------
# (a project's days late and the projects finished after their plan are computed now:
# tests/test_nlq_project_contract_dates.py, tests/test_nlq_project_schedule.py; classes ranked by the budget's
# growth: tests/test_nlq_growth_ranked_span.py)

# (contract amounts ranked are computed now: tests/test_nlq_contract_sums_ranked.py)


def test_a_ranking_by_growth_that_is_computed_still_answers(ask_demo):
    result = ask_demo("哪个区今年支出同比增长最快")
    assert result["answer"]["kind"] == "table" and "增长" in result["understood"]


def test_months_not_side_by_side_are_the_first_less_the_second(ask_demo, db):
    """Two months of one year set against each other with 比 (nlq/periods.py): the first less the second."""
    fen = [db.execute(f"SELECT SUM(e.amount_fen) FROM expenditures e JOIN regions r ON r.code = e.region_code AND "
                      f"r.publication_id = e.publication_id WHERE e.publication_id = {PUBLISHED} AND e.year = 2026 "
                      "AND e.month = ? AND r.name = '澄湖区'", (m,)).fetchone()[0] for m in (8, 5)]
    result = ask_demo("澄湖区8月份比5月份多花了多少")
    assert result["answer"]["value"] == round((fen[0] - fen[1]) / 100, 2), result["understood"]
