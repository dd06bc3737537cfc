"""Projects' 年度用款计划 (project_plans) and their progress at a quarter's end (project_quarters) (issue #18): a
project's, a category's or every project's plan of a year (and what was paid against it), the projects behind their
plan at a quarter's end and the largest gaps — each from the published table, linked to the rows it adds up or
counts; a point of the year that ends no quarter, or a span of years, is declined."""

import csv
import io
from decimal import Decimal

import pytest


def _csv_rows(client, url):
    path, _, query = url.partition("?")
    response = client.get(f"{path}?{query}")
    assert response.status_code == 200, url
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def _plan_sum(rows):
    return sum((Decimal(r["plan_yuan"]) for r in rows), Decimal(0))


def test_every_projects_plan_of_a_year(ask_demo, db, client):
    (fen,) = db.execute("select sum(plan_fen) from project_plans where publication_id=1 and year=2025").fetchone()
    result = ask_demo("2025年所有项目的年度用款计划一共多少")
    assert result["answer"]["value"] == fen / 100 and "年度用款计划合计" in result["understood"]
    assert int(_plan_sum(_csv_rows(client, result["links"]["records"])) * 100) == fen


def test_a_categorys_plan_this_year(ask_demo, db, client):
    category = db.execute("select category from projects where publication_id=1 and code in (select project_code "
                          "from project_plans where publication_id=1 and year=2026) group by category "
                          "order by count(*) desc limit 1").fetchone()[0]
    (fen,) = db.execute("select sum(plan_fen) from project_plans where publication_id=1 and year=2026 and project_code "
                        "in (select code from projects where publication_id=1 and category=?)", (category,)).fetchone()
    result = ask_demo(f"今年{category}项目年度计划加起来是多少")
    assert result["query"]["category"] == category and result["answer"]["value"] == fen / 100
    assert int(_plan_sum(_csv_rows(client, result["links"]["records"])) * 100) == fen


def test_a_projects_plan_and_what_was_paid(ask_demo, db, client):
    code, name, plan, actual = db.execute(
        "select p.code, p.name, x.plan_fen, x.actual_fen from project_plans x join projects p on p.publication_id=1 "
        "and p.code=x.project_code where x.publication_id=1 and x.year=2025 and x.actual_fen > 0 "
        "and (select count(*) from projects q where q.publication_id=1 and q.name=p.name) = 1 "
        "order by p.code limit 1").fetchone()
    result = ask_demo(f"{name}2025年用款计划多少？实际支付了多少")
    assert result["query"]["project"] == code
    cells = {row[0]: row[1] for row in result["answer"]["rows"]}
    assert cells == {"年度用款计划": plan / 100, "实际支付": actual / 100}
    rows = _csv_rows(client, result["links"]["records"])
    assert [r["project_code"] for r in rows] == [code]


def test_projects_behind_plan_at_a_quarters_end(ask_demo, db, client):
    (count,) = db.execute("select count(*) from project_quarters where publication_id=1 and year=2026 and quarter=2 "
                          "and actual_pct < planned_pct").fetchone()
    result = ask_demo("2026年二季度末实际进度比计划慢的项目有几个")
    assert result["answer"]["value"] == count > 0 and len(result["answer"]["rows"]) == count
    rows = _csv_rows(client, result["links"]["records"])
    assert sum(1 for r in rows if r["actual_pct"] and int(r["actual_pct"]) < int(r["planned_pct"])) == count


def test_a_districts_projects_behind_plan(ask_demo, db):
    (count,) = db.execute("select count(*) from project_quarters q join projects p on p.publication_id=1 "
                          "and p.code=q.project_code where q.publication_id=1 and q.year=2025 and q.quarter=4 "
                          "and q.actual_pct < q.planned_pct and p.region_code='990102'").fetchone()
    assert ask_demo("枫林区2025年四季度末进度落后于计划的项目有多少个")["answer"]["value"] == count


def test_the_largest_gaps_at_a_quarters_end(ask_demo, db):
    top = db.execute("select p.name, q.planned_pct - q.actual_pct from project_quarters q join projects p "
                     "on p.publication_id=1 and p.code=q.project_code where q.publication_id=1 and q.year=2025 "
                     "and q.quarter=3 and q.actual_pct is not null order by 2 desc, p.name limit 1").fetchone()
    result = ask_demo("2025年三季度末计划进度和实际进度差距最大的是哪个项目")
    assert [result["answer"]["top"], result["answer"]["value"]] == list(top)


@pytest.mark.parametrize("q", [
    "2024到2026年全部项目的年度用款计划合计",  # a span of years: the plan is of one year
    "2026年四季度末实际进度落后于计划的项目有几个",  # not reported yet
])
def test_what_plans_and_quarters_cannot_answer_is_declined(ask_demo, q):
    result = ask_demo(q)
    assert result["answer"] is None or result["answer"].get("kind") == "decline", (q, result["understood"])
