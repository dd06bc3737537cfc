"""Groups of regions (issue #18): 东北三省, 京津冀, 沪苏浙皖 … stand for the regions they name when the publication
has them all (the yearbook); 「合计」 over regions named is one figure, 「各自/分别/对比」 one row each; a count
after the regions (三省区, 三地) restates them. A publication without the regions (the city) declines the word.
Expected values by straight SQL."""
import datetime as dt

import pytest
from conftest import ask_at
from sqlalchemy import text

AS_OF = dt.date(2026, 10, 31)
TOTAL = ("SELECT r.name, SUM(e.amount_fen) FROM expenditures e JOIN regions r ON r.code = e.region_code AND "
         "r.publication_id = e.publication_id WHERE e.year = :year AND e.class_code LIKE :cls GROUP BY r.name")


@pytest.fixture(scope="module")
def yearbook(yearbook_app):
    return yearbook_app


def _ask(app, q):
    return ask_at(app, q, as_of=AS_OF)


def _totals(app, year, cls="%"):
    with app.extensions["mingzhang.engine"].connect() as conn:
        return {name: fen / 100 for name, fen in conn.execute(text(TOTAL), {"year": year, "cls": cls})}


NORTHEAST = ["辽宁省", "吉林省", "黑龙江省"]


@pytest.mark.parametrize("q", ["东北三省2023年一般公共预算支出合计", "2023年辽宁、吉林、黑龙江的支出加起来是多少"])
def test_a_group_total_is_one_figure_over_its_regions(yearbook, q):
    totals = _totals(yearbook, 2023)
    result = _ask(yearbook, q)
    assert result["answer"]["value"] == pytest.approx(sum(totals[n] for n in NORTHEAST), abs=0.01)
    assert all(name in result["understood"] for name in NORTHEAST)


@pytest.mark.parametrize("q, names", [
    ("请说明2023年沪苏浙皖各自的教育支出", ["上海市", "江苏省", "浙江省", "安徽省"]),
    ("2023年京津冀三地教育支出分别是多少", ["北京市", "天津市", "河北省"]),
    ("2023年贵州、云南、广西三省区教育支出对比", ["贵州省", "云南省", "广西壮族自治区"]),
])
def test_each_region_of_a_group_or_a_counted_list(yearbook, q, names):
    totals = _totals(yearbook, 2023, "205%")
    rows = {row[0]: row[1] for row in _ask(yearbook, q)["answer"]["rows"]}
    assert rows == pytest.approx({name: totals[name] for name in names}, abs=0.01)


def test_a_group_the_publication_lacks_is_declined(ask_demo):
    result = ask_demo("东北三省2023年一般公共预算支出合计")
    assert result["answer"] is None or result["answer"].get("kind") == "decline"


def test_growth_of_a_group_total_is_the_total_s_growth(yearbook):
    before, after = _totals(yearbook, 2019, "210%"), _totals(yearbook, 2020, "210%")
    provinces = set(before) - {"全国"}
    want = 100 * (sum(after[n] for n in provinces) / sum(before[n] for n in provinces) - 1)
    result = _ask(yearbook, "2020年各省卫生健康支出合计的同比增幅是多少")
    assert result["answer"]["value"] == pytest.approx(want, abs=0.01) and "合计" in result["understood"]


def test_share_of_a_group_total(yearbook):
    totals = _totals(yearbook, 2023, "206%")
    whole = sum(v for n, v in totals.items() if n != "全国")
    result = _ask(yearbook, "2023年北京市科学技术支出占各省科学技术支出合计的比重是多少")
    assert result["answer"]["value"] == pytest.approx(100 * totals["北京市"] / whole, abs=0.01)


def _city(db, table, amount, months=""):
    return {code: fen for code, fen in db.execute(
        f"select region_code, sum({amount}) from {table} where publication_id=1 and year=2026 {months} "
        "group by region_code")}


def test_the_districts_together_rate_and_share_in_the_city(ask_demo, db):
    """「各区县合计的执行率（不含市本级）」 is one rate of their total; 「区县支出占全市」 their total's share."""
    spent = _city(db, "expenditures", "amount_fen", "and month between 1 and 10")
    budget = _city(db, "budgets", "budget_fen")
    districts = [code for code in spent if code != "990000"]
    rate = ask_demo("请说明2026年1至10月各区县合计的预算执行率（不含市本级）")["answer"]["value"]
    assert rate == pytest.approx(100 * sum(spent[c] for c in districts) / sum(budget[c] for c in districts), abs=1e-3)
    share = ask_demo("2026年1-10月区县支出占全市支出的比重")["answer"]["value"]
    assert share == pytest.approx(100 * sum(spent[c] for c in districts) / sum(spent.values()), abs=1e-3)


def test_which_of_its_items_is_a_class_ranking(yearbook):
    """「江西省各项支出中最多的是哪一项」 ranks the province's 类, it does not give its total."""
    with yearbook.extensions["mingzhang.engine"].connect() as conn:
        top = conn.execute(text(
            "SELECT f.name FROM expenditures e JOIN regions r ON r.code = e.region_code AND r.publication_id = "
            "e.publication_id JOIN func_classes f ON f.code = substr(e.class_code, 1, 3) AND f.publication_id = "
            "e.publication_id WHERE r.name = '江西省' AND e.year = 2022 GROUP BY f.name ORDER BY SUM(e.amount_fen) DESC "
            "LIMIT 1")).scalar()
    assert _ask(yearbook, "2022年江西省各项支出中最多的是哪一项？")["answer"]["top"] == top


def test_provinces_with_an_amount_are_counted_and_an_average_is_declined(yearbook):
    with yearbook.extensions["mingzhang.engine"].connect() as conn:
        want = conn.execute(text(
            "SELECT count(*) FROM (SELECT e.region_code FROM expenditures e JOIN func_classes f ON f.code = "
            "substr(e.class_code, 1, 3) AND f.publication_id = e.publication_id JOIN regions r ON r.code = "
            "e.region_code AND r.publication_id = e.publication_id WHERE f.name = '援助其他地区支出' AND "
            "e.year = 2023 AND r.level = 1 GROUP BY e.region_code HAVING SUM(e.amount_fen) != 0)")).scalar()
    assert _ask(yearbook, "2023年有援助其他地区支出（金额大于零）的省份有几个？")["answer"]["value"] == want
    average = _ask(yearbook, "2023年31个省份一般公共预算支出的平均值是多少？")  # their sum over 31 (nlq/kinds/average.py)
    assert average["answer"]["average"] and average["answer"]["count"] == 31
