"""A province's one-character short name (「沪」「鲁」) names that province on a publication that has it: the
character was dropped and the national figure answered (issue #18, nlq_blind11's first run). The characters
that mean other things (京 in 南京, 津 in 津贴) are not short names."""
import sqlite3

import pytest
from conftest import ask_at


def _spent(yearbook_instance, region, year, class_name=None):
    with sqlite3.connect(yearbook_instance / "mingzhang.db") as db:
        sql = ("SELECT SUM(e.amount_fen) FROM expenditures e JOIN regions r ON r.code = e.region_code "
               "AND r.publication_id = e.publication_id JOIN func_classes f ON f.code = e.class_code "
               "AND f.publication_id = e.publication_id WHERE r.name = ? AND e.year = ?")
        params = [region, year]
        if class_name:
            sql += " AND f.name = ?"
            params.append(class_name)
        (fen,) = db.execute(sql, params).fetchone()
    return round(fen / 100, 2)


@pytest.mark.parametrize("short, region", [("沪", "上海市"), ("鲁", "山东省"), ("粤", "广东省")])
def test_a_short_name_is_its_province(yearbook_app, yearbook_instance, short, region):
    result = ask_at(yearbook_app, f"2023年{short}的教育支出")
    assert result["answer"]["kind"] == "figure", result["understood"]
    assert region in result["understood"]
    assert result["answer"]["value"] == _spent(yearbook_instance, region, 2023, "教育支出")


def test_two_short_names_are_both_provinces(yearbook_app):
    result = ask_at(yearbook_app, "2023年湘鄂教育支出对比")
    assert "湖南省" in result["understood"] and "湖北省" in result["understood"], result["understood"]


def test_a_character_with_other_meanings_is_no_province(yearbook_app):
    result = ask_at(yearbook_app, "2023年津贴补贴支出多少")
    assert "天津" not in (result.get("understood") or "")


@pytest.mark.parametrize("q, regions", [("2022年京、沪卫生健康支出各多少", ("北京市", "上海市")),
                                        ("黑吉辽2021年卫生健康支出对比", ("黑龙江省", "吉林省", "辽宁省"))])
def test_short_names_that_begin_other_words_count_in_a_run_of_short_names(yearbook_app, yearbook_instance, q,
                                                                          regions):
    """京、苏、吉、黑 … begin other words (南京 aside, 苏州、吉祥、黑色), so alone they are no province; beside another
    short name they are (「京沪」 was read as 上海 alone, 「粤苏浙」 as two provinces of three)."""
    result = ask_at(yearbook_app, q)
    year = int(q[q.index("20"):q.index("20") + 4])
    rows = {row[0]: row[1] for row in result["answer"]["rows"]}
    for region in regions:
        assert rows[region] == _spent(yearbook_instance, region, year, "卫生健康支出"), result["understood"]


@pytest.mark.parametrize("q", ["2023年苏州市教育支出", "2023年新增的教育支出", "2023年吉林省教育支出"])
def test_a_short_name_alone_stays_out(yearbook_app, q):
    result = ask_at(yearbook_app, q)
    understood = "" if result["answer"]["kind"] == "decline" else result["understood"]  # 苏州: not in the data
    assert "江苏" not in understood and "新疆" not in understood and understood.count("吉林") <= 1
