"""Keyword-style queries typed into the one box (「鹭洲区 教育支出 2025」): a year typed as a word of its own
is the year asked, never silently replaced by the current year (issue #18, tasks_blind3's first run)."""

import pytest


def _region(db):
    return db.execute("SELECT name FROM regions WHERE level = 1 ORDER BY code LIMIT 1").fetchone()[0]


def _spent(db, region, year, class_prefix):
    (fen,) = db.execute(
        "SELECT SUM(e.amount_fen) FROM expenditures e JOIN regions r ON r.code = e.region_code "
        "AND r.publication_id = e.publication_id WHERE r.name = ? AND e.year = ? AND e.class_code LIKE ?",
        (region, year, class_prefix + "%")).fetchone()
    return round(fen / 100, 2)


@pytest.mark.parametrize("template", ["{region} 教育支出 {year}", "{year} {region} 教育支出"])
def test_a_bare_year_between_spaces_is_the_year_asked(ask_demo, db, template):
    region = _region(db)
    year = db.execute("SELECT max(year) FROM expenditures").fetchone()[0] - 1
    result = ask_demo(template.format(region=region, year=year))
    assert result["answer"]["kind"] == "figure", result["understood"]
    assert result["query"]["period"]["year_from"] == year
    assert result["answer"]["value"] == _spent(db, region, year, "205")

