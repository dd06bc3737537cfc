"""Classes once answered with a wrong figure of official look (issue #18), in new wordings: each is answered right
(checked by straight SQL over the demo) or declined with a Chinese reason — the average unit cost of a category,
the average progress of projects under way, works payments by stage (进度款), a plan asked beside its payments,
and a year-end figure of a year not over; a status counted in one word (「完工数」)."""
import pytest
from conftest import declined_message

from ledger import supervision

LATEST = "(SELECT max(id) FROM publications WHERE status = 'published')"
PUB_YEAR = 2026


def _unit_cost(db, region, category):
    """成本合计 ÷ 产出合计 of a district's projects of a category (audited cost × actual output once finished,
    else investment ÷ planned output: ledger/performance.py unit_cost_basis), straight from the rows."""
    (cost, quantity) = db.execute(
        "SELECT sum(CASE WHEN unit_cost_actual_fen IS NOT NULL AND output_actual > 0 "
        "THEN unit_cost_actual_fen / 100.0 * output_actual ELSE total_investment_fen / 100.0 END), "
        "sum(CASE WHEN unit_cost_actual_fen IS NOT NULL AND output_actual > 0 THEN output_actual ELSE output_planned END) "
        f"FROM projects p JOIN regions r ON r.publication_id = p.publication_id AND r.code = p.region_code "
        f"WHERE p.publication_id = {LATEST} AND r.name = ? AND p.category = ? AND p.output_unit IS NOT NULL "
        "AND (output_actual > 0 AND unit_cost_actual_fen IS NOT NULL OR output_planned > 0)",
        (region, category)).fetchone()
    return cost / quantity


@pytest.mark.parametrize("question", ["修一公里农村公路平均要花多少钱", "建一个学位平均多少钱",
                                      "全市养老服务设施项目平均每张床位造价"])
def test_an_average_unit_cost_over_every_district_is_declined(ask_demo, question):
    assert "平均单位成本" in declined_message(ask_demo(question))


def test_one_districts_cost_per_kilometre_is_its_row(ask_demo, db):
    result = ask_demo("松岗县修一公里路花多少钱")
    assert [row[0] for row in result["answer"]["rows"]] == ["松岗县"], result["understood"]
    assert result["answer"]["value"] == pytest.approx(_unit_cost(db, "松岗县", "农村公路"), abs=0.05)


@pytest.mark.parametrize("question, statuses, category", [
    ("在建的项目平均进度多少", ("在建",), None),
    ("在建的农村公路项目平均完成了百分之多少", ("在建",), "农村公路"),
    ("正在施工的项目平均完成几成", ("在建", "滞后"), None),
    ("还在做的项目平均进度是多少", ("在建", "滞后"), None),
])
def test_average_progress_of_projects_under_way(ask_demo, db, question, statuses, category):
    marks = ",".join("?" * len(statuses))
    (mean,) = db.execute(f"SELECT avg(progress_pct) FROM projects WHERE publication_id = {LATEST} "
                         f"AND status IN ({marks}) AND (? IS NULL OR category = ?)",
                         (*statuses, category, category)).fetchone()
    result = ask_demo(question)
    assert result["answer"]["unit"] == "%" and result["answer"]["value"] == pytest.approx(mean, abs=0.01), \
        result["understood"]


@pytest.mark.parametrize("question", ["施工单位今年拿到的进度款有多少", "今年工程预付款付了多少", "项目结算款一共拨了多少钱"])
def test_works_payments_by_stage_are_declined_truthfully(ask_demo, question):
    message = declined_message(ask_demo(question))
    assert "各自记录" in message and "合起来" in message


