"""「区县合计比市本级少花了多少」 (issue #18): the districts' total set against the city's own rows is two places and
their difference, whichever is named first — never the districts' total alone with the city level dropped."""
import pytest
from support.answers import PUBLISHED


def _spent(db, year, city_level):
    where = "region_code = (SELECT code FROM regions WHERE publication_id = {p} AND parent_code IS NULL)"
    if not city_level:
        where = "NOT " + where
    statement = (f"SELECT SUM(amount_fen) FROM expenditures WHERE publication_id = {PUBLISHED} AND year = ? AND "
                 + where.format(p=PUBLISHED))
    return db.execute(statement, (year,)).fetchone()[0] / 100


@pytest.mark.parametrize("question, sign", [("2025年区县合计比市本级少花了多少", -1),
                                            ("2025年市本级比区县合计多花了多少", 1)])
def test_the_difference_of_the_two_places_whichever_comes_first(ask_demo, db, question, sign):
    result = ask_demo(question)
    gap = _spent(db, 2025, city_level=True) - _spent(db, 2025, city_level=False)
    assert result["answer"]["value"] == pytest.approx(sign * gap, abs=0.01), result["understood"]
    assert "市本级" in result["answer"]["sentence"] and "区县合计" in result["answer"]["sentence"]
