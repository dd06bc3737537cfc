"""Classes of wrong figures and needless declines found on nlq_blind13/14 (issue #18), each checked with
questions written here in other words: period words (单月、头三个季度、「十四五」、「10月份比9月份」), a share whose
whole was not read (never 「100 %」), both levels named as the whole city, the source named before a question, a
pseudonymised payee, a mean or a year-end figure the data cannot give, 「前三名」 after 「哪一类」, a named project's
progress at a quarter's end. Figures are checked against straight SQL."""
import pytest
from conftest import declined_message
from support.answers import PUBLISHED
from support.answers import spent as _spent


def _budget(db, year, region=None):
    statement = f"SELECT SUM(budget_fen) FROM budgets WHERE publication_id = {PUBLISHED} AND year = ?"
    params = [year]
    if region:
        statement += f" AND region_code = (SELECT code FROM regions WHERE publication_id = {PUBLISHED} AND name = ?)"
        params.append(region)
    return db.execute(statement, params).fetchone()[0] / 100


# ---- period words ------------------------------------------------------------------------------------

def test_a_single_month_said_with_yuefen_and_danyue(ask_demo, db):
    result = ask_demo("全市今年7月份单月花了多少钱")
    assert result["answer"]["value"] == pytest.approx(_spent(db, [2026], (7, 7)), abs=0.01)


def test_the_first_three_quarters_said_with_tou(ask_demo, db):
    result = ask_demo("全市今年头三个季度一共花了多少")
    assert result["answer"]["value"] == pytest.approx(_spent(db, [2026], (1, 9)), abs=0.01)


def test_a_five_year_plan_is_its_own_years_not_the_last_five(ask_demo, db):
    result = ask_demo("“十四五”期间全市卫生健康一共花了多少钱")
    assert result["answer"]["value"] == pytest.approx(_spent(db, [2021, 2025], class_name="卫生健康支出"), abs=0.01)
    assert "2021—2025" in result["understood"]


def test_a_month_against_the_month_before_is_a_change_over_the_month(ask_demo, db):
    result = ask_demo("全市8月份的支出跟7月份比，变了百分之几")
    this, base = _spent(db, [2026], (8, 8)), _spent(db, [2026], (7, 7))
    assert result["answer"]["unit"] == "%"
    assert result["answer"]["value"] == pytest.approx((this / base - 1) * 100, abs=0.01)


# ---- shares: the whole as named, never a part of itself ----------------------------------------------

def test_a_whole_named_before_litou(ask_demo, db):
    result = ask_demo("今年澄湖区的预算在全市里头占多大比重")
    assert result["answer"]["value"] == pytest.approx(_budget(db, 2026, "澄湖区") / _budget(db, 2026) * 100, abs=0.01)


def test_one_level_of_regions_against_all_of_them(ask_demo, db):
    districts = ["鹭洲区", "枫林区", "澄湖区", "星桥区", "银杏区"]
    everyone = districts + ["松岗县", "梅溪县", "竹源县", "桂岭县", "云峰县"]
    part = sum(_spent(db, [2025], region=r) for r in districts)
    whole = sum(_spent(db, [2025], region=r) for r in everyone)
    result = ask_demo("去年五个区的支出占十个区县支出的比例")
    assert result["answer"]["value"] == pytest.approx(part / whole * 100, abs=0.01)


def test_a_share_of_itself_is_declined_not_one_hundred_percent(ask_demo):
    assert "分母" in declined_message(ask_demo("枫林区教育支出占枫林区教育支出的比重"))


def test_both_levels_together_are_the_whole_city(ask_demo, db):
    result = ask_demo("2025年全市预算是多少？包括市本级和各区县")
    assert result["answer"]["value"] == pytest.approx(_budget(db, 2025), abs=0.01)
    result = ask_demo("去年市本级与区县支出加起来多少")
    assert result["answer"]["value"] == pytest.approx(_spent(db, [2025]), abs=0.01)


def test_every_class_added_up_is_one_total(ask_demo, db):
    result = ask_demo("2023年全市各类支出总额是多少")
    assert result["answer"]["kind"] == "figure"
    assert result["answer"]["value"] == pytest.approx(_spent(db, [2023]), abs=0.01)


def test_top_n_after_which_class(ask_demo):
    result = ask_demo("去年哪一类支出最多？列前两名")
    assert len(result["answer"]["rows"]) == 2


# ---- the source named, a pseudonym, a mean, the year not over ----------------------------------------

def test_the_source_named_before_the_question_is_no_word_of_it(ask_demo, db):
    result = ask_demo("根据《示例市预算执行数据》，2024年全市农林水支出是多少？")
    assert result["answer"]["value"] == pytest.approx(_spent(db, [2024], class_name="农林水支出"), abs=0.01)


