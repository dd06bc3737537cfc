"""A plan and an actual figure asked at once (issue #18): answered with both side by side, or declined with a
Chinese reason — never a list of projects, a project's facts table or one of the two figures in their place."""
import pytest
from conftest import declined_message

PUBLISHED = "(SELECT max(id) FROM publications WHERE status = 'published')"


def test_plan_and_actual_over_projects_are_declined_not_listed(ask_demo):
    message = declined_message(ask_demo("今年这些工程计划投入多少钱，实际投入了多少"))
    assert "计划和实际" in message


def test_a_years_planned_and_actual_payments_of_all_projects_stand_side_by_side(ask_demo, db):
    """The year's 分年度计划 and what was paid against it (project_plans.actual_fen), both (nlq/kinds/plans.py)."""
    plan, actual = db.execute(f"SELECT sum(plan_fen), sum(actual_fen) FROM project_plans WHERE publication_id = "
                              f"{PUBLISHED} AND year = 2024").fetchone()
    rows = ask_demo("2024年全部项目计划拨付金额与实际拨付金额分别是多少")["answer"]["rows"]
    assert [r[1] for r in rows] == [plan / 100, actual / 100] and "计划" in rows[0][0] and "实际" in rows[1][0]


def test_the_years_plan_beside_its_payments_holds_both(ask_demo, db):
    result = ask_demo("项目年度计划资金和实际支付资金各有多少")
    plan, = db.execute(f"SELECT sum(plan_fen) FROM project_plans WHERE publication_id = {PUBLISHED} "
                       f"AND year = 2026").fetchone()
    rows = result["answer"]["rows"]
    assert len(rows) == 2 and "计划" in rows[0][0] and "实际" in rows[1][0], result["understood"]
    assert rows[0][1] == pytest.approx(plan / 100)


def test_a_named_projects_plan_and_spending_is_not_its_facts_table(ask_demo, db):
    # a name no other project shares (a shared name is declined earlier, for another reason)
    name, = db.execute(f"SELECT name FROM projects WHERE publication_id = {PUBLISHED} GROUP BY name "
                       f"HAVING count(*) = 1 ORDER BY min(code) LIMIT 1").fetchone()
    message = declined_message(ask_demo(f"{name}今年计划用多少钱，实际用了多少"))
    assert "计划和实际" in message


def test_the_pair_at_a_quarters_end_is_still_answered(ask_demo, db):
    name, planned, actual = db.execute(
        f"SELECT p.name, q.planned_pct, q.actual_pct FROM projects p JOIN project_quarters q ON q.project_code = p.code "
        f"AND q.publication_id = p.publication_id WHERE p.publication_id = {PUBLISHED} AND q.year = 2025 "
        f"AND q.quarter = 2 ORDER BY p.code LIMIT 1").fetchone()
    result = ask_demo(f"{name}2025年第二季度计划进度是多少，实际进度多少")
    assert result["answer"]["kind"] != "decline", result["understood"]
    assert [r[1] for r in result["answer"]["rows"]] == [planned, actual]


def test_a_budget_and_its_spending_side_by_side_are_still_answered(ask_demo):
    result = ask_demo("今年卫生健康支出计划安排多少，实际花了多少")
    assert result["answer"]["kind"] == "decline" or result["query"]["kind"] == "measures", result["understood"]
