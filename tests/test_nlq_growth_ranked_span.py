"""Classes, regions ranked by growth (issue #18): 「增长最快的类」 names the class that comes first, a second year
named (「2025年比2023年」) is the base of the growth — never one year against the year before it, never the total's
growth in place of a ranking — budgets compared when budgets are asked, said so, and a span's growth is not called
同比. An increase by amount (绝对额) is not a rate: it stays declined, never the rates' ranking in its place."""
import sqlite3

import pytest
from conftest import ask_at, declined_message

PUBLISHED = "(SELECT max(id) FROM publications WHERE status = 'published')"


def _ranked(result):
    assert result["answer"]["kind"] == "table" and result["query"]["measure"] == "growth", result["understood"]
    return result["answer"]["rows"]


def _class_budgets(db, year):
    return dict(db.execute(f"SELECT f.name, sum(b.budget_fen) FROM budgets b JOIN func_classes f "
                           f"ON f.code = substr(b.class_code, 1, 3) AND f.publication_id = b.publication_id "
                           f"WHERE b.publication_id = {PUBLISHED} AND b.year = ? GROUP BY f.name", (year,)))


def test_the_class_that_grew_fastest_in_budget(ask_demo, db):
    this, before = _class_budgets(db, 2025), _class_budgets(db, 2024)
    growth = {name: 100 * (this[name] - before[name]) / before[name] for name in this if before.get(name)}
    top = max(growth, key=growth.get)
    result = ask_demo("2025年预算比上年涨得最快的类是哪个")
    rows = _ranked(result)
    assert rows[0][0] == top and rows[0][1] == pytest.approx(growth[top], abs=1e-3), rows[:3]
    assert "预算" in result["understood"], result["understood"]


def _region_spent(yearbook_instance, year):
    with sqlite3.connect(yearbook_instance / "mingzhang.db") as conn:
        return dict(conn.execute("SELECT r.name, sum(e.amount_fen) FROM expenditures e JOIN regions r "
                                 "ON r.code = e.region_code AND r.publication_id = e.publication_id "
                                 "WHERE e.year = ? GROUP BY r.name", (year,)))


def test_a_base_year_two_years_back_is_the_base(yearbook_app, yearbook_instance):
    this, before = _region_spent(yearbook_instance, 2022), _region_spent(yearbook_instance, 2020)
    growth = {name: 100 * (this[name] - before[name]) / before[name] for name in this}
    top = max(growth, key=growth.get)
    result = ask_at(yearbook_app, "2022年跟2020年比，哪个省的支出增长最快")
    rows = _ranked(result)
    assert rows[0][0] == top and rows[0][1] == pytest.approx(growth[top], abs=1e-3), rows[:3]
    assert "2020" in result["understood"] and "同比" not in result["answer"]["columns"][1]


def test_a_rise_over_a_span_ranks_the_classes(yearbook_app):
    result = ask_at(yearbook_app, "2020到2023年哪一类支出的涨幅最大")
    rows = _ranked(result)
    assert result["query"]["group"] == "class" and len(rows) >= 1
    assert "2020" in result["understood"] and "相比2020年" in result["understood"]


def test_an_increase_by_amount_is_not_answered_with_rates(yearbook_app):
    result = ask_at(yearbook_app, "2022年比2021年支出增加额最多的省（按绝对额算）")
    assert result["answer"]["kind"] == "decline" or result["answer"].get("unit") != "%", result["understood"]
    if result["answer"]["kind"] == "decline":
        assert declined_message(result)
