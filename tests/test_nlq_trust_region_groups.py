"""A group of provinces (东北三省、中部六省、西部十二省区市) asked with a ranking word (最多、从高到低、top N) ranks the
group's members on the measure asked (the total when no class is named): it was answered with the group's sum, or
with the count said of the group (「十二个省区里」) read as 前12名 and its rest (区里) guessed as a class."""
import sqlite3

import pytest
from conftest import ask_at

NORTH_EAST = ["辽宁省", "吉林省", "黑龙江省"]
CENTRAL = ["山西省", "安徽省", "江西省", "河南省", "湖北省", "湖南省"]


def _by_region(yearbook_instance, names, year, class_name=None):
    """{province: yuan} of the year (one class, or every class)."""
    sql = ("SELECT r.name, SUM(e.amount_fen) FROM expenditures e JOIN regions r ON r.code = e.region_code "
           "AND r.publication_id = e.publication_id JOIN func_classes f ON f.code = e.class_code "
           "AND f.publication_id = e.publication_id WHERE e.year = ? AND r.name IN (%s)" % ",".join("?" * len(names)))
    params = [year, *names]
    if class_name:
        sql += " AND f.name = ?"
        params.append(class_name)
    with sqlite3.connect(yearbook_instance / "mingzhang.db") as db:
        return {name: round(fen / 100, 2) for name, fen in db.execute(sql + " GROUP BY r.name", params)}


def _ranked(result):
    assert result["answer"]["kind"] == "table", result["understood"]
    return [(row[0], row[1]) for row in result["answer"]["rows"]]


def test_a_group_ordered_from_high_to_low_lists_every_member(yearbook_app, yearbook_instance):
    expected = sorted(_by_region(yearbook_instance, NORTH_EAST, 2021).items(), key=lambda kv: -kv[1])
    assert _ranked(ask_at(yearbook_app, "东北三省2021年的支出按从高到低排个序")) == expected


def test_top_n_of_a_group_on_a_class(yearbook_app, yearbook_instance):
    figures = _by_region(yearbook_instance, CENTRAL, 2020, "卫生健康支出")
    expected = sorted(figures.items(), key=lambda kv: -kv[1])[:2]
    assert _ranked(ask_at(yearbook_app, "2020年中部六省卫生健康支出top2")) == expected


@pytest.mark.parametrize("question", ["西部十二个省区中2021年哪个支出最少", "2021年西部12个省份里支出最少的是哪个"])
def test_the_count_said_of_a_group_is_no_limit_and_no_class(yearbook_app, yearbook_instance, question):
    west = ["内蒙古自治区", "广西壮族自治区", "重庆市", "四川省", "贵州省", "云南省", "西藏自治区", "陕西省",
            "甘肃省", "青海省", "宁夏回族自治区", "新疆维吾尔自治区"]
    lowest = min(_by_region(yearbook_instance, west, 2021).items(), key=lambda kv: kv[1])
    result = ask_at(yearbook_app, question)
    assert _ranked(result)[0] == lowest and "总支出" in result["understood"], result["understood"]


def test_a_group_summed_is_still_one_figure(yearbook_app, yearbook_instance):
    total = round(sum(_by_region(yearbook_instance, NORTH_EAST, 2022).values()), 2)
    result = ask_at(yearbook_app, "东北三省2022年支出合计是多少")
    assert result["answer"]["kind"] == "figure" and result["answer"]["value"] == total, result["understood"]


@pytest.mark.parametrize("order", ["从高到低排一下", "从少到多排个序", "从大往小排列"])
def test_the_order_words_are_no_subject(yearbook_app, order):
    """「从高到低排一下」 cut into 高到、低排 was read by meaning as a class (社会保障和就业): no word of it is unknown."""
    from ledger.db import current_publication
    from nlq.lexicon import for_publication
    from nlq.tokens import unknown_words

    with yearbook_app.extensions["mingzhang.engine"].connect() as conn:
        lexicon = for_publication(conn, current_publication(conn)["id"], yearbook_app.config)
    assert unknown_words(f"  2020年支出{order}", lexicon) == []
