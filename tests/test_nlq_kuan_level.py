"""The shape of a ranking (issue #18): 「款级科目」「哪个款」「最多的三个款」 rank the 款 (the second level of the
政府收支分类) of every 类 when no 类 is named — never the 类, never one total; 「哪三类」 is a top three; 「钱花得最慢」
is the lowest execution rate. Expected values by straight SQL."""
import pytest

KUAN = ("select substr(class_code, 1, 5), sum({amount}) from {table} where publication_id=1 and year=? {months} "
        "group by 1 order by 2 {order} limit ?")


def _kuan(db, table, amount, year, n, order="desc", months=""):
    return [fen / 100 for _code, fen in db.execute(KUAN.format(table=table, amount=amount, order=order, months=months),
                                                   (year, n))]


def test_largest_budget_kuan(ask_demo, db):
    result = ask_demo("2026年预算最大的三个款级科目")
    assert [row[1] for row in result["answer"]["rows"]] == pytest.approx(_kuan(db, "budgets", "budget_fen", 2026, 3))
    assert "各款" in result["understood"]


@pytest.mark.parametrize("q, n, order", [("2025年支出最多的款是哪个", 1, "desc"), ("2025年支出最多的三个款", 3, "desc"),
                                         ("2025年哪个款支出最少", 1, "asc")])
def test_kuan_ranked_by_spending(ask_demo, db, q, n, order):
    result = ask_demo(q)
    want = _kuan(db, "expenditures", "amount_fen", 2025, n, order)
    assert [row[1] for row in result["answer"]["rows"]] == pytest.approx(want)


def test_which_three_classes_is_a_top_three(ask_demo, db):
    """「哪三类支出最多」 asks for three 类 (「第三类」 would be an ordinal)."""
    want = [fen / 100 for _c, fen in db.execute(
        "select substr(class_code, 1, 3), sum(amount_fen) from expenditures where publication_id=1 and year=2025 "
        "group by 1 order by 2 desc limit 3")]
    result = ask_demo("2025年全市哪三类支出最多？")
    assert [row[1] for row in result["answer"]["rows"]] == pytest.approx(want)


def test_money_spent_slowest_is_the_lowest_execution_rate(ask_demo, db):
    """「钱花得最慢」 is the pace of spending: the lowest execution rate, not the smallest amount."""
    rates = db.execute(
        "select d.name, 100.0 * e.s / b.s from (select dept_code, region_code, sum(budget_fen) s from budgets "
        "where publication_id=1 and year=2026 group by 1, 2) b join (select dept_code, region_code, sum(amount_fen) s "
        "from expenditures where publication_id=1 and year=2026 and month between 1 and 10 group by 1, 2) e "
        "using (dept_code, region_code) join departments d on d.publication_id=1 and d.code=b.dept_code "
        "order by 2 limit 1").fetchone()
    result = ask_demo("哪个部门今年钱花得最慢")
    assert result["answer"]["unit"] == "%" and result["answer"]["top"] == rates[0]
    assert result["answer"]["value"] == pytest.approx(rates[1], abs=1e-3)
