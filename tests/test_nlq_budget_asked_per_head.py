"""The figure a question names, not a neighbour of it (issue #18): the budget when the budget is asked
(「一般公共预算是多少」「批了多少钱」), a unit's execution rate when the share of its budget used is asked,
budgets per head ranked (「按人头」), units of one kind added up across departments (「学校类单位」), and a
payment purpose's payments year by year — never the spending, a total, the budget class or another class in
their place. Expected values by straight SQL on the published tables."""
import pytest
from support.answers import assert_declined

PUB = "publication_id=1"


def _budget(db, where, year=2026):
    (fen,) = db.execute(f"select sum(b.budget_fen) from budgets b where b.{PUB} and b.year={year} and {where}").fetchone()
    return fen / 100


def test_general_budget_of_each_district_is_the_budget(ask_demo, db):
    result = ask_demo("今年各个区县的一般公共预算分别有多少")
    assert result["query"]["measure"] == "budget"
    rows = {row[0]: row[1] for row in result["answer"]["rows"]}
    (code,) = db.execute(f"select code from regions where {PUB} and name='梅溪县'").fetchone()
    assert rows["梅溪县"] == pytest.approx(_budget(db, f"b.region_code='{code}'"))


def test_money_approved_for_a_department_is_its_budget(ask_demo):
    result = ask_demo("市教育局今年一共批了多少钱")
    assert result["query"]["measure"] == "budget"


def test_share_of_a_units_budget_used_is_its_rate(ask_demo, db):
    code, name = db.execute(f"select u.code, u.name from units u where u.{PUB} and u.kind='学校' and (select count(*) "
                            f"from units v where v.{PUB} and v.name=u.name)=1 order by u.code limit 1").fetchone()
    result = ask_demo(f"{name}今年到目前花了预算的百分之多少")
    assert result["query"]["measure"] == "rate" and result["answer"]["unit"] == "%"
    (spent,) = db.execute(f"select sum(amount_fen) from unit_expenditures where {PUB} and unit_code=? and year=2026",
                          (code,)).fetchone()
    (budget,) = db.execute(f"select sum(budget_fen) from unit_budgets where {PUB} and unit_code=? and year=2026",
                           (code,)).fetchone()
    assert result["answer"]["value"] == pytest.approx(spent / budget * 100, abs=1e-3)


def test_budget_per_head_ranks_per_head(ask_demo, db):
    result = ask_demo("今年按人头平均，预算最少的是哪个区县")
    per_head = {}
    for code, name, people in db.execute(f"select code, name, population from regions where {PUB} and level=1"):
        per_head[name] = _budget(db, f"b.region_code='{code}'") / people
    lowest = min(per_head, key=per_head.get)
    assert result["answer"]["rows"][0][0] == lowest
    assert result["answer"]["rows"][0][1] == pytest.approx(per_head[lowest], abs=0.01)


def test_units_of_one_kind_added_up(ask_demo, db):
    result = ask_demo("2025年学校类单位的支出一共是多少")
    (fen,) = db.execute(f"select sum(e.amount_fen) from unit_expenditures e join units u on u.{PUB} and "
                        f"u.code=e.unit_code where e.{PUB} and u.kind='学校' and e.year=2025").fetchone()
    assert result["answer"]["value"] == fen / 100 and result["query"]["kind"] == "unit"


def test_a_purposes_payments_year_by_year(ask_demo, db):
    result = ask_demo("高龄津贴2022至2024年每一年各发放了多少")
    want = db.execute(f"select strftime('%Y', date), sum(amount_fen) from payments where {PUB} and purpose='高龄津贴' "
                      "and date between '2022-01-01' and '2024-12-31' group by 1 order by 1").fetchall()
    assert [(row[0], row[1]) for row in result["answer"]["rows"]] == [(f"{y}年", fen / 100) for y, fen in want]
    assert result["links"]["rows"][0]["records"]["payments"].startswith("/records/payments?")


def test_budget_per_head_without_residents_still_declined(ask_demo, db):
    """A unit or a department has no population to divide by: no budget per head, no spending in its place."""
    (name,) = db.execute(f"select name from units where {PUB} and kind='医院' order by code limit 1").fetchone()
    assert_declined(ask_demo(f"{name}按人头算预算多少"))
    assert_declined(ask_demo("按人头算，市直哪个部门预算最多"))


def test_spending_shared_out_per_person_is_per_head(ask_demo):
    result = ask_demo("松岗县今年的支出摊到一个人身上是多少")
    assert result["query"]["measure"] == "per_capita" and result["answer"]["unit"] == "元/人"
    result = ask_demo("全市去年的钱一个人摊下来多少")
    assert result["query"]["measure"] == "per_capita"