@pytest.mark.parametrize("question, year, category", [
    ("农村公路项目今年计划付多少钱，实际付了多少", 2026, "农村公路"),
    ("去年农村公路项目的用款计划和实际支付各多少", 2025, "农村公路"),
    ("今年全部项目用款计划多少，实际支付多少", 2026, None),
])
def test_a_plan_beside_its_payments(ask_demo, db, question, year, category):
    (plan, actual) = db.execute(
        "SELECT sum(pp.plan_fen), sum(pp.actual_fen) FROM project_plans pp JOIN projects p "
        "ON p.publication_id = pp.publication_id AND p.code = pp.project_code "
        f"WHERE pp.publication_id = {LATEST} AND pp.year = ? AND (? IS NULL OR p.category = ?)",
        (year, category, category)).fetchone()
    result = ask_demo(question)
    rows = {row[0]: row[1] for row in result["answer"]["rows"]}
    assert rows == {"年度用款计划": plan / 100, "实际支付": actual / 100}, result["understood"]


@pytest.mark.parametrize("question", ["年底前能把预算花完吗", "全年执行率估计有多少", "今年年底执行率是多少",
                                      "年底支出会有多少", "今年全市支出年底预计能到多少", "全年执行率能不能超过九成"])
def test_a_year_end_figure_of_this_year_is_declined(ask_demo, question):
    message = declined_message(ask_demo(question))
    assert "预测" in message or "还没" in message


def test_the_rules_estimate_asked_after_a_comma(ask_demo, demo_app):
    """Asked in the warning rule's own words, its estimate answers (the warnings page's figure)."""
    from ledger.db import current_publication

    result = ask_demo("按预警规则推算，年底执行率是多少")
    with demo_app.extensions["mingzhang.engine"].connect() as conn:
        outcome = supervision.year_end_forecast(conn, current_publication(conn)["id"], PUB_YEAR)
    assert result["query"]["kind"] == "supervision", result["understood"]
    assert result["answer"]["value"] == pytest.approx(outcome["forecast_rate"] * 100), result["understood"]


def test_a_past_years_year_end_rate_is_its_rate(ask_demo, db):
    (spent, budget) = db.execute(
        f"SELECT (SELECT sum(amount_fen) FROM expenditures WHERE publication_id = {LATEST} AND year = 2025), "
        f"(SELECT sum(budget_fen) FROM budgets WHERE publication_id = {LATEST} AND year = 2025)").fetchone()
    result = ask_demo("2025年年底执行率是多少")
    assert result["answer"]["value"] == pytest.approx(spent / budget * 100, abs=0.01), result["understood"]


@pytest.mark.parametrize("question, category, status, completed_in", [
    ("保障性住房项目的完工数是多少", "保障性住房", "已完工", None),
    ("2025年幼儿园项目竣工数", "幼儿园建设", "已完工", "2025"),
])
def test_a_status_counted_in_one_word_is_a_count(ask_demo, db, question, category, status, completed_in):
    """「完工数」「在建数」 count the projects of that status, never the first project's investment."""
    (number,) = db.execute(f"SELECT count(*) FROM projects WHERE publication_id = {LATEST} AND category = ? "
                           "AND status = ? AND (? IS NULL OR completed_date LIKE ? || '%')",
                           (category, status, completed_in, completed_in)).fetchone()
    result = ask_demo(question)
    assert (result["answer"]["value"], result["answer"]["unit"]) == (number, "个"), result["understood"]


@pytest.mark.parametrize("question", ["今年项目已付款占年度计划的比例是多少", "2026年项目的拨付率（已付款÷用款计划）是多少"])
def test_a_share_of_a_measure_over_itself_is_declined(ask_demo, question):
    """Paid over planned read as the projects' paid money over itself: 100%, whatever was paid."""
    assert declined_message(ask_demo(question))


def test_a_named_projects_paid_share_still_answers(ask_demo, db):
    (name,) = db.execute(f"SELECT name FROM projects WHERE publication_id = {LATEST} AND status = '在建' "
                         "ORDER BY code LIMIT 1").fetchone()
    result = ask_demo(f"{name}已拨付资金占总投资的比例")
    assert result["answer"]["unit"] == "%" and result["answer"]["value"] < 100, result["understood"]
