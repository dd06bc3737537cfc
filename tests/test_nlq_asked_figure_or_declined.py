"""The figure answered is the one asked, or the question is declined (issue #18): a payee's first payment is a
date, not its payments' sum; 「3月以来」 is March up to now, not March alone; 「占本市支出」 is the place's own
total, not 市政 with a character dropped; 「（19到23）」 and 「四年间」 are spans, not the last year; a forecast is
answered only when the warning rule's estimate is what is asked."""
import pytest
from conftest import declined_message

LATEST = "(SELECT max(id) FROM publications WHERE status = 'published')"


def test_a_payees_first_payment_is_its_date(ask_demo, db):
    (payee,) = db.execute(f"SELECT payee FROM payments WHERE publication_id = {LATEST} AND payee_type = '单位' "
                          "GROUP BY payee ORDER BY count(*) DESC LIMIT 1").fetchone()
    (first,) = db.execute(f"SELECT min(date) FROM payments WHERE publication_id = {LATEST} AND payee = ?",
                          (payee,)).fetchone()
    result = ask_demo(f"{payee}头一回收到钱是哪天")
    assert result["query"]["kind"] == "single_payment", result["understood"]
    assert result["answer"]["value"] == first


@pytest.mark.parametrize("question, months", [
    ("今年5月以来国库一共付了几笔", (5, 10)),
    ("2026年2月1日以来付款有多少笔", (2, 10)),
])
def test_payments_since_a_month_run_to_the_data_month(ask_demo, db, question, months):
    (count,) = db.execute(f"SELECT count(*) FROM payments WHERE publication_id = {LATEST} AND date BETWEEN ? AND ?",
                          (f"2026-{months[0]:02d}-01", f"2026-{months[1]:02d}-31")).fetchone()
    result = ask_demo(question)
    assert (result["answer"]["value"], result["answer"]["unit"]) == (count, "笔"), result["understood"]


def test_spending_since_a_month_is_the_months_summed(ask_demo, db):
    (fen,) = db.execute(f"SELECT sum(amount_fen) FROM expenditures WHERE publication_id = {LATEST} AND year = 2026 "
                        "AND month BETWEEN 6 AND 10").fetchone()
    result = ask_demo("6月份以来全市花了多少钱")
    assert result["answer"]["value"] == pytest.approx(fen / 100, abs=0.01), result["understood"]


@pytest.mark.parametrize("question", ["4月20日以来一共付了多少钱", "2025年9月以来高龄津贴发了多少"])
def test_a_since_that_is_no_month_range_of_one_year_is_declined(ask_demo, question):
    assert declined_message(ask_demo(question))


def test_a_class_share_of_the_places_own_total(ask_yb, yearbook_sql):
    result = ask_yb("2021年上海教育占本市支出的比重是多少")
    ((part, whole),) = yearbook_sql(
        "SELECT sum(CASE WHEN class_code = '205' THEN amount_fen END), sum(amount_fen) FROM expenditures "
        "WHERE publication_id = :pub AND year = 2021 AND region_code = '310000' AND length(class_code) = 3")
    assert result["answer"]["value"] == pytest.approx(part / whole * 100, abs=0.01), result["understood"]


def test_a_span_in_brackets_is_both_years(ask_yb, yearbook_sql):
    result = ask_yb("浙江卫生健康支出（20到23）增加了多少")
    assert "2020" in result["understood"] and "2023" in result["understood"], result["understood"]


@pytest.mark.parametrize("question", ["今年年底预算能花完吗", "年底执行率预计会是多少", "全年预计执行率多少"])
def test_a_bare_forecast_is_declined(ask_demo, question):
    assert "不做预测" in declined_message(ask_demo(question))


def test_the_warning_rules_estimate_answers_in_its_own_words(ask_demo):
    result = ask_demo("按照监督预警规则，年底执行率预计多少")
    assert result["query"]["kind"] == "supervision" and result["answer"]["unit"] == "%", result["understood"]


def test_the_project_with_the_largest_contract_is_not_the_contracts_total(ask_demo, db):
    """A project picked by its contract sum is no count or sum of every contract: the projects ranked by it."""
    for question, order in (("哪个项目的中标合同总额最大", "DESC"), ("合同额最小的项目叫什么", "ASC")):
        (name,) = db.execute(
            "SELECT p.name FROM project_contracts c JOIN projects p ON p.code = c.project_code AND p.publication_id = "
            "c.publication_id WHERE c.publication_id = (SELECT max(id) FROM publications WHERE status = 'published') "
            f"AND c.contract_fen IS NOT NULL GROUP BY p.code ORDER BY sum(c.contract_fen) {order}, p.code LIMIT 1").fetchone()
        assert ask_demo(question)["answer"]["top"] == name, question
    assert ask_demo("去年中标合同合计多少钱")["query"]["kind"] == "awards"


@pytest.mark.parametrize("question", ["修路的平均单位成本是多少", "幼儿园项目每个学位平均造价"])
def test_an_average_unit_cost_is_not_the_first_district(ask_demo, question):
    assert "平均单位成本" in declined_message(ask_demo(question))


def test_the_ranking_of_districts_by_unit_cost_still_answers(ask_demo):
    assert ask_demo("哪个区县修路每公里成本最低")["query"]["kind"] == "unit_cost"


def test_works_payments_by_stage_are_declined(ask_demo):
    assert "进度款" in declined_message(ask_demo("去年一共付了多少工程进度款"))


def test_a_plan_and_its_payments_asked_together(ask_demo):
    result = ask_demo("今年项目计划支出多少、实际支付了多少")
    assert result["query"]["kind"] == "plans" and [r[0] for r in result["answer"]["rows"]] == ["年度用款计划", "实际支付"]
