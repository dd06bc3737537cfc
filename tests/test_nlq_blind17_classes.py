"""Classes of wrong figures and answered declines the question box gave on nlq_blind17, each checked with
questions written here in other words: answered from the published tables and checked against straight SQL,
or declined with a Chinese reason — never a look-alike figure with an official look (issue #18)."""
import pytest
from support.answers import PUBLISHED
from support.answers import assert_declined as _declined

# ---- the main ask is something the data does not hold, though a word of it names a figure ------------------

@pytest.mark.parametrize("q, reason", [
    ("俺家的高龄津贴这个月怎么还没到账", "privacy"),  # the asker's own case
    ("我们家的临时救助被停了，能查查吗", "privacy"),
    ("领临时救助最多的几户困难家庭，把姓名告诉我", "privacy"),  # the names of people paid
    ("示例市人民医院院长的年薪多少", "privacy"),  # one person's pay by their post
    ("市教育局局长每个月工资有多少", "privacy"),
    ("麻烦你替我举报一下星桥区那个工程", "not_held"),  # an action asked of the site
    ("你帮我联系一下市卫健委，问问医院的预算", "not_held"),
    ("要是枫林区卫生支出增加两成，执行率会变成多少", "not_held"),  # a what-if
    ("鹭洲区教育支出翻一番的话能排第几", "not_held"),
    ("城区那个公园每天能来多少游客", "not_held"),  # a count per day
    ("全市一天平均多少人坐公交，每天多少", "not_held"),
])
def test_what_the_data_does_not_hold_is_declined(ask_demo, q, reason):
    _declined(ask_demo(q), reason)


def test_an_allegation_is_declined(ask_demo):
    _declined(ask_demo("网上说有个项目被人拿了好处费，是哪一个工程"), "opinion")


def test_a_what_if_on_the_yearbook_is_declined(ask_yb):
    _declined(ask_yb("假如湖南的卫生健康支出翻番，全国能排第几"), "not_held")


@pytest.mark.parametrize("q", [
    "我想知道今年最低生活保障一共发了多少钱",  # the asker wants the total: answered
    "帮我查一下今年全市教育支出",  # 帮我 with a question of the data
    "今年收款最多的前5个单位",  # organisations ranked by payments, no people
    "市实验中学今年支出多少",  # the unit's spending, no salary asked
])
def test_look_alikes_still_answer(ask_demo, q):
    result = ask_demo(q)
    assert result["answer"]["kind"] != "decline", result["understood"]


# ---- a shape no kind computes yet: declined, never one figure in its place ---------------------------------

@pytest.mark.parametrize("q", [
    "2021年支出排名前三的省份合计占全国多少",  # one share of several items' sum
    "2022年卫生健康支出最多的省和最少的省差多少",  # max − min
])
def test_shapes_not_computed_on_the_yearbook_are_declined(ask_yb, q):
    _declined(ask_yb(q))


@pytest.mark.parametrize("q", [
    "2025年立项的项目一共有几家企业中标",  # distinct contractors counted
    "中标到开工平均隔多少天",  # days between two dates
    "学校里面去年支出最多的3所",  # a top few answered with one total
])
def test_shapes_not_computed_on_the_city_are_declined(ask_demo, q):
    _declined(ask_demo(q))


@pytest.mark.parametrize("q", [
    "今年以来，五个县的支出合计占全市支出的比重是多少",  # a sum's share computed
    "前10个月教育支出是多少",  # 前10个月 is a period
    "最低生活保障今年1到9月跟去年同期比差多少",  # a class against the year before: its change
    "今年高龄津贴1到9月和去年同期比差多少",  # a purpose's two periods: tests/test_nlq_purpose_periods_compared.py
])
def test_look_alike_shapes_still_answer(ask_demo, q):
    result = ask_demo(q)
    assert result["answer"]["kind"] != "decline", result["understood"]


# ---- project words: money paid out, behind schedule, a category's total, a disbursal ratio -----------------

def test_money_handed_down_to_a_project_is_its_disbursement(ask_demo):
    result = ask_demo("星桥区枫丹保障性租赁住房项目的钱拨下去多少了")
    assert "已拨付" in result["understood"] and result["answer"]["unit"] == "元", result["understood"]


