"""Classes of questions the question box got wrong on nlq_blind11 (issue #18), each checked with questions
written here in other words: answered from the one figure engine and checked against straight SQL, or declined
with a Chinese reason — never a look-alike figure."""
import pytest
from conftest import declined_message

PUBLISHED = "(SELECT max(id) FROM publications WHERE status = 'published')"


def _spent_fen(db, year, region=None, class_name=None, months=(1, 12)):
    """Spending by straight SQL: one region's rows (or all), one 类 by name (or all), months of one year."""
    statement = (f"SELECT SUM(amount_fen) FROM expenditures WHERE publication_id = {PUBLISHED} AND year = ? "
                 "AND month BETWEEN ? AND ?")
    params = [year, *months]
    if region:
        statement += " AND region_code = ?"
        params.append(region)
    if class_name:
        statement += (f" AND class_code LIKE (SELECT code FROM func_classes WHERE name = ? AND publication_id = "
                      f"{PUBLISHED}) || '%'")
        params.append(class_name)
    return db.execute(statement, params).fetchone()[0]


# ---- must-decline questions answered with a look-alike figure ----------------------------------------

@pytest.mark.parametrize("q", ["今年教育局的预算调增了多少", "去年各区县拿到的上级补助有多少", "今年社保支出调剂了多少"])
def test_budget_adjustments_and_transfers_are_not_published(ask_demo, q):
    """The publication has the budget at the start of the year and the spending: no adjustment, no revenue."""
    assert "年初预算" in declined_message(ask_demo(q))


@pytest.mark.parametrize("q", ["星桥区的教育经费有没有被截留", "去年低保金是不是有人冒领"])
def test_misuse_is_an_audit_finding_not_a_figure(ask_demo, q):
    assert "审计" in declined_message(ask_demo(q))


@pytest.mark.parametrize("q", ["枫林区有几名医生", "全市有多少位环卫工人"])
def test_a_number_of_people_is_never_answered_in_money(ask_demo, q):
    assert declined_message(ask_demo(q))


def test_a_number_of_projects_is_still_counted(ask_demo, db):
    result = ask_demo("2025年一共有多少个项目")
    count = db.execute(f"SELECT COUNT(*) FROM projects WHERE publication_id = {PUBLISHED} AND year = 2025").fetchone()[0]
    assert result["answer"]["value"] == count, result["understood"]


@pytest.mark.parametrize("q", ["这笔钱最后用了多少", "上回说的那个事花了多少钱"])
def test_a_reference_to_something_unnamed_is_declined(ask_demo, q):
    assert "指的是什么" in declined_message(ask_demo(q))


def test_this_month_is_a_period_not_a_reference(ask_demo, db):
    result = ask_demo("这个月全市花了多少")
    assert result["answer"]["value"] == pytest.approx(_spent_fen(db, 2026, months=(10, 10)) / 100, abs=0.01)


def test_the_year_end_not_reached_is_declined_and_the_forecast_still_answers(ask_demo):
    """「年末会花掉多少」 is not the spending to date; asked as the warning rule's estimate, the rule answers."""
    assert "还没有" in declined_message(ask_demo("按这个节奏，今年年末全市会花掉多少"))
    forecast = ask_demo("按预警规则，年底执行率预计多少")
    assert forecast["answer"]["kind"] == "figure" and "预测" in forecast["understood"]


def test_the_own_level_of_a_district_is_not_the_city_level(ask_demo, db):
    """Only the top level's own rows are published apart (市本级); 「澄湖区本级」 is never they."""
    assert "澄湖区" in declined_message(ask_demo("澄湖区本级卫生健康支出是多少"))
    result = ask_demo("2025年市本级卫生健康支出是多少")
    fen = _spent_fen(db, 2025, region="990000", class_name="卫生健康支出")
    assert result["answer"]["value"] == pytest.approx(fen / 100, abs=0.01), result["understood"]


def test_the_own_level_of_a_province_is_not_published(ask_yb):
    assert "江苏省" in declined_message(ask_yb("2021年江苏省本级交通运输支出"))


# ---- quarter-on-quarter: the quarter named first is asked, the later one is the base ------------------

@pytest.mark.parametrize("q, year, now, before", [("澄湖区2025年第二季度环比第一季度增长多少", 2025, (4, 6), (1, 3)),
                                                   ("今年三季度全市支出跟二季度相比环比增长了多少", 2026, (7, 9), (4, 6))])
def test_sequential_growth_of_the_quarter_named_first(ask_demo, db, q, year, now, before):
    region = "990103" if "澄湖区" in q else None
    this, base = (_spent_fen(db, year, region=region, months=m) for m in (now, before))
    result = ask_demo(q)
    assert result["answer"]["value"] == pytest.approx(100 * (this - base) / base, abs=0.01), result["understood"]


