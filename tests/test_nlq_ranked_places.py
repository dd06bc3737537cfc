"""A place of a ranking asked for — the N-th (「第三高」「第二少」), the first (「第一名」), one item's own place
(「某省在全国排第几」「各项支出里某类排第几」) — and a ranking over several years summed (「N年合计…最多」): answered
with that place and the rows down to it (or the whole ranking), checked against straight SQL; never the first row,
one year or the national total in its place (issue #18). A place no ranking computes is declined."""
import pytest
from support.answers import assert_declined as _declined

BY_REGION = ("SELECT e.region_code, SUM(e.amount_fen) FROM expenditures e JOIN regions g ON g.code = e.region_code "
             "AND g.publication_id = e.publication_id WHERE e.publication_id = :pub AND g.level = 1 "
             "AND e.year BETWEEN :first AND :last {cls} GROUP BY e.region_code")


@pytest.fixture(scope="module")
def names(yearbook_sql):
    return dict(yearbook_sql("SELECT code, name FROM regions WHERE publication_id = :pub"))


def ranked(yearbook_sql, first, last, cls=None, reverse=True):
    """[(region code, fen)] of the provinces over the years first…last, largest first (or smallest)."""
    rows = yearbook_sql(BY_REGION.format(cls="AND e.class_code = :cls" if cls else ""), first=first, last=last, cls=cls)
    return sorted(rows, key=lambda r: (-r[1] if reverse else r[1], r[0]))


def names_of(result):
    return [row[0] for row in result["answer"]["rows"]]


def test_the_nth_place_names_that_place_with_the_rows_above(ask_yb, yearbook_sql, names):
    order = ranked(yearbook_sql, 2022, 2022, "210")
    result = ask_yb("2022年卫生健康支出排第三名的是哪个省")
    assert names_of(result) == [names[code] for code, _ in order[:3]]
    assert result["answer"]["top"] == names[order[2][0]] and result["answer"]["value"] == order[2][1] / 100
    assert "第3名" in result["understood"]


def test_the_nth_from_the_bottom_counts_from_the_smallest(ask_yb, yearbook_sql, names):
    order = ranked(yearbook_sql, 2021, 2021, reverse=False)
    result = ask_yb("2021年总支出第二少的省份")
    assert result["answer"]["top"] == names[order[1][0]]


def test_the_nth_class_of_a_city_region(ask_demo, db):
    rows = db.execute("SELECT substr(class_code, 1, 3), SUM(amount_fen) FROM expenditures WHERE publication_id = "
                      "(SELECT max(id) FROM publications WHERE status = 'published') AND year = 2025 "
                      "GROUP BY substr(class_code, 1, 3) ORDER BY 2 DESC").fetchall()
    result = ask_demo("2025年全市花钱第三多的是哪一类")
    assert len(result["answer"]["rows"]) == 3 and result["answer"]["keys"][2] == rows[2][0]
    assert result["answer"]["value"] == rows[2][1] / 100


def test_the_first_place_ranks_the_provinces(ask_yb, yearbook_sql, names):
    order = ranked(yearbook_sql, 2020, 2020, "205")
    result = ask_yb("2020年教育支出第一名")
    assert result["answer"]["kind"] == "table" and names_of(result) == [names[order[0][0]]]


def test_one_provinces_place_among_all(ask_yb, yearbook_sql, names):
    order = ranked(yearbook_sql, 2022, 2022, "210")
    code = order[6][0]
    for question in (f"2022年{names[code]}卫生健康支出在全国排第几", f"2022年{names[code]}卫生健康支出全国排名"):
        result = ask_yb(question)
        assert result["answer"]["value"] == 7 and result["answer"]["unit"] == "名", question
        assert len(result["answer"]["rows"]) == len(order) and result["answer"]["rows"][6][0] == names[code]


def test_one_classs_place_within_a_province(ask_yb, yearbook_sql, names):
    code = next(c for c, n in names.items() if n == "湖北省")
    rows = yearbook_sql("SELECT class_code, SUM(amount_fen) FROM expenditures WHERE publication_id = :pub AND "
                        "year = 2022 AND region_code = :code GROUP BY class_code ORDER BY 2 DESC", code=code)
    place = [c for c, _ in rows].index("210") + 1
    result = ask_yb("湖北2022年各项支出里卫生健康排第几")
    assert result["answer"]["value"] == place


def test_a_districts_place_among_the_districts(ask_demo):
    result = ask_demo("2025年枫林区教育支出在各区县里排第几")
    rows = result["answer"]["rows"]
    assert rows[result["answer"]["value"] - 1][0] == "枫林区"
    assert [r[1] for r in rows] == sorted((r[1] for r in rows), reverse=True) and "市本级" not in names_of(result)


def test_a_ranking_over_years_summed(ask_yb, yearbook_sql, names):
    years = [y for (y,) in yearbook_sql("SELECT DISTINCT year FROM expenditures WHERE publication_id = :pub ORDER BY 1")]
    order = ranked(yearbook_sql, years[-5], years[-1], "208")
    result = ask_yb("五年合计，社会保障和就业支出最多的是哪个省")
    assert names_of(result) == [names[order[0][0]]] and result["answer"]["value"] == order[0][1] / 100


@pytest.mark.parametrize("q", [
    "今年投资第二多的项目是哪个",  # projects ranked by a place: no kind computes it
    "去年收款第三多的单位",
])
def test_a_place_no_ranking_computes_is_declined(ask_demo, q):
    _declined(ask_demo(q))
