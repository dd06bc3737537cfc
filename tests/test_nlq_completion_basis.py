"""One meaning per word for projects (issue #18 item 2): 完工/竣工/建成/修了/新增 in a year count the projects
completed that year (实际完工日期, the basis of the reports' outputs); 安排/立项/开工/「年度项目」 keep the
project's own year. Expected values by straight SQL over the demo; the records link selects the same projects."""
import csv
import io
from urllib.parse import parse_qs, urlsplit

import pytest

DONE_IN = "publication_id=1 and cast(strftime('%Y', completed_date) as integer)=?"


def _listed(client, url):
    """(count, Σ 实际产出) of the projects a records link lists, from its CSV download."""
    path, _, query = url.partition("?")
    text = client.get(f"{path}.csv?{query}").get_data(as_text=True).lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text)))
    return len(rows), sum(float(r["实际产出"] or 0) for r in rows)


def _args(url):
    return parse_qs(urlsplit(url).query)


@pytest.mark.parametrize("q, year", [("2025年完工的项目有多少个", 2025), ("2024年竣工了几个项目", 2024),
                                     ("去年建成了多少个项目", 2025)])
def test_completed_in_a_year_counts_by_completion_date(ask_demo, db, client, q, year):
    (expected,) = db.execute(f"select count(*) from projects where {DONE_IN}", (year,)).fetchone()
    (by_project_year,) = db.execute("select count(*) from projects where publication_id=1 and year=? "
                                    "and status='已完工'", (year,)).fetchone()
    assert expected != by_project_year  # the two bases differ on the demo, so the test can tell them apart
    result = ask_demo(q)
    assert result["answer"]["value"] == expected
    assert "按完工年份统计" in result["understood"]
    url = result["links"]["records"]
    assert _args(url)["completed_year"] == [str(year)] and "year" not in _args(url)
    assert _listed(client, url)[0] == expected


@pytest.mark.parametrize("q, category, unit, year", [
    ("今年修了多少公里农村公路", "农村公路", "公里", 2026),
    ("去年新增多少学位", "幼儿园建设", "个", 2025),
    ("2023年全市建成保障房多少套", "保障性住房", "套", 2023),
])
def test_outputs_built_in_a_year_are_those_completed_that_year(ask_demo, db, client, q, category, unit, year):
    (expected,) = db.execute(f"select sum(output_actual) from projects where {DONE_IN} and category=? "
                             "and output_unit=?", (year, category, unit)).fetchone()
    result = ask_demo(q)
    assert result["answer"]["value"] == pytest.approx(expected, abs=1e-3)
    assert "按完工年份统计" in result["understood"]
    assert _listed(client, result["links"]["records"])[1] == pytest.approx(expected, abs=1e-3)


def test_yearly_completions_are_by_year_of_completion(ask_demo, db):
    expected = dict(db.execute("select cast(strftime('%Y', completed_date) as integer), count(*) from projects "
                               "where publication_id=1 and completed_date is not null group by 1"))
    result = ask_demo("2021到2025年每年完工多少个项目")
    assert "按完工年份统计" in result["understood"]
    assert [row[1] for row in result["answer"]["rows"]] == [expected.get(y, 0) for y in range(2021, 2026)]
    for row, year in zip(result["links"]["rows"], range(2021, 2026)):
        assert _args(row["records"]["projects"])["completed_year"] == [str(year)]


def test_district_ranking_of_places_added(ask_demo, db):
    rows = db.execute(f"select region_code, sum(output_actual) s from projects where {DONE_IN} and "
                      "category='幼儿园建设' and output_unit='个' and region_code != '990000' group by region_code "
                      "order by s desc, region_code", (2022,)).fetchall()
    result = ask_demo("2022年新增幼儿园学位最多的区县")
    assert "按完工年份统计" in result["understood"]
    assert result["answer"]["keys"][0] == rows[0][0]
    assert result["answer"]["rows"][0][1] == pytest.approx(rows[0][1])


def test_share_among_the_projects_completed_that_year(ask_demo, db, client):
    (part,) = db.execute(f"select count(*) from projects where {DONE_IN} and category='农村公路'", (2025,)).fetchone()
    (whole,) = db.execute(f"select count(*) from projects where {DONE_IN}", (2025,)).fetchone()
    result = ask_demo("2025年完工的项目中，农村公路占比")
    assert result["answer"]["part"] == part and result["answer"]["total"] == whole
    assert "全部完工项目" in result["understood"] and "按完工年份统计" in result["understood"]
    part_url, whole_url = (r["records"]["projects"] for r in result["links"]["rows"])
    assert _listed(client, part_url)[0] == part and _listed(client, whole_url)[0] == whole


@pytest.mark.parametrize("q, sql, basis", [
    ("2026年度项目有多少个", "year=2026", "按项目年度统计"),
    ("2025年安排了多少个项目", "year=2025", "按项目年度统计"),
    ("2024年的项目里已经完工的有几个", "year=2024 and status='已完工'", "按项目年度统计"),
    ("2025年新开工的项目有多少个", "cast(strftime('%Y', start_date) as integer)=2025", "按开工日期统计"),
])
def test_plan_words_keep_the_project_year(ask_demo, db, q, sql, basis):
    (expected,) = db.execute(f"select count(*) from projects where publication_id=1 and {sql}").fetchone()
    result = ask_demo(q)
    assert result["answer"]["value"] == expected
    assert basis in result["understood"] and "completed_year" not in result["links"]["records"]


def test_planned_output_keeps_the_project_year(ask_demo, db):
    (expected,) = db.execute("select sum(output_planned) from projects where publication_id=1 and year=2026 "
                             "and category='医疗卫生机构' and output_unit='张'").fetchone()
    result = ask_demo("今年医疗卫生机构项目计划新增多少张床位")
    assert result["answer"]["value"] == pytest.approx(expected)
    assert "按项目年度统计" in result["understood"]


def test_projects_page_filters_by_completion_year(client, db):
    (expected,) = db.execute(f"select count(*) from projects where {DONE_IN} and "
                             "cast(strftime('%m', completed_date) as integer) between 1 and 6", (2024,)).fetchone()
    page = client.get("/projects.json?completed_year=2024&completed_month_from=1&completed_month_to=6&pub=1")
    assert page.get_json()["count"] == expected > 0
    html = client.get("/projects?completed_year=2024&pub=1").get_data(as_text=True)
    assert "完工年份" in html
    bad = client.get("/projects.json?completed_year=abc&pub=1")
    assert bad.status_code == 400 and "完工年份" in bad.get_json()["error"]["message"]
