"""Classes of yearbook questions (统计年鉴 表7-6) the question box failed on nlq_blind9, each checked against
straight SQL over the published tables (never a figure written here): an amount in 万亿/千亿 as a threshold,
a fall (「减少了」) as a filter, 「这N年」 as the last N years, two named years with a change word beside a
trend word, and a region group (「东部地区」「中部六省」) as one place — summed, or ranked within."""
import pytest
from conftest import ask_at

TOTAL = "SELECT region_code, SUM(amount_fen) FROM expenditures WHERE publication_id = :pub AND year = :year"


@pytest.fixture(scope="module")
def sql(yearbook_sql):
    return yearbook_sql


@pytest.fixture(scope="module")
def names(sql):
    return dict(sql("SELECT code, name FROM regions WHERE publication_id = :pub"))


@pytest.fixture(scope="module")
def ask(yearbook_app):
    return lambda question: ask_at(yearbook_app, question)


def totals(sql, year, class_code=None, regions=None):
    """{region code: fen} of ``year``, every class or one."""
    statement = TOTAL + (" AND class_code = :cls" if class_code else "") + " GROUP BY region_code"
    rows = dict(sql(statement, year=year, cls=class_code))
    return {k: v for k, v in rows.items() if regions is None or k in regions}


def codes(names, *wanted):
    return [code for code, name in names.items() if name in wanted]


def rows_names(answer):
    return [row[0] for row in answer["answer"]["rows"]]


def test_an_amount_in_wanyi_or_qianyi_is_a_threshold(ask, sql, names):
    above = [code for code, fen in totals(sql, 2022).items() if fen > 8e11 * 100]
    counted = ask("2022年支出超过8千亿元的省份有几个？")
    assert counted["answer"]["value"] == len(above) > 0
    listed = ask("2021年支出过万亿的有哪些省份")
    expected = {names[code] for code, fen in totals(sql, 2021).items() if fen > 1e12 * 100}
    assert expected and set(rows_names(listed)) == expected


def test_a_fall_is_a_filter_below_zero(ask, sql, names):
    now, before = totals(sql, 2021, "205"), totals(sql, 2020, "205")
    fell = {names[code] for code in now if now[code] < before[code]}
    answer = ask("2021年哪些省份的教育支出比上年下降了？")
    assert fell and set(rows_names(answer)) == fell
    assert all(row[1] < 0 for row in answer["answer"]["rows"])
    most = ask("2021年哪个省教育支出下降最多")  # the lowest growth, one row
    lowest = min(now, key=lambda code: now[code] / before[code])
    assert rows_names(most) == [names[lowest]]


def test_zhe_n_nian_is_the_last_n_years_with_data(ask, sql, names):
    jiangsu = codes(names, "江苏省")[0]
    years = [y for (y,) in sql("SELECT DISTINCT year FROM expenditures WHERE publication_id = :pub ORDER BY year")]
    answer = ask("江苏这三年卫生健康支出分别是多少")["answer"]
    assert answer["kind"] == "series" and [row[0] for row in answer["rows"]] == [f"{y}年" for y in years[-3:]]
    assert [row[1] for row in answer["rows"]] == pytest.approx([totals(sql, y, "210")[jiangsu] / 100
                                                                 for y in years[-3:]])


def test_two_named_years_with_a_change_word_are_a_growth(ask, sql, names):
    zhejiang = codes(names, "浙江省")[0]
    now, before = totals(sql, 2022, "205")[zhejiang], totals(sql, 2020, "205")[zhejiang]
    answer = ask("浙江这几年教育支出增长了多少 2022跟2020比")["answer"]
    assert answer["unit"] == "%" and answer["value"] == pytest.approx((now / before - 1) * 100, abs=1e-4)


def test_a_region_group_is_one_place(ask, sql, names):
    northeast = codes(names, "辽宁省", "吉林省", "黑龙江省")
    now, before = totals(sql, 2022, "205", northeast), totals(sql, 2021, "205", northeast)
    growth = ask("东北三省2022年教育支出比上年增长多少")["answer"]
    assert growth["value"] == pytest.approx((sum(now.values()) / sum(before.values()) - 1) * 100, abs=1e-4)
    central = codes(names, "山西省", "安徽省", "江西省", "河南省", "湖北省", "湖南省")
    share = ask("中部六省2021年支出占全国的比重是多少")["answer"]
    year = totals(sql, 2021)
    assert share["value"] == pytest.approx(sum(year[c] for c in central) / sum(year.values()) * 100, abs=1e-4)
    trend = ask("中部六省近三年卫生健康支出变化")["answer"]
    assert [row[1] for row in trend["rows"]] == pytest.approx(
        [sum(totals(sql, y, "210", central).values()) / 100 for y in (2021, 2022, 2023)])


def test_a_region_group_is_ranked_within_and_several_groups_side_by_side(ask, sql, names):
    east = codes(names, "北京市", "天津市", "河北省", "上海市", "江苏省", "浙江省", "福建省", "山东省", "广东省",
                 "海南省")
    ranked = sorted(totals(sql, 2022, "210", east).items(), key=lambda kv: -kv[1])
    answer = ask("2022年东部地区卫生健康支出最高的两个省")
    assert rows_names(answer) == [names[code] for code, _fen in ranked[:2]]
    each = ask("2022年东北三省各自的教育支出")  # asked each: the members side by side, not their sum
    northeast = codes(names, "辽宁省", "吉林省", "黑龙江省")
    assert {row[0]: row[1] for row in each["answer"]["rows"]} == pytest.approx(
        {names[code]: fen / 100 for code, fen in totals(sql, 2022, "205", northeast).items()})
    several = ask("2022年东部和西部地区教育支出各是多少")  # once declined; each group summed, side by side
    west = codes(names, "内蒙古自治区", "广西壮族自治区", "重庆市", "四川省", "贵州省", "云南省", "西藏自治区",
                 "陕西省", "甘肃省", "青海省", "宁夏回族自治区", "新疆维吾尔自治区")
    assert [row[1] for row in several["answer"]["rows"]] == pytest.approx(
        [sum(totals(sql, 2022, "205", group).values()) / 100 for group in (east, west)])
