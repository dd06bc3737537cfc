"""A purpose's payments ranked by month (「哪个月发的…最多」): each month of one year with payments is a row (its
amount and its number of vouchers, its vouchers linked), the asked end first. A month ranked over several years is
not answered as one figure. Expected values by straight SQL."""
import pytest

PUB = "(SELECT max(id) FROM publications WHERE status = 'published')"


def _months(db, purpose, year):
    return {int(m): fen / 100 for m, fen in db.execute(
        f"SELECT CAST(strftime('%m', date) AS INTEGER), SUM(amount_fen) FROM payments WHERE publication_id = {PUB} AND "
        "purpose = ? AND strftime('%Y', date) = ? GROUP BY 1", (purpose, str(year)))}


def test_the_month_paid_most_for_a_purpose(ask_demo, db):
    by_month = _months(db, "高龄津贴", 2025)
    result = ask_demo("2025年高龄津贴在哪个月发得最多")
    answer = result["answer"]
    assert answer["kind"] == "table", result["understood"]
    best = max(by_month, key=lambda m: (by_month[m], -m))
    assert answer["top"] == f"{best}月" and answer["rows"][0][1] == pytest.approx(by_month[best], abs=0.005)
    assert len(answer["rows"]) == len(by_month)
    assert result["sentence"].index(f"{best}月") < result["sentence"].index("其次")


def test_the_month_paid_least_comes_first_when_asked(ask_demo, db):
    by_month = _months(db, "高龄津贴", 2025)
    answer = ask_demo("去年哪个月高龄津贴发得最少")["answer"]
    least = min(by_month, key=lambda m: (by_month[m], m))
    assert answer["top"] == f"{least}月"


def test_each_month_links_its_own_vouchers(ask_demo):
    result = ask_demo("2025年高龄津贴在哪个月发得最多")
    rows = result["links"]["rows"]
    assert len(rows) == len(result["answer"]["rows"])
    month = result["answer"]["months"][0]
    assert f"month_from={month}&month_to={month}" in rows[0]["records"]["payments"]


def test_each_months_vouchers_add_up(ask_demo, client):
    import csv
    import io
    from decimal import Decimal

    result = ask_demo("2025年高龄津贴在哪个月发得最多")
    url = result["links"]["rows"][0]["records"]["payments"]
    path, _, query = url.partition("?")
    body = client.get(f"{path}.csv?{query}").get_data(as_text=True).lstrip("\ufeff")
    total = sum(Decimal(row["金额（元）"]) for row in csv.DictReader(io.StringIO(body)))
    assert total == Decimal(str(result["answer"]["rows"][0][1]))
