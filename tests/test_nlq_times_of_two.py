"""「A是B的几倍」 (issue #18): two figures named, both shown and each linked to its records, and the first over the
second as the answer; a ratio of something no comparison computes still declines."""
import datetime as dt

import pytest
from conftest import ask_at
from sqlalchemy import text
from support.answers import PUBLISHED, assert_declined


def _spent(db, year, region, class_prefix=""):
    return db.execute(f"SELECT SUM(e.amount_fen) FROM expenditures e JOIN regions r ON r.code = e.region_code AND "
                      f"r.publication_id = e.publication_id WHERE e.publication_id = {PUBLISHED} AND e.year = ? "
                      "AND r.name = ? AND e.class_code LIKE ?", (year, region, class_prefix + "%")).fetchone()[0]


def test_a_district_class_over_another_districts(ask_demo, db):
    want = round(_spent(db, 2024, "枫林区", "208") / _spent(db, 2024, "星桥区", "208"), 2)
    result = ask_demo("2024年枫林区社会保障和就业支出是星桥区的多少倍")
    answer = result["answer"]
    assert (answer["value"], answer["unit"]) == (want, "倍"), result["understood"]
    assert [row[0] for row in answer["rows"]] == ["枫林区", "星桥区"] and len(result["links"]["rows"]) == 2


def test_two_budgets_as_a_ratio(ask_demo, db):
    fen = [db.execute(f"SELECT SUM(b.budget_fen) FROM budgets b JOIN regions r ON r.code = b.region_code AND "
                      f"r.publication_id = b.publication_id WHERE b.publication_id = {PUBLISHED} AND b.year = 2025 "
                      "AND r.name = ?", (name,)).fetchone()[0] for name in ("澄湖区", "梅溪县")]
    result = ask_demo("去年澄湖区的预算是梅溪县预算的几倍")
    assert result["answer"]["value"] == round(fen[0] / fen[1], 2), result["understood"]


def test_two_provinces_on_the_yearbook(yearbook_app):
    with yearbook_app.extensions["mingzhang.engine"].connect() as conn:
        fen = [conn.execute(text("SELECT SUM(e.amount_fen) FROM expenditures e JOIN regions r ON r.code = e.region_code "
                                 "AND r.publication_id = e.publication_id WHERE e.publication_id = " + PUBLISHED +
                                 " AND e.year = 2020 AND r.name = :n"), {"n": n}).scalar() for n in ("山东省", "海南省")]
    result = ask_at(yearbook_app, "2020年山东支出是海南的几倍", as_of=dt.date(2026, 10, 31))
    assert result["answer"]["value"] == pytest.approx(round(fen[0] / fen[1], 2)), result["understood"]


def test_a_ratio_of_rates_still_declines(ask_demo):
    assert_declined(ask_demo("2025年枫林区执行率是星桥区的几倍"))


def test_more_times_than_is_not_read_as_a_ratio(ask_demo):
    assert_declined(ask_demo("2025年枫林区支出比星桥区多几倍"))
