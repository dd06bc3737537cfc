"""A figure that does not account for the question is declined (nlq/accounting.py, issue #18): several values
asked and one given, names asked and a total given, a percentage or a count asked and an amount given, a year
written and another year answered, treasury payments asked and a budget class answered, a department's units
asked and the department answered, projects located in a region asked and its budget units' projects counted.
Questions in words of their own (none of an evaluation set's); the readings
that stay answered are checked against straight SQL."""
import pytest
from conftest import declined_message

PUBLISHED = "(SELECT max(id) FROM publications WHERE status = 'published')"


def _unaccounted(result):
    message = declined_message(result)
    assert result["decline"]["reason"] == "unaccounted", (result["question"], message)
    return message


# (「五个区合计与五个县合计…分别是多少」 is answered side by side now: tests/test_nlq_groups_side_by_side.py)
@pytest.mark.parametrize("q", ["2025年市本级与区县合计的卫生健康支出各多少"])
def test_several_values_asked_one_figure_computed(ask_demo, q):
    result = ask_demo(q)
    assert "几个数字" in _unaccounted(result)
    assert result["alternatives"], "the reading computed is offered as a question of its own"


@pytest.mark.parametrize("q", ["示例市教育局下面有哪些学校", "去年市本级支出最多的是哪一所学校"])
def test_names_asked_are_the_units_named(ask_demo, q):
    """Once one total computed in their place (declined here); the units' own names now answer them
    (nlq/kinds/unit.py, tests/test_nlq_units_listed.py)."""
    result = ask_demo(q)
    assert result["query"]["kind"] == "unit" and result["answer"]["rows"], result["understood"]


@pytest.mark.parametrize("q", ["2024年全市教育支出笔数", "去年鹭洲区卫生健康支出的笔数"])
def test_a_count_asked_money_computed(ask_demo, q):
    assert "个数" in _unaccounted(ask_demo(q))


@pytest.mark.parametrize("q", ["2024年全市已完工项目数", "去年公园绿地项目数"])
def test_a_project_count_is_counted(ask_demo, q):
    """「项目数」 is a count of projects (nlq_blind13 [count answered with money]): answered in 个, not declined."""
    answer = ask_demo(q)["answer"]
    assert answer["unit"] == "个" and answer["value"] > 0


def test_a_percentage_asked_another_figure_computed(ask_demo):
    assert "百分比" in _unaccounted(ask_demo("松岗县前年的教育支出比再前一年多了百分之几"))


@pytest.mark.parametrize("q", ["2024年鹭洲区教育支出（2023年）", "市本级卫生健康支出占全市比重（2023）"])
def test_a_year_written_and_left_out(ask_demo, q):
    assert "2023年" in _unaccounted(ask_demo(q))


@pytest.mark.parametrize("q", ["鹭洲区去年国库支付了多少钱"])  # to persons: tests/test_nlq_payments_by_payee_type.py
def test_treasury_payments_asked_a_budget_class_computed(ask_demo, q):
    assert "国库支付" in _unaccounted(ask_demo(q))


def test_projects_located_in_a_region_are_not_its_budget_units_projects(ask_demo):
    """「境内」 asks for the projects located there; the region's own budget units' projects are another set: once
    declined, now counted by location (tests/test_nlq_projects_located_in.py)."""
    result = ask_demo("松岗县境内今年有多少个在建项目")
    assert "境内" in result["understood"] and "located=" in result["links"]["records"]


@pytest.mark.parametrize("q, word", [("哪个部门人均预算最高", "预算")])  # (of counties: budgets per resident now)
def test_the_amount_named_is_the_amount_computed(ask_demo, q, word):
    """The budget asked and the spending computed (or the other way round) is a measure read by default."""
    assert f"「{word}」" in _unaccounted(ask_demo(q))


def test_spending_and_budget_asked_are_both_answered(ask_demo):
    """Once declined as the other measure's figure; both are answered now (nlq/kinds/measures.py)."""
    result = ask_demo("鹭洲区今年教育花了多少，预算是多少")
    assert [row[0] for row in result["answer"]["rows"]] == ["支出", "预算"]


# ---- readings that account for the question stay answered --------------------------------------------

def _spent(db, year, region):
    """A region's spending in a year, in 元 (amounts are stored in fen)."""
    return db.execute(f"SELECT sum(e.amount_fen) / 100.0 FROM expenditures e JOIN regions r ON r.code = e.region_code "
                      f"AND r.publication_id = e.publication_id WHERE e.publication_id = {PUBLISHED} "
                      f"AND e.year = ? AND r.name = ?", (year, region)).fetchone()[0]


def test_the_budget_asked_is_answered_with_the_budget(ask_demo, db):
    result = ask_demo("2025年鹭洲区预算是多少")
    (fen,) = db.execute(f"SELECT sum(b.budget_fen) FROM budgets b JOIN regions r ON r.code = b.region_code "
                        f"AND r.publication_id = b.publication_id WHERE b.publication_id = {PUBLISHED} "
                        "AND b.year = 2025 AND r.name = '鹭洲区'").fetchone()
    assert result["answer"]["value"] == pytest.approx(fen / 100, abs=0.01), result["understood"]


def test_a_figure_that_accounts_for_every_word_is_answered(ask_demo, db):
    result = ask_demo("2025年鹭洲区支出是多少")
    assert result["answer"]["kind"] == "figure"
    assert result["answer"]["value"] == pytest.approx(_spent(db, 2025, "鹭洲区"), abs=0.01)


def test_two_years_side_by_side_are_answered_with_both(ask_demo, db):
    result = ask_demo("2024年和2025年鹭洲区支出分别是多少")
    assert result["answer"]["kind"] != "decline"
    values = sorted(row[1] for row in result["answer"]["rows"] if isinstance(row[1], (int, float)))
    expected = sorted([_spent(db, 2024, "鹭洲区"), _spent(db, 2025, "鹭洲区")])
    assert values[:2] == pytest.approx(expected, abs=0.01)


@pytest.mark.parametrize("q", ["今年前三季度全市教育支出", "各区县今年合计支出", "枫林区去年支出比前年增长多少"])
def test_words_that_look_alike_are_not_unaccounted(ask_demo, q):
    result = ask_demo(q)
    assert (result.get("decline") or {}).get("reason") != "unaccounted", result["understood"]
