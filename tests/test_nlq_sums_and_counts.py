"""Sums of items named and counts by a threshold (issue #18): 「A和B加起来」 over classes, regions or months is
their sum with each part as a row (never one of them), a name taken back by the asker (「……不对，是……」) is
not asked, a span in brackets starts at its first year, and 「几个月/几年/哪些省份有几个」 past a bound is a count
with the ones counted listed (never the period's total). Every figure is checked against straight SQL."""
import pytest
from support.answers import PUBLISHED
from support.answers import assert_declined as _declined

CITY = f"SELECT SUM(amount_fen) FROM expenditures WHERE publication_id = {PUBLISHED} AND year = ? "


@pytest.fixture(scope="module")
def region(db):
    return dict(db.execute(f"SELECT name, code FROM regions WHERE publication_id = {PUBLISHED}").fetchall())


def fen(db, sql, *params):
    return db.execute(CITY + sql, params).fetchone()[0] or 0


def test_two_classes_added_up_with_each_as_a_row(ask_demo, db, region):
    parts = [fen(db, "AND region_code = ? AND class_code LIKE ?", 2025, region["枫林区"], c + "%") for c in ("205", "210")]
    result = ask_demo("枫林区2025年教育跟卫生健康两类加在一起花了多少")
    assert result["answer"]["kind"] == "figure" and result["answer"]["value"] == sum(parts) / 100
    assert [row[1] for row in result["answer"]["rows"]] == [p / 100 for p in parts]
    assert "合计" in result["understood"] and len(result["links"]["rows"]) == 2


def test_two_regions_added_up(ask_demo, db, region):
    parts = [fen(db, "AND region_code = ?", 2024, region[name]) for name in ("银杏区", "竹源县")]
    result = ask_demo("2024年银杏区和竹源县支出加起来一共多少")
    assert result["answer"]["value"] == sum(parts) / 100 and [r[0] for r in result["answer"]["rows"]] == ["银杏区", "竹源县"]


def test_two_classes_on_the_yearbook(ask_yb, yearbook_sql):
    code = yearbook_sql("SELECT code FROM regions WHERE publication_id = :pub AND name = '浙江省'")[0][0]
    total = yearbook_sql("SELECT SUM(amount_fen) FROM expenditures WHERE publication_id = :pub AND year = 2022 AND "
                         "region_code = :code AND class_code IN ('205', '208')", code=code)[0][0]
    assert ask_yb("浙江2022年教育和社保支出加起来多少")["answer"]["value"] == total / 100


def test_months_that_follow_each_other_added_up(ask_demo, db, region):
    months = [fen(db, "AND region_code = ? AND month = ?", 2025, region["梅溪县"], m) for m in (4, 5, 6)]
    result = ask_demo("梅溪县去年四月五月六月三个月合计支出多少")
    assert result["answer"]["value"] == sum(months) / 100
    assert [row[1] for row in result["answer"]["rows"]] == [m / 100 for m in months]


def test_months_apart_added_up_are_declined(ask_demo):
    _declined(ask_demo("去年2月和8月全市支出加起来多少"))


def test_each_month_asked_stays_side_by_side(ask_demo):
    assert ask_demo("去年2月和3月全市支出分别是多少")["answer"]["kind"] == "table"


@pytest.mark.parametrize("q, kept, dropped", [
    ("竹源县2024年交通运输……啊不对，是农林水支出多少", "农林水", "交通运输"),
    ("银杏区，哦口误，是鹭洲区去年教育支出", "鹭洲区", "银杏区"),
])
def test_a_name_taken_back_is_not_asked(ask_demo, q, kept, dropped):
    result = ask_demo(q)
    assert result["answer"]["kind"] == "figure" and kept in result["understood"] and dropped not in result["understood"]


def test_a_span_in_brackets_starts_at_its_first_year(ask_demo):
    result = ask_demo("松岗县预算这三年（2022-2024）增长了多少")  # 这三年 alone would be 2024—2026
    assert result["answer"]["rows"][0][0] == "2022年" and result["answer"]["rows"][-1][0] == "2024年"


def test_months_past_a_bound_are_counted_and_listed(ask_demo, db):
    monthly = dict(db.execute(f"SELECT month, SUM(amount_fen) FROM expenditures WHERE publication_id = {PUBLISHED} "
                              "AND year = 2025 AND month > 0 GROUP BY month").fetchall())
    above = sorted(m for m, v in monthly.items() if v > 35e8 * 100)
    result = ask_demo("去年全市有几个月的支出超过35亿")
    assert result["answer"]["value"] == len(above) > 0 and result["answer"]["keys"] == above
    assert len(result["links"]["rows"]) == len(above)


def test_years_past_a_bound_are_counted(ask_yb, yearbook_sql):
    code = yearbook_sql("SELECT code FROM regions WHERE publication_id = :pub AND name = '四川省'")[0][0]
    yearly = yearbook_sql("SELECT year, SUM(amount_fen) FROM expenditures WHERE publication_id = :pub AND "
                          "region_code = :code GROUP BY year", code=code)
    above = sorted(y for y, v in yearly if v > 1.1e12 * 100)
    result = ask_yb("四川总支出超过1.1万亿的年份有几个")
    assert result["answer"]["value"] == len(above) and result["answer"]["keys"] == above


def test_regions_below_a_named_year_are_counted(ask_yb, yearbook_sql):
    rows = yearbook_sql("SELECT region_code, year, SUM(amount_fen) FROM expenditures WHERE publication_id = :pub AND "
                        "class_code = '205' AND year IN (2021, 2022) GROUP BY region_code, year")
    by = {}
    for code, year, value in rows:
        by.setdefault(code, {})[year] = value
    fell = [c for c, v in by.items() if 2021 in v and 2022 in v and v[2022] < v[2021]]
    result = ask_yb("2022年教育支出比2021年少的省份有几个")
    assert result["answer"]["value"] == len(fell)


def test_classes_past_a_bound_are_counted_or_listed(ask_demo, db, region):
    rows = db.execute(f"SELECT substr(class_code, 1, 3), SUM(amount_fen) FROM expenditures WHERE publication_id = "
                      f"{PUBLISHED} AND year = 2025 AND region_code = ? GROUP BY 1", (region["枫林区"],)).fetchall()
    above = {code for code, v in rows if v > 2e8 * 100}
    counted = ask_demo("枫林区去年有几类支出超过2亿")
    assert counted["answer"]["value"] == len(above) > 0 and set(counted["answer"]["keys"]) == above
    listed = ask_demo("枫林区去年支出超过2亿的科目有哪些")
    assert set(listed["answer"]["keys"]) == above
