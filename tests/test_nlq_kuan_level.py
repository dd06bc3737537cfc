"""款-level rankings (issue #18): 「款级科目」「哪个款」「最多的三个款」 rank the 款 (the second level of the 政府收支分类)
of every 类 when no 类 is named — never the 类, and never one total. Expected values by straight SQL."""
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