def test_projects_dragging_are_those_behind_schedule(ask_demo, db):
    want = db.execute(f"SELECT count(*) FROM projects WHERE publication_id = {PUBLISHED} AND status = '滞后'").fetchone()[0]
    result = ask_demo("眼下拖进度的工程一共几个")
    assert result["answer"]["value"] == want, result["understood"]


def test_that_kind_of_project_summed(ask_demo):
    result = ask_demo("幼儿园建设那一类项目，投资加起来合计多少")
    assert result["answer"]["kind"] == "figure" and "合计" in result["understood"], result["understood"]


def test_a_disbursal_ratio_is_disbursed_over_investment(ask_demo):
    result = ask_demo("2025年立项、在建的项目总的拨付比例是多少")
    assert "已拨付资金占总投资" in result["understood"], result["understood"]


# ---- 「县区」 is every district and county; a top few of a class names the regions ranked ----------------------

def test_xianqu_ranks_every_region(ask_demo, db):
    want = db.execute(f"SELECT r.name FROM expenditures e JOIN regions r ON r.code = e.region_code AND "
                      f"r.publication_id = e.publication_id WHERE e.publication_id = {PUBLISHED} AND e.year = 2025 "
                      "AND r.level = 1 AND e.class_code LIKE '210%' GROUP BY r.name ORDER BY sum(e.amount_fen) DESC "
                      "LIMIT 1").fetchone()[0]
    result = ask_demo("2025年卫生健康支出最高的县区")
    assert result["answer"]["rows"][0][0] == want, result["understood"]


def test_a_top_three_of_a_class_gives_three_rows(ask_yb, yearbook_sql):
    want = [r[0] for r in yearbook_sql(
        f"SELECT r.name FROM expenditures e JOIN regions r ON r.code = e.region_code AND r.publication_id = "
        f"e.publication_id WHERE e.publication_id = {PUBLISHED} AND e.year = 2022 AND e.class_code = '210' "
        "AND r.level = 1 GROUP BY r.name ORDER BY sum(e.amount_fen) DESC LIMIT 3")]
    result = ask_yb("2022年卫生健康支出前三名")
    assert [row[0] for row in result["answer"]["rows"]] == want, result["understood"]


# ---- a region group's share of a class: the whole is the same class of the whole country ----------------------

def test_a_group_share_of_the_country_keeps_the_class(ask_yb, yearbook_sql):
    def total(where):
        return yearbook_sql(f"SELECT sum(amount_fen) FROM expenditures WHERE publication_id = {PUBLISHED} AND year = 2020 "
                            f"AND class_code = '205' {where}")[0][0]
    part = total("AND region_code IN ('210000', '220000', '230000')")
    whole = total("AND region_code IN (SELECT code FROM regions WHERE level = 1 AND publication_id = "
                  f"{PUBLISHED})")
    result = ask_yb("东北三省2020年教育支出占全国的几成")
    assert result["answer"]["value"] == pytest.approx(100 * part / whole, abs=0.01), result["understood"]


def test_the_total_named_after_zhan_stays_the_total(ask_yb):
    result = ask_yb("2023年广东教育支出占全国总支出的比重")
    assert "全国总支出" in result["understood"], result["understood"]


# ---- growth over a span of years: the last year against the first -----------------------------------------

def test_growth_ranked_over_a_span_takes_the_first_year(ask_yb, yearbook_sql):
    def by_region(year):
        return dict(yearbook_sql(f"SELECT region_code, sum(amount_fen) FROM expenditures WHERE publication_id = "
                                 f"{PUBLISHED} AND year = {year} AND class_code = '205' GROUP BY region_code"))
    first, last = by_region(2020), by_region(2023)
    growth = {code: last[code] / first[code] - 1 for code in last if first.get(code)}
    result = ask_yb("2020到2023年教育支出增长最快的三个省")
    assert "相比2020年" in result["understood"], result["understood"]
    assert result["answer"]["rows"][0][1] == pytest.approx(100 * max(growth.values()), abs=0.01)
