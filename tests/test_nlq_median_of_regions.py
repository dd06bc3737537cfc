"""The median over regions (「各省支出的中位数」): the regions' figures from the one engine in order, the middle
one (or the two middle ones' mean for an even number), each middle region a row with its own records. A median
over something else (projects, payments) is still declined. Expected values by straight SQL."""
from decimal import ROUND_HALF_UP, Decimal

import pytest
from sqlalchemy import text

PUB = "(SELECT max(id) FROM publications WHERE status = 'published')"


def _median(fens):
    fens = sorted(fens)
    n = len(fens)
    both = Decimal(fens[(n - 1) // 2] + fens[n // 2]) / 2
    return both.quantize(Decimal(1), rounding=ROUND_HALF_UP) / 100


def test_the_median_province_of_a_class(ask_yb, yearbook_app):
    with yearbook_app.extensions["mingzhang.engine"].connect() as conn:
        fens = [int(f) for (f,) in conn.execute(text(
            f"SELECT SUM(e.amount_fen) FROM expenditures e JOIN regions r ON r.code = e.region_code AND r.publication_id"
            f" = e.publication_id WHERE e.publication_id = {PUB} AND r.level = 1 AND e.year = 2020 AND e.class_code "
            f"LIKE '210%' GROUP BY r.code"))]
    result = ask_yb("2020年各省份卫生健康支出的中位数是多少")
    answer = result["answer"]
    assert answer["kind"] == "figure" and len(fens) % 2 == 1, result["understood"]
    assert Decimal(str(answer["value"])) == _median(fens)
    assert len(answer["rows"]) == 1 and result["links"]["rows"][0]["records"], result["links"]
    assert "中位数" in result["understood"]


def test_an_even_number_of_regions_takes_the_two_middle_ones(ask_demo, db):
    fens = [int(f) for (f,) in db.execute(
        f"SELECT SUM(e.amount_fen) FROM expenditures e JOIN regions r ON r.code = e.region_code AND r.publication_id = "
        f"e.publication_id WHERE e.publication_id = {PUB} AND r.level = 1 AND e.year = 2024 GROUP BY r.code")]
    result = ask_demo("2024年各区县支出的中位数")
    answer = result["answer"]
    assert len(fens) % 2 == 0 and len(answer["rows"]) == 2, result["understood"]
    assert Decimal(str(answer["value"])) == _median(fens)
    assert [len(row["records"]) for row in result["links"]["rows"]] == [1, 1]


@pytest.mark.parametrize("question", ["2025年项目总投资的中位数", "今年高龄津贴每笔金额的中位数"])
def test_a_median_of_something_else_is_declined(ask_demo, question):
    assert ask_demo(question)["answer"]["kind"] == "decline"