# ---- a year glued to a word is the year asked ------------------------------------------------------------

def test_a_year_glued_to_a_class_is_the_year_asked(ask_demo, db):
    result = ask_demo("星桥区教育2023支出")
    fen = _spent_fen(db, 2023, region="990104", class_name="教育支出")
    assert result["answer"]["value"] == pytest.approx(fen / 100, abs=0.01), result["understood"]


@pytest.mark.parametrize("text", ["投资超过2000万的项目", "一共2024个", "编号2026-990121-0026"])
def test_a_number_glued_to_a_unit_or_a_code_is_no_year(text):
    import datetime as dt

    from nlq.timeparse import parse_period

    assert parse_period(text, dt.date(2026, 10, 31))[0] is None


# ---- a second-level unit named: its own figures (ledger.queries.units), never its spending class -----------

def _unit_fen(db, name, year, *, budget=False, month=None):
    table, amount = ("unit_budgets", "budget_fen") if budget else ("unit_expenditures", "amount_fen")
    statement = (f"SELECT SUM(t.{amount}) FROM {table} t JOIN units u ON u.code = t.unit_code AND u.publication_id = "
                 f"t.publication_id WHERE t.publication_id = {PUBLISHED} AND u.name = ? AND t.year = ?")
    params = [name, year]
    if month:
        statement += " AND t.month <= ?"
        params.append(month)
    return db.execute(statement, params).fetchone()[0]


@pytest.mark.parametrize("q, name, year, budget, month", [
    ("市图书馆2025年花了多少钱", "示例市图书馆", 2025, False, None),
    ("今年市中医院的预算是多少", "示例市中医院", 2026, True, None),
    ("鹭洲区妇幼去年支出", "鹭洲区妇幼保健院", 2025, False, None),  # a short form of the name
    ("2024年1到6月示例市体育中心支出", "示例市体育中心", 2024, False, 6),
])
def test_a_unit_named_is_answered_with_its_own_records(ask_demo, db, q, name, year, budget, month):
    result = ask_demo(q)
    fen = _unit_fen(db, name, year, budget=budget, month=month)
    assert result["answer"]["value"] == pytest.approx(fen / 100, abs=0.01), result["understood"]
    assert name in result["understood"] and result["links"]["records"].startswith("/records/unit/")


def test_a_units_execution_rate_divides_its_spending_by_its_budget(ask_demo, db):
    result = ask_demo("去年市第二人民医院预算执行率")
    rate = _unit_fen(db, "示例市第二人民医院", 2025) / _unit_fen(db, "示例市第二人民医院", 2025, budget=True)
    assert result["answer"]["value"] == pytest.approx(100 * rate, abs=0.01), result["understood"]


@pytest.mark.parametrize("q", ["市文化馆近三年支出变化", "市图书馆今年支出同比增长多少"])
def test_what_unit_records_cannot_answer_is_declined(ask_demo, q):
    assert "二级单位" in declined_message(ask_demo(q))


@pytest.mark.parametrize("q", ["市中医院有几张床位", "鹭洲区实验小学有多少学生", "示例市实验中学生均经费多少"])
def test_a_units_people_or_beds_are_not_published(ask_demo, q):
    """Unit records hold money only: a count or a per-head figure is declined, never its spending or a project output."""
    assert declined_message(ask_demo(q))


# ---- treasury payments over a month or a quarter: the payments of those months, never the budget class ------

@pytest.mark.parametrize("q", ["去年3月高龄津贴发放了多少", "今年二季度耕地地力保护补贴发了多少钱",
                               "今年5月国库集中支付了多少", "上个月一共付了多少笔"])
def test_payments_cut_to_months_are_the_payments_of_those_months(ask_demo, q):
    """Once declined (payments were cut by whole years only); now the payments dated in those months, linked to
    exactly those vouchers (tests/test_nlq_trust_classes.py checks the sums)."""
    result = ask_demo(q)
    assert "国库集中支付" in result["understood"] and "month_from=" in result["links"]["records"]


def test_payments_of_a_whole_year_still_answer(ask_demo, db):
    result = ask_demo("2024年高龄津贴发放了多少")
    fen = db.execute(f"SELECT SUM(amount_fen) FROM payments WHERE publication_id = {PUBLISHED} AND purpose = '高龄津贴' "
                     "AND date BETWEEN '2024-01-01' AND '2024-12-31'").fetchone()[0]
    assert result["answer"]["value"] == pytest.approx(fen / 100, abs=0.01), result["understood"]


