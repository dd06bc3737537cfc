"""A province's one-character short name that also begins other words (苏 苏州, 京 南京, 黑 黑色) names the province
when it opens the question or a clause right before a year or a class (「浙22年…」「2022年吉卫生健康支出」): it was
dropped and the national total answered. A level's own rows the publication does not have (省本级、中央本级 in the
yearbook, 县本级 in a city) are declined, never answered as a ranking or as the top level's own rows."""
import sqlite3

import pytest
from conftest import ask_at, declined_message


def _spent(yearbook_instance, region, year, class_name):
    with sqlite3.connect(yearbook_instance / "mingzhang.db") as db:
        (fen,) = db.execute(
            "SELECT SUM(e.amount_fen) FROM expenditures e JOIN regions r ON r.code = e.region_code "
            "AND r.publication_id = e.publication_id JOIN func_classes f ON f.code = e.class_code "
            "AND f.publication_id = e.publication_id WHERE r.name = ? AND e.year = ? AND f.name = ?",
            (region, year, class_name)).fetchone()
    return round(fen / 100, 2)


@pytest.mark.parametrize("question, region, year, class_name", [
    ("京2020卫生健康支出是多少", "北京市", 2020, "卫生健康支出"),
    ("吉22年教育支出", "吉林省", 2022, "教育支出"),
    ("2019年桂农林水支出", "广西壮族自治区", 2019, "农林水支出"),
    ("青2021年交通运输支出", "青海省", 2021, "交通运输支出"),
])
def test_a_short_name_before_a_year_or_class_is_its_province(yearbook_app, yearbook_instance, question, region,
                                                              year, class_name):
    result = ask_at(yearbook_app, question)
    assert result["answer"]["kind"] == "figure" and region in result["understood"], result["understood"]
    assert result["answer"]["value"] == _spent(yearbook_instance, region, year, class_name)


@pytest.mark.parametrize("question", ["新增了哪些支出科目", "2023年津贴补贴支出多少", "南京2022年教育支出"])
def test_the_character_inside_another_word_is_no_province(yearbook_app, question):
    result = ask_at(yearbook_app, question)
    assert not (result["query"] or {}).get("regions"), result["understood"]


@pytest.mark.parametrize("question", ["皖2022年省本级支出", "2021年中央本级教育支出多少", "闽省本级2020支出"])
def test_own_level_rows_the_yearbook_lacks_are_declined(yearbook_app, question):
    assert "本级" in declined_message(ask_at(yearbook_app, question))


def test_a_district_level_of_its_own_is_declined_in_a_city(ask_demo):
    assert "本级" in declined_message(ask_demo("去年县本级卫生健康支出"))


def test_the_city_own_level_is_still_answered(ask_demo, db):
    (fen,) = db.execute("SELECT SUM(e.amount_fen) FROM expenditures e JOIN regions r ON r.code = e.region_code "
                        "AND r.publication_id = e.publication_id WHERE r.level = 0 AND e.year = 2025 AND "
                        "e.publication_id = (SELECT max(id) FROM publications WHERE status = 'published')").fetchone()
    result = ask_demo("2025年市本级支出")
    assert result["answer"]["value"] == round(fen / 100, 2), result["understood"]
