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



@pytest.mark.parametrize("digits", [3, 5])
def test_a_class_code_typed_alone_is_that_class(ask_demo, db, digits):
    """Staff shorthand 「全市 21401 预算 2026」: the code was dropped and the total of every class answered."""
    code, name = db.execute(
        "SELECT f.code, f.name FROM func_classes f WHERE length(f.code) = ? AND EXISTS (SELECT 1 FROM budgets b "
        "WHERE b.class_code LIKE f.code || '%') ORDER BY f.code LIMIT 1", (digits,)).fetchone()
    year = db.execute("SELECT max(year) FROM budgets").fetchone()[0]
    by_code, by_name = ask_demo(f"全市 {code} 预算 {year}"), ask_demo(f"全市 {name} 预算 {year}")
    assert by_code["answer"]["kind"] == "figure", by_code["understood"]
    assert by_code["query"]["classes"] == [code] and name in by_code["understood"]
    assert by_code["answer"]["value"] == by_name["answer"]["value"]


def test_an_amount_or_a_project_code_is_no_class_code(ask_demo, db):
    project = db.execute("SELECT code FROM projects ORDER BY code LIMIT 1").fetchone()[0]
    assert ask_demo(f"{project}")["query"]["classes"] == []
    assert ask_demo("去年全市卫生健康支出205万元吗")["query"]["classes"] == ["210"]  # 205 is 教育 as a code
