"""Several groups of regions side by side (issue #18): each group named — a [region_groups] word the publication
has whole, a level named whole (「五个县」), the level together beside 市本级 (「区县」) — is one place, its regions
summed, one row each with its own records; 「A比B多多少」 over two groups is their difference. Groups that overlap,
or one sum of both, are not read side by side. Expected values by straight SQL."""
import pytest
from sqlalchemy import text

PUB = "(SELECT max(id) FROM publications WHERE status = 'published')"
SPENT = (f"SELECT SUM(e.amount_fen) FROM expenditures e JOIN regions r ON r.code = e.region_code AND r.publication_id = "
         f"e.publication_id WHERE e.publication_id = {PUB} AND e.year = :year AND e.class_code LIKE :cls AND r.name IN ")
NORTH_EAST = ("辽宁省", "吉林省", "黑龙江省")
CENTRAL = ("山西省", "安徽省", "江西省", "河南省", "湖北省", "湖南省")
CAPITAL = ("北京市", "天津市", "河北省")


def _yuan_yb(app, names, year, cls="%"):
    with app.extensions["mingzhang.engine"].connect() as conn:
        marks = ", ".join(f":n{i}" for i in range(len(names)))
        (fen,) = conn.execute(text(SPENT + f"({marks})"), {"year": year, "cls": cls,
                                                            **{f"n{i}": n for i, n in enumerate(names)}}).one()
    return fen / 100


def _row(answer, label):
    return next(row for row in answer["rows"] if label in row[0])


def test_two_groups_of_provinces_each_summed(ask_yb, yearbook_app):
    result = ask_yb("2021年中部和东北地区的教育支出各自是多少")
    answer = result["answer"]
    assert answer["kind"] == "table" and len(answer["rows"]) == 2, result["understood"]
    assert _row(answer, "中部")[1] == pytest.approx(_yuan_yb(yearbook_app, CENTRAL, 2021, "205%"), abs=0.01)
    assert _row(answer, "东北")[1] == pytest.approx(_yuan_yb(yearbook_app, NORTH_EAST, 2021, "205%"), abs=0.01)
    assert "辽宁省" in result["understood"]  # what the group stands for is said


def test_one_group_set_against_another_is_their_difference(ask_yb, yearbook_app):
    result = ask_yb("2020年京津冀比东北三省多花了多少")
    answer = result["answer"]
    expected = _yuan_yb(yearbook_app, CAPITAL, 2020) - _yuan_yb(yearbook_app, NORTH_EAST, 2020)
    assert answer["kind"] == "figure" and answer["value"] == pytest.approx(expected, abs=0.01), result["understood"]
    assert "多" in result["sentence"] and len(answer["rows"]) == 2


def test_each_group_links_its_own_records(ask_yb):
    result = ask_yb("2022年京津冀、东北三省的支出分别是多少")
    rows = result["links"]["rows"]
    assert len(rows) == 2 and all(row["records"] for row in rows), result["links"]


def test_one_sum_over_two_groups_is_not_split(ask_yb):
    result = ask_yb("京津冀和东北三省2022年支出加起来是多少")
    assert not result["answer"].get("kind") == "table" or len(result["answer"].get("rows") or []) != 2, \
        result["understood"]


def _city(db, year, codes_sql, measure="expenditures", column="amount_fen"):
    (fen,) = db.execute(f"SELECT SUM({column}) FROM {measure} WHERE publication_id = {PUB} AND year = ? AND region_code "
                        f"IN ({codes_sql})", (year,)).fetchone()
    return fen / 100


def test_the_districts_and_the_counties_side_by_side(ask_demo, db):
    result = ask_demo("2024年五个区一共和五个县一共各花了多少")
    answer = result["answer"]
    assert answer["kind"] == "table", result["understood"]
    districts = f"SELECT code FROM regions WHERE publication_id = {PUB} AND level = 1 AND name LIKE '%区'"
    counties = f"SELECT code FROM regions WHERE publication_id = {PUB} AND level = 1 AND name LIKE '%县'"
    assert _row(answer, "五个区")[1] == pytest.approx(_city(db, 2024, districts), abs=0.01)
    assert _row(answer, "五个县")[1] == pytest.approx(_city(db, 2024, counties), abs=0.01)


def test_the_city_level_beside_the_districts_together(ask_demo, db):
    result = ask_demo("2025年的预算市本级和区县分别有多少")
    answer = result["answer"]
    assert answer["kind"] == "table", result["understood"]
    own = f"SELECT code FROM regions WHERE publication_id = {PUB} AND level = 0"
    below = f"SELECT code FROM regions WHERE publication_id = {PUB} AND level = 1"
    assert _row(answer, "市本级")[1] == pytest.approx(_city(db, 2025, own, "budgets", "budget_fen"), abs=0.01)
    assert _row(answer, "区县")[1] == pytest.approx(_city(db, 2025, below, "budgets", "budget_fen"), abs=0.01)


def test_the_city_level_and_the_districts_together_stay_the_whole_city(ask_demo):
    result = ask_demo("市本级和区县合起来2025年花了多少")
    assert result["answer"]["kind"] == "figure" and "示例市" in result["understood"], result["understood"]


@pytest.mark.parametrize("question", ["2023年东部和西部地区总支出各是多少", "东北三省和京津冀去年教育支出分别多少"])
def test_a_publication_without_the_groups_still_declines(ask_demo, question):
    assert ask_demo(question)["answer"]["kind"] == "decline"
