"""A part of a 类 (a 款 or 项: 学前教育、公共卫生、水利) asked on data that publish 类 only (the yearbook) is declined —
the 类's total (教育、卫生健康、农林水) was answered for it. The 类 asked by its own name, or a name that holds the part
(文化旅游体育与传媒), is still answered."""
import sqlite3

import pytest
from conftest import ask_at, declined_message


@pytest.mark.parametrize("question", ["2022年四川省学前教育花了多少", "浙江2021年公立医院支出", "2020年河南水利支出是多少",
                                      "2023年山东义务教育阶段的支出"])
def test_a_part_of_a_class_on_the_yearbook_is_declined(yearbook_app, question):
    assert "类" in declined_message(ask_at(yearbook_app, question))


def test_a_class_whose_name_holds_the_part_is_answered(yearbook_app, yearbook_instance):
    with sqlite3.connect(yearbook_instance / "mingzhang.db") as db:
        (fen,) = db.execute(
            "SELECT SUM(e.amount_fen) FROM expenditures e JOIN regions r ON r.code = e.region_code AND r.publication_id "
            "= e.publication_id JOIN func_classes f ON f.code = e.class_code AND f.publication_id = e.publication_id "
            "WHERE r.name = '湖南省' AND e.year = 2021 AND f.name = '文化旅游体育与传媒支出'").fetchone()
    result = ask_at(yearbook_app, "湖南2021年文化旅游体育与传媒支出")
    assert result["answer"]["value"] == round(fen / 100, 2), result["understood"]


def test_the_city_answers_a_published_kuan(ask_demo, db):
    (fen,) = db.execute("SELECT SUM(amount_fen) FROM expenditures WHERE class_code LIKE '21004%' AND year = 2025 AND "
                        "publication_id = (SELECT max(id) FROM publications WHERE status = 'published')").fetchone()
    result = ask_demo("2025年公共卫生支出")
    assert result["answer"]["value"] == round(fen / 100, 2), result["understood"]
