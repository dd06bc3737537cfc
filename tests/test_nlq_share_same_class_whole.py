"""A share whose part is one class of a place and whose whole names only a place — the country, the city, or a
group of provinces the part is one of (长三角) — divides by that same class over the whole, whichever way the whole
is named; 「占…总支出」 divides by the whole's total spending. The understood sentence and the row of the whole say
which (issue #18: 占全国 divided by the class while 占长三角 divided by the group's total spending)."""
import sqlite3

import pytest
from conftest import ask_at

DELTA = ["上海市", "江苏省", "浙江省", "安徽省"]
PUBLISHED = "(SELECT max(id) FROM publications WHERE status = 'published')"


def _yearbook_sum(yearbook_instance, year, names=None, class_name=None):
    sql = ("SELECT SUM(e.amount_fen) FROM expenditures e JOIN regions r ON r.code = e.region_code "
           "AND r.publication_id = e.publication_id JOIN func_classes f ON f.code = e.class_code "
           "AND f.publication_id = e.publication_id WHERE e.year = ?")
    params = [year]
    if names:
        sql += " AND r.name IN (%s)" % ",".join("?" * len(names))
        params += names
    if class_name:
        sql += " AND f.name = ?"
        params.append(class_name)
    with sqlite3.connect(yearbook_instance / "mingzhang.db") as db:
        return db.execute(sql, params).fetchone()[0]


def _share(result):
    answer = result["answer"]
    assert answer["kind"] == "figure" and answer["unit"] == "%", result["understood"]
    return answer["value"]


def test_the_country_and_a_group_both_divide_by_the_class(yearbook_app, yearbook_instance):
    part = _yearbook_sum(yearbook_instance, 2022, ["浙江省"], "卫生健康支出")
    country = _yearbook_sum(yearbook_instance, 2022, None, "卫生健康支出")
    group = _yearbook_sum(yearbook_instance, 2022, DELTA, "卫生健康支出")
    of_country = ask_at(yearbook_app, "浙江2022年卫生健康支出在全国占比是多少")
    of_group = ask_at(yearbook_app, "浙江2022年卫生健康支出占长三角的百分比")
    assert _share(of_country) == pytest.approx(100 * part / country, abs=1e-3)
    assert _share(of_group) == pytest.approx(100 * part / group, abs=1e-3)
    for result in (of_country, of_group):  # the whole restated with its class, and its row says so too
        assert result["understood"].split("占", 1)[1].count("卫生健康支出") == 1, result["understood"]
        assert result["answer"]["rows"][1][0].endswith("卫生健康支出"), result["answer"]["rows"]


def test_a_group_named_before_the_share_word_is_the_whole_not_the_part(yearbook_app, yearbook_instance):
    part = _yearbook_sum(yearbook_instance, 2021, ["江苏省"], "教育支出")
    group = _yearbook_sum(yearbook_instance, 2021, DELTA, "教育支出")
    result = ask_at(yearbook_app, "江苏2021年教育支出在长三角所占的比重")
    assert _share(result) == pytest.approx(100 * part / group, abs=1e-3)
    assert result["understood"].split("占", 1)[0].endswith("江苏省教育支出"), result["understood"]


def test_the_total_named_after_a_group_keeps_the_total(yearbook_app, yearbook_instance):
    part = _yearbook_sum(yearbook_instance, 2022, ["浙江省"], "卫生健康支出")
    total = _yearbook_sum(yearbook_instance, 2022, DELTA)
    result = ask_at(yearbook_app, "浙江2022年卫生健康支出占长三角总支出的百分比")
    assert _share(result) == pytest.approx(100 * part / total, abs=1e-3)
    assert "总支出" in result["understood"].split("占", 1)[1]


def test_a_district_of_the_city_divides_by_the_city_class(ask_demo, db):
    def spent(region=None):
        where = "" if region is None else \
            f" AND region_code = (SELECT code FROM regions WHERE publication_id = {PUBLISHED} AND name = '{region}')"
        return db.execute(f"SELECT sum(amount_fen) FROM expenditures WHERE publication_id = {PUBLISHED} "
                          f"AND year = 2024 AND class_code LIKE '210%'{where}").fetchone()[0]  # 卫生健康支出

    result = ask_demo("2024年枫林区卫生健康支出占全市的百分比")
    assert _share(result) == pytest.approx(100 * spent("枫林区") / spent(), abs=1e-3)
    assert "卫生健康支出" in result["understood"].split("占", 1)[1]


def test_the_place_itself_as_the_whole_is_its_total(ask_demo):
    result = ask_demo("2024年枫林区卫生健康支出占枫林区的百分比")
    assert "总支出" in result["understood"].split("占", 1)[1], result["understood"]
    assert result["answer"]["rows"][1][0] == "总支出"
