"""Several projects bearing the very same name (other years, other places): a question naming it with no year or
region that tells them apart is never answered with one of them picked silently (issue #18, nlq_blind21 [a
project name shared by several projects]); it is declined listing them, and a year that leaves one is answered."""
from collections import Counter

import pytest

PUBLISHED = "(SELECT max(id) FROM publications WHERE status = 'published')"


@pytest.fixture(scope="module")
def shared(db):
    """(name, [(code, year)]) of a name borne by projects in different places, one of them alone in its year."""
    rows = db.execute(f"SELECT name, code, year, region_code FROM projects WHERE publication_id = {PUBLISHED} "
                      "ORDER BY code").fetchall()
    by_name, regions = {}, {}
    for name, code, year, region in rows:
        by_name.setdefault(name, []).append((code, year))
        regions.setdefault(name, set()).add(region)
    for name, projects in sorted(by_name.items()):
        years = Counter(year for _code, year in projects)
        if len(regions[name]) >= 2 and any(n == 1 for n in years.values()):
            return name, projects
    pytest.skip("no shared project name in the demo")


def test_a_shared_name_is_declined_listing_them(ask_demo, shared):
    name, projects = shared
    result = ask_demo(f"{name}已经支付了多少钱")
    assert result["decline"]["reason"] == "unsure", result["understood"]
    assert f"{len(projects)}个项目" in result["understood"] and all(code in result["understood"] for code, _ in projects)


def test_a_year_that_leaves_one_answers(ask_demo, shared):
    name, projects = shared
    year = next(y for y in sorted({y for _c, y in projects}) if sum(1 for _c, y2 in projects if y2 == y) == 1)
    result = ask_demo(f"{year}年的{name}已经支付了多少钱")
    assert result["decline"] is None and result["answer"]["value"] is not None, result["understood"]
