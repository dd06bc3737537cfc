"""Shares whose whole is said in few words (issue #18): 「占全省」 after one province is that province's own total,
「全市决算中市本级」 names the whole first, 「占今年累计」 is the year to date, and a region's population over the
city's (one published figure each). Each share is its two figures, each linked to its records; a whole that
cannot be read still declines."""
import datetime as dt

import pytest
from conftest import ask_at
from sqlalchemy import text
from support.answers import PUBLISHED, assert_declined

AS_OF = dt.date(2026, 10, 31)


def _yearbook_total(app, year, province, class_code=None):
    sql = ("SELECT SUM(e.amount_fen) FROM expenditures e JOIN regions r ON r.code = e.region_code AND "
           "r.publication_id = e.publication_id WHERE e.publication_id = " + PUBLISHED +
           " AND e.year = :year AND r.name = :name" + (" AND e.class_code = :cls" if class_code else ""))
    with app.extensions["mingzhang.engine"].connect() as conn:
        return conn.execute(text(sql), {"year": year, "name": province, "cls": class_code}).scalar()


def test_a_province_class_over_the_province_said_as_quan_sheng(yearbook_app):
    part = _yearbook_total(yearbook_app, 2021, "四川省", "210")
    whole = _yearbook_total(yearbook_app, 2021, "四川省")
    result = ask_at(yearbook_app, "2021年四川卫生健康支出占全省支出的比例", as_of=AS_OF)
    assert result["answer"]["value"] == pytest.approx(part * 100 / whole, abs=0.01), result["understood"]
    assert "四川省总支出" in result["understood"]


def test_quan_sheng_without_a_province_is_not_read(yearbook_app):
    assert_declined(ask_at(yearbook_app, "2021年卫生健康支出占全省支出的比例", as_of=AS_OF))


def test_quan_sheng_on_the_city_is_not_read(ask_demo):
    assert_declined(ask_demo("2025年枫林区教育支出占全省支出的比重"))


def _city_spent(db, where, args=()):
    return db.execute(f"SELECT SUM(amount_fen) FROM expenditures WHERE publication_id = {PUBLISHED} AND {where}",
                      args).fetchone()[0]


def test_the_whole_named_before_the_part_as_jue_suan(ask_demo, db):
    root = db.execute(f"SELECT code FROM regions WHERE publication_id = {PUBLISHED} AND level = 0").fetchone()[0]
    part = _city_spent(db, "year = 2023 AND region_code = ?", (root,))
    whole = _city_spent(db, "year = 2023")
    result = ask_demo("2023年全市决算里头市本级占多少")
    assert result["answer"]["value"] == pytest.approx(part * 100 / whole, abs=0.01), result["understood"]


def test_a_month_over_the_year_to_date(ask_demo, db):
    part = _city_spent(db, "year = 2026 AND month = 8")
    whole = _city_spent(db, "year = 2026")
    result = ask_demo("今年8月全市支出占今年累计支出的百分之几")
    assert result["answer"]["value"] == pytest.approx(part * 100 / whole, abs=0.01), result["understood"]


def test_a_region_population_over_the_city(ask_demo, db):
    part, whole = (db.execute(f"SELECT population FROM regions WHERE publication_id = {PUBLISHED} AND {w}").fetchone()[0]
                   for w in ("name = '枫林区'", "level = 0"))
    result = ask_demo("枫林区的人口占全市人口的比例是多少")
    answer = result["answer"]
    assert answer["value"] == round(part * 100 / whole, 2) and answer["unit"] == "%", result["understood"]
    assert [row[1] for row in answer["rows"]] == [part, whole]
    assert len(result["links"]["rows"]) == 2


def test_a_population_over_another_region_still_declines(ask_demo):
    assert_declined(ask_demo("枫林区人口占松岗县人口多少"))