def test_a_pseudonymised_payee_is_declined_not_the_city_total(ask_demo):
    assert "去标识化" in declined_message(ask_demo("受助人1A2B3C4D去年一共拿了多少"))


def test_a_mean_is_declined_not_a_total(ask_demo):
    assert "平均" in declined_message(ask_demo("今年发的就业补贴平均每笔多少钱"))


def test_a_mean_over_the_counties_is_their_mean(ask_demo):
    """Once declined; the five counties' sum over five now (nlq/kinds/average.py)."""
    answer = ask_demo("2025年五个县平均卫生健康支出是多少")["answer"]
    assert answer["average"] and answer["count"] == 5


@pytest.mark.parametrize("q", ["今年全年的执行率最后是多少", "2026年全年决算支出是多少"])
def test_the_year_not_over_is_declined_not_the_figure_to_date(ask_demo, q):
    assert "还没有结束" in declined_message(ask_demo(q))


# ---- a named project's progress at a quarter's end ---------------------------------------------------

@pytest.fixture(scope="module")
def quarter_project(db):
    """A project with a unique name whose second quarter of 2026 is reported: (name, planned, actual)."""
    return db.execute(
        f"SELECT p.name, q.planned_pct, q.actual_pct FROM projects p JOIN project_quarters q ON q.project_code = p.code "
        f"AND q.publication_id = p.publication_id WHERE p.publication_id = {PUBLISHED} AND q.year = 2026 "
        f"AND q.quarter = 2 AND q.actual_pct IS NOT NULL AND q.planned_pct > q.actual_pct "
        f"AND (SELECT count(*) FROM projects o WHERE o.publication_id = p.publication_id AND o.name = p.name) = 1 "
        f"ORDER BY p.code LIMIT 1").fetchone()


def test_a_projects_planned_and_actual_progress_at_a_quarters_end(ask_demo, quarter_project):
    name, planned, actual = quarter_project
    result = ask_demo(f"{name}今年二季度末的计划进度和实际进度是多少")
    assert {row[0]: row[1] for row in result["answer"]["rows"]} == {"计划进度": planned, "实际进度": actual}


def test_a_projects_lag_behind_plan_at_a_quarters_end(ask_demo, quarter_project):
    name, planned, actual = quarter_project
    result = ask_demo(f"{name}二季度末比计划慢了几个百分点")
    assert (result["answer"]["value"], result["answer"]["unit"]) == (planned - actual, "个百分点")


def test_projects_counted_at_a_quarters_end(ask_demo, db):
    """Once declined; counted now from the quarter rows (nlq/kinds/plans.py)."""
    (count,) = db.execute("select count(*) from project_quarters where publication_id=1 and year=2026 and quarter=2 "
                          "and actual_pct < planned_pct").fetchone()
    assert ask_demo("今年二季度末有多少个项目实际进度低于计划")["answer"]["value"] == count


def test_this_facility_points_back_to_the_unit_named_before(ask_demo):
    result = ask_demo("我周末常去市图书馆看书，这个图书馆去年花了多少钱")
    assert "示例市图书馆" in result["understood"] and result["answer"]["kind"] == "figure"


def test_these_five_districts_name_the_group_not_five_rows(ask_demo):
    result = ask_demo("这五个区里，哪个区去年教育支出最多")
    assert len(result["answer"]["rows"]) == 1


# ---- payments cut to months --------------------------------------------------------------------------

def _payments(db, purpose, year, months):
    return db.execute(
        f"SELECT count(*), SUM(amount_fen) FROM payments WHERE publication_id = {PUBLISHED} AND purpose = ? "
        f"AND CAST(strftime('%Y', date) AS INTEGER) = ? AND CAST(strftime('%m', date) AS INTEGER) BETWEEN ? AND ?",
        [purpose, year, *months]).fetchone()


def test_payments_for_a_purpose_in_one_month(ask_demo, db):
    count, fen = _payments(db, "高龄津贴", 2025, (3, 3))
    result = ask_demo("2025年3月份高龄津贴一共发了多少钱")
    assert (result["answer"]["value"], result["answer"]["payments"]) == (fen / 100, count)
    assert "month_from=3" in result["links"]["records"]


def test_payments_counted_in_a_quarter(ask_demo, db):
    count, _fen = _payments(db, "临时救助", 2026, (4, 6))
    result = ask_demo("今年二季度临时救助发放了几笔")
    assert (result["answer"]["value"], result["answer"]["unit"]) == (count, "笔")


def test_payments_of_a_month_past_the_data_are_declined_not_zero(ask_demo):
    assert "没有" in declined_message(ask_demo("今年12月财政一共支付了多少笔"))


def test_the_payment_records_page_cuts_to_months(client, db):
    count, _fen = _payments(db, "临时救助", 2026, (7, 9))
    body = client.get("/records/payments.json?purpose=临时救助&year=2026&month_from=7&month_to=9").get_json()
    assert body["count"] == count
