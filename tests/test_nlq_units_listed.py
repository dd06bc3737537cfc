"""Second-level units (二级单位) counted, listed, ranked and added up (issue #18): from the published units table and
the units' own budget and spending rows (ledger.queries.units), each answer linked to the rows it counts or adds up
— never a department's or a class's figure in their place."""

import csv
import io
from decimal import Decimal

import pytest


def _names(db, sql, *args):
    return [r[0] for r in db.execute(sql, args)]


def _csv_rows(client, url):
    path, _, query = url.partition("?")
    path = path if path.endswith(".csv") else f"{path}.csv"
    response = client.get(f"{path}?{query}")
    assert response.status_code == 200, url
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def _dept(db, name):
    return db.execute("select code from departments where publication_id=1 and name=?", (name,)).fetchone()[0]


def test_a_departments_schools_counted_with_their_names(ask_demo, db, client):
    want = _names(db, "select name from units where publication_id=1 and kind='学校' and dept_code=? order by code",
                  _dept(db, "市教育局"))
    result = ask_demo("市教育局底下直属的有几所学校")
    assert result["answer"]["value"] == len(want) > 0
    assert [r[0] for r in result["answer"]["rows"]] == want
    assert "市教育局下属二级单位中学校" in result["understood"]
    assert len(_csv_rows(client, result["links"]["records"])) == len(want)


def test_a_departments_units_listed(ask_demo, db):
    want = _names(db, "select name from units where publication_id=1 and dept_code=? order by code",
                  _dept(db, "市民政局"))
    result = ask_demo("市民政局下属单位都有哪些")
    assert [r[0] for r in result["answer"]["rows"]] == want and result["answer"]["value"] == len(want)


def test_a_regions_schools_listed_as_budget_units(ask_demo, db, client):
    want = _names(db, "select u.name from units u join departments d on d.publication_id=u.publication_id "
                      "and d.code=u.dept_code where u.publication_id=1 and d.region_code='990123' and u.kind='学校' "
                      "order by u.code")
    result = ask_demo("竹源县有多少所学校单独列了预算")
    assert result["query"]["regions"] == ["990123"] and result["answer"]["value"] == len(want) > 0
    assert sorted(r["name"] for r in _csv_rows(client, result["links"]["records"])) == sorted(want)


@pytest.mark.parametrize("q, kind", [("全市二级单位里医院有几家", "医院"),
                                     ("二级单位中学校类（包括中学小学）一共多少所", "学校"),
                                     ("单位类型是事业单位的二级单位有多少个", "事业单位")])
def test_every_unit_of_a_kind_counted(ask_demo, db, q, kind):
    (count,) = db.execute("select count(*) from units where publication_id=1 and kind=?", (kind,)).fetchone()
    result = ask_demo(q)
    assert result["answer"]["value"] == count > 0, (q, result["understood"])


def test_the_city_levels_hospital_with_the_largest_spending(ask_demo, db, client):
    name, fen = db.execute(
        "select u.name, sum(x.amount_fen) v from unit_expenditures x join units u on u.publication_id=1 "
        "and u.code=x.unit_code join departments d on d.publication_id=1 and d.code=u.dept_code "
        "where x.publication_id=1 and x.year=2025 and u.kind='医院' and d.region_code='990000' "
        "group by u.name order by v desc limit 1").fetchone()
    result = ask_demo("2025年市本级的医院里哪一家花钱最多")
    assert result["answer"]["top"] == name and result["answer"]["value"] == fen / 100
    total = sum(Decimal(r["支出数（元）"]) for r in _csv_rows(client, result["links"]["rows"][0]["records"]["spent"]))
    assert int(total * 100) == fen


def test_a_departments_units_ranked_by_budget(ask_demo, db):
    name = db.execute("select u.name from unit_budgets b join units u on u.publication_id=1 and u.code=b.unit_code "
                      "where b.publication_id=1 and b.year=2026 and u.dept_code=? group by u.name "
                      "order by sum(b.budget_fen) desc limit 1", (_dept(db, "市教育局"),)).fetchone()[0]
    assert ask_demo("市教育局下属单位中今年预算最高的是哪家")["answer"]["top"] == name


def test_a_departments_schools_added_up(ask_demo, db, client):
    (fen,) = db.execute("select sum(b.budget_fen) from unit_budgets b join units u on u.publication_id=1 "
                        "and u.code=b.unit_code where b.publication_id=1 and b.year=2025 and u.kind='学校' "
                        "and u.dept_code=?", (_dept(db, "市教育局"),)).fetchone()
    result = ask_demo("市教育局下属学校2025年预算加起来多少")
    assert result["answer"]["value"] == fen / 100 and "不含部门本级" in result["understood"]
    total = sum(Decimal(r["预算数（元）"]) for r in _csv_rows(client, result["links"]["records"]))
    assert int(total * 100) == fen


def test_a_units_spending_in_one_month(ask_demo, db, client):
    (fen,) = db.execute("select sum(amount_fen) from unit_expenditures x join units u on u.publication_id=1 "
                        "and u.code=x.unit_code where x.publication_id=1 and x.year=2026 and x.month=9 "
                        "and u.name='示例市人民医院'").fetchone()
    result = ask_demo("市人民医院今年9月份当月支出多少")
    assert result["answer"]["value"] == fen / 100
    total = sum(Decimal(r["支出数（元）"]) for r in _csv_rows(client, result["links"]["records"]))
    assert int(total * 100) == fen


def test_two_units_each_spent(ask_demo, db):
    result = ask_demo("市第二人民医院和市妇幼保健院去年各花了多少")
    assert result["query"]["kind"] == "unit" and len(result["answer"]["rows"]) == 2


@pytest.mark.parametrize("q", [
    "市中医院10月份预算多少",  # a budget is for the year, never a month's
    "市教育局下面的学校今年预算增长了多少",  # a growth of the units: not held
    "东湖区有几所学校是二级单位",  # a district the publication does not have
])
def test_what_the_units_cannot_answer_is_declined(ask_demo, q):
    result = ask_demo(q)
    assert result["answer"] is None or result["answer"].get("kind") == "decline", (q, result["understood"])
