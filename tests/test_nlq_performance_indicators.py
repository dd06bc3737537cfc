"""One performance indicator (绩效) across finished projects (issue #18): 满意度, 质量达标率, 单位成本 and a 效益
indicator — averaged, counted against their targets or a bound, and ranked — with the values the project pages and
the 绩效 page use (ledger.queries.performance), each answer linked to the rows it is taken over; a scope those
figures cannot take is declined with a reason, never read as another one."""
import csv
import io
from decimal import ROUND_HALF_UP, Decimal

import pytest

PUB = "(select max(id) from publications where status='published')"


def _csv_rows(client, url):
    path, _, query = url.partition("?")
    response = client.get(f"{path}?{query}")
    assert response.status_code == 200, url
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def _mean(values):
    total = sum((Decimal(str(v)) for v in values), Decimal(0))
    return float((total / len(values)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def test_a_categorys_mean_satisfaction_from_its_finished_projects(ask_demo, db, client):
    category = db.execute(f"select category from projects where publication_id={PUB} and status='已完工' "
                          "group by category order by count(*) desc limit 1").fetchone()[0]
    values = [r[0] for r in db.execute(f"select satisfaction_actual_pct from projects where publication_id={PUB} "
                                       "and category=? and satisfaction_actual_pct is not null", (category,))]
    result = ask_demo(f"{category}这类工程群众满意度平均下来是多少")
    assert result["query"]["kind"] == "performance"
    assert result["answer"]["value"] == _mean(values) and result["answer"]["count"] == len(values)
    assert "满意度" in result["understood"] and "绩效页" in result["understood"]
    rows = _csv_rows(client, result["links"]["records"])
    assert len(rows) == len(values) and {r["类别"] for r in rows} == {category}


@pytest.mark.parametrize("q, sql", [
    ("质量达标率低于目标值的完工项目一共几个", "quality_actual_pct < quality_target_pct"),
    ("满意度不达标的项目数量是多少", "satisfaction_actual_pct < satisfaction_target_pct"),
    ("实际单位造价超标的工程有多少个", "unit_cost_actual_fen > unit_cost_target_fen"),
    ("完工项目里满意度高于90%的有几个", "satisfaction_actual_pct > 90"),
])
def test_projects_counted_against_their_target(ask_demo, db, client, q, sql):
    (want,) = db.execute(f"select count(*) from projects where publication_id={PUB} and status='已完工' and {sql}"
                         ).fetchone()
    result = ask_demo(q)
    assert result["answer"]["value"] == want > 0, (q, result["understood"])
    assert result["answer"]["unit"] == "个"
    assert _csv_rows(client, result["links"]["records"])  # the rows the count is taken over


def test_a_benefit_indicator_counted_across_categories(ask_demo, db):
    (want,) = db.execute(f"select count(*) from projects where publication_id={PUB} and benefit_name='受益人口' "
                         "and benefit_actual > benefit_target").fetchone()
    result = ask_demo("受益人口实际多于目标的项目有几个")
    assert result["query"]["category"] is None and result["answer"]["value"] == want


def test_the_lowest_satisfaction_names_the_project(ask_demo, db):
    name, value = db.execute(f"select name, satisfaction_actual_pct from projects where publication_id={PUB} "
                             "and satisfaction_actual_pct is not null order by satisfaction_actual_pct, code"
                             ).fetchone()
    result = ask_demo("哪个完工项目的满意度最差")
    assert result["answer"]["top"] == name and result["answer"]["value"] == value
    assert result["links"]["rows"][0]["records"]["project"].startswith("/projects/")


@pytest.mark.parametrize("q, why", [
    ("2024年完工的项目满意度平均多少", "完工年份"),  # the year of completion is no scope of these figures
    ("在建项目的平均满意度", "完工后填报"),  # no actual values before completion
    ("各项目效益指标平均是多少", "没有意义"),  # different indicators do not add up
])
def test_scopes_the_figures_cannot_take_are_declined(ask_demo, q, why):
    result = ask_demo(q)
    assert result["answer"] is None or result["answer"].get("value") is None, (q, result["answer"])
    assert why in result["understood"], (q, result["understood"])


def test_one_named_projects_satisfaction_stays_its_record(ask_demo, db):
    (name,) = db.execute(f"select name from projects where publication_id={PUB} group by name having count(*) = 1 "
                         "and max(satisfaction_actual_pct) is not null order by min(code) limit 1").fetchone()
    result = ask_demo(f"{name}的满意度是多少")
    assert result["query"]["kind"] == "project" and result["query"]["topic"] == "satisfaction"
