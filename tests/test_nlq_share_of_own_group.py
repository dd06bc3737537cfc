"""A region's share of a group it belongs to (「湖南支出占中部地区的比重」): the part is the place named before 占,
not the group's regions (read together, the part became the whole and the share 100 %). Expected by straight SQL."""
from decimal import Decimal

from sqlalchemy import text

PUB = "(SELECT max(id) FROM publications WHERE status = 'published')"
CENTRAL = ("山西省", "安徽省", "江西省", "河南省", "湖北省", "湖南省")


def _fen(app, names, year):
    marks = ", ".join(f":n{i}" for i in range(len(names)))
    with app.extensions["mingzhang.engine"].connect() as conn:
        return conn.execute(text(
            f"SELECT SUM(e.amount_fen) FROM expenditures e JOIN regions r ON r.code = e.region_code AND "
            f"r.publication_id = e.publication_id WHERE e.publication_id = {PUB} AND e.year = :year AND r.name IN ({marks})"),
            {"year": year, **{f"n{i}": n for i, n in enumerate(names)}}).one()[0]


def test_a_province_share_of_its_own_group(ask_yb, yearbook_app):
    result = ask_yb("2021年湖南支出占中部地区支出的比重是多少")
    answer = result["answer"]
    expected = round(_fen(yearbook_app, ["湖南省"], 2021) / _fen(yearbook_app, CENTRAL, 2021) * 100, 1)
    assert answer["unit"] == "%" and answer["value"] < 100, result["understood"]
    assert round(Decimal(str(answer["value"])), 1) == Decimal(str(expected))
    assert result["understood"].startswith("2021年湖南省总支出占")
