"""Two figures asked at once (issue #18): 「预算多少，花了多少」「总投资和已拨付分别是多少」「人口多少，人均多少」 are
answered with both figures in one table, each computed by its own kind and linked to its own records, restated as
two figures — never one of them alone."""

import csv
import io
from decimal import Decimal

import pytest


def _csv_total(client, url, column):
    path, _, query = url.partition("?")
    path = path if path.endswith(".csv") else f"{path}.csv"
    response = client.get(f"{path}?{query}")
    assert response.status_code == 200, url
    rows = csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")))
    return sum((Decimal(r[column] or "0") for r in rows), Decimal(0))


def _cells(result):
    return {row[0]: row[1] for row in result["answer"]["rows"]}


def test_a_departments_budget_and_spending(ask_demo, db, client):
    dept = db.execute("select code from departments where publication_id=1 and name='市教育局'").fetchone()[0]
    (budget,) = db.execute("select sum(budget_fen) from budgets where publication_id=1 and year=2024 and dept_code=?",
                           (dept,)).fetchone()
    (spent,) = db.execute("select sum(amount_fen) from expenditures where publication_id=1 and year=2024 "
                          "and dept_code=?", (dept,)).fetchone()
    result = ask_demo("2024年市教育局的预算与支出各是多少")
    assert _cells(result) == {"预算": budget / 100, "支出": spent / 100}
    assert result["understood"].startswith("两个数字：①") and "②" in result["understood"]
    rows = {row["label"]: row["records"] for row in result["links"]["rows"]}
    assert int(_csv_total(client, rows["预算"]["budget"], "预算数（元）") * 100) == budget
    assert int(_csv_total(client, rows["支出"]["spent"], "支出数（元）") * 100) == spent


def test_a_class_of_a_district_budget_then_spending(ask_demo, db):
    (budget,) = db.execute("select sum(budget_fen) from budgets where publication_id=1 and year=2026 "
                           "and region_code='990104' and class_code like '205%'").fetchone()
    (spent,) = db.execute("select sum(amount_fen) from expenditures where publication_id=1 and year=2026 "
                          "and month between 1 and 10 and region_code='990104' and class_code like '205%'").fetchone()
    result = ask_demo("星桥区教育今年预算是多少？实际支出多少？")
    assert _cells(result) == {"预算": budget / 100, "支出": spent / 100}


def test_a_projects_investment_and_disbursed(ask_demo, db):
    name, invested, disbursed = db.execute(
        "select name, total_investment_fen, disbursed_fen from projects p where publication_id=1 and "
        "(select count(*) from projects q where q.publication_id=1 and q.name=p.name)=1 order by code limit 1").fetchone()
    result = ask_demo(f"{name}的总投资和已拨付分别是多少")
    assert _cells(result) == {"总投资": invested / 100, "已拨付": disbursed / 100}
    assert [row["label"] for row in result["links"]["rows"]] == ["总投资", "已拨付"]


def test_population_and_spending_per_person(ask_demo, db):
    (people,) = db.execute("select population from regions where publication_id=1 and code='990105'").fetchone()
    (spent,) = db.execute("select sum(amount_fen) from expenditures where publication_id=1 and year=2025 "
                          "and region_code='990105'").fetchone()
    result = ask_demo("银杏区有多少人口，2025年人均支出多少")
    assert _cells(result) == {"人口": people, "人均支出": round(spent / 100 / people, 2)}


@pytest.mark.parametrize("q", [
    "东湖区今年预算多少，花了多少",  # a district the publication does not have: neither figure
    "市教育局今年预算和支出分别比去年多多少",  # two changes asked: not two figures of one period
])
def test_two_figures_are_never_answered_by_one(ask_demo, q):
    result = ask_demo(q)
    answer = result["answer"] or {}
    assert answer.get("kind") == "decline" or len(answer.get("rows") or []) >= 2, (q, result["understood"])