# ---- the months (or quarters) ranked, never the total of the period ------------------------------------------

def test_which_month_ranks_the_months(ask_demo, db):
    result = ask_demo("去年星桥区哪个月支出最少")
    rows = db.execute(f"SELECT month, SUM(amount_fen) FROM expenditures WHERE publication_id = {PUBLISHED} AND year = 2025 "
                      "AND region_code = '990104' AND month > 0 GROUP BY month ORDER BY 2 ASC").fetchall()
    assert result["answer"]["rows"][0][0] == f"{rows[0][0]}月", result["understood"]
    assert result["answer"]["value"] == pytest.approx(rows[0][1] / 100, abs=0.01)


def test_which_quarter_ranks_the_quarters(ask_demo, db):
    result = ask_demo("2024年全市哪个季度花钱最多")
    rows = db.execute(f"SELECT (month - 1) / 3 + 1, SUM(amount_fen) FROM expenditures WHERE publication_id = {PUBLISHED} "
                      "AND year = 2024 AND month > 0 GROUP BY 1 ORDER BY 2 DESC").fetchall()
    assert result["answer"]["rows"][0][0] == f"第{rows[0][0]}季度", result["understood"]
    assert result["answer"]["value"] == pytest.approx(rows[0][1] / 100, abs=0.01)


# ---- regressions: 拖后腿 is 滞后, and a repaired district is named once -------------------------------------

def test_dragging_behind_is_delayed(ask_demo, db):
    result = ask_demo("星桥区有几个项目在拖后腿")
    count = db.execute(f"SELECT COUNT(*) FROM projects WHERE publication_id = {PUBLISHED} AND region_code = '990104' "
                       "AND status = '滞后'").fetchone()[0]
    assert result["answer"]["value"] == count and "滞后" in result["understood"], result["understood"]


def test_a_department_of_a_repaired_district_names_the_district_once(ask_demo):
    understood = ask_demo("风林区教育局去年预算多少")["understood"]
    assert understood.count("枫林区") == 1, understood


# ---- two regions 「加在一起」 are one sum, not a comparison ------------------------------------------------

@pytest.mark.parametrize("q", ["2021年湖南湖北农林水支出加在一起是多少", "2020年广东福建交通运输支出加一块多少"])
def test_regions_added_together_are_one_sum(ask_yb, yearbook_sql, q):
    year, names, cls = (2021, ("湖南省", "湖北省"), "农林水支出") if "湖南" in q else (2020, ("广东省", "福建省"), "交通运输支出")
    statement = ("SELECT SUM(e.amount_fen) FROM expenditures e JOIN func_classes c ON c.code = e.class_code "
                 "AND c.publication_id = e.publication_id JOIN regions r ON r.code = e.region_code "
                 "AND r.publication_id = e.publication_id WHERE e.publication_id = :pub AND e.year = :year "
                 "AND c.name = :cls AND r.name IN (:a, :b)")
    fen = yearbook_sql(statement, year=year, cls=cls, a=names[0], b=names[1])[0][0]
    result = ask_yb(q)
    assert result["answer"]["value"] == pytest.approx(fen / 100, abs=0.01), result["understood"]


# ---- two years and a change asked in percent: a growth, not the two figures ---------------------------------

def test_a_change_in_percent_between_two_years_is_a_growth(ask_yb, yearbook_sql):
    statement = ("SELECT e.year, SUM(e.amount_fen) FROM expenditures e JOIN func_classes c ON c.code = e.class_code "
                 "AND c.publication_id = e.publication_id JOIN regions r ON r.code = e.region_code "
                 "AND r.publication_id = e.publication_id WHERE e.publication_id = :pub AND c.name = '教育支出' "
                 "AND r.name = '四川省' AND e.year IN (2021, 2022) GROUP BY e.year ORDER BY e.year")
    (_y1, before), (_y2, now) = yearbook_sql(statement)
    result = ask_yb("2021年和2022年四川教育支出相比变化了百分之多少")
    assert result["answer"]["value"] == pytest.approx(100 * (now - before) / before, abs=0.01), result["understood"]


def test_rose_or_fell_against_the_same_month_is_a_growth(ask_demo, db):
    """「比涨了还是跌了」: the cue glued to 比 names no subject for the embedding match; the growth is asked."""
    now, before = (_spent_fen(db, year, region="990102", months=(5, 5)) for year in (2026, 2025))
    result = ask_demo("枫林区今年5月份支出跟去年5月比是涨了还是跌了")
    assert result["answer"]["value"] == pytest.approx(100 * (now - before) / before, abs=0.01), result["understood"]
