"""Readings for a first-time user's everyday words (issue #18 item 7, tasks_blind6's classes), in words of
their own: a thing built said of the villages or townships is that category of projects, never a spending
class; 慢/停工/烂尾 are the delayed projects, slowest first; 要修/设计 ask for the planned output; a unit's
abbreviation (the middle of its name dropped) is the unit; 「每位居民摊到」 is 人均; 「财政有多少钱」 is the
budget; revenue and notices nothing was read in are declined with what the site does not hold; a percentage
under 10 keeps two decimals; a voucher number in a question is that payment (listed by the portal), no figure."""
import pytest

from nlq.lexicon import unit_abbreviation
from nlq.present import percent

PUBLISHED = "(SELECT max(id) FROM publications WHERE status = 'published')"


@pytest.mark.parametrize("q, category", [("乡下的卫生院盖得怎么样了", "医疗卫生机构"),
                                          ("农村铺的公路", "农村公路"),
                                          ("村村修的水渠进度", "农田水利")])
def test_a_thing_built_in_the_countryside_is_its_projects(ask_demo, q, category):
    result = ask_demo(q)
    assert result["query"]["kind"] == "project" and result["query"]["category"] == category, result["understood"]


def test_a_countryside_class_of_spending_stays_a_class(ask_demo):
    result = ask_demo("2024年农村学校建设支出")
    assert (result.get("query") or {}).get("category") is None


@pytest.mark.parametrize("q", ["今年哪些工程进展缓慢", "有没有停工的工程", "哪些项目建得慢"])
def test_slow_or_stalled_are_the_delayed_projects_slowest_first(ask_demo, q):
    result = ask_demo(q)
    assert result["query"]["status"] == "滞后", result["understood"]
    progress = [row[-1] for row in result["answer"]["rows"]]
    assert progress == sorted(progress), "the most delayed first, never the fastest"


def test_a_length_to_be_built_is_the_planned_output(ask_demo, db):
    name, planned, actual = db.execute(
        f"SELECT name, output_planned, output_actual FROM projects WHERE publication_id = {PUBLISHED} "
        "AND category = '农村公路' AND output_unit = '公里' AND output_planned != output_actual "
        "AND name LIKE '%至%村%' ORDER BY code LIMIT 1").fetchone()
    result = ask_demo(f"{name}设计要修多少公里")
    assert result["query"]["planned"], result["understood"]
    assert result["answer"]["value"] == pytest.approx(planned)


def test_a_unit_abbreviation_drops_the_middle_of_its_name():
    assert unit_abbreviation("某某区疾病预防控制中心") == "某某区疾控中心"
    assert unit_abbreviation("某某县农业技术推广中心") == "某某县农推中心"
    assert unit_abbreviation("某某区救助管理站") is None  # two words before the suffix: no middle to drop


def test_a_unit_by_its_abbreviation(ask_demo, db):
    code, name = db.execute(f"SELECT code, name FROM units WHERE publication_id = {PUBLISHED} "
                            "AND name LIKE '%区疾病预防控制中心' ORDER BY code LIMIT 1").fetchone()
    result = ask_demo(f"{unit_abbreviation(name)}去年花了多少钱")
    assert result["query"]["kind"] == "unit" and result["query"]["units"] == [code], result["understood"]


@pytest.mark.parametrize("q", ["松岗县2024年每个市民平均摊多少财政支出", "2025年全市摊到每个老百姓头上的支出"])
def test_spending_per_resident_in_everyday_words(ask_demo, q):
    result = ask_demo(q)
    assert result["query"]["measure"] == "per_capita", result["understood"]


@pytest.mark.parametrize("q", ["今年政府一共有多少钱", "2025年全市财政有多少钱"])
def test_the_money_a_year_has_is_its_budget(ask_demo, q):
    result = ask_demo(q)
    assert result["query"]["measure"] == "budget", result["understood"]
    assert "预算" in result["understood"]


@pytest.mark.parametrize("q, said", [("违章罚款一年收多少", "收入"), ("中标公告去哪里查", "公告"),
                                     ("行政事业性收费收了多少", "收入")])
def test_revenue_and_notices_are_declined_with_what_is_not_held(ask_demo, q, said):
    result = ask_demo(q)
    assert result["decline"], result["understood"]
    assert "本站没有" in result["decline"]["message"] and said in result["decline"]["message"]
    assert result["search_fallback"] is not None


def test_a_percentage_under_ten_keeps_two_decimals():
    assert percent(1.784) == "1.78%"
    assert percent(-3.456) == "-3.46%"
    assert percent(45.63) == "45.6%"


@pytest.mark.parametrize("asked", ["{v} 收款的是哪家单位", "请问{v}这笔是付给谁的", "凭证{v}多少钱"])
def test_a_voucher_number_in_a_question_is_that_payment_never_a_ranking(ask_demo, db, asked):
    (voucher,) = db.execute(f"SELECT id FROM payments WHERE publication_id = {PUBLISHED} ORDER BY id DESC LIMIT 1"
                            ).fetchone()
    result = ask_demo(asked.format(v=voucher.lower()))
    assert result["query"] is None and result["answer"] is None, result["understood"]
    assert voucher in result["understood"] and result["search_fallback"] is not None
