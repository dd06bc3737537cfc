"""The question box on the yearbook publication: provinces under 全国, classes by name, month 0 only.

Region words (各省, 哪个省, 全国) come from the region tree, not from city words.
"""
import datetime as dt

import pytest
from conftest import ask_at
from sqlalchemy import text

AS_OF = dt.date(2026, 10, 31)


@pytest.fixture(scope="module")
def yearbook(yearbook_app):
    return yearbook_app


def _ask(app, q):
    return ask_at(app, q, as_of=AS_OF)


def _sql(app, sql, **params):
    with app.extensions["mingzhang.engine"].connect() as conn:
        return conn.execute(text(sql), params).all()


def test_province_figure(yearbook):
    want = _sql(yearbook, "SELECT SUM(e.amount_fen) FROM expenditures e JOIN regions r ON r.code = e.region_code "
                          "AND r.publication_id = e.publication_id WHERE r.name = '广东省' AND e.year = 2023 "
                          "AND e.class_code LIKE '205%'")[0][0]
    assert _ask(yearbook, "2023年广东省教育支出是多少？")["answer"]["value"] == pytest.approx(want / 100, abs=0.01)


def test_which_province_highest(yearbook):
    want = _sql(yearbook, "SELECT r.name FROM expenditures e JOIN regions r ON r.code = e.region_code AND "
                          "r.publication_id = e.publication_id WHERE r.level = 1 AND e.year = 2022 AND e.class_code LIKE '210%' "
                          "GROUP BY r.name ORDER BY SUM(e.amount_fen) DESC LIMIT 1")[0][0]
    result = _ask(yearbook, "2022年哪个省卫生健康支出最高？")
    assert result["answer"]["top"] == want and "各省" in result["understood"]


def test_growth_over_a_range(yearbook):
    rows = dict(_sql(yearbook, "SELECT e.year, SUM(e.amount_fen) FROM expenditures e JOIN regions r ON r.code = e.region_code "
                               "AND r.publication_id = e.publication_id WHERE r.name = '北京市' AND e.class_code LIKE '208%' "
                               "AND e.year IN (2019, 2023) GROUP BY e.year"))
    result = _ask(yearbook, "2019到2023年北京社会保障和就业支出增长了多少？")
    assert result["answer"]["value"] == pytest.approx(100 * (rows[2023] - rows[2019]) / rows[2019], abs=0.01)


def test_minsheng_share_ranking_of_provinces(yearbook):
    result = _ask(yearbook, "2023年各省民生支出占比排名")
    assert len(result["answer"]["rows"]) == 31 and "民生支出（教育" in result["understood"]


def test_relative_years_clamp_to_the_data(yearbook):
    result = _ask(yearbook, "近三年上海卫生健康支出变化")
    assert [r[0] for r in result["answer"]["rows"]] == ["2021年", "2022年", "2023年"]
    assert "数据截至2023年" in " ".join(_ask(yearbook, "近三年上海卫生健康支出变化")["notes"])
    future = _ask(yearbook, "今年各省教育支出")  # a year the data do not have: declined, never a figure of 0
    assert future["answer"]["kind"] == "decline" and future["decline"]["reason"] == "out_of_range"
    assert future["alternatives"] and "2023年" in future["alternatives"][0]["understood"]
    assert _ask(yearbook, future["alternatives"][0]["question"])["answer"]["kind"] != "decline"
