"""One measure said after each of two years (「去年预算和今年预算」「2023年支出与2024年支出」) is the two years side by
side, each a row with its figure; two different measures of two years stay declined. Expected values by straight SQL."""
import pytest

PUB = "(SELECT max(id) FROM publications WHERE status = 'published')"


def _total(db, table, column, year, region=None):
    where = " AND region_code = ?" if region else ""
    (fen,) = db.execute(f"SELECT SUM({column}) FROM {table} WHERE publication_id = {PUB} AND year = ?{where}",
                        (year, *([region] if region else []))).fetchone()
    return fen / 100


def test_the_budget_said_after_each_year(ask_demo, db):
    result = ask_demo("全市去年预算与前年预算分别多少")
    rows = {row[0]: row[1] for row in result["answer"]["rows"]}
    assert rows["2024年"] == pytest.approx(_total(db, "budgets", "budget_fen", 2024), abs=0.01), result["understood"]
    assert rows["2025年"] == pytest.approx(_total(db, "budgets", "budget_fen", 2025), abs=0.01)


def test_the_spending_said_after_each_year_of_a_district(ask_demo, db):
    code = db.execute(f"SELECT code FROM regions WHERE publication_id = {PUB} AND name = '澄湖区'").fetchone()[0]
    result = ask_demo("澄湖区2022年支出和2023年支出各是多少")
    rows = {row[0]: row[1] for row in result["answer"]["rows"]}
    assert rows["2022年"] == pytest.approx(_total(db, "expenditures", "amount_fen", 2022, code), abs=0.01)
    assert rows["2023年"] == pytest.approx(_total(db, "expenditures", "amount_fen", 2023, code), abs=0.01)


def test_two_measures_of_two_years_are_not_one_comparison(ask_demo):
    assert ask_demo("2023年支出和2024年预算分别是多少")["answer"]["kind"] == "decline"
